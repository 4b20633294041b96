# expect: catch it and return None
import aiohttp


async def fetch_text_unless_stalled(session: aiohttp.ClientSession, url: str, idle: float):
    try:
        async with session.get(url, timeout=aiohttp.ClientTimeout(sock_read=idle)) as resp:
            resp.raise_for_status()
            return await resp.text()
    except (aiohttp.ClientConnectorError, aiohttp.ServerDisconnectedError):  # not the timeout that fires
        return None
