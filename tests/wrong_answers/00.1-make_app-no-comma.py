# expect: GET /bye/Ada answered 'Goodbye Ada!'; expected 'Goodbye, Ada!'
"""Close, but not the text the task asks for."""

from aiohttp import web


async def home(request: web.Request) -> web.Response:
    return web.Response(text="<h1>Hello, aiohttp!</h1>", content_type="text/html")


async def hello(request: web.Request) -> web.Response:
    return web.Response(text=f"Hello, {request.match_info['name']}!")


async def bye(request: web.Request) -> web.Response:
    return web.Response(text=f"Goodbye {request.match_info['name']}!")


def make_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/", home)
    app.router.add_get("/hello/{name}", hello)
    app.router.add_get("/bye/{name}", bye)
    return app
