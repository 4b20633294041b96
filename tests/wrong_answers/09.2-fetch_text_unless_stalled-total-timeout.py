# expect: it gave up on a server that was still sending
import aiohttp


async def fetch_text_unless_stalled(session: aiohttp.ClientSession, url: str, idle: float):
    # Both stalls end in None at the right time: only a slow but steady body shows that total bounds the whole.
    try:
        async with session.get(url, timeout=aiohttp.ClientTimeout(total=idle)) as resp:
            resp.raise_for_status()
            return await resp.text()
    except TimeoutError:
        return None
