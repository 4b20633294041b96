import aiohttp


async def fetch_text_unless_stalled(session: aiohttp.ClientSession, url: str, idle: float):
    """Return the body of url as text, or None once the server has been silent for more than idle seconds."""
    # sock_read bounds each silence (before the headers, and between pieces of the body), not the whole body;
    # sock_connect bounds the silence of a host that never completes the connection.
    timeout = aiohttp.ClientTimeout(sock_connect=idle, sock_read=idle)
    try:
        async with session.get(url, timeout=timeout) as resp:
            resp.raise_for_status()
            return await resp.text()
    except aiohttp.SocketTimeoutError:
        return None
