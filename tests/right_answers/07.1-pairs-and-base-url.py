import aiohttp


async def fetch(session: aiohttp.ClientSession, path: str, **options) -> str:
    async with session.get(path, **options) as resp:
        resp.raise_for_status()
        return await resp.text()


async def fetch_all(base_url: str, api_key: str) -> list[str]:
    """Defaults as a list of pairs, base_url on the session, a helper that passes the override through."""
    defaults = [("User-Agent", "inventory-client/1.0"), ("Accept", "application/json"), ("X-Api-Key", api_key)]
    async with aiohttp.ClientSession(base_url + "/", headers=defaults) as session:
        return [
            await fetch(session, "items/1"),
            await fetch(session, "report", headers={"Accept": "text/csv"}),
            await fetch(session, "items/2"),
        ]
