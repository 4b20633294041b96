# expect: an API that creates something answers 201 Created
import json

from aiohttp import web

ORDERS = web.AppKey("orders", dict)


def error(status, message):
    return web.json_response({"error": message}, status=status)


async def create_order(request):
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
    orders = request.app[ORDERS]
    order = {"id": len(orders) + 1, "symbol": symbol, "quantity": quantity}
    orders[order["id"]] = order
    return web.json_response(order)


async def read_order(request):
    order = request.app[ORDERS].get(int(request.match_info["id"]))
    if order is None:
        return error(404, "no such order")
    return web.json_response(order)


def make_fake_api():
    app = web.Application()
    app[ORDERS] = {}
    app.router.add_post("/orders", create_order)
    app.router.add_get(r"/orders/{id:\d+}", read_order)
    return app
