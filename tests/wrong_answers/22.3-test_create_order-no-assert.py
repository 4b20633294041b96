# expect: ignores the status and returns None
async def test_create_order(aiohttp_client):
    client = await aiohttp_client(make_fake_api())  # noqa: F821
    order_id = await create_order(client, "ACME", 3)  # noqa: F821
    print("created order", order_id)  # a test that cannot fail
