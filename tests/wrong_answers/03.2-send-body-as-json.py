# expect: json= would encode it as JSON
"""The body sent with json=: the server receives it JSON-encoded, in quotes."""


async def send(session, method, url, body=None):
    async with session.request(method, url, json=body) as resp:
        return resp.status, await resp.text()
