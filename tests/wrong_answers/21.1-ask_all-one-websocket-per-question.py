# expect: WebSockets for
import aiohttp


async def ask_all(session: aiohttp.ClientSession, url: str, questions: list[dict]) -> list[dict]:
    answers = []
    for question in questions:  # right answers, but a new connection and handshake for every question
        async with session.ws_connect(url) as ws:
            await ws.send_json(question)
            answers.append(await ws.receive_json())
    return answers
