from decimal import Decimal

import aiohttp
import pytest
from aiohttp import web

PRICE = "12.50"


def make_flaky_api(failures: int) -> tuple[web.Application, list[str]]:
    """A fake defined next to the test, as in the lesson: the check writes it (and PRICE) into the test file too."""
    seen: list[str] = []

    async def price(request: web.Request) -> web.Response:
        seen.append(request.path)
        if len(seen) <= failures:
            return web.json_response({"error": "try again later"}, status=503)
        return web.json_response({"symbol": request.match_info["symbol"], "price": PRICE})

    app = web.Application()
    app.router.add_get("/prices/{symbol}", price)
    return app, seen


async def test_fetch_price_with_retries(aiohttp_server):
    for failures, expected in ((2, Decimal(PRICE)), (3, None)):
        app, seen = make_flaky_api(failures)
        server = await aiohttp_server(app)
        async with aiohttp.ClientSession(base_url=server.make_url("/")) as session:
            if expected is None:
                with pytest.raises(aiohttp.ClientResponseError) as caught:
                    await fetch_price_with_retries(session, "ACME")  # noqa: F821
                assert caught.value.status == 503
            else:
                assert await fetch_price_with_retries(session, "ACME") == expected  # noqa: F821
        assert len(seen) == 3, f"{failures} failures: the fake saw {len(seen)} requests"
