# expect: the three requests came over 3 connections
import aiohttp


async def fetch_all(base_url: str, api_key: str) -> list[str]:
    # Every request carries exactly the right headers, so a check of headers alone would accept it; but each
    # session has its own connection pool, and nothing is reused.
    headers = {"X-Api-Key": api_key, "User-Agent": "inventory-client/1.0", "Accept": "application/json"}
    bodies = []
    for path, accept in (("/items/1", "application/json"), ("/report", "text/csv"), ("/items/2", "application/json")):
        async with aiohttp.ClientSession(headers={**headers, "Accept": accept}) as session:
            async with session.get(f"{base_url}{path}") as resp:
                bodies.append(await resp.text())
    return bodies
