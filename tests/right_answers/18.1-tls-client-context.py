import ssl

import aiohttp


async def fetch_trusting(url: str, ca_file: str) -> str:
    """A bare client context (it verifies certificates and names, and trusts nothing yet), then the CA loaded."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(cafile=ca_file)
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=context) as resp:
            if resp.status >= 400:
                raise aiohttp.ClientResponseError(resp.request_info, resp.history, status=resp.status)
            return await resp.text()
