import aiohttp
from aiohttp import hdrs
from multidict import CIMultiDict


async def fetch_all(base_url: str, api_key: str) -> list[str]:
    """The defaults as a CIMultiDict with aiohttp.hdrs names; the override spelled in lower case."""
    defaults = CIMultiDict({hdrs.USER_AGENT: "inventory-client/1.0", hdrs.ACCEPT: "application/json"})
    defaults["X-Api-Key"] = api_key
    async with aiohttp.ClientSession(headers=defaults, raise_for_status=True) as session:
        async with session.get(f"{base_url}/items/1") as resp:
            first = await resp.text()
        async with session.get(f"{base_url}/report", headers={"accept": "text/csv"}) as resp:
            report = await resp.text()
        async with session.get(f"{base_url}/items/2") as resp:
            second = await resp.text()
    return [first, report, second]
