import aiohttp


async def user_agent_seen_by_server(base_url: str) -> str:
    async with aiohttp.request("GET", f"{base_url}/user-agent") as resp:
        resp.raise_for_status()  # an error answer raises here instead of being read as if it were the data
        body = await resp.json()
    return body["user-agent"]
