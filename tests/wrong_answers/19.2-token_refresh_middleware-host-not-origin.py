# expect: scheme, host and port
from yarl import URL


def token_refresh_middleware(token_url: str):
    api_host = URL(token_url).host  # the host alone: another port on the same host is another server
    token = None

    async def fetch_token(session):
        nonlocal token
        async with session.post(token_url, middlewares=()) as resp:
            token = (await resp.json())["access_token"]

    async def middleware(request, handler):
        if request.url.host != api_host:
            return await handler(request)
        if token is None:
            await fetch_token(request.session)
        request.headers["Authorization"] = f"Bearer {token}"
        response = await handler(request)
        if response.status != 401:
            return response
        response.release()
        await fetch_token(request.session)
        request.headers["Authorization"] = f"Bearer {token}"
        return await handler(request)

    return middleware
