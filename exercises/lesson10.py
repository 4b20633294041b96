"""Exercises of lesson 10: cookies given to a session, a cookie's attributes read from its Morsel, and the
cookies set along a redirect chain.

Each check serves responses of its own from a small aiohttp.web app on 127.0.0.1 (`check_server.serving`),
with cookie names, values and attributes made up for the run, and looks at what its server saw: the cookies
each request carried, the paths asked for. 10.1 also counts the sessions the learner's code made.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from http.cookies import Morsel
from typing import TypeVar

from aiohttp import web
from multidict import CIMultiDict, CIMultiDictProxy

from .check_server import RequestLog, serving
from .core import NotYet, exercise, expect, expect_type
from .sessions import GivenSession, given_session, sessions_made

T = TypeVar("T")


def _token() -> str:
    """A value the learner cannot know in advance: the answer must come from what the server sent."""
    return secrets.token_hex(4)


@asynccontextmanager
async def _serving_with_session(app: web.Application, log: RequestLog) -> AsyncIterator[tuple[str, GivenSession]]:
    """Serve `app` (noting its requests in `log`); yield its base URL and a session that counts its requests."""
    app.middlewares.append(log.middleware)
    async with serving(app) as base, given_session() as given:
        yield base, given


def _answering(make: Callable[[T], web.Response], what: T) -> Callable[[web.Request], Awaitable[web.Response]]:
    """A handler that answers every request with a new response made by `make(what)`."""

    async def answer(request: web.Request) -> web.Response:
        return make(what)

    return answer


# ---------------------------------------------------------------------------------------------------
# 10.1 fetch_with_cookies: one session whose every request carries the cookies it was given.

PAGE_PATHS = ("/profile", "/orders", "/start", "/help")
"""The paths fetch_with_cookies is given, in order."""
REDIRECTS = {"/start": "/settings"}
"""A page that redirects (on the same server): the request that follows must carry the cookies too."""


@dataclass(frozen=True)
class _Visit:
    """One request the check's server answered, with the cookies it carried."""

    path: str
    cookies: dict[str, str]
    headers: CIMultiDictProxy[str]
    query: dict[str, str]


@dataclass
class _CookiePages:
    """Pages that answer with a token of their own, and note the cookies every request carried."""

    visits: list[_Visit] = field(default_factory=list)
    tokens: dict[str, str] = field(default_factory=dict)

    async def page(self, request: web.Request) -> web.Response:
        self.visits.append(_Visit(request.path, dict(request.cookies), request.headers, dict(request.query)))
        if request.path in REDIRECTS:
            raise web.HTTPFound(REDIRECTS[request.path])
        token = self.tokens.setdefault(request.path, _token())
        return web.Response(text=f"{request.path} {token}")

    def app(self) -> web.Application:
        app = web.Application()
        for path in (*PAGE_PATHS, *REDIRECTS.values()):
            app.router.add_get(path, self.page)
        return app

    def expected_texts(self) -> list[str]:
        landed = [REDIRECTS.get(path, path) for path in PAGE_PATHS]
        return [f"{path} {self.tokens.get(path, '?')}" for path in landed]


def _cookie_problem(visit: _Visit, expected: dict[str, str], earlier: list[_Visit]) -> str | None:
    """What is wrong with the cookies one request carried, in the learner's terms; None when they are right."""
    if visit.cookies == expected:
        return None
    where = f"the request for {visit.path}"
    as_headers = sorted(name for name in expected if name in visit.headers)
    in_query = sorted(name for name in expected if name in visit.query)
    if as_headers:
        return (
            f"{where} sent the cookies as headers named {', '.join(as_headers)}: a cookie is not a header of its "
            "own; all cookies travel in one Cookie header, which aiohttp writes for you from "
            "`aiohttp.ClientSession(cookies=cookies)`"
        )
    if in_query:
        return (
            f"{where} sent the cookies in the query string ({', '.join(in_query)}): params= builds the URL. "
            "Give the cookies to `aiohttp.ClientSession(cookies=cookies)`, which sends them in the Cookie header"
        )
    if not visit.cookies:
        if any(seen.cookies == expected for seen in earlier):
            return (
                f"{where} carried no cookies, while the first one did: a `cookies=` given to one request "
                "(session.get(url, cookies=...)) goes with that request only. Give the cookies to the session, "
                "`aiohttp.ClientSession(cookies=cookies)`, and every request it makes carries them"
            )
        return (
            f"{where} carried no cookies; it should carry {expected}. Give them to the session, "
            "`aiohttp.ClientSession(cookies=cookies)`, and every request it makes carries them"
        )
    missing = sorted(set(expected) - set(visit.cookies))
    extra = sorted(set(visit.cookies) - set(expected))
    changed = sorted(name for name in expected if name in visit.cookies and visit.cookies[name] != expected[name])
    details = []
    if missing:
        details.append(f"{', '.join(missing)} missing")
    if extra:
        details.append(f"{', '.join(extra)} not asked for")
    if changed:
        details.append(f"other values for {', '.join(changed)}")
    if ";" not in visit.headers.get("Cookie", ";"):
        return (
            f"{where} carried the cookies {visit.cookies} ({'; '.join(details)}): its Cookie header "
            f"{visit.headers['Cookie']!r} does not separate the pairs with '; ', the only separator a Cookie header "
            "has. Let aiohttp write the header: `aiohttp.ClientSession(cookies=cookies)`"
        )
    return (
        f"{where} carried the cookies {visit.cookies}; it should carry exactly {expected} "
        f"({'; '.join(details)}). Pass the dict you were given, as it is, to `aiohttp.ClientSession(cookies=...)`"
    )


@exercise(
    "10.1",
    "one session that sends the same cookies with every request",
    "fetch_with_cookies",
    (
        "Cookies that every request must carry belong to the session, not to each request: give them once, "
        "where the session is made, and send every request through that one session.",
        "`aiohttp.ClientSession(cookies=cookies)` puts the cookies in the session's jar, and every request the "
        "session makes sends them, the ones a redirect leads to included. Open it once with `async with`, loop "
        "over the URLs inside its block, and keep `await resp.text()` of each response in a list.",
    ),
)
async def check_fetch_with_cookies(fetch_with_cookies) -> None:
    from lesson_helpers.sessions import unclosed_reports  # the lesson's helper: imported only when checked

    cookies = {f"sid_{_token()}": _token(), "theme": random.choice(("dark", "light", "sepia")), "cart": _token()}
    pages = _CookiePages()
    log = RequestLog()
    app = pages.app()
    app.middlewares.append(log.middleware)
    async with serving(app) as base:
        urls = [f"{base}{path}" for path in PAGE_PATHS]
        with unclosed_reports() as reports, sessions_made() as sessions:
            try:
                texts = await fetch_with_cookies(list(urls), dict(cookies))
            finally:
                still_open = [session for session in sessions if not session.closed]
                for session in still_open:
                    await session.close()

    call = "fetch_with_cookies(urls, cookies)"
    expect(pages.visits, f"{call} sent no request to the check's server: GET each of the URLs")
    for index, visit in enumerate(pages.visits):
        problem = _cookie_problem(visit, cookies, pages.visits[:index])
        expect(problem is None, problem or "")
    asked = [visit.path for visit in pages.visits]
    for path in (*PAGE_PATHS, *REDIRECTS.values()):
        expect(
            path in asked,
            f"the server never saw a request for {path}; it saw {asked}. GET every URL you are given "
            "(and follow the redirect /start answers with: aiohttp does that by default)",
        )
    expect_type(texts, list, call, "a list with the text of each response")
    expected = pages.expected_texts()
    expect(
        texts == expected,
        f"{call} returned {texts!r}; the server answered {expected!r}: return `await resp.text()` of each URL, "
        "in the order of the URLs",
    )
    expect(
        not reports and not still_open,
        "the ClientSession fetch_with_cookies made was still open when it returned: make it with "
        "`async with aiohttp.ClientSession(cookies=cookies) as session:`, which closes it when the block ends",
    )
    expect(
        len(sessions) <= 1,
        f"your requests for the {len(PAGE_PATHS)} URLs went through {len(sessions)} sessions (the check counted them; "
        "aiohttp.request() makes one each time too). Every new session opens connections of its own: make one "
        "ClientSession with the cookies, before the loop, and send every request through it",
    )


# ---------------------------------------------------------------------------------------------------
# 10.2 read_cookie: one cookie's attributes, from its Morsel, among the other cookies of the same response.

ATTRIBUTE_NAMES = {
    "max_age": "Max-Age",
    "path": "Path",
    "domain": "Domain",
    "httponly": "HttpOnly",
    "secure": "Secure",
    "samesite": "SameSite",
}
"""The keys read_cookie returns (besides "value"), and the attribute of Set-Cookie each one comes from."""
RESULT_KEYS = ("value", *ATTRIBUTE_NAMES)
SAME_SITE_VALUES = ("Strict", "Lax", "None")


@dataclass(frozen=True)
class _SetCookie:
    """One cookie the check's server sets: what read_cookie must return for it, and the header that sets it."""

    name: str
    value: str
    max_age: int | None = None
    path: str | None = None
    domain: str | None = None
    httponly: bool = False
    secure: bool = False
    samesite: str | None = None
    spelling: str = "as-in-the-rfc"
    """How the attribute names are written: "as-in-the-rfc" (Max-Age, HttpOnly), "lower" or "upper"."""

    def expected(self) -> dict[str, object]:
        return {key: getattr(self, key) for key in RESULT_KEYS}

    def header(self) -> str:
        parts = [f"{self.name}={self.value}"]
        for key, attribute in ATTRIBUTE_NAMES.items():
            setting = getattr(self, key)
            if setting is None or setting is False:
                continue
            written = {"lower": attribute.lower(), "upper": attribute.upper()}.get(self.spelling, attribute)
            parts.append(written if setting is True else f"{written}={setting}")
        return "; ".join(parts)


def _random_cookie(name: str, *, every_attribute: bool, flags: bool, spelling: str = "as-in-the-rfc") -> _SetCookie:
    if not every_attribute:
        return _SetCookie(name, _token(), spelling=spelling)
    return _SetCookie(
        name,
        _token(),
        max_age=random.randint(60, 86400),
        path=f"/{_token()}",
        domain=f"{_token()}.test",
        httponly=flags,
        secure=flags,
        samesite=random.choice(SAME_SITE_VALUES),
        spelling=spelling,
    )


def _cookie_cases() -> dict[str, tuple[_SetCookie, list[_SetCookie]]]:
    """Path -> (the cookie read_cookie is asked for, every cookie the response sets, in the order sent).

    The other cookies have names that contain the asked-for name, and attributes of their own: the first
    header of a response is not the asked-for cookie's, and neither is the first match of its name.
    """
    cases = {}
    # Every attribute, sent after a cookie with none; then none, sent after a cookie with every attribute.
    name = f"sid_{_token()}"
    wanted = _random_cookie(name, every_attribute=True, flags=True)
    cases["/every-attribute"] = (wanted, [_random_cookie(f"old_{name}", every_attribute=False, flags=False), wanted])
    name = f"pref_{_token()}"
    wanted = _random_cookie(name, every_attribute=False, flags=False)
    cases["/no-attribute"] = (wanted, [_random_cookie(f"{name}_v1", every_attribute=True, flags=True), wanted])
    # Attribute names in lower case (servers write them as they like), flags off, between two others.
    name = f"cart_{_token()}"
    wanted = _random_cookie(name, every_attribute=True, flags=False, spelling="lower")
    before = _random_cookie(f"{name}_backup", every_attribute=True, flags=True, spelling="upper")
    after = _random_cookie(f"x{name}", every_attribute=True, flags=True)
    cases["/lower-case"] = (wanted, [before, wanted, after])
    return cases


def _cookie_response(cookies: list[_SetCookie]) -> web.Response:
    headers = CIMultiDict(("Set-Cookie", cookie.header()) for cookie in cookies)
    return web.Response(text="cookies set\n", headers=headers)


def _attribute_problem(key: str, got: object, wanted: _SetCookie, others: list[_SetCookie]) -> str | None:
    """What is wrong with one value read_cookie returned; None when it is right."""
    expected = getattr(wanted, key)
    what = f"for the cookie {wanted.name!r} read_cookie returned {key}={got!r}"
    if key == "max_age" and isinstance(got, str) and expected is not None and got == str(expected):
        return (
            f"{what}: the right number, but as a str (a Morsel holds every attribute as text). "
            "Return max_age as an int: int(morsel['max-age'])"
        )
    if got == "" and (expected is None or expected is False):
        should = "None" if expected is None else "False"
        return (
            f"{what}; the server did not set {ATTRIBUTE_NAMES[key]}, and a Morsel holds '' for an attribute "
            f"that is not set. Return {should} for it, as the task asks"
        )
    if key in ("httponly", "secure") and not isinstance(got, bool):
        return f"{what}; return {key} as True or False (bool(morsel[{key!r}]))"
    if got == expected and type(got) is type(expected):
        return None
    for other in others:
        if other is not wanted and got == getattr(other, key) and got not in (None, False):
            return (
                f"{what}, but that is the {key} of the cookie {other.name!r}, set by another Set-Cookie header "
                f"of the same response. A response can set several cookies, one header each: take the one named "
                f"{wanted.name!r} from resp.cookies, and read its Morsel"
            )
    if key == "value":
        return f"{what}; the server set its value to {expected!r}: morsel.value"
    told = f"{what}; the server set {ATTRIBUTE_NAMES[key]} to {expected!r} (type {type(expected).__name__})"
    if wanted.spelling != "as-in-the-rfc":
        return (
            f"{told}. This response writes the attribute names in {wanted.spelling} case, as a server may: they "
            f"are case-insensitive ({wanted.header()!r}). resp.cookies reads them whatever their case"
        )
    return told


@exercise(
    "10.2",
    "read one cookie's attributes from its Morsel",
    "read_cookie",
    (
        "A response can set several cookies, each in a Set-Cookie header of its own, with the attribute names "
        "written in any case: let aiohttp parse them, pick the cookie by its name, and turn what it holds "
        "into the types the task asks for.",
        "`resp.cookies[name]` is the cookie's Morsel: `.value` is its value; `morsel['max-age']`, "
        "`morsel['path']`, `morsel['domain']` and `morsel['samesite']` are strings, '' when the server did not "
        "set them; `morsel['httponly']` and `morsel['secure']` are True, or '' when not set. Turn '' into None "
        "(or False for the two flags) and the max-age into an int.",
    ),
)
async def check_read_cookie(read_cookie) -> None:
    cases = _cookie_cases()
    app = web.Application()
    for path, (_, cookies) in cases.items():
        app.router.add_get(path, _answering(_cookie_response, cookies))
    log = RequestLog()
    async with _serving_with_session(app, log) as (base, given):
        for path, (wanted, cookies) in cases.items():
            call = "read_cookie(session, url, name)"
            try:
                got = await read_cookie(given.session, f"{base}{path}", wanted.name)
            except KeyError as exc:
                if exc.args != (wanted.name,):
                    raise
                raise NotYet(
                    f"your code raised KeyError: {wanted.name!r}, looking for the cookie where there is none. The "
                    "session's cookie_jar keeps no cookie set by an IP host such as 127.0.0.1 (the default jar's "
                    "rule, lesson 11); the response itself has every cookie it set: resp.cookies[name]"
                ) from None
            except ValueError as exc:
                if "invalid literal for int()" not in str(exc):
                    raise
                raise NotYet(
                    f"your code raised ValueError: {exc}. For a cookie without Max-Age the Morsel holds '', "
                    "which int() refuses: return None when the attribute is empty, and int() it only when set"
                ) from None
            expect_type(got, dict, call, "a dict of the cookie's value and attributes")
            expect(
                set(got) == set(RESULT_KEYS),
                f"{call} returned a dict with the keys {sorted(got)}; return exactly the keys {list(RESULT_KEYS)}",
            )
            for key in RESULT_KEYS:
                problem = _attribute_problem(key, got[key], wanted, cookies)
                expect(problem is None, problem or "")
        given.expect_used("read_cookie")
    expect(
        len(log.requests) == len(cases),
        f"the server got {len(log.requests)} requests for {len(cases)} calls: one request per call is enough, "
        "every cookie a response sets is in its resp.cookies",
    )


# ---------------------------------------------------------------------------------------------------
# 10.3 cookies_along_the_way: every cookie set by the responses of a redirect chain.


@dataclass(frozen=True)
class _Hop:
    path: str
    location: str | None
    """Where this response redirects to; None for the last one."""
    cookies: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class _Chain:
    """A redirect chain of the check's server: its hops, and what a right answer returns for it."""

    hops: list[_Hop]

    @property
    def expected(self) -> dict[str, str]:
        cookies: dict[str, str] = {}
        for hop in self.hops:
            cookies.update(hop.cookies)  # a later Set-Cookie replaces an earlier one of the same name
        return cookies

    def settings_of(self, name: str) -> list[tuple[str, str]]:
        """(path, value) of every response that set the cookie `name`, in the order of the chain."""
        return [(hop.path, value) for hop in self.hops for set_name, value in hop.cookies if set_name == name]


def _chain() -> _Chain:
    """Four responses, each setting cookies with names made up for the run; the first cookie is set again later."""
    names = [f"{word}_{_token()}" for word in ("visit", "cart", "lang", "ab")]
    return _Chain(
        [
            _Hop("/hop/0", "/hop/1", ((names[0], _token()),)),
            _Hop("/hop/1", "/hop/2", ((names[1], _token()), (names[2], _token()))),
            _Hop("/hop/2", "/end", ((names[0], _token()),)),  # the first cookie again, with a new value
            _Hop("/end", None, ((names[3], _token()),)),
        ]
    )


def _hop_response(hop: _Hop) -> web.Response:
    headers = CIMultiDict(("Set-Cookie", f"{name}={value}; Path=/") for name, value in hop.cookies)
    if hop.location is None:
        return web.Response(text="the end of the chain\n", headers=headers)
    headers["Location"] = hop.location
    return web.Response(status=302, headers=headers)


def _chain_problem(got: dict, chain: _Chain) -> str | None:
    """What a wrong dict of cookies says about the mistake; None when it is right."""
    expected = chain.expected
    if got == expected:
        return None
    call = "cookies_along_the_way(session, url)"
    last = dict(chain.hops[-1].cookies)
    if not got:
        return (
            f"{call} returned no cookies, though every response of the chain set some. If you read the session's "
            "cookie_jar: the default jar keeps no cookie set by an IP host such as 127.0.0.1 (lesson 11). "
            "Read what each response set: resp.cookies, and the .cookies of each response in resp.history"
        )
    if got == last:
        return (
            f"{call} returned {got}: only the cookies the last response set. resp.cookies holds what that one "
            "response set; the redirects before it set the others, and resp.history holds them, oldest first: "
            "read the .cookies of each of them too"
        )
    for name, value in got.items():
        settings = chain.settings_of(name)
        if len(settings) > 1 and value == settings[0][1]:
            (first_path, first), (later_path, later) = settings[0], settings[-1]
            return (
                f"{call} returned {name}={value!r}; the cookie {name} was set twice, first to {first!r} at "
                f"{first_path}, then to {later!r} at {later_path}. The later Set-Cookie replaces the earlier: go "
                "through resp.history in order (oldest first), then resp itself, and let later values win"
            )
    missing = [name for name in expected if name not in got]
    if missing and all(name in last for name in missing):
        return (
            f"{call} returned {got}; it misses {', '.join(missing)}, set by the final response itself "
            "(resp.cookies): resp.history holds only the redirects before it"
        )
    if missing:
        where = ", ".join(f"{name} (set at {chain.settings_of(name)[0][0]})" for name in missing)
        return f"{call} returned {got}; it misses {where}. Read the .cookies of every response in resp.history"
    extra = sorted(set(got) - set(expected))
    if extra:
        return f"{call} returned the names {extra}, which no response of the chain set"
    wrong = sorted(name for name in expected if got[name] != expected[name])
    return f"{call} returned other values than the server set for {', '.join(wrong)}: {got} instead of {expected}"


@exercise(
    "10.3",
    "every cookie set along a redirect chain",
    "cookies_along_the_way",
    (
        "Every response along the way may set cookies, the redirects as much as the last one, and each "
        "response knows only its own. Look at them all, oldest first, so that a cookie set twice keeps its "
        "later value.",
        "`resp.history` is the tuple of the redirect responses that led to `resp`, oldest first; each has "
        "`.cookies` as `resp` does, a SimpleCookie of Morsels. Go through the history, then `resp`, and keep "
        "`morsel.value` under each name. (The session's cookie_jar keeps nothing set by 127.0.0.1.)",
    ),
)
async def check_cookies_along_the_way(cookies_along_the_way) -> None:
    chain = _chain()
    hops = chain.hops
    app = web.Application()
    for hop in hops:
        app.router.add_get(hop.path, _answering(_hop_response, hop))
    log = RequestLog()
    async with _serving_with_session(app, log) as (base, given):
        got = await cookies_along_the_way(given.session, f"{base}{hops[0].path}")
        given.expect_used("cookies_along_the_way")
    call = "cookies_along_the_way(session, url)"
    asked = [seen.path_qs for seen in log.requests]
    expect(
        asked != [hops[0].path],
        f"the server was asked only for {hops[0].path}, which redirects: let the request follow the redirects "
        "(aiohttp does by default; allow_redirects=False stops at the first response)",
    )
    expect_type(got, dict, call, "a dict of cookie names and values")
    morsels = [name for name, value in got.items() if isinstance(value, Morsel)]
    expect(
        not morsels,
        f"{call} returned Morsels as the values (for {', '.join(morsels)}); return each cookie's value, "
        "a str: morsel.value",
    )
    problem = _chain_problem(got, chain)
    expect(problem is None, problem or "")
    expect(
        asked == [hop.path for hop in hops],
        f"the server was asked for {asked}; follow the chain once: {[hop.path for hop in hops]}",
    )
