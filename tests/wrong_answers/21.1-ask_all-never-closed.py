# expect: still open
import aiohttp


async def ask_all(session: aiohttp.ClientSession, url: str, questions: list[dict]) -> list[dict]:
    ws = await session.ws_connect(url)  # no async with, no close: the connection stays open after the return
    answers = []
    for question in questions:
        await ws.send_json(question)
        answers.append(await ws.receive_json())
    return answers
