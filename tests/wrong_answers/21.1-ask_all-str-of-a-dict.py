# expect: which is not JSON
import aiohttp


async def ask_all(session: aiohttp.ClientSession, url: str, questions: list[dict]) -> list[dict]:
    answers = []
    async with session.ws_connect(url) as ws:
        for question in questions:
            await ws.send_str(str(question))  # Python's notation, with single quotes: not JSON
            answers.append(await ws.receive_json())
    return answers
