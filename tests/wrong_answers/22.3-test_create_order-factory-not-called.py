# expect: aiohttp_client takes an Application (or a started server), not the function that makes one
async def test_create_order(aiohttp_client):
    client = await aiohttp_client(make_fake_api)  # noqa: F821 - the function, not the app it makes
    assert await create_order(client, "ACME", 3) == 1  # noqa: F821
