# expect: Count the orders of this app (not of every app, and not the refused ones)
import itertools
import json

from aiohttp import web

ORDERS = web.AppKey("orders", dict)
IDS = web.AppKey("ids", itertools.count)


def error(status, message):
    return web.json_response({"error": message}, status=status)


async def create_order(request):
    order_id = next(request.app[IDS])  # taken before the body is checked: a refused order uses up an id
    if request.content_type != "application/json":
        return error(400, "send JSON")
    try:
        body = await request.json()
    except json.JSONDecodeError:
        return error(400, "not JSON")
    if not isinstance(body, dict):
        return error(400, "not an object")
    symbol, quantity = body.get("symbol"), body.get("quantity")
    if not isinstance(symbol, str) or not symbol or not isinstance(quantity, int) or quantity < 1:
        return error(400, "bad order")
    order = {"id": order_id, "symbol": symbol, "quantity": quantity}
    request.app[ORDERS][order_id] = order
    return web.json_response(order, status=201)


async def read_order(request):
    order = request.app[ORDERS].get(int(request.match_info["id"]))
    if order is None:
        return error(404, "no such order")
    return web.json_response(order)


def make_fake_api():
    app = web.Application()
    app[ORDERS] = {}
    app[IDS] = itertools.count(1)
    app.router.add_post("/orders", create_order)
    app.router.add_get(r"/orders/{id:\d+}", read_order)
    return app
