async def test_create_order(aiohttp_server, aiohttp_client):
    """The fake started with aiohttp_server, the client made for that server; the order read back field by field."""
    server = await aiohttp_server(make_fake_api())  # noqa: F821
    client = await aiohttp_client(server)
    assert await create_order(client, "GLOBEX", 12) == 1  # noqa: F821
    resp = await client.get("orders/1")  # the TestClient closes its responses at the end of the test
    stored = await resp.json()
    assert resp.status == 200
    assert stored["symbol"] == "GLOBEX"
    assert stored["quantity"] == 12
