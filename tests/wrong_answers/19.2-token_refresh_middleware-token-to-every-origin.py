# expect: the token reached another origin


def token_refresh_middleware(token_url: str):
    token = None

    async def fetch_token(session):
        nonlocal token
        async with session.post(token_url, middlewares=()) as resp:
            token = (await resp.json())["access_token"]

    async def middleware(request, handler):
        # Every request of the session gets the token, whatever server it is for.
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
