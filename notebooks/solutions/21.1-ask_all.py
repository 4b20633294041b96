import aiohttp


async def ask_all(session: aiohttp.ClientSession, url: str, questions: list[dict]) -> list[dict]:
    """Send every question over one WebSocket to url, as JSON; return the answers in order."""
    answers = []
    async with session.ws_connect(url) as ws:  # one connection for every question; closed when the block ends
        for question in questions:
            await ws.send_json(question)
            answers.append(await ws.receive_json())
    return answers
