# expect: those are the right bytes decoded with another charset
import aiohttp
import charset_normalizer


async def read_text(session: aiohttp.ClientSession, url: str, charset: str) -> str:
    async with session.get(url) as resp:
        body = await resp.read()
        guess = charset_normalizer.from_bytes(body).best()  # a guess: wrong for short texts such as these
        return body.decode(guess.encoding if guess else charset)
