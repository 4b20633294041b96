# expect: aiohttp's default: put 'User-Agent': 'inventory-client/1.0' in the session's default headers
import aiohttp


async def fetch_all(base_url: str, api_key: str) -> list[str]:
    headers = {"X-Api-Key": api_key, "Accept": "application/json"}  # no User-Agent: aiohttp's own goes out
    bodies = []
    async with aiohttp.ClientSession(headers=headers) as session:
        for path, own in (("/items/1", None), ("/report", {"Accept": "text/csv"}), ("/items/2", None)):
            async with session.get(f"{base_url}{path}", headers=own) as resp:
                bodies.append(await resp.text())
    return bodies
