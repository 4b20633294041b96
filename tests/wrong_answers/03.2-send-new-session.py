# expect: did not go through the session passed to send
"""The right request, but from a one-shot aiohttp.request(), not through the session given."""

import aiohttp


async def send(session, method, url, body=None):
    async with aiohttp.request(method, url, data=body) as resp:
        return resp.status, await resp.text()
