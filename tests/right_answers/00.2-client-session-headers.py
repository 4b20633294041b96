"""A ClientSession, and the /headers echo instead of /user-agent: the same header, as the server saw it."""

import aiohttp


async def user_agent_seen_by_server(base_url: str) -> str:
    async with aiohttp.ClientSession() as session, session.get(f"{base_url}/headers") as resp:
        resp.raise_for_status()
        echo = await resp.json()
    return echo["headers"]["User-Agent"]
