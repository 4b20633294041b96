# expect: the report is text/csv: give that one request its own headers=
import aiohttp


async def fetch_all(base_url: str, api_key: str) -> list[str]:
    headers = {"X-Api-Key": api_key, "User-Agent": "inventory-client/1.0", "Accept": "application/json"}
    bodies = []
    async with aiohttp.ClientSession(headers=headers) as session:
        for path in ("/items/1", "/report", "/items/2"):  # the report asks for JSON like the rest
            async with session.get(f"{base_url}{path}") as resp:
                bodies.append(await resp.text())
    return bodies
