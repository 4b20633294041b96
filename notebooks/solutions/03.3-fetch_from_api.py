import aiohttp


async def fetch_from_api(api_root: str, paths: list[str]) -> list[str]:
    # base_url must end in "/"; a path starting with "/" would replace its path, a full URL overrides it.
    texts = []
    async with aiohttp.ClientSession(base_url=api_root.rstrip("/") + "/") as session:
        for path in paths:
            relative = path if path.startswith(("http://", "https://")) else path.lstrip("/")
            async with session.get(relative) as resp:
                resp.raise_for_status()
                texts.append(await resp.text())
    return texts
