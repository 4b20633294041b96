"""Exercises of lesson 00: a tiny aiohttp.web app, and a field of the local server's JSON."""

from __future__ import annotations

import inspect
import warnings

import aiohttp
from aiohttp import web

from local_server import create_app

from .check_server import RequestLog, serving
from .core import NotYet, exercise, expect, expect_type

HOME_PAGE = "<h1>Hello, aiohttp!</h1>"
"""What the lesson's `/` answers, as text/html."""


def _plain_handlers(app: web.Application) -> list[str]:
    """The names of the handlers written as a plain `def` (aiohttp wraps them with a DeprecationWarning)."""
    plain = []
    for route in app.router.routes():
        handler = inspect.unwrap(route.handler)
        if isinstance(handler, type) and issubclass(handler, web.View):
            continue
        if not inspect.iscoroutinefunction(handler):
            name = getattr(handler, "__name__", repr(handler))
            if name not in plain:
                plain.append(name)
    return plain


async def _get(session: aiohttp.ClientSession, url: str, log: RequestLog) -> tuple[int, str, str]:
    """GET url from the learner's app: status, content type, text; a handler that raised is reported as such."""
    async with session.get(url) as resp:
        text = await resp.text()
    if log.errors:
        seen, exc = log.errors[0]
        advice = ""
        if isinstance(exc, KeyError):
            advice = (
                ": request.match_info holds the parts of the path, under the names the route gives them in "
                "braces, such as {name}"
            )
        raise NotYet(f"your handler for GET {seen.path_qs} raised {type(exc).__name__}: {exc}{advice}")
    return resp.status, resp.content_type, text


@exercise(
    "00.1",
    "a third route, /bye/{name}",
    "make_app",
    (
        "Start from the lesson's make_app, keep its two routes, and add a third one the same way as the "
        "greeting: a path with a name part, and a handler of its own that answers with that name.",
        "Each route is one app.router.add_get(path, handler) line. In a path, {name} marks a part the handler "
        "reads as request.match_info['name']; the handler is an `async def` that takes the request and returns "
        "web.Response(text=...).",
    ),
    is_async=False,
)
async def check_make_app(make_app) -> None:
    with warnings.catch_warnings(record=True):  # a plain-def handler warns: the message below says it better
        warnings.simplefilter("always")
        app = make_app()
    expect_type(app, web.Application, "make_app()", "a web.Application")
    plain = _plain_handlers(app)
    if plain:
        name = plain[0]
        raise NotYet(
            f"the handler {name} is a plain `def`: write it as `async def {name}(request)`. aiohttp still "
            "accepts a plain function, with a DeprecationWarning, but a handler is meant to be a coroutine"
        )
    log = RequestLog()
    app.middlewares.append(log.middleware)
    async with serving(app) as base, aiohttp.ClientSession() as session:
        status, content_type, text = await _get(session, f"{base}/", log)
        expect(status == 200, f"GET / answered {status}: keep the lesson's home route, which answers {HOME_PAGE!r}")
        expect(
            content_type == "text/html",
            f"GET / answered with Content-Type {content_type}: the lesson's home page is HTML, so its "
            "web.Response says content_type='text/html'",
        )
        expect(text == HOME_PAGE, f"GET / answered {text!r}: keep the lesson's home page, {HOME_PAGE!r}")

        status, _, text = await _get(session, f"{base}/hello/Ada", log)
        expect(status == 200, f"GET /hello/Ada answered {status}: keep the lesson's /hello/{{name}} route")
        expect(text == "Hello, Ada!", f"GET /hello/Ada answered {text!r}: keep the lesson's greeting, 'Hello, Ada!'")

        for name in ("Ada", "Grace"):
            status, _, text = await _get(session, f"{base}/bye/{name}", log)
            expect(
                status == 200,
                f"GET /bye/{name} answered {status}: add a route for the path /bye/{{name}}, as for /hello/{{name}}",
            )
            expected = f"Goodbye, {name}!"
            expect(
                text == expected,
                f"GET /bye/{name} answered {text!r}; expected {expected!r}"
                + ("" if name == "Ada" else ": use the name from the path, request.match_info['name']"),
            )


SERVER_NAME = "check-server/1.0"
"""The Server header of the check's own server: an answer that reads it is told apart from the User-Agent."""


async def _name_the_server(request: web.Request, response: web.StreamResponse) -> None:
    response.headers["Server"] = SERVER_NAME


@exercise(
    "00.2",
    "read a field from the local server's JSON",
    "user_agent_seen_by_server",
    (
        "The server tells you what it saw in the body of its answer, as JSON: ask its /user-agent endpoint, "
        "turn the body into a dict, and return the one value you need, not the whole answer.",
        "Request f'{base_url}/user-agent' with aiohttp.request('GET', url) under async with. Inside the block, "
        "`await resp.json()` turns the body into a dict; the header is its value under the key 'user-agent'.",
    ),
)
async def check_user_agent(user_agent_seen_by_server) -> None:
    app = create_app()  # the local server's endpoints, answering exactly as in the lesson
    log = RequestLog()
    app.middlewares.append(log.middleware)
    app.on_response_prepare.append(_name_the_server)
    async with serving(app) as base_url:
        answer = await user_agent_seen_by_server(base_url)

    if isinstance(answer, dict):
        raise NotYet(f"you returned the whole JSON answer, {answer!r}: return only its value under 'user-agent'")
    expect_type(answer, str, "user_agent_seen_by_server(base_url)", "the User-Agent as a str")
    expect(
        log.requests,
        f"you returned {answer!r} without asking the server: send a request to base_url + '/user-agent' "
        "and return the User-Agent it says it received",
    )
    seen = [request.headers.get("User-Agent", "") for request in log.requests]
    if answer in seen:
        return
    expect(
        answer != SERVER_NAME,
        f"{answer!r} is the answer's Server header, the server's own name; the User-Agent your request "
        "carried is in the JSON body of /user-agent",
    )
    expect(
        not any(agent and agent in answer for agent in seen),
        f"you returned {answer!r}: the User-Agent is in there, but with more around it. Turn the body into a "
        "dict with await resp.json() and return only its value under 'user-agent'",
    )
    raise NotYet(f"you returned {answer!r}, but the User-Agent the server received was {seen[-1]!r}")
