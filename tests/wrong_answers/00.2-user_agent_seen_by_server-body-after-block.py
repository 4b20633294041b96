# expect: Read the body inside the block
"""The body is read after the `async with` block has closed the response."""

import aiohttp


async def user_agent_seen_by_server(base_url: str) -> str:
    async with aiohttp.request("GET", f"{base_url}/user-agent") as resp:
        pass
    return (await resp.json())["user-agent"]
