# expect: the request to /report carried no X-Api-Key header
import aiohttp


async def fetch_all(base_url: str, api_key: str) -> list[str]:
    headers = {"X-Api-Key": api_key, "User-Agent": "inventory-client/1.0", "Accept": "application/json"}
    bodies = []
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{base_url}/items/1", headers=headers) as resp:  # the headers go with this one only
            bodies.append(await resp.text())
        async with session.get(f"{base_url}/report", headers={"Accept": "text/csv"}) as resp:
            bodies.append(await resp.text())
        async with session.get(f"{base_url}/items/2") as resp:
            bodies.append(await resp.text())
    return bodies
