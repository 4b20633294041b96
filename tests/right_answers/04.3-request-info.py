import aiohttp


async def sent_url(session: aiohttp.ClientSession, url: str, params) -> str:
    async with session.get(url, params=params) as resp:
        resp.raise_for_status()
        return str(resp.request_info.url)
