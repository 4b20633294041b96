import aiohttp


async def test_create_order(aiohttp_client):
    """Two orders through create_order, then what the fake holds, through a plain session at the client's URL."""
    client = await aiohttp_client(make_fake_api())  # noqa: F821
    ids = [await create_order(client, symbol, n) for symbol, n in (("ACME", 3), ("INIT", 1))]  # noqa: F821
    assert ids == [1, 2]
    async with aiohttp.ClientSession() as session:
        for order_id, expected in ((1, {"symbol": "ACME", "quantity": 3}), (2, {"symbol": "INIT", "quantity": 1})):
            async with session.get(client.make_url(f"/orders/{order_id}")) as resp:
                assert resp.status == 200
                assert await resp.json() == {"id": order_id, **expected}
        async with session.get(client.make_url("/orders/3")) as resp:
            assert resp.status == 404
