"""A strict JSON API for lesson 15: it reads a request body as JSON only when the Content-Type says JSON.

The local echo server parses any body that happens to be JSON, as httpbin does. Many real APIs look at the
Content-Type first and refuse anything else with 415 Unsupported Media Type (Flask's ``request.get_json()``
has done so since Werkzeug 2.3). `serving_json_api()` serves such an API on 127.0.0.1 for a cell to post to:

    async with serving_json_api() as api:
        async with session.post(f"{api}/documents", json={"title": "Hello"}) as resp:
            print(resp.status, await resp.json())   # 201 {'id': 1, 'received': {'title': 'Hello'}}

`read_json_document(request)` is the rule itself, for any aiohttp.web handler (the checks of lesson 15 use it).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web


def is_json_type(content_type: str) -> bool:
    """`application/json` or a `+json` type (`application/problem+json`), parameters aside."""
    mimetype = content_type.partition(";")[0].strip().lower()
    return mimetype == "application/json" or (mimetype.startswith("application/") and mimetype.endswith("+json"))


def _error(error: type[web.HTTPException], message: str, **details: Any) -> web.HTTPException:
    body = json.dumps({"error": message, **details}, ensure_ascii=False)
    return error(text=body, content_type="application/json")


async def read_json_document(request: web.Request) -> Any:
    """The request's body parsed as JSON, if its Content-Type says JSON and it parses.

    Raises 415 Unsupported Media Type for any other Content-Type (whatever the body looks like), and 400 Bad
    Request for a body that is not JSON; both with a JSON body that says what was wrong.
    """
    content_type = request.headers.get("Content-Type", "")
    if not is_json_type(content_type):
        raise _error(
            web.HTTPUnsupportedMediaType,
            "this API reads JSON only: send Content-Type: application/json",
            received=content_type or None,
        )
    try:
        return json.loads(await request.read())
    except (ValueError, RecursionError) as exc:
        raise _error(web.HTTPBadRequest, f"the body is not valid JSON: {exc}") from None


def json_api_app() -> web.Application:
    """``POST /documents``: 201 with the document it parsed and a new id; 415 or 400 as `read_json_document` says."""
    created: list[Any] = []

    async def create_document(request: web.Request) -> web.Response:
        document = await read_json_document(request)
        created.append(document)
        return web.json_response({"id": len(created), "received": document}, status=201)

    app = web.Application()
    app.router.add_post("/documents", create_document)
    return app


@asynccontextmanager
async def serving_json_api() -> AsyncIterator[str]:
    """Serve `json_api_app()` on 127.0.0.1, on a free port, while the block runs; yield its base URL."""
    from exercises.check_server import serving  # the one place that serves an app from a thread of its own

    async with serving(json_api_app()) as base_url:
        yield base_url
