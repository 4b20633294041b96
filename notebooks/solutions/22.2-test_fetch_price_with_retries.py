# fetch_price_with_retries is the code under test: the test file the check writes imports it (hence the noqa).
from decimal import Decimal

import aiohttp
import pytest
from aiohttp import web


async def test_fetch_price_with_retries(aiohttp_server):
    """Two 503s, then the price: the price, after 3 requests. Nothing but 503s: ClientResponseError 503, after 3."""

    async def fake_upstream(failures: int):
        """Serve a fake that answers 503 to its first `failures` requests, then the price; its URL and its requests."""
        seen: list[str] = []

        async def price(request: web.Request) -> web.Response:
            seen.append(request.path)
            if len(seen) <= failures:
                return web.json_response({"error": "try again later"}, status=503)
            return web.json_response({"symbol": request.match_info["symbol"], "price": "12.50"})

        app = web.Application()
        app.router.add_get("/prices/{symbol}", price)
        server = await aiohttp_server(app)
        return server.make_url("/"), seen

    url, seen = await fake_upstream(failures=2)
    async with aiohttp.ClientSession(base_url=url) as session:
        price = await fetch_price_with_retries(session, "ACME")  # noqa: F821
    assert price == Decimal("12.50")
    assert len(seen) == 3, f"the fake saw {len(seen)} requests"

    url, seen = await fake_upstream(failures=1_000)
    async with aiohttp.ClientSession(base_url=url) as session:
        with pytest.raises(aiohttp.ClientResponseError) as caught:
            await fetch_price_with_retries(session, "ACME")  # noqa: F821
    assert caught.value.status == 503
    assert len(seen) == 3, f"the fake saw {len(seen)} requests"
