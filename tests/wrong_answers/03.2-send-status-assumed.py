# expect: the server answered 201
"""The text is right, but the status is assumed to be 200."""


async def send(session, method, url, body=None):
    async with session.request(method, url, data=body) as resp:
        return 200, await resp.text()
