"""A User-Agent of its own: what the server saw is then that one, not aiohttp's default."""

import aiohttp


async def user_agent_seen_by_server(base_url: str) -> str:
    headers = {"User-Agent": "course-client/0.1"}
    async with aiohttp.request("GET", f"{base_url}/user-agent", headers=headers) as resp:
        return (await resp.json())["user-agent"]
