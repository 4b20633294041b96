import aiohttp


async def send(session: aiohttp.ClientSession, method: str, url: str, body: str | None = None) -> tuple[int, str]:
    async with session.request(method, url, data=body) as resp:
        return resp.status, await resp.text()
