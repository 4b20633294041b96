# expect: the User-Agent is in there, but with more around it
"""The dict turned into a str to satisfy the return type: "{'user-agent': '...'}"."""

import aiohttp


async def user_agent_seen_by_server(base_url: str) -> str:
    async with aiohttp.request("GET", f"{base_url}/user-agent") as resp:
        return str(await resp.json())
