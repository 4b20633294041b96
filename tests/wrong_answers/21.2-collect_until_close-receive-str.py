# expect: receive_str() refuses a binary message
import aiohttp


async def collect_until_close(session: aiohttp.ClientSession, url: str) -> tuple[list[str], int]:
    texts = []
    async with session.ws_connect(url) as ws:
        while not ws.closed:
            texts.append(await ws.receive_str())  # raises at the first binary message
        return texts, ws.close_code
