# expect: the error page, as if it were the body
import aiohttp


async def fetch_text_unless_stalled(session: aiohttp.ClientSession, url: str, idle: float):
    try:
        async with session.get(url, timeout=aiohttp.ClientTimeout(sock_read=idle)) as resp:
            return await resp.text()
    except aiohttp.SocketTimeoutError:
        return None
