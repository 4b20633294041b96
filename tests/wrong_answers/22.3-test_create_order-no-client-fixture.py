# expect: ask pytest for the aiohttp_client fixture
import aiohttp


async def test_create_order(aiohttp_server):
    server = await aiohttp_server(make_fake_api())  # noqa: F821
    async with aiohttp.ClientSession(base_url=server.make_url("/")) as session:
        assert await create_order(session, "ACME", 3) == 1  # noqa: F821
