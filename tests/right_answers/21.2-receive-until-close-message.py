import aiohttp
from aiohttp import WSMsgType


async def collect_until_close(session: aiohttp.ClientSession, url: str) -> tuple[list[str], int]:
    """receive() in a loop; the CLOSE message carries the server's code in its data."""
    texts = []
    async with session.ws_connect(url) as ws:
        while True:
            msg = await ws.receive()
            if msg.type is WSMsgType.TEXT:
                texts.append(msg.data)
            elif msg.type is WSMsgType.CLOSE:
                return texts, msg.data
            elif msg.type in (WSMsgType.CLOSED, WSMsgType.ERROR):
                raise RuntimeError(f"the connection ended without a close frame: {msg.data!r}")
