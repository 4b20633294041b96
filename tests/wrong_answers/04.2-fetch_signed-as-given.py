# expect: the same values, written with other escapes
import aiohttp


async def fetch_signed(session: aiohttp.ClientSession, signed_url: str) -> bytes:
    # The server decodes the same values from what yarl sends (a check of its args would pass),
    # but yarl rewrote %2F as / and %c3 as %C3: the signature no longer matches.
    async with session.get(signed_url) as resp:
        resp.raise_for_status()
        return await resp.read()
