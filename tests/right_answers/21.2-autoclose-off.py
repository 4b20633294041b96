import aiohttp


async def collect_until_close(session: aiohttp.ClientSession, url: str) -> tuple[list[str], int]:
    """autoclose=False: the server's close arrives as a message, and this code answers it itself."""
    texts = []
    async with session.ws_connect(url, autoclose=False) as ws:
        while True:
            msg = await ws.receive()
            if msg.type == aiohttp.WSMsgType.TEXT:
                texts.append(msg.data)
            elif msg.type == aiohttp.WSMsgType.CLOSE:
                code = msg.data
                await ws.close()
                return texts, code
