import aiohttp
import attrs


async def fetch_text_unless_stalled(session: aiohttp.ClientSession, url: str, idle: float):
    """The session's timeout with sock_read added (total stays 300 s), and every timeout caught as TimeoutError."""
    timeout = attrs.evolve(session.timeout, sock_read=idle)
    try:
        async with session.get(url, timeout=timeout) as resp:
            resp.raise_for_status()
            return await resp.text()
    except TimeoutError:
        return None
