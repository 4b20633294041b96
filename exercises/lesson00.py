"""Exercises of lesson 00: the local server and a tiny aiohttp.web app."""

from __future__ import annotations

import aiohttp
from aiohttp import web

from local_server import start_local_server

from .core import exercise, expect, expect_type


@exercise(
    "00.1",
    "a third route, /bye/{name}",
    "make_app",
    (
        "Copy make_app from the lesson and add one more route: the router maps a path with a {name} part "
        "to a handler, just as for /hello/{name}.",
        "Copy make_app from the lesson and add one more route with app.router.add_get('/bye/{name}', ...). "
        "Its handler reads the name with request.match_info['name'] and returns web.Response(text=...).",
    ),
    is_async=False,
)
async def check_make_app(make_app) -> None:
    app = make_app()
    expect_type(app, web.Application, "make_app()", "a web.Application")
    runner = web.AppRunner(app)
    await runner.setup()
    try:
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        base = f"http://127.0.0.1:{site.port}"
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{base}/bye/Ada") as resp:
                expect(resp.status == 200, f"GET /bye/Ada answered {resp.status}; is the route added?")
                text = await resp.text()
                expect(text == "Goodbye, Ada!", f"GET /bye/Ada answered {text!r}; expected 'Goodbye, Ada!'")
            async with session.get(f"{base}/bye/Grace") as resp:
                text = await resp.text()
                expect(text == "Goodbye, Grace!", f"GET /bye/Grace answered {text!r}: use the name from the path")
            async with session.get(f"{base}/hello/Ada") as resp:
                text = await resp.text()
                expect(text == "Hello, Ada!", f"GET /hello/Ada answered {text!r}: keep the lesson's routes too")
    finally:
        await runner.cleanup()


@exercise(
    "00.2",
    "read a field from the local server's JSON",
    "user_agent_seen_by_server",
    (
        "Your app gives /user-agent a request and reads the JSON it answers with: which key holds the header?",
        "GET f'{base_url}/user-agent' with aiohttp.request(...), then `await resp.json()` gives a dict; "
        "the value is under the key 'user-agent'.",
    ),
)
async def check_user_agent(user_agent_seen_by_server) -> None:
    server = await start_local_server()
    answer = await user_agent_seen_by_server(server.url)
    expect_type(answer, str, "user_agent_seen_by_server(base_url)", "the User-Agent as a str")
    expected = f"aiohttp/{aiohttp.__version__}"
    expect(expected in answer, f"got {answer!r}; the server saw a User-Agent containing {expected!r}")
