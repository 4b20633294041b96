# expect: your test passed against a fetch_price_with_retries that never retries
from decimal import Decimal

import aiohttp
from aiohttp import web


async def test_fetch_price_with_retries(aiohttp_server):
    # Passes against the right function, and a surface check would accept it; but it never fails a request,
    # so it passes against a function without any retry too.
    async def price(request):
        return web.json_response({"symbol": request.match_info["symbol"], "price": "12.50"})

    app = web.Application()
    app.router.add_get("/prices/{symbol}", price)
    server = await aiohttp_server(app)
    async with aiohttp.ClientSession(base_url=server.make_url("/")) as session:
        assert await fetch_price_with_retries(session, "ACME") == Decimal("12.50")  # noqa: F821
