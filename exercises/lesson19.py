"""Exercises of lesson 19: Basic credentials sent in UTF-8, and a client middleware that keeps a bearer token fresh.

19.1 serves accounts from an app of the check's own (`check_server.serving`) that answers only when the
`Authorization` header is exactly ``Basic`` and the base64 of ``login:password`` in UTF-8, and notes what it
received: the login and password are made up for the run, in ASCII, in letters latin-1 has (ü, é) and in
letters it has not (Ł, Cyrillic, Greek), so that latin-1 (BasicAuth's default) is caught by the bytes the
server saw. Warnings are recorded while the learner's code runs: BasicAuth and ``auth=`` work in aiohttp 3.14
with a DeprecationWarning, and the task asks for today's form.

19.2 installs the learner's middleware in a session of the check's own, against an API of the check's own
(`_TokenAPI`): its tokens are good for 1 to 3 requests, drawn at random, and it notes every token it issued,
every use, and every request it refused and why. A second app, on another port (another origin), notes any
`Authorization` header that reaches it.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import random
import secrets
import warnings
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web
from yarl import URL

from .check_server import RequestLog, SeenRequest, serving
from .core import NotYet, exercise, expect, expect_response_error, expect_type, outcome, recording_warnings
from .sessions import sessions_made


def _token() -> str:
    """A value the learner cannot know in advance: an answer must come from the server."""
    return secrets.token_hex(3)


def _deprecated_auth(caught: list[warnings.WarningMessage]) -> str | None:
    """The first sentence of a DeprecationWarning about BasicAuth or auth=, when the learner's code got one."""
    for warning in caught:
        text = str(warning.message)
        if issubclass(warning.category, DeprecationWarning) and ("BasicAuth" in text or "'auth' parameter" in text):
            return text.split(";")[0]
    return None


# ---------------------------------------------------------------------------------------------------
# 19.1 fetch_with_basic: exactly `Basic base64(utf-8 "user:password")`, no deprecated API, the status checked.

LATIN1_LOGINS = ("jürgen", "zoë", "renée", "søren", "ñandú")
LATIN1_PASSWORDS = ("pässwörd", "naïve café", "señal", "smörgåsbord")
WIDE_LOGINS = ("łucja", "дмитрий", "ελένη", "đorđe", "şule")
"""Logins with letters latin-1 cannot encode at all."""
WIDE_PASSWORDS = ("пароль", "κωδικός", "hasło", "şifre")
BASIC_CHALLENGE = 'Basic realm="check", charset="UTF-8"'


def basic_value(login: str, password: str, encoding: str = "utf-8") -> str:
    """The Authorization value for these credentials, written out here rather than taken from aiohttp."""
    return "Basic " + base64.b64encode(f"{login}:{password}".encode(encoding)).decode("ascii")


@dataclass(frozen=True)
class _Account:
    """One account of the check's server: the credentials it expects, and the document it answers with."""

    name: str
    description: str
    login: str
    password: str
    secret: str = field(default_factory=_token)

    @property
    def path(self) -> str:
        return f"/accounts/{self.name}"

    @property
    def document(self) -> dict[str, str]:
        return {"account": self.name, "login": self.login, "secret": self.secret}


def _accounts() -> list[_Account]:
    """An ASCII account (a colon in the password, which is allowed there), then two with letters beyond ASCII."""
    tag = _token()
    return [
        _Account("ascii", "ASCII credentials", f"learner-{tag}", f"s3cret:{_token()}"),
        _Account(
            "latin",
            "credentials with letters latin-1 has (ü, é…)",
            f"{random.choice(LATIN1_LOGINS)}-{tag}",
            f"{random.choice(LATIN1_PASSWORDS)}-{_token()}",
        ),
        _Account(
            "wide",
            "credentials with letters latin-1 has not (Ł, Cyrillic, Greek…)",
            f"{random.choice(WIDE_LOGINS)}-{tag}",
            f"{random.choice(WIDE_PASSWORDS)}-{_token()}",
        ),
    ]


@dataclass
class _AccountServer:
    """GET /accounts/{name}: the account's document when Authorization is exactly right, else a 401 (JSON body)."""

    accounts: dict[str, _Account]
    log: RequestLog = field(default_factory=RequestLog)

    async def account(self, request: web.Request) -> web.Response:
        account = self.accounts.get(request.match_info["name"])
        if account is None:
            return web.json_response({"error": "no such account"}, status=404)
        if request.headers.get("Authorization") == basic_value(account.login, account.password):
            return web.json_response(account.document)
        body = {"authenticated": False, "error": "wrong or missing credentials"}
        return web.json_response(body, status=401, headers={"WWW-Authenticate": BASIC_CHALLENGE})

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/accounts/{name}", self.account)
        app.middlewares.append(self.log.middleware)
        return app

    def seen(self, path: str) -> list[SeenRequest]:
        return [request for request in self.log.requests if request.path_qs == path]


def _decoded(value: str) -> bytes | None:
    """The bytes of the base64 after "Basic " (any case), or None when the value is not that."""
    scheme, _, encoded = value.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        return base64.b64decode(encoded.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None


def _header_problem(value: str | None, account: _Account, deprecated: str | None) -> str | None:
    """What is wrong with the Authorization value the server received for `account`, in the learner's terms."""
    credentials = f"{account.login}:{account.password}"
    expected = basic_value(account.login, account.password)
    if value == expected:
        return None
    if value is None:
        return (
            "no Authorization header reached the server: send one with the request, "
            "headers={'Authorization': <'Basic ' and the base64 of user:password>}"
        )
    if value.startswith("Basic b'") or value.startswith('Basic b"'):
        return (
            f"the server received Authorization: {value[:40]!r}…: that is the repr of a bytes object. "
            "base64.b64encode returns bytes: decode them to str (.decode('ascii')) before putting them in the header"
        )
    decoded = _decoded(value)
    if decoded is None and value.strip() == base64.b64encode(credentials.encode()).decode():
        return (
            "the server received only the base64 of user:password: the value must start with the scheme and a "
            "space, 'Basic ', then the base64"
        )
    if decoded is None:
        return (
            f"the server received Authorization: {value[:60]!r}, which is not 'Basic ' followed by base64. "
            "The value is 'Basic ' and the base64 of 'user:password', encoded as UTF-8"
        )
    if account.login.isascii() and account.password.isascii():
        if decoded == f"{account.password}:{account.login}".encode():
            return "the server received password:user: put the user first, then a colon, then the password"
        return (
            f"the server received Basic credentials that decode to {decoded[:60]!r}; for user {account.login!r} "
            f"and password {account.password!r} it expects the base64 of {credentials!r}"
        )
    if decoded == _latin1(credentials):
        used = (
            "your code used aiohttp.BasicAuth, which encodes as latin-1 unless told otherwise"
            if deprecated
            else "latin-1 is what aiohttp uses for credentials written into the URL, and BasicAuth by default"
        )
        return (
            f"for {account.description} the server received the credentials encoded as latin-1, not UTF-8 ({used}). "
            "Servers decode Basic credentials as UTF-8 (RFC 7617): build the value with "
            "aiohttp.encode_basic_auth(user, password), UTF-8 by default, and send it in headers="
        )
    return (
        f"for {account.description} the server received Basic credentials that decode to {decoded[:60]!r}; it "
        f"expects {credentials!r} encoded as UTF-8"
    )


def _latin1(text: str) -> bytes | None:
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return None


def _encode_error(exc: BaseException, account: _Account) -> str | None:
    if isinstance(exc, UnicodeEncodeError):
        return (
            f"for {account.description} your code raised UnicodeEncodeError ({exc.reason}, {exc.encoding!r}): it "
            "encoded the credentials with a charset that has no such letters (latin-1 is what aiohttp.BasicAuth and "
            "credentials in the URL use). Encode them as UTF-8: aiohttp.encode_basic_auth(user, password)"
        )
    return None


async def _expect_account(fetch_with_basic, server: _AccountServer, base: str, account: _Account) -> None:
    call = "fetch_with_basic(url, user, password)"
    with recording_warnings() as caught:
        body, exc = await outcome(fetch_with_basic(f"{base}{account.path}", account.login, account.password))
    seen = server.seen(account.path)
    if not seen and exc is not None:
        problem = _encode_error(exc, account)
        if problem:
            raise NotYet(problem) from None
        raise exc  # failed before sending anything: core.check says what that error means
    expect(seen, f"{call} sent nothing to the server: GET the url it is given")
    deprecated = _deprecated_auth(caught)
    problem = _header_problem(seen[0].headers.get("Authorization"), account, deprecated)
    if problem:
        raise NotYet(problem)
    expect(
        len(seen) == 1,
        f"{call} made {len(seen)} requests for one call: send the credentials with the first request (Basic needs "
        "no 401 first), and make one request",
    )
    if exc is not None:
        raise exc
    expect_type(body, dict, call, "the parsed JSON body (a dict)")
    expect(
        body == account.document,
        f"for {account.description} {call} returned {body!r}; the server sent {account.document!r}",
    )
    expect(
        deprecated is None,
        f"{call} works, but it uses aiohttp.BasicAuth / auth=, deprecated since aiohttp 3.14 and gone in 4.0 (your "
        f"code got this warning: {deprecated}). Send the header yourself: "
        "headers={'Authorization': aiohttp.encode_basic_auth(user, password)}",
    )


@exercise(
    "19.1",
    "Basic credentials, encoded as UTF-8, without the deprecated BasicAuth",
    "fetch_with_basic",
    (
        "Basic credentials are one header, built from the user name and the password; nothing else is needed. Mind "
        "the charset the user name and password are encoded in before base64: servers read UTF-8. And look at the "
        "status before you trust the body.",
        "`aiohttp.encode_basic_auth(user, password)` builds the header's value in UTF-8; send it with "
        "`headers={'Authorization': ...}` on `session.get`, and call `resp.raise_for_status()` before "
        "`await resp.json()`. Not `auth=aiohttp.BasicAuth(...)`: deprecated in 3.14, and latin-1 by default.",
    ),
)
async def check_fetch_with_basic(fetch_with_basic) -> None:
    accounts = _accounts()
    server = _AccountServer({account.name: account for account in accounts})
    async with serving(server.app()) as base:
        for account in accounts:
            await _expect_account(fetch_with_basic, server, base, account)
        right = accounts[0]
        wrong = f"not-{right.password}"

        def returned(result: Any) -> str:
            return (
                f"with a wrong password the server answered 401 Unauthorized, and fetch_with_basic returned "
                f"{result!r} as if it were the account: a body is no proof of success. Check the status first: "
                "resp.raise_for_status() raises aiohttp.ClientResponseError for a 401"
            )

        with recording_warnings():
            await expect_response_error(
                fetch_with_basic(f"{base}{right.path}", right.login, wrong),
                401,
                "with a wrong password fetch_with_basic",
                returned,
            )


# ---------------------------------------------------------------------------------------------------
# 19.2 token_refresh_middleware: a token fetched when first needed, reused until refused, refreshed once on a 401,
# sent to the API's origin only.

API_REQUESTS = 8
"""Requests the check makes to the API, one after another: tokens good for 1 to 3 requests expire on the way."""
TOKEN_USES = (1, 2, 3)
FIRST_TOKEN_USES = (2, 3)
"""The first token is good for at least two requests: fetching one before every request then shows."""
LOOP_LIMIT = 2.0
"""How long the check waits for a request that the API always refuses; a right answer returns in milliseconds."""
TOKEN_PATH = "/oauth/token"


@dataclass
class _Issued:
    token: str
    uses: int
    used: int = 0


@dataclass
class _ApiRequest:
    """A request to the API as the check's server saw it: path, Authorization, status, and why it was refused."""

    path: str
    authorization: str | None
    status: int
    reason: str | None = None


@dataclass
class _TokenAPI:
    """POST /oauth/token issues tokens good for 1 to 3 requests; GET /api/{name} wants one; /api/revoked refuses all."""

    elsewhere: str = ""
    """The base URL of the other origin: /api/go-elsewhere redirects there."""
    issued: list[_Issued] = field(default_factory=list)
    requests: list[_ApiRequest] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    """Every request in the order it came: TOKEN_PATH for a token issued, else the API path."""
    rng: random.Random = field(default_factory=random.Random)

    async def issue(self, request: web.Request) -> web.Response:
        uses = self.rng.choice(FIRST_TOKEN_USES if not self.issued else TOKEN_USES)
        token = secrets.token_urlsafe(12)
        self.issued.append(_Issued(token, uses))
        self.events.append(TOKEN_PATH)
        body = {"access_token": token, "token_type": "Bearer", "expires_in_requests": uses}
        return web.json_response(body, headers={"Cache-Control": "no-store"})

    def _refuse(self, request: web.Request, reason: str) -> web.Response:
        self.requests.append(_ApiRequest(request.path, request.headers.get("Authorization"), 401, reason))
        challenge = "Bearer" if reason == "missing" else 'Bearer error="invalid_token"'
        body = {"authenticated": False, "reason": reason}
        return web.json_response(body, status=401, headers={"WWW-Authenticate": challenge})

    async def resource(self, request: web.Request) -> web.Response:
        self.events.append(request.path)
        name = request.match_info["name"]
        authorization = request.headers.get("Authorization")
        if name == "missing":
            self.requests.append(_ApiRequest(request.path, authorization, 404))
            return web.json_response({"error": "no such item"}, status=404)
        if name == "go-elsewhere":
            self.requests.append(_ApiRequest(request.path, authorization, 302))
            raise web.HTTPFound(f"{self.elsewhere}/page")
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return self._refuse(request, "missing")
        if name == "revoked":
            return self._refuse(request, "revoked")
        issued = next((item for item in self.issued if item.token == token), None)
        if issued is None:
            return self._refuse(request, "unknown")
        if issued.used >= issued.uses:
            return self._refuse(request, "expired")
        issued.used += 1
        self.requests.append(_ApiRequest(request.path, authorization, 200))
        return web.json_response({"item": name, "authenticated": True})

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post(TOKEN_PATH, self.issue)
        app.router.add_get("/api/{name}", self.resource)
        return app

    def for_path(self, path: str) -> list[_ApiRequest]:
        return [request for request in self.requests if request.path == path]

    def tokens_after(self, path: str) -> list[int]:
        """For each request to `path`: how many tokens were issued after it, until the next request to `path`."""
        counts: list[int] = []
        for event in self.events:
            if event == path:
                counts.append(0)
            elif event == TOKEN_PATH and counts:
                counts[-1] += 1
        return counts


@dataclass
class _Elsewhere:
    """Another origin (another port): GET /page answers 200, and notes the Authorization of every request."""

    authorizations: list[str | None] = field(default_factory=list)

    async def page(self, request: web.Request) -> web.Response:
        self.authorizations.append(request.headers.get("Authorization"))
        return web.json_response({"page": "elsewhere"})

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/page", self.page)
        return app


def _recursion_message(exc: BaseException) -> str | None:
    if isinstance(exc, RecursionError):
        return (
            "your code raised RecursionError: the middleware's own token request went through the middleware "
            "again, which found no token and asked for one, which went through the middleware again… Make the "
            "token request with middlewares=() (request.session.post(token_url, middlewares=())), so that no "
            "middleware of the session sees it"
        )
    return None


async def _get(session: aiohttp.ClientSession, url: str) -> tuple[int, Any]:
    """What the check's own caller gets: the status and the JSON body, read inside the block."""
    async with session.get(url) as resp:
        return resp.status, await resp.json(content_type=None)


async def _call(session: aiohttp.ClientSession, api: _TokenAPI, url: str) -> tuple[int, Any]:
    """`_get`, given LOOP_LIMIT seconds: a middleware that never gives up is reported with what the server saw."""
    requests_before, tokens_before = len(api.requests), len(api.issued)
    deadline = asyncio.timeout(LOOP_LIMIT)
    try:
        async with deadline:
            return await _get(session, url)
    except TimeoutError:
        if not deadline.expired():
            raise
        raise NotYet(
            f"a GET of {URL(url).path} had not returned after {LOOP_LIMIT:.0f} s; meanwhile the API received "
            f"{len(api.requests) - requests_before} requests and issued {len(api.issued) - tokens_before} tokens. "
            "Send the request at most twice (once more after a fresh token), then return the response"
        ) from None


def _refused_message(api: _TokenAPI, path: str, before: int) -> str:
    """Why the caller got a 401 for `path`, from what the server saw (its requests after index `before`)."""
    seen = [request for request in api.requests[before:] if request.path == path]
    last = seen[-1] if seen else None
    if not api.issued:
        return (
            f"the caller got 401 for {path}: the middleware never asked token_url for a token. POST to token_url "
            "(with the request's own session) the first time a token is needed, and send "
            "Authorization: Bearer <access_token>"
        )
    if last is not None and last.reason == "missing":
        shown = (
            "no Authorization header" if last.authorization is None else f"Authorization: {last.authorization[:30]!r}"
        )
        return (
            f"the caller got 401 for {path}: the server received {shown}. Put the token in the request's "
            "headers as 'Bearer ' and the access_token (request.headers['Authorization'] = f'Bearer {token}')"
        )
    if last is not None and last.reason == "unknown":
        return (
            f"the caller got 401 for {path}: the server does not know the token it received. Send the "
            "access_token of the token endpoint's JSON answer, as it is, after 'Bearer '"
        )
    if len(seen) >= 2 and len({request.authorization for request in seen}) == 1:
        return (
            f"the caller got 401 for {path}: the token had expired, and the middleware retried with the same "
            "token. Fetch a fresh one from token_url before the retry, and put it in the request's header"
        )
    return (
        f"the caller got 401 for {path}: the token had expired (the server said so with a 401), and the middleware "
        "handed that 401 to the caller. On a 401, fetch a fresh token from token_url and send the request once "
        "more with it"
    )


async def _expect_api_requests(session: aiohttp.ClientSession, api: _TokenAPI, base: str) -> None:
    for n in range(API_REQUESTS):
        path = f"/api/item-{n}"
        before = len(api.requests)
        answer, exc = await outcome(_call(session, api, f"{base}{path}"))
        if exc is not None:
            message = _recursion_message(exc)
            if message:
                raise NotYet(message) from None
            raise exc
        status, body = answer
        if status == 401:
            raise NotYet(_refused_message(api, path, before))
        expect(
            status == 200, f"the caller got {status} for {path}; the API answers 200 to a request with a fresh token"
        )
        expect(body == {"item": f"item-{n}", "authenticated": True}, f"the caller got {body!r} for {path}")


def _expect_tokens_used_up(api: _TokenAPI) -> None:
    wasted = [item for item in api.issued[:-1] if item.used < item.uses]
    if not wasted:
        return
    raise NotYet(
        f"every request succeeded, but the middleware asked token_url for {len(api.issued)} tokens for "
        f"{API_REQUESTS} requests, and {len(wasted)} of them were dropped while still good (the first was good for "
        f"{api.issued[0].uses} requests and made {api.issued[0].used}). Keep the token, send it again with the "
        "next request, and fetch a new one only when the server refuses it with a 401"
    )


async def _expect_not_found_left_alone(session: aiohttp.ClientSession, api: _TokenAPI, base: str) -> None:
    status, _ = await _call(session, api, f"{base}/api/missing")
    seen = api.for_path("/api/missing")
    refreshed = sum(api.tokens_after("/api/missing"))
    expect(status == 404, f"for /api/missing, which answers 404, the caller got {status}: hand the 404 to the caller")
    expect(
        refreshed == 0 and len(seen) == 1,
        f"for /api/missing the API answered 404 Not Found, and the middleware then fetched {refreshed} token(s) "
        f"and sent the request {len(seen)} times: a 404 is no sign of an expired token. Refresh and retry only "
        "after a 401",
    )


async def _expect_other_origin_left_alone(
    session: aiohttp.ClientSession, api: _TokenAPI, base: str, elsewhere: _Elsewhere, other: str
) -> None:
    tokens_before = len(api.issued)
    status, _ = await _call(session, api, f"{other}/page")
    expect(status == 200, f"for a page on another origin the caller got {status}; that server answers 200")
    port = URL(other).port
    if elsewhere.authorizations[-1] is not None:
        raise NotYet(
            f"the token reached another origin ({URL(other).host}, port {port}): the middleware added it to a request "
            "for a server that is not the API. A token is for its API only: pass requests whose origin (scheme, "
            "host and port: request.url.origin()) is not the origin of token_url through untouched"
        )
    expect(
        len(api.issued) == tokens_before,
        "for a page on another origin the middleware fetched a token: pass requests for other origins through",
    )
    status, _ = await _call(session, api, f"{base}/api/go-elsewhere")
    expect(status == 200, f"for /api/go-elsewhere, which redirects to another origin, the caller got {status}")
    if elsewhere.authorizations[-1] is not None:
        raise NotYet(
            "the token reached another origin after a redirect: /api/go-elsewhere redirects to another port, and "
            "aiohttp runs the middlewares again for each hop of a redirect (after it has removed Authorization "
            "from the request). Compare request.url.origin() with the origin of token_url on every call, and add "
            "the token only when they are equal"
        )


async def _expect_refusal_returned(session: aiohttp.ClientSession, api: _TokenAPI, base: str) -> None:
    tokens_before = len(api.issued)
    deadline = asyncio.timeout(LOOP_LIMIT)
    try:
        async with deadline:
            status, _ = await _get(session, f"{base}/api/revoked")
    except TimeoutError:
        if not deadline.expired():
            raise
        raise NotYet(
            f"/api/revoked refuses every token; {LOOP_LIMIT:.0f} s later the middleware was still at it: "
            f"{len(api.for_path('/api/revoked'))} requests and {len(api.issued) - tokens_before} tokens. Retry once "
            "with a fresh token, then hand the response (the second 401) to the caller: a loop that waits for "
            "success never ends when success never comes"
        ) from None
    except aiohttp.ClientResponseError as exc:
        raise NotYet(
            f"for /api/revoked, which refuses every token, the middleware raised {type(exc).__name__} ({exc.status}): "
            "return the response of the retry as it is, and let the caller decide what a 401 means"
        ) from None
    seen = api.for_path("/api/revoked")
    fetched = api.tokens_after("/api/revoked")
    expect(status == 401, f"for /api/revoked, which refuses every token, the caller got {status}, not the 401")
    expect(
        fetched == [1, 0],
        f"for /api/revoked, which refuses every token, the middleware sent the request {len(seen)} times and "
        f"fetched {sum(fetched)} token(s) after its refusals: after a 401, fetch one fresh token, retry once, and "
        "return what the retry gives",
    )


@exercise(
    "19.2",
    "a middleware that fetches a bearer token, keeps it, and refreshes it once on a 401",
    "token_refresh_middleware",
    (
        "The middleware keeps the token between requests, in a closure or an object. It asks for one when it has "
        "none, sends it again and again, and only when the API refuses it asks for a new one and tries once more. "
        "Its own token request must not pass through the middleware again, and the token goes to the API's "
        "origin only: a redirect to another server runs the middleware again.",
        "Return an `async def middleware(request, handler)` that keeps the token in a variable of the enclosing "
        "function (`nonlocal`). Fetch with `request.session.post(token_url, middlewares=())` and read "
        "`(await resp.json())['access_token']`; set `request.headers['Authorization'] = f'Bearer {token}'`; "
        "`answer = await handler(request)`; on `answer.status == 401`, `answer.release()`, fetch a new "
        "token, set the header again and return `await handler(request)`. Compare `request.url.origin()` with "
        "`URL(token_url).origin()` first, and call `handler(request)` untouched when they differ.",
    ),
    is_async=False,
)
async def check_token_refresh_middleware(token_refresh_middleware) -> None:
    api, elsewhere = _TokenAPI(), _Elsewhere()
    async with serving(api.app()) as base, serving(elsewhere.app()) as other:
        api.elsewhere = other
        call = "token_refresh_middleware(token_url)"
        with sessions_made() as made:
            middleware = token_refresh_middleware(f"{base}{TOKEN_PATH}")
            expect(
                middleware is not None,
                f"{call} returned None; it should return the middleware (an async function taking request and handler)",
            )
            expect(callable(middleware), f"{call} returned {type(middleware).__name__}; return the middleware itself")
            async with aiohttp.ClientSession(middlewares=(middleware,)) as session:
                made.remove(session)  # the check's own
                await _expect_api_requests(session, api, base)
                _expect_tokens_used_up(api)
                expect(
                    not made,
                    f"the middleware made {len(made)} ClientSession(s) of its own: make the token request with "
                    "request.session, the session the request belongs to (with middlewares=(), so that the "
                    "middleware does not see it)",
                )
                await _expect_not_found_left_alone(session, api, base)
                await _expect_other_origin_left_alone(session, api, base, elsewhere, other)
                await _expect_refusal_returned(session, api, base)
