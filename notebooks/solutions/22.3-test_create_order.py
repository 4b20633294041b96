# create_order is the code under test, and make_fake_api 22.1's fake: the test file the check writes imports
# both (hence the noqa).


async def test_create_order(aiohttp_client):
    """create_order, run against the fake API: the id it returns, and the order the fake stored."""
    client = await aiohttp_client(make_fake_api())  # noqa: F821
    order_id = await create_order(client, "ACME", 3)  # noqa: F821
    assert order_id == 1
    async with client.get(f"orders/{order_id}") as resp:
        assert resp.status == 200
        assert await resp.json() == {"id": 1, "symbol": "ACME", "quantity": 3}
