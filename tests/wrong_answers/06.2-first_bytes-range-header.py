# expect: had not returned after
import aiohttp


async def first_bytes(session: aiohttp.ClientSession, url: str, n: int) -> bytes:
    # A Range request, then the whole (supposedly short) body: a server may ignore Range and send everything.
    async with session.get(url, headers={"Range": f"bytes=0-{n - 1}"}) as resp:
        resp.raise_for_status()
        return (await resp.read())[:n]
