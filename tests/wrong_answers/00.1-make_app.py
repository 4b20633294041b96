# expect: GET /bye/Grace answered 'Goodbye, Ada!'
from aiohttp import web


async def hello(request: web.Request) -> web.Response:
    return web.Response(text=f"Hello, {request.match_info['name']}!")


async def bye(request: web.Request) -> web.Response:
    return web.Response(text="Goodbye, Ada!")  # ignores the name in the path


def make_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/hello/{name}", hello)
    app.router.add_get("/bye/{name}", bye)
    return app
