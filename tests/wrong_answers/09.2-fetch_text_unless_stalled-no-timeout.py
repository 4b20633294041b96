# expect: it waited out the whole
import aiohttp


async def fetch_text_unless_stalled(session: aiohttp.ClientSession, url: str, idle: float):
    try:
        async with session.get(url) as resp:  # the session's default: 5 minutes for the whole request
            resp.raise_for_status()
            return await resp.text()
    except TimeoutError:
        return None
