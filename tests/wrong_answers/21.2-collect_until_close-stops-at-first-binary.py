# expect: it stopped at the first message that is not text
import aiohttp
from aiohttp import WSMsgType


async def collect_until_close(session: aiohttp.ClientSession, url: str) -> tuple[list[str], int]:
    texts = []
    async with session.ws_connect(url) as ws:
        async for msg in ws:
            if msg.type is not WSMsgType.TEXT:
                break  # a binary message is not the end
            texts.append(msg.data)
    return texts, ws.close_code  # 1000: the code of its own close, on leaving the block
