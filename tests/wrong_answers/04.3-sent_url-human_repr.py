# expect: Yours is the readable form
import aiohttp


async def sent_url(session: aiohttp.ClientSession, url: str, params) -> str:
    async with session.get(url, params=params) as resp:
        resp.raise_for_status()
        return resp.url.human_repr()  # decoded for people to read: not what went over the wire
