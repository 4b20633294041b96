# expect: asks for the `loop` fixture
from decimal import Decimal

import aiohttp
from aiohttp import web


async def test_fetch_price_with_retries(loop, aiohttp_server):
    seen = []

    async def price(request):
        seen.append(request.path)
        if len(seen) <= 2:
            return web.json_response({"error": "try again later"}, status=503)
        return web.json_response({"symbol": request.match_info["symbol"], "price": "12.50"})

    app = web.Application()
    app.router.add_get("/prices/{symbol}", price)
    server = await aiohttp_server(app)
    async with aiohttp.ClientSession(base_url=server.make_url("/")) as session:
        assert await fetch_price_with_retries(session, "ACME") == Decimal("12.50")  # noqa: F821
    assert len(seen) == 3
