# expect: bytes among them are the data of binary messages
import aiohttp


async def collect_until_close(session: aiohttp.ClientSession, url: str) -> tuple[list[str], int]:
    async with session.ws_connect(url) as ws:
        everything = [msg.data async for msg in ws]  # binary messages' bytes too
        return everything, ws.close_code
