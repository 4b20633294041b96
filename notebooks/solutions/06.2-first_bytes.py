import aiohttp


async def first_bytes(session: aiohttp.ClientSession, url: str, n: int) -> bytes:
    """Return exactly the first n bytes of the body of url, without downloading the rest."""
    async with session.get(url) as resp:
        resp.raise_for_status()  # an error page's first bytes are not the body's
        return await resp.content.readexactly(n)  # waits until n bytes have arrived; read(n) may return fewer
    # Leaving the block closes the response: the rest of the body is never downloaded.
