# expect: the User-Agent is in there, but with more around it
"""The body as text: it contains the User-Agent, so a check for a substring would accept it."""

import aiohttp


async def user_agent_seen_by_server(base_url: str) -> str:
    async with aiohttp.request("GET", f"{base_url}/user-agent") as resp:
        return await resp.text()
