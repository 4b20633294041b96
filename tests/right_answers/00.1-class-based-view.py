"""/bye/{name} served by a class-based web.View; the other two with add_routes([web.get(...)])."""

from aiohttp import web


async def home(request: web.Request) -> web.Response:
    return web.Response(text="<h1>Hello, aiohttp!</h1>", content_type="text/html")


async def hello(request: web.Request) -> web.Response:
    return web.Response(text=f"Hello, {request.match_info['name']}!")


class Bye(web.View):
    async def get(self) -> web.Response:
        return web.Response(text=f"Goodbye, {self.request.match_info['name']}!")


def make_app() -> web.Application:
    app = web.Application()
    app.add_routes([web.get("/", home), web.get("/hello/{name}", hello), web.view("/bye/{name}", Bye)])
    return app
