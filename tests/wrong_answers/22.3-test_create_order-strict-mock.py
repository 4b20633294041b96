# expect: your test failed against a correct create_order that sends the same JSON another way
from unittest import mock


async def test_create_order(aiohttp_client):
    # A mock that checks the call: it also refuses correct code that makes the same request another way.
    resp = mock.MagicMock(status=201)
    resp.json = mock.AsyncMock(return_value={"id": 1, "symbol": "ACME", "quantity": 3})
    session = mock.MagicMock()
    session.post.return_value.__aenter__.return_value = resp
    assert await create_order(session, "ACME", 3) == 1  # noqa: F821
    session.post.assert_called_once_with("orders", json={"symbol": "ACME", "quantity": 3})
