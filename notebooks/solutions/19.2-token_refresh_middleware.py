import aiohttp
from aiohttp import ClientHandlerType, ClientMiddlewareType, ClientRequest, ClientResponse
from yarl import URL


def token_refresh_middleware(token_url: str) -> ClientMiddlewareType:
    """A client middleware that sends a bearer token from token_url to that origin, and refreshes it once on a 401."""
    api_origin = URL(token_url).origin()
    token: str | None = None

    async def fetch_token(session: aiohttp.ClientSession) -> None:
        nonlocal token
        # middlewares=(): this request must not pass through the middleware (which would ask for a token again).
        async with session.post(token_url, middlewares=()) as resp:
            resp.raise_for_status()
            token = (await resp.json())["access_token"]

    async def middleware(request: ClientRequest, handler: ClientHandlerType) -> ClientResponse:
        if request.url.origin() != api_origin:
            return await handler(request)  # another server (a redirect, say): it never sees the token
        if token is None:
            await fetch_token(request.session)
        request.headers["Authorization"] = f"Bearer {token}"
        response = await handler(request)
        if response.status != 401:
            return response
        response.release()  # the refused answer's connection goes back to the pool
        await fetch_token(request.session)
        request.headers["Authorization"] = f"Bearer {token}"
        return await handler(request)  # once: a second 401 goes to the caller

    return middleware
