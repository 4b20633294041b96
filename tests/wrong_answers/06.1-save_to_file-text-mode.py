# expect: more than the
import aiohttp


async def save_to_file(session: aiohttp.ClientSession, url, path) -> int:
    async with session.get(url) as resp:
        resp.raise_for_status()
        text = await resp.text(errors="replace")  # random bytes are not text: many become U+FFFD
    with open(path, "w", encoding="utf-8") as file:  # noqa: ASYNC230
        return file.write(text)
