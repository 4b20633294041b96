# expect: Let aiohttp encode the values
import aiohttp


async def submit_form(session: aiohttp.ClientSession, url: str, fields: list[tuple[str, str]]) -> dict:
    body = "&".join(f"{name}={value}" for name, value in fields)  # no quoting: & and = inside a value split it
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    async with session.post(url, data=body, headers=headers) as resp:
        resp.raise_for_status()
        return await resp.json()
