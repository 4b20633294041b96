# expect: retried with the same token
from yarl import URL


def token_refresh_middleware(token_url: str):
    api_origin = URL(token_url).origin()
    token = None

    async def middleware(request, handler):
        nonlocal token
        if request.url.origin() != api_origin:
            return await handler(request)
        if token is None:
            async with request.session.post(token_url, middlewares=()) as resp:
                token = (await resp.json())["access_token"]
        request.headers["Authorization"] = f"Bearer {token}"
        response = await handler(request)
        if response.status == 401:
            response.release()
            response = await handler(request)  # the retry, with the token that was just refused
        return response

    return middleware
