# expect: your code sent GET
"""Every request is a GET, whatever the method asked for."""


async def send(session, method, url, body=None):
    async with session.get(url, data=body) as resp:
        return resp.status, await resp.text()
