from yarl import URL


def token_refresh_middleware(token_url: str):
    # Refreshes before the token runs out, from the token endpoint's expires_in_requests, and still on a 401;
    # the token request is kept out of the middleware by its URL instead of middlewares=().
    token_endpoint = URL(token_url)
    state = {"token": None, "uses_left": 0}

    async def fetch_token(session):
        async with session.post(token_endpoint) as resp:
            resp.raise_for_status()
            answer = await resp.json()
        state["token"], state["uses_left"] = answer["access_token"], answer["expires_in_requests"]

    async def send(request, handler):
        request.headers["Authorization"] = f"Bearer {state['token']}"
        state["uses_left"] -= 1
        return await handler(request)

    async def middleware(request, handler):
        if request.url.origin() != token_endpoint.origin() or request.url == token_endpoint:
            return await handler(request)
        if state["uses_left"] <= 0:
            await fetch_token(request.session)
        response = await send(request, handler)
        if response.status == 401:
            response.release()
            await fetch_token(request.session)
            response = await send(request, handler)
        return response

    return middleware
