import aiohttp


async def ask_all(session: aiohttp.ClientSession, url: str, questions: list[dict]) -> list[dict]:
    """Every question sent at once, then the answers read: the server answers them in the order they came."""
    async with session.ws_connect(url) as ws:
        for question in questions:
            await ws.send_json(question)
        return [await ws.receive_json() for _ in questions]
