# expect: you returned the whole JSON answer
import aiohttp


async def user_agent_seen_by_server(base_url: str):
    async with aiohttp.request("GET", f"{base_url}/user-agent") as resp:
        return await resp.json()  # the whole body, not the field
