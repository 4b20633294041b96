import aiohttp
from aiohttp import WSMsgType


async def collect_until_close(session: aiohttp.ClientSession, url: str) -> tuple[list[str], int]:
    """Every text message from the WebSocket at url until the server closes it, and the code it closed with."""
    texts = []
    async with session.ws_connect(url) as ws:
        async for msg in ws:  # ends when the server's close arrives (aiohttp answers it)
            if msg.type is WSMsgType.TEXT:
                texts.append(msg.data)
        return texts, ws.close_code
