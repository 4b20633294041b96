# expect: a correct create_order that makes the same request with session.request
from unittest import mock


async def test_create_order(aiohttp_client):
    # A mocked session: it answers {"id": 1} to whatever it is asked, so a wrong request passes too.
    resp = mock.MagicMock(status=201)
    resp.json = mock.AsyncMock(return_value={"id": 1, "symbol": "ACME", "quantity": 3})
    session = mock.MagicMock()
    session.post.return_value.__aenter__.return_value = resp
    assert await create_order(session, "ACME", 3) == 1  # noqa: F821
