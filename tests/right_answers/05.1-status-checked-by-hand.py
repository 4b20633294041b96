import aiohttp


async def fetch_json(session: aiohttp.ClientSession, url: str):
    """The check written out: the same exception raise_for_status() raises, with the error body read first."""
    async with session.get(url) as resp:
        if resp.status >= 400:
            detail = await resp.text()
            raise aiohttp.ClientResponseError(
                resp.request_info,
                resp.history,
                status=resp.status,
                message=f"{resp.reason}: {detail.strip()}",
                headers=resp.headers,
            )
        return await resp.json()
