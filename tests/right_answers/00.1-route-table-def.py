"""The routes declared with a RouteTableDef and its decorators, and one shared handler module-wide."""

from aiohttp import web

routes = web.RouteTableDef()


@routes.get("/")
async def home(request: web.Request) -> web.Response:
    return web.Response(text="<h1>Hello, aiohttp!</h1>", content_type="text/html")


@routes.get("/hello/{name}")
async def hello(request: web.Request) -> web.Response:
    return web.Response(text=f"Hello, {request.match_info['name']}!")


@routes.get("/bye/{name}")
async def bye(request: web.Request) -> web.Response:
    return web.Response(text=f"Goodbye, {request.match_info['name']}!")


def make_app() -> web.Application:
    app = web.Application()
    app.add_routes(routes)
    return app
