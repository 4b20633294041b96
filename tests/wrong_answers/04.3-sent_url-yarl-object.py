# expect: sent_url must return the URL it sent, as a str, not URL
import aiohttp


async def sent_url(session: aiohttp.ClientSession, url: str, params) -> str:
    async with session.get(url, params=params) as resp:
        resp.raise_for_status()
        return resp.url
