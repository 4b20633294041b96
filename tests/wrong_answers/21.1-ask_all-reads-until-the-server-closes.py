# expect: ask_all waited for more than the answers
import aiohttp


async def ask_all(session: aiohttp.ClientSession, url: str, questions: list[dict]) -> list[dict]:
    async with session.ws_connect(url) as ws:
        for question in questions:
            await ws.send_json(question)
        return [msg.json() async for msg in ws]  # right answers, but it waits until the server gives up and closes
