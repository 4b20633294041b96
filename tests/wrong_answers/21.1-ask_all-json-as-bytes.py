# expect: the server received a binary message
import json

import aiohttp


async def ask_all(session: aiohttp.ClientSession, url: str, questions: list[dict]) -> list[dict]:
    answers = []
    async with session.ws_connect(url) as ws:
        for question in questions:
            await ws.send_bytes(json.dumps(question).encode())  # a binary message, not text
            answers.append(await ws.receive_json())
    return answers
