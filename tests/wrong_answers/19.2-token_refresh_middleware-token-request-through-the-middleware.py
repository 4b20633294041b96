# expect: Make the token request with middlewares=()
from yarl import URL


def token_refresh_middleware(token_url: str):
    api_origin = URL(token_url).origin()
    token = None

    async def fetch_token(session):
        nonlocal token
        async with session.post(token_url) as resp:  # through the session's middlewares: this one included
            token = (await resp.json())["access_token"]

    async def middleware(request, handler):
        if request.url.origin() != api_origin:
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
