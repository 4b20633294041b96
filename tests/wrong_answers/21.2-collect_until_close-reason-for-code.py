# expect: that is the close reason
import aiohttp
from aiohttp import WSMsgType


async def collect_until_close(session: aiohttp.ClientSession, url: str) -> tuple[list[str], int]:
    texts = []
    async with session.ws_connect(url) as ws:
        while True:
            msg = await ws.receive()
            if msg.type is WSMsgType.TEXT:
                texts.append(msg.data)
            elif msg.type is WSMsgType.CLOSE:
                return texts, msg.extra  # the reason, not the code
