# expect: your test uses `SEEN`, which the check could not write into the test file
from decimal import Decimal

from aiohttp import web

SEEN = web.AppKey("seen", list)  # a value the check cannot write back into a file (it is no plain number or string)


async def test_fetch_price_with_retries(aiohttp_client):
    async def price(request):
        request.app[SEEN].append(request.path)
        if len(request.app[SEEN]) <= 2:
            return web.json_response({"error": "try again later"}, status=503)
        return web.json_response({"price": "12.50"})

    app = web.Application()
    app[SEEN] = []
    app.router.add_get("/prices/{symbol}", price)
    client = await aiohttp_client(app)
    assert await fetch_price_with_retries(client, "ACME") == Decimal("12.50")  # noqa: F821
    assert len(app[SEEN]) == 3
