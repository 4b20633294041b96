# expect: it stopped while the server was quiet
import aiohttp
from aiohttp import WSMsgType


async def collect_until_close(session: aiohttp.ClientSession, url: str) -> tuple[list[str], int]:
    texts = []
    async with session.ws_connect(url) as ws:
        while True:
            try:
                msg = await ws.receive(timeout=0.2)  # a pause of 0.2 s taken for the end
            except TimeoutError:
                break
            if msg.type is WSMsgType.TEXT:
                texts.append(msg.data)
            elif msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSED):
                break
        return texts, ws.close_code
