"""Exercises of lesson 22: a strict fake of an orders API, and two pytest tests, each checked by what it catches.

22.1 drives the learner's fake (an ``aiohttp.web.Application``) with the check's own client, through
``check_server.serving``, and compares every answer with what the task asks, exactly.

22.2 and 22.3 receive a test function. The check writes it into test files, with what it uses
(``lesson_helpers.module_for``: imports, the learner's helpers by their source), one file per implementation
of the code under test, imported under the name the test calls: correct ones, which the test must pass, and
broken ones, each with one mistake, which it must fail. One pytest run in a child process
(``lesson_helpers.run_pytest``) runs them all; its report says which passed. A test that asserts nothing,
or a mock that accepts any call, passes against a broken implementation, and the check names the mistake
the test let through; a mock that pins the call fails a correct implementation that makes the same request
another way. The implementations are functions of this module, written into the run by their source;
22.3's fake upstream is 22.1's solution file.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import json
import random
import re
import textwrap
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import aiohttp
from aiohttp import web

from .check_server import RequestLog, serving
from .core import REGISTRY, NotYet, exercise, expect, expect_type

# ---------------------------------------------------------------------------------------------------
# What 22.2 and 22.3 share: the learner's test, written into files with each implementation, run once.

PYTEST_FIXTURES = ("aiohttp_server", "aiohttp_client", "aiohttp_raw_server")
IMPLEMENTATIONS_IMPORTS = """\
import asyncio
import json
from decimal import Decimal

import aiohttp
"""
"""What the module of implementations (the check's functions, written by their source) imports."""
A_TEST_PASSES_RIGHT_CODE = (
    "A test must pass when the code is right: compare what your test expects with what the task says the function does"
)


def _expect_a_test(test: Callable[..., Any], name: str) -> None:
    """The checks that need no pytest run: the test's source can be read, it does something, pytest will run it."""
    try:
        source = textwrap.dedent(inspect.getsource(test))
    except (OSError, TypeError):
        raise NotYet(
            f"the check could not read the source of {name}: define it with `async def {name}(...)` in a cell "
            "or a file (the check writes that source into a test file for pytest)"
        ) from None
    functions = [node for node in ast.parse(source).body if isinstance(node, ast.AsyncFunctionDef)]
    body = functions[0].body if functions else []
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    doing_nothing = all(
        isinstance(statement, ast.Pass)
        or (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant))
        for statement in body
    )
    expect(not doing_nothing, f"{name} does nothing yet: write the test in its body, in place of `...`")
    expect(
        test.__name__.startswith("test"),
        f"pytest runs only the functions whose name starts with `test`: call yours {name}, not {test.__name__}",
    )


def _module_of(functions: list[Callable[..., Any]]) -> str:
    """The module of the check's implementations: `IMPLEMENTATIONS_IMPORTS`, then each function by its source."""
    sources = (textwrap.dedent(inspect.getsource(function)) for function in functions)
    return IMPLEMENTATIONS_IMPORTS + "".join(f"\n\n{source}" for source in sources)


async def _run(files: dict[str, str]) -> dict[str, list[Any]]:
    """Run pytest once on `files`; the test cases of each file, by the file's module name."""
    from lesson_helpers import run_pytest  # the lesson's helper: imported only when a check runs

    try:
        run = await asyncio.to_thread(run_pytest, files)
    except TimeoutError as exc:
        raise NotYet(
            f"the test run was stopped: {exc}. Does your test wait for something that never comes (a request "
            "to a server that is not there, a sleep)? A right test runs in a fraction of a second"
        ) from None
    by_module: dict[str, list[Any]] = {}
    for case in run.cases:
        by_module.setdefault(case.module, []).append(case)
    broken = by_module.get("")  # a file pytest could not import: the learner's source, or the names it uses
    if broken:
        raise NotYet(f"pytest could not import the test file: {broken[0].message}")
    return by_module


def _passed(cases: list[Any]) -> bool:
    return bool(cases) and all(case.outcome == "passed" for case in cases)


def _why_it_failed(cases: list[Any], against: str, advice: str) -> str:
    """What a test that failed against correct code (`against`) did wrong, in the learner's terms."""
    if not cases:
        return f"pytest ran no test against {against}: is your function an `async def` whose name starts with test?"
    case = next(case for case in cases if case.outcome != "passed")
    message = case.message.rstrip(".")
    fixture = re.search(r"fixture '(\w+)' not found", message)
    if fixture and fixture.group(1) in ("loop", "event_loop"):
        return (
            f"your test asks for the `{fixture.group(1)}` fixture, which the pinned pytest-aiohttp (1.1.1) and "
            "pytest-asyncio (1.x) no longer have: drop it. The test already runs on a loop; "
            "asyncio.get_running_loop() gives it if you need it"
        )
    if fixture:
        return (
            f"your test asks for a fixture pytest does not have, `{fixture.group(1)}`. pytest-aiohttp's are "
            f"{', '.join(PYTEST_FIXTURES)}; the check writes your test into the file, not fixtures of your own: "
            "make what yours would give inside the test"
        )
    undefined = re.search(r"NameError: name '(\w+)' is not defined", message)
    if undefined:
        return (
            f"your test uses `{undefined.group(1)}`, which the check could not write into the test file: it writes "
            "your test, an import for each module and name it uses, the functions and classes it uses (by their "
            f"source) and plain values (numbers, strings). Make {undefined.group(1)} inside your test"
        )
    if "'coroutine' object has no attribute" in message:
        return (
            f"your test failed with {message}: a fixture's factory returns a coroutine, which gives the server "
            "or client only once awaited: `client = await aiohttp_client(app)`, `server = await aiohttp_server(app)`"
        )
    if "Unknown argument type" in message:
        return (
            f"your test failed with {message}: aiohttp_client takes an Application (or a started server), "
            "not the function that makes one: call it, `await aiohttp_client(make_fake_api())`"
        )
    return f"your test failed against {against}, with {message}. {advice}"


async def _check_test(
    test: Callable[..., Any],
    name: str,
    *,
    fixture: str | None = None,
    header: str = "",
    files: dict[str, str],
    correct: dict[str, tuple[str, str]],
    broken: dict[str, str],
    alias: str,
) -> None:
    """Run the learner's test against every implementation: it must pass the correct ones and fail the broken ones.

    Each test file holds `header`, the implementation imported under the name `alias`, and the learner's test
    with what it uses (``lesson_helpers.module_for``; the names the file provides are not taken from the
    learner's namespace). `fixture`, when given, is one the test must ask for. `correct` maps the function
    name of each correct implementation (in implementations.py, one of `files`) to what it is and what to
    change when the test fails against it; `broken` maps each broken one to the mistake a test that passes
    against it let through.
    """
    from lesson_helpers import module_for  # the lesson's helper: imported only when a check runs

    _expect_a_test(test, name)
    if fixture:
        expect(
            fixture in inspect.signature(test).parameters,
            f"ask pytest for the {fixture} fixture: `async def {name}({fixture}):`, and start the fake with it",
        )
    provided = {alias, *re.findall(r"import (\w+)$", header, flags=re.MULTILINE)}
    module = module_for(test, provided=provided)
    tests = {
        f"test_{function}.py": f"{header}from implementations import {function} as {alias}\n\n\n{module}"
        for function in (*correct, *broken)
    }
    results = await _run({**files, **tests})
    for function, (what, advice) in correct.items():
        cases = results.get(f"test_{function}", [])
        if not _passed(cases):
            raise NotYet(_why_it_failed(cases, what, advice))
    for function, mistake in broken.items():
        expect(not _passed(results.get(f"test_{function}", [])), mistake)


# ---------------------------------------------------------------------------------------------------
# 22.1 make_fake_api: a fake of an orders API, as strict as the real one.

SYMBOLS = ("ACME", "INIT", "GLOBEX", "HOOLI", "UMBRA", "VAND")


async def _ask(session: aiohttp.ClientSession, log: RequestLog, method: str, url: str, what: str, **kwargs):
    """One request to the learner's fake: its status and its body (parsed when it is JSON, else the text)."""
    async with session.request(method, url, **kwargs) as resp:
        text = await resp.text()
        status, content_type = resp.status, resp.content_type
    if log.errors:
        _, exc = log.errors.pop()
        advice = ""
        if isinstance(exc, ValueError):
            advice = (
                ": `await request.json()` raises json.JSONDecodeError (a ValueError) for a body that is not JSON; "
                "catch it and answer 400"
            )
        elif isinstance(exc, KeyError) and method == "GET":
            advice = ": an id the app has not stored must get 404; look the order up with orders.get(id)"
        elif isinstance(exc, KeyError | TypeError | AttributeError):
            advice = ": check the body's shape and each field (isinstance) before you use them, and answer 400"
        raise NotYet(f"for {what} your handler raised {type(exc).__name__}: {exc}{advice}")
    if content_type != "application/json":
        return status, text
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


def _expect_error(status: int, body: Any, expected: int, what: str, advice: str) -> None:
    """An answer that must be `expected` (400 or 404) with a JSON error."""
    if status in (200, 201):
        raise NotYet(f"{what} answered {status} with {body!r}; it must answer {expected}: {advice}")
    expect(status == expected, f"{what} answered {status}; it must answer {expected}: {advice}")
    expect(
        isinstance(body, dict) and isinstance(body.get("error"), str),
        f"{what} answered {expected}, as it should, but with the body {body!r}: answer with a JSON object "
        "whose 'error' says what is wrong, web.json_response({'error': '...'}, status=...)",
    )


def _bad_bodies(symbol: str) -> list[tuple[str, dict[str, Any], str]]:
    """Requests a strict orders API refuses with 400: what each is, how to send it, what to change."""
    valid = {"symbol": symbol, "quantity": 3}
    return [
        (
            f"a form body (symbol={symbol}&quantity=3)",
            {"data": {"symbol": symbol, "quantity": "3"}},
            "the order must come as JSON: check request.content_type == 'application/json' first",
        ),
        (
            "a JSON text sent as text/plain",
            {"data": json.dumps(valid), "headers": {"Content-Type": "text/plain"}},
            "a body whose Content-Type is not application/json is refused, whatever it holds (request.content_type)",
        ),
        (
            "a body that is not valid JSON",
            {"data": '{"symbol": ', "headers": {"Content-Type": "application/json"}},
            "`await request.json()` raises json.JSONDecodeError (a ValueError) for it: catch it",
        ),
        ("a JSON list", {"json": [symbol, 3]}, "the body must be a JSON object (a dict once parsed)"),
        ("an order without a quantity", {"json": {"symbol": symbol}}, "every field must be there"),
        (
            'a quantity given as text ("3")',
            {"json": {"symbol": symbol, "quantity": "3"}},
            "quantity must be a JSON number, an int once parsed (isinstance(quantity, int))",
        ),
        ("a quantity of 0", {"json": {"symbol": symbol, "quantity": 0}}, "quantity must be at least 1"),
        (
            "a quantity of 2.5",
            {"json": {"symbol": symbol, "quantity": 2.5}},
            "quantity must be a whole number, an int once parsed",
        ),
        ("an empty symbol", {"json": {"symbol": "", "quantity": 3}}, "symbol must be a non-empty string"),
        ("a symbol that is a number", {"json": {"symbol": 42, "quantity": 3}}, "symbol must be a string"),
    ]


def _make_app(make_fake_api: Callable[[], Any], log: RequestLog) -> web.Application:
    app = make_fake_api()
    expect_type(app, web.Application, "make_fake_api()", "a web.Application")
    app.middlewares.append(log.middleware)
    return app


async def _expect_order_created(session, log, base: str, order: dict[str, Any], expected_id: int, what: str) -> None:
    status, body = await _ask(session, log, "POST", f"{base}/orders", what, json=order)
    if status in (404, 405):
        raise NotYet(f"{what} answered {status}: add a route for POST /orders (app.router.add_post('/orders', ...))")
    expect(
        status != 200,
        f"{what} answered 200; an API that creates something answers 201 Created: web.json_response(..., status=201)",
    )
    expect(status == 201, f"{what} answered {status} with {body!r}; a valid order must get 201 and the stored order")
    expected = {"id": expected_id, **order}
    if isinstance(body, dict) and body.get("id") != expected_id and {**body, "id": expected_id} == expected:
        raise NotYet(
            f"{what} answered with id {body.get('id')!r}; ids count 1, 2, 3… in the order the orders were stored, "
            f"so this one is {expected_id}. Count the orders of this app (not of every app, and not the refused ones)"
        )
    expect(body == expected, f"{what} answered {body!r}; it must answer the stored order, {expected!r}, as JSON")


async def _expect_order_read(session, log, base: str, expected: dict[str, Any]) -> None:
    path = f"/orders/{expected['id']}"
    status, body = await _ask(session, log, "GET", f"{base}{path}", f"GET {path}")
    if status in (404, 405) and not isinstance(body, dict):
        raise NotYet(f"GET {path} answered {status}: add a route for GET /orders/{{id}}")
    expect(
        status != 404,
        f"GET {path} answered 404 for an order it stored: the id in the path is a str ('{expected['id']}'), "
        "and the orders are stored under int ids; look it up with int(request.match_info['id'])",
    )
    expect(status == 200, f"GET {path} answered {status} with {body!r}; it must answer 200 and the order {expected!r}")
    expect(body == expected, f"GET {path} answered {body!r}; it must answer the order stored, {expected!r}")


@exercise(
    "22.1",
    "a strict fake of an orders API",
    "make_fake_api",
    (
        "Keep the orders in a dict that belongs to the app, made inside make_fake_api, so that each new app "
        "starts with none. Check the body before you store anything: its type, that it is JSON, then each field; "
        "anything wrong gets 400 with a JSON error, and no id.",
        "An `ORDERS = web.AppKey('orders', dict)` key, set to an empty dict on each new app and read as "
        "`request.app[ORDERS]` in the handlers. `request.content_type`, `await request.json()` (it raises "
        "json.JSONDecodeError, a ValueError), `isinstance(value, int)`; `web.json_response(order, status=201)`, "
        "and a route `/orders/{id:\\d+}` whose handler reads `int(request.match_info['id'])`.",
    ),
    is_async=False,
)
async def check_make_fake_api(make_fake_api) -> None:
    first, second, third = random.sample(SYMBOLS, 3)
    orders = [{"symbol": first, "quantity": random.randint(1, 50)}, {"symbol": second, "quantity": 1}]
    log = RequestLog()
    app = _make_app(make_fake_api, log)
    async with serving(app) as base, aiohttp.ClientSession() as session:
        for n, order in enumerate(orders, start=1):
            what = f"POST /orders with {json.dumps(order)}" + (" (the app's first order)" if n == 1 else "")
            await _expect_order_created(session, log, base, order, n, what)
        for n in (2, 1):
            await _expect_order_read(session, log, base, {"id": n, **orders[n - 1]})
        for unknown in (3, 0):
            status, body = await _ask(session, log, "GET", f"{base}/orders/{unknown}", f"GET /orders/{unknown}")
            _expect_error(
                status, body, 404, f"GET /orders/{unknown} (no such order)", "answer 404 for an id it has not stored"
            )
        for what, request, advice in _bad_bodies(third):
            status, body = await _ask(session, log, "POST", f"{base}/orders", f"POST /orders with {what}", **request)
            _expect_error(status, body, 400, f"POST /orders with {what}", advice)
        order = {"symbol": third, "quantity": 7}
        what = f"POST /orders with {json.dumps(order)}, after the refused requests"
        await _expect_order_created(session, log, base, order, 3, what)

    another = _make_app(make_fake_api, log)
    async with serving(another) as base, aiohttp.ClientSession() as session:
        status, body = await _ask(session, log, "GET", f"{base}/orders/1", "GET /orders/1 of a new app")
        expect(
            status == 404,
            f"GET /orders/1 of a second app from make_fake_api() answered {status} with {body!r}: a new app must "
            "start with no orders. Make the dict inside make_fake_api (app[ORDERS] = {}), not at module level",
        )
        order = {"symbol": first, "quantity": 2}
        await _expect_order_created(session, log, base, order, 1, "the first POST /orders of a second app")


# ---------------------------------------------------------------------------------------------------
# 22.2 test_fetch_price_with_retries: a test that catches every broken retry loop, and passes the right one.


async def correct(session: aiohttp.ClientSession, symbol: str, *, attempts: int = 3, delay: float = 0.01) -> Decimal:
    """The lesson's fetch_price_with_retries: 429, 5xx and connection errors retried, `attempts` times in all."""
    for attempt in range(1, attempts + 1):
        try:
            async with session.get(f"prices/{symbol}") as resp:
                resp.raise_for_status()
                quote = await resp.json()
            return Decimal(quote["price"])
        except aiohttp.ClientResponseError as exc:
            if attempt == attempts or not (exc.status == 429 or exc.status >= 500):
                raise
        except aiohttp.ClientConnectionError:
            if attempt == attempts:
                raise
        await asyncio.sleep(delay * 2 ** (attempt - 1))


async def never_retries(session: aiohttp.ClientSession, symbol: str, *, attempts: int = 3, delay: float = 0.01):
    async with session.get(f"prices/{symbol}") as resp:
        resp.raise_for_status()
        quote = await resp.json()
    return Decimal(quote["price"])


async def one_attempt_short(session: aiohttp.ClientSession, symbol: str, *, attempts: int = 3, delay: float = 0.01):
    for attempt in range(1, attempts):
        try:
            async with session.get(f"prices/{symbol}") as resp:
                resp.raise_for_status()
                quote = await resp.json()
            return Decimal(quote["price"])
        except aiohttp.ClientResponseError as exc:
            if attempt == attempts - 1 or not (exc.status == 429 or exc.status >= 500):
                raise
        await asyncio.sleep(delay * 2 ** (attempt - 1))


async def none_when_all_fail(session: aiohttp.ClientSession, symbol: str, *, attempts: int = 3, delay: float = 0.01):
    for attempt in range(1, attempts + 1):
        try:
            async with session.get(f"prices/{symbol}") as resp:
                resp.raise_for_status()
                quote = await resp.json()
            return Decimal(quote["price"])
        except aiohttp.ClientResponseError as exc:
            if not (exc.status == 429 or exc.status >= 500):
                raise
        await asyncio.sleep(delay * 2 ** (attempt - 1))
    return None


async def runtime_error_when_all_fail(
    session: aiohttp.ClientSession, symbol: str, *, attempts: int = 3, delay: float = 0.01
):
    for attempt in range(1, attempts + 1):
        try:
            async with session.get(f"prices/{symbol}") as resp:
                resp.raise_for_status()
                quote = await resp.json()
            return Decimal(quote["price"])
        except aiohttp.ClientResponseError as exc:
            if not (exc.status == 429 or exc.status >= 500):
                raise
        await asyncio.sleep(delay * 2 ** (attempt - 1))
    raise RuntimeError(f"gave up on {symbol} after {attempts} attempts")


async def one_attempt_too_many(session: aiohttp.ClientSession, symbol: str, *, attempts: int = 3, delay: float = 0.01):
    for attempt in range(attempts + 1):
        try:
            async with session.get(f"prices/{symbol}") as resp:
                resp.raise_for_status()
                quote = await resp.json()
            return Decimal(quote["price"])
        except aiohttp.ClientResponseError as exc:
            if attempt == attempts or not (exc.status == 429 or exc.status >= 500):
                raise
        await asyncio.sleep(delay * 2 ** max(attempt - 1, 0))


RETRY_MISTAKES = {
    never_retries: (
        "your test passed against a fetch_price_with_retries that never retries: it makes one request and raises "
        "at the first 503. Make a fake upstream that answers 503 to the first two requests, then the price, and "
        "check that the function returns that price"
    ),
    one_attempt_short: (
        "your test passed against a fetch_price_with_retries that gives up after two attempts instead of three. "
        "Fail exactly the first two requests: a right function succeeds on the third, this one does not"
    ),
    none_when_all_fail: (
        "your test passed against a fetch_price_with_retries that returns None when every attempt fails, instead "
        "of raising. With an upstream that always answers 503, check that the call raises: "
        "`with pytest.raises(aiohttp.ClientResponseError) as caught:` around it"
    ),
    runtime_error_when_all_fail: (
        "your test passed against a fetch_price_with_retries that raises RuntimeError, with no status, when every "
        "attempt fails. Check the kind and the status: pytest.raises(aiohttp.ClientResponseError), then "
        "caught.value.status == 503"
    ),
    one_attempt_too_many: (
        "your test passed against a fetch_price_with_retries that makes four attempts instead of three. Count the "
        "requests your always-failing upstream receives, and check that there are exactly three"
    ),
}


@exercise(
    "22.2",
    "a test that catches a broken retry loop",
    "test_fetch_price_with_retries",
    (
        "A test is worth what it catches. Give the function an upstream that fails a known number of times and "
        "count what it receives: two failures then the price, which must come back after three requests; and an "
        "upstream that never recovers, which must end in an error with its status, after three requests too.",
        "Inside the test, an `async def` handler that appends to a list and answers "
        "`web.json_response(..., status=503)` while the list is no longer than the failures wanted; "
        "`await aiohttp_server(app)` starts it, and its `make_url('/')` is the base_url of the session you pass. "
        "`pytest.raises(aiohttp.ClientResponseError)`, used with `with ... as caught`, checks the error; "
        "`caught.value.status` is its status.",
    ),
)
async def check_test_fetch_price_with_retries(test) -> None:
    await _check_test(
        test,
        "test_fetch_price_with_retries",
        files={"implementations.py": _module_of([correct, *RETRY_MISTAKES])},
        correct={"correct": ("a correct fetch_price_with_retries", A_TEST_PASSES_RIGHT_CODE)},
        broken={function.__name__: mistake for function, mistake in RETRY_MISTAKES.items()},
        alias="fetch_price_with_retries",
    )


# ---------------------------------------------------------------------------------------------------
# 22.3 test_create_order: a test with aiohttp_client and the fake API, which a mock cannot stand in for.


async def json_argument(session: aiohttp.ClientSession, symbol: str, quantity: int) -> int:
    """The lesson's create_order: the order as JSON, the status checked, the new order's id returned."""
    async with session.post("orders", json={"symbol": symbol, "quantity": quantity}) as resp:
        resp.raise_for_status()
        order = await resp.json()
    return order["id"]


async def json_text_with_header(session: aiohttp.ClientSession, symbol: str, quantity: int) -> int:
    body = json.dumps({"symbol": symbol, "quantity": quantity})
    async with session.post("orders", data=body, headers={"Content-Type": "application/json"}) as resp:
        resp.raise_for_status()
        order = await resp.json()
    return order["id"]


async def request_method(session: aiohttp.ClientSession, symbol: str, quantity: int) -> int:
    async with session.request("POST", "orders", json={"symbol": symbol, "quantity": quantity}) as resp:
        resp.raise_for_status()
        return (await resp.json())["id"]


async def form_body(session: aiohttp.ClientSession, symbol: str, quantity: int) -> int:
    async with session.post("orders", data={"symbol": symbol, "quantity": quantity}) as resp:
        resp.raise_for_status()
        order = await resp.json()
    return order["id"]


async def status_unchecked(session: aiohttp.ClientSession, symbol: str, quantity: int) -> int:
    async with session.post("orders", json={"symbol": symbol, "quantity": str(quantity)}) as resp:
        order = await resp.json()
    return order.get("id")


async def returns_the_order(session: aiohttp.ClientSession, symbol: str, quantity: int) -> int:
    async with session.post("orders", json={"symbol": symbol, "quantity": quantity}) as resp:
        resp.raise_for_status()
        return await resp.json()


async def lowercased_symbol(session: aiohttp.ClientSession, symbol: str, quantity: int) -> int:
    async with session.post("orders", json={"symbol": symbol.lower(), "quantity": quantity}) as resp:
        resp.raise_for_status()
        order = await resp.json()
    return order["id"]


RIGHT_WAYS_TO_ORDER = {
    json_argument: ("a correct create_order", A_TEST_PASSES_RIGHT_CODE),
    json_text_with_header: (
        "a correct create_order that sends the same JSON another way (data=json.dumps(order) with a "
        "Content-Type: application/json header, instead of json=)",
        "A test that pins down how the request is made (a mock that asserts session.post was called with "
        "json=...) fails on correct code. Test what the API receives instead: create the order against the "
        "fake, then read it back through the client",
    ),
    request_method: (
        "a correct create_order that makes the same request with session.request('POST', ...) instead of "
        "session.post(...)",
        "A mock knows only the calls you set up on it, and fails correct code that makes the same request "
        "another way; a fake server answers the request, however it is made",
    ),
}
ORDER_MISTAKES = {
    form_body: (
        "your test passed against a create_order that sends the order as a form (data=), which the API refuses "
        "with 400. A mocked session accepts it; the fake does not: run create_order against "
        "`client = await aiohttp_client(make_fake_api())`"
    ),
    status_unchecked: (
        "your test passed against a create_order that sends the quantity as text, which the fake refuses with "
        "400, ignores the status and returns None. Check the id it returns: 1, for the first order of a new fake"
    ),
    returns_the_order: (
        "your test passed against a create_order that returns the whole order ({'id': 1, ...}) instead of its "
        "id: check that it returns 1"
    ),
    lowercased_symbol: (
        "your test passed against a create_order that sends the symbol in lower case, so the fake stored 'acme' "
        "for 'ACME'. Read the order back through the client (GET orders/1) and check what the fake stored"
    ),
}


@exercise(
    "22.3",
    "a test with aiohttp_client that a mock cannot pass",
    "test_create_order",
    (
        "Let the fake API judge the request, not a mock: start it with the client fixture, hand the client to "
        "create_order as its session, then ask the fake what it stored. Check the id, and the whole order.",
        "`await aiohttp_client(app)` gives a started TestClient for an app; pass the client to create_order as "
        "its session. `client.get(path)` under `async with` reads the order back; compare `await resp.json()` "
        "with the whole dict you expect, and the id create_order returned with 1.",
    ),
)
async def check_test_create_order(test) -> None:
    fake_api = REGISTRY["22.1"].solution_path.read_text(encoding="utf-8")  # one place for the right fake: 22.1's
    await _check_test(
        test,
        "test_create_order",
        fixture="aiohttp_client",
        header="from fake_api import make_fake_api\n",
        files={"fake_api.py": fake_api, "implementations.py": _module_of([*RIGHT_WAYS_TO_ORDER, *ORDER_MISTAKES])},
        correct={function.__name__: texts for function, texts in RIGHT_WAYS_TO_ORDER.items()},
        broken={function.__name__: mistake for function, mistake in ORDER_MISTAKES.items()},
        alias="create_order",
    )
