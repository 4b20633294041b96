# expect: the override outlived its request. Changing session.headers
import aiohttp


async def fetch_all(base_url: str, api_key: str) -> list[str]:
    headers = {"X-Api-Key": api_key, "User-Agent": "inventory-client/1.0", "Accept": "application/json"}
    bodies = []
    async with aiohttp.ClientSession(headers=headers) as session:
        async with session.get(f"{base_url}/items/1") as resp:
            bodies.append(await resp.text())
        session.headers["Accept"] = "text/csv"  # the report is right, but every later request asks for CSV too
        async with session.get(f"{base_url}/report") as resp:
            bodies.append(await resp.text())
        async with session.get(f"{base_url}/items/2") as resp:
            bodies.append(await resp.text())
    return bodies
