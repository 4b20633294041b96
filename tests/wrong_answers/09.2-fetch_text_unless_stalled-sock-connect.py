# expect: it waited out the whole
import aiohttp


async def fetch_text_unless_stalled(session: aiohttp.ClientSession, url: str, idle: float):
    try:
        # sock_connect bounds connecting only: once connected, the server may stay silent as long as it likes
        async with session.get(url, timeout=aiohttp.ClientTimeout(sock_connect=idle)) as resp:
            resp.raise_for_status()
            return await resp.text()
    except TimeoutError:
        return None
