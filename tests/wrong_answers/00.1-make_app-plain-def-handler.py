# expect: the handler bye is a plain `def`: write it as `async def bye(request)`
"""Every route answers right: aiohttp 3.14 wraps the plain function, with only a DeprecationWarning."""

from aiohttp import web


async def home(request: web.Request) -> web.Response:
    return web.Response(text="<h1>Hello, aiohttp!</h1>", content_type="text/html")


async def hello(request: web.Request) -> web.Response:
    return web.Response(text=f"Hello, {request.match_info['name']}!")


def bye(request: web.Request) -> web.Response:  # awaits nothing, so why not a plain def?
    return web.Response(text=f"Goodbye, {request.match_info['name']}!")


def make_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/", home)
    app.router.add_get("/hello/{name}", hello)
    app.router.add_get("/bye/{name}", bye)
    return app
