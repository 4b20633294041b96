# expect: GET / answered 404: keep the lesson's home route
"""/hello and /bye answer as they should, but the lesson's `/` is gone: the app has only two routes."""

from aiohttp import web


async def hello(request: web.Request) -> web.Response:
    return web.Response(text=f"Hello, {request.match_info['name']}!")


async def bye(request: web.Request) -> web.Response:
    return web.Response(text=f"Goodbye, {request.match_info['name']}!")


def make_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/hello/{name}", hello)
    app.router.add_get("/bye/{name}", bye)
    return app
