# expect: Keep the token, send it again with the next request
from yarl import URL


def token_refresh_middleware(token_url: str):
    # Every request succeeds (a fresh token is never refused): only the token endpoint's count shows the waste.
    api_origin = URL(token_url).origin()

    async def middleware(request, handler):
        if request.url.origin() != api_origin:
            return await handler(request)
        async with request.session.post(token_url, middlewares=()) as resp:
            resp.raise_for_status()
            token = (await resp.json())["access_token"]
        request.headers["Authorization"] = f"Bearer {token}"
        return await handler(request)

    return middleware
