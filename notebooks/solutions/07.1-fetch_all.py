import aiohttp

CLIENT_NAME = "inventory-client/1.0"
REQUESTS = (("/items/1", None), ("/report", {"Accept": "text/csv"}), ("/items/2", None))
"""Each path, with the headers of that request alone (None: the session's defaults only)."""


async def fetch_all(base_url: str, api_key: str) -> list[str]:
    """GET /items/1, /report (as text/csv) and /items/2 with one session; return the three bodies as text."""
    defaults = {"X-Api-Key": api_key, "User-Agent": CLIENT_NAME, "Accept": "application/json"}
    bodies = []
    async with aiohttp.ClientSession(headers=defaults) as session:  # every request carries the defaults
        for path, own_headers in REQUESTS:
            async with session.get(f"{base_url}{path}", headers=own_headers) as resp:  # own headers win, here only
                resp.raise_for_status()
                bodies.append(await resp.text())
    return bodies
