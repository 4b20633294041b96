"""HTTP methods: /get /post /put /patch /delete /anything echo what they were sent."""

from aiohttp import web

from ..shapes import ANYTHING_FIELDS, BODY_FIELDS, GET_FIELDS, describe_request, json_response, read_echo


async def echo_get(request: web.Request) -> web.Response:
    """The request's query args, headers, origin and URL."""
    return json_response(describe_request(request).select(GET_FIELDS))


async def echo_body(request: web.Request) -> web.Response:
    """The request with its body: data, form fields, files and parsed JSON."""
    echo = await read_echo(request)
    return json_response(echo.select(BODY_FIELDS))


async def anything(request: web.Request) -> web.Response:
    """Any method, any path below it: the whole request, method included."""
    echo = await read_echo(request)
    return json_response(echo.select(ANYTHING_FIELDS))
