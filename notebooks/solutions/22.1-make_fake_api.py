import json

from aiohttp import web

ORDERS = web.AppKey("orders", dict)
"""The orders an app has stored, by id: each app made by make_fake_api has its own."""


def error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


async def create_order(request: web.Request) -> web.Response:
    """POST /orders: a JSON object with a non-empty str symbol and an int quantity of at least 1, or 400."""
    if request.content_type != "application/json":
        return error(400, f"send the order as application/json, not {request.content_type}")
    try:
        body = await request.json()
    except json.JSONDecodeError:
        return error(400, "the body is not valid JSON")
    if not isinstance(body, dict):
        return error(400, "the body must be a JSON object")
    symbol, quantity = body.get("symbol"), body.get("quantity")
    if not isinstance(symbol, str) or not symbol:
        return error(400, "symbol must be a non-empty string")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        return error(400, "quantity must be a whole number, at least 1")
    orders = request.app[ORDERS]
    order = {"id": len(orders) + 1, "symbol": symbol, "quantity": quantity}
    orders[order["id"]] = order
    return web.json_response(order, status=201)


async def read_order(request: web.Request) -> web.Response:
    """GET /orders/{id}: the order stored under that id, or 404."""
    order = request.app[ORDERS].get(int(request.match_info["id"]))
    if order is None:
        return error(404, f"there is no order {request.match_info['id']}")
    return web.json_response(order)


def make_fake_api() -> web.Application:
    app = web.Application()
    app[ORDERS] = {}
    app.router.add_post("/orders", create_order)
    app.router.add_get(r"/orders/{id:\d+}", read_order)
    return app
