# expect: a fixture's factory returns a coroutine
async def test_create_order(aiohttp_client):
    client = aiohttp_client(make_fake_api())  # noqa: F821 - a coroutine, not yet a TestClient
    assert await create_order(client, "ACME", 3) == 1  # noqa: F821
