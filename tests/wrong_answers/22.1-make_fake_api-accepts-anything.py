# expect: POST /orders with a form body (symbol=
from aiohttp import web

ORDERS = web.AppKey("orders", dict)


async def create_order(request):
    # Trusts the client: stores whatever it is sent (a surface check that posts one valid order accepts this).
    if request.content_type == "application/json":
        body = await request.json()
    else:
        body = dict(await request.post())
    orders = request.app[ORDERS]
    order = {"id": len(orders) + 1, "symbol": body.get("symbol"), "quantity": body.get("quantity")}
    orders[order["id"]] = order
    return web.json_response(order, status=201)


async def read_order(request):
    order = request.app[ORDERS].get(int(request.match_info["id"]))
    if order is None:
        return web.json_response({"error": "no such order"}, status=404)
    return web.json_response(order)


def make_fake_api():
    app = web.Application()
    app[ORDERS] = {}
    app.router.add_post("/orders", create_order)
    app.router.add_get(r"/orders/{id:\d+}", read_order)
    return app
