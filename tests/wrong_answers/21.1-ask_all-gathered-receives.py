# expect: only one task may receive on a WebSocket
import asyncio

import aiohttp


async def ask_all(session: aiohttp.ClientSession, url: str, questions: list[dict]) -> list[dict]:
    async with session.ws_connect(url) as ws:

        async def ask(question: dict) -> dict:
            await ws.send_json(question)
            return await ws.receive_json()

        return await asyncio.gather(*(ask(question) for question in questions))  # several receive() at once
