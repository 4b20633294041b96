# expect: with a session of its own
import aiohttp


async def ask_all(session: aiohttp.ClientSession, url: str, questions: list[dict]) -> list[dict]:
    answers = []
    async with aiohttp.ClientSession() as own, own.ws_connect(url) as ws:  # not the caller's session
        for question in questions:
            await ws.send_json(question)
            answers.append(await ws.receive_json())
    return answers
