# expect: asked to send HEAD, your code sent GET
"""HEAD faked with a GET whose body is thrown away: status and text look right, but the server saw a GET."""


async def send(session, method, url, body=None):
    if method == "HEAD":
        async with session.get(url) as resp:
            return resp.status, ""
    async with session.request(method, url, data=body) as resp:
        return resp.status, await resp.text()
