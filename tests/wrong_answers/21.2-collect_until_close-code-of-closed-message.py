# expect: the code comes with the server's close
import aiohttp
from aiohttp import WSMsgType


async def collect_until_close(session: aiohttp.ClientSession, url: str) -> tuple[list[str], int]:
    texts = []
    async with session.ws_connect(url) as ws:
        while True:
            msg = await ws.receive()
            if msg.type is WSMsgType.TEXT:
                texts.append(msg.data)
            elif msg.type is WSMsgType.CLOSED:
                return texts, msg.data  # CLOSED carries no data: the code came with the CLOSE message before it
