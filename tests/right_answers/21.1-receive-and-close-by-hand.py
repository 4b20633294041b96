import json

import aiohttp
from aiohttp import WSMsgType


async def ask_all(session: aiohttp.ClientSession, url: str, questions: list[dict]) -> list[dict]:
    """receive() and the message's type checked by hand; the close in a finally block."""
    ws = await session.ws_connect(url)
    try:
        answers = []
        for question in questions:
            await ws.send_str(json.dumps(question))
            msg = await ws.receive()
            if msg.type is not WSMsgType.TEXT:
                raise RuntimeError(f"expected an answer, got {msg.type!r}")
            answers.append(json.loads(msg.data))
        return answers
    finally:
        await ws.close()
