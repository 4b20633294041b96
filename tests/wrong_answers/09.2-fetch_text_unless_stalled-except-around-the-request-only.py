# expect: must cover the reading of the body too
import aiohttp


async def fetch_text_unless_stalled(session: aiohttp.ClientSession, url: str, idle: float):
    request = session.get(url, timeout=aiohttp.ClientTimeout(sock_read=idle))
    try:
        resp = await request.__aenter__()  # a silence before the headers is caught here...
    except aiohttp.SocketTimeoutError:
        return None
    try:
        resp.raise_for_status()
        return await resp.text()  # ...but one in the middle of the body escapes
    finally:
        resp.release()
