# expect: the charset the server declared, and the declaration is wrong
import aiohttp


async def read_text(session: aiohttp.ClientSession, url: str, charset: str) -> str:
    async with session.get(url) as resp:
        # No exception and no replacement character (a surface check would accept it), but a windows-1252
        # text declared as iso-8859-1 loses its euro sign and its quotes.
        return await resp.text(encoding=resp.charset or charset)
