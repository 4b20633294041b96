# expect: GET / answered with Content-Type text/plain
"""The heading is there, but sent as plain text: a browser shows the tags instead of a heading."""

from aiohttp import web


async def home(request: web.Request) -> web.Response:
    return web.Response(text="<h1>Hello, aiohttp!</h1>")  # content_type left out


async def hello(request: web.Request) -> web.Response:
    return web.Response(text=f"Hello, {request.match_info['name']}!")


async def bye(request: web.Request) -> web.Response:
    return web.Response(text=f"Goodbye, {request.match_info['name']}!")


def make_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/", home)
    app.router.add_get("/hello/{name}", hello)
    app.router.add_get("/bye/{name}", bye)
    return app
