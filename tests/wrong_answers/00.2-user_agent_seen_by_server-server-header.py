# expect: is the answer's Server header, the server's own name
"""A header of the response rather than the JSON body: against an aiohttp server, its Server header
is "Python/3.11 aiohttp/3.14.5", the very string aiohttp's default User-Agent is."""

import aiohttp


async def user_agent_seen_by_server(base_url: str) -> str:
    async with aiohttp.request("GET", f"{base_url}/user-agent") as resp:
        return resp.headers["Server"]
