# expect: not parsed
import aiohttp


async def ask_all(session: aiohttp.ClientSession, url: str, questions: list[dict]) -> list[dict]:
    answers = []
    async with session.ws_connect(url) as ws:
        for question in questions:
            await ws.send_json(question)
            answers.append(await ws.receive_str())  # the JSON text, never parsed
    return answers
