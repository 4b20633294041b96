import aiohttp


async def sent_url(session: aiohttp.ClientSession, url: str, params) -> str:
    async with session.get(url, params=params) as resp:
        resp.raise_for_status()
        # resp.url: the query already in url, then params, escaped as they went out.
        return str(resp.url)
