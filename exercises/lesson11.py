"""Exercises of lesson 11: a login kept by the session's jar, the cookies a jar would send, a login kept between runs.

11.1 and 11.3 serve a small account site of the check's own (`check_server.serving`): POST /login sets a session
cookie with a random value, and GET /private answers 200 only to a request that carries it. The check's server
listens on 127.0.0.1, an IP address: 11.1 gives the learner that address, where a default CookieJar keeps no
cookie; 11.3 gives the name localhost, where it does. 11.2 fills a jar of its own and asks which of its cookies
it would send to each of a few URLs.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import tempfile
from collections.abc import Awaitable
from dataclasses import dataclass, field
from http.cookies import Morsel, SimpleCookie
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from yarl import URL

from .check_server import RequestLog, serving
from .core import NotYet, exercise, expect, expect_type, recording_warnings

COOKIE_NAME = "session"


# ---------------------------------------------------------------------------------------------------
# What 11.1 and 11.3 share: a site with a log-in, and what it saw of the session cookie.


@dataclass(frozen=True)
class _Visit:
    """One request for /private: the session cookie it carried (None for none), and the connection it came over."""

    cookie: str | None
    transport: asyncio.BaseTransport | None


@dataclass
class _AccountSite:
    """POST /login sets ``session=<token>``; GET /private answers 200 only to a request carrying the current token."""

    token: str = field(default_factory=lambda: secrets.token_hex(8))
    secret: str = field(default_factory=lambda: secrets.token_hex(4))
    log: RequestLog = field(default_factory=RequestLog)
    logins: list[asyncio.BaseTransport | None] = field(default_factory=list)
    visits: list[_Visit] = field(default_factory=list)

    @property
    def page(self) -> str:
        """The private page: what a logged-in request gets (the secret cannot be known in advance)."""
        return f"Welcome back! Your account number is {self.secret}.\n"

    async def login(self, request: web.Request) -> web.Response:
        self.logins.append(request.transport)
        response = web.json_response({"logged_in": True})
        response.set_cookie(COOKIE_NAME, self.token, path="/", httponly=True)
        return response

    async def private(self, request: web.Request) -> web.Response:
        sent = request.cookies.get(COOKIE_NAME)
        self.visits.append(_Visit(sent, request.transport))
        if sent is None:
            return web.Response(status=401, text="Log in first: no session cookie came with this request.\n")
        if sent != self.token:
            return web.Response(status=401, text="This session has ended: log in again.\n")
        return web.Response(text=self.page)

    def rotate(self) -> str:
        """End the current session (its cookie no longer opens /private); return the old token."""
        old, self.token = self.token, secrets.token_hex(8)
        return old

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self.log.middleware])
        app.router.add_post("/login", self.login)
        app.router.add_get("/private", self.private)
        return app

    def login_methods(self) -> list[str]:
        """The methods of every request for /login, allowed or not (a GET gets 405 Method Not Allowed)."""
        return [seen.method for seen in self.log.requests if seen.path_qs.partition("?")[0] == "/login"]


async def _call_keeping_401(answer: Awaitable[Any]) -> Any:
    """Await the learner's coroutine; a ClientResponseError for 401 or 405 (the site refused) gives None.

    The check then says why the site refused, from what it saw, which says more than the exception.
    """
    try:
        return await answer
    except aiohttp.ClientResponseError as exc:
        if exc.status not in (401, 405):
            raise
        return None


def _expect_logged_in(site: _AccountSite, call: str) -> None:
    methods = site.login_methods()
    expect(
        methods,
        f"{call} never logged in: send a POST to {{base_url}}/login first; the server's answer sets the session cookie",
    )
    expect(
        site.logins,
        f"{call} asked for /login with {methods[0]}, and the server answered 405 Method Not Allowed: the log-in is "
        "a POST (session.post)",
    )


def _expect_cookie_came_back(site: _AccountSite, call: str, *, by_ip_address: bool) -> None:
    """The last request for /private carried the cookie /login set; `by_ip_address`: the learner was given 127.0.0.1."""
    expect(
        site.visits,
        f"{call} logged in, but never asked for /private: GET {{base_url}}/private next, with the same session",
    )
    last = site.visits[-1]
    if last.cookie is None:
        expect(
            last.transport is site.logins[-1],
            "the request for /private carried no cookie, and it came over another connection than the log-in, "
            "as a request from another session does: each ClientSession has a jar of its own. Send both "
            "requests through one session: its jar keeps the cookie from the answer to /login and adds it to "
            "the request for /private",
        )
        if by_ip_address:
            raise NotYet(
                "the request for /private carried no cookie, although /login had set one: the session's jar did "
                "not keep it. The server's address, 127.0.0.1, is an IP address, and a default aiohttp.CookieJar "
                "keeps no cookie an IP address sets (a DummyCookieJar keeps none at all). Make the session with "
                "cookie_jar=aiohttp.CookieJar(unsafe=True), or call the server by its name, localhost"
            )
        raise NotYet(
            "the request for /private carried no cookie, although /login had set one: the session's jar did not "
            "keep it (a DummyCookieJar keeps none). Use the session's own jar, the default aiohttp.CookieJar"
        )
    expect(
        last.cookie == site.token,
        f"the request for /private carried {COOKIE_NAME}={last.cookie!r}, but /login set {COOKIE_NAME}="
        f"{site.token!r}: send back the cookie the server set (the session's jar does, by itself), not one of "
        "your own",
    )


def _expect_page(site: _AccountSite, page: object, call: str) -> None:
    expect_type(page, str, call, "the text of the private page")
    expect(
        page == site.page,
        f"{call} returned {page!r}; the private page says {site.page!r}: return the text of the answer to /private",
    )


# ---------------------------------------------------------------------------------------------------
# 11.1 log_in_and_fetch: log in, then fetch a page that needs the cookie, on a server with an IP address.


@exercise(
    "11.1",
    "log in, then fetch a page that needs the login cookie, from an IP address",
    "log_in_and_fetch",
    (
        "The server's address is an IP address, and by default aiohttp's cookie jar keeps no cookie that an IP "
        "address sets. Make a session whose jar accepts them, or call the server by its name instead, and send "
        "both requests through that one session: its jar carries the cookie from the first to the second.",
        "`aiohttp.CookieJar(unsafe=True)` accepts cookies from IP addresses: pass it as `cookie_jar=` when you "
        "make the session. (Or keep the default jar and call `yarl.URL(base_url).with_host('localhost')`.) Log "
        "in with `session.post(...)` on `/login`, then `session.get(...)` on `/private`; check each status and "
        "return `await resp.text()` of the second.",
    ),
)
async def check_log_in_and_fetch(log_in_and_fetch) -> None:
    call = "log_in_and_fetch(base_url)"
    site = _AccountSite()
    async with serving(site.app()) as base_url:
        page = await _call_keeping_401(log_in_and_fetch(base_url))
    if page is None and not site.log.requests:
        expect_type(page, str, call, "the text of the private page")
    _expect_logged_in(site, call)
    _expect_cookie_came_back(site, call, by_ip_address=True)
    _expect_page(site, page, call)


# ---------------------------------------------------------------------------------------------------
# 11.2 cookies_for: the names and values a jar would send to a URL.

JAR_CONTENTS = (
    # (the URL whose answer set the cookie, its Set-Cookie header; {} is a value the learner cannot know)
    ("https://shop.test/login", "session={}; Path=/; HttpOnly"),
    ("https://shop.test/cart/add", "cart={}; Path=/cart"),
    ("https://shop.test/admin/login", "admin={}; Path=/admin; Secure"),
    ("https://shop.test/", "theme={}; Domain=shop.test; Path=/"),
    ("https://shop.test/", 'greeting="hello {}"; Path=/'),  # a space: the value is quoted in the header
    ("https://api.shop.test/", "lang={}; Path=/"),
    ("https://ads.test/pixel", "tracker={}; Path=/"),
)
COOKIES_FOR_CASES = (
    # (the URL asked about, the names of the cookies the jar sends there)
    ("http://shop.test/cart/items", {"session", "cart", "theme", "greeting"}),
    ("https://shop.test/admin/users", {"session", "admin", "theme", "greeting"}),
    ("http://shop.test/admin", {"session", "theme", "greeting"}),
    ("https://shop.test/cartoons", {"session", "theme", "greeting"}),
    ("https://api.shop.test/v1/me", {"theme", "lang"}),
    ("https://ads.test/pixel.gif", {"tracker"}),
    ("https://example.test/", set()),
)
STR_URL_WARNING = "filter_cookies expects yarl.URL"


@dataclass(frozen=True)
class _StoredCookie:
    """A cookie of the check's jar, as its Set-Cookie header and the URL that set it describe it."""

    set_by: URL
    morsel: Morsel

    @property
    def name(self) -> str:
        return self.morsel.key

    def why_not_sent_to(self, url: URL) -> str:
        """Why the jar does not send this cookie to `url`, in the learner's terms."""
        domain, path = self.morsel["domain"], self.morsel["path"]
        host = url.host or ""
        if not domain and host != self.set_by.host:
            return (
                f"{self.name} was set by {self.set_by.host} without a Domain attribute, so it goes back to "
                f"{self.set_by.host} only"
            )
        if domain and host != domain and not host.endswith(f".{domain}"):
            return f"{self.name} belongs to {domain}"
        if url.path != path and not url.path.startswith(f"{path.rstrip('/')}/"):
            return f"{self.name} has Path={path}: it goes to {path} and the paths under {path}/ only"
        if self.morsel["secure"] and url.scheme != "https":
            return f"{self.name} is Secure: it goes over https only"
        return f"{self.name} is not for {url}"


def _fill_jar(jar: aiohttp.CookieJar) -> dict[str, _StoredCookie]:
    """Put JAR_CONTENTS into `jar`, each with a random value; return the cookies by name."""
    stored = {}
    for set_by, header in JAR_CONTENTS:
        cookie = SimpleCookie(header.format(secrets.token_hex(3)))
        jar.update_cookies(cookie, URL(set_by))
        for name, morsel in cookie.items():
            stored[name] = _StoredCookie(URL(set_by), morsel)
    return stored


def _call_recording_warnings(cookies_for, jar: aiohttp.CookieJar, url: str) -> Any:
    """Call the learner's function; NotYet if it handed filter_cookies the URL as a str (a DeprecationWarning)."""
    with recording_warnings() as caught:
        result = cookies_for(jar, url)
    if any(STR_URL_WARNING in str(warning.message) for warning in caught):
        raise NotYet(
            f"your function passed the URL to filter_cookies as a str: aiohttp 3.14 warns (DeprecationWarning: "
            f"{STR_URL_WARNING} instances only), and 4.0 will refuse it. Pass yarl.URL(url)"
        )
    return result


def _compare_cookies(got: dict, expected: dict[str, str], url: URL, stored: dict[str, _StoredCookie]) -> None:
    call = f"cookies_for(jar, {str(url)!r})"
    morsels = sorted(name for name, value in got.items() if isinstance(value, Morsel))
    expect(
        not morsels,
        f"{call} gave Morsels as the values ({', '.join(map(str, morsels))}), what filter_cookies returns: "
        "return each morsel's .value, a str",
    )
    extra = sorted(set(got) - set(expected))
    if extra:
        reasons = "; ".join(
            stored[name].why_not_sent_to(url) if name in stored else f"{name!r} is not in the jar" for name in extra
        )
        raise NotYet(
            f"{call} returned cookies the jar would not send to {url}: {reasons}. Let the jar choose: "
            "jar.filter_cookies(yarl.URL(url)) applies the host, Path, Secure and expiry rules"
        )
    missing = sorted(set(expected) - set(got))
    expect(
        not missing,
        f"{call} left out {', '.join(missing)}, which the jar would send to {url}: ask the jar, with "
        "jar.filter_cookies(yarl.URL(url))",
    )
    for name, value in expected.items():
        if got[name] == stored[name].morsel.coded_value and got[name] != value:
            raise NotYet(
                f"{call} gave {name} as {got[name]!r}, its coded_value (quoted, as it is written in the Cookie "
                f"header); the cookie's value is {value!r}: return morsel.value"
            )
        expect(got[name] == value, f"{call} gave {name} as {got[name]!r}; the jar holds {value!r}")


@exercise(
    "11.2",
    "the cookies a jar would send to a URL",
    "cookies_for",
    (
        "The jar already knows the rules: which host, which Path, Secure or not, expired or not. Ask it which "
        "cookies it would put on a request to that URL, and turn its answer into plain names and values. Give "
        "it the URL as a yarl URL, not as text.",
        "`jar.filter_cookies(yarl.URL(url))` returns a mapping of name to Morsel: build the dict from each "
        "morsel's `.value` (not `.coded_value`, which is quoted as the header needs it).",
    ),
    is_async=False,
)
async def check_cookies_for(cookies_for) -> None:
    jar = aiohttp.CookieJar()
    stored = _fill_jar(jar)
    for url, names in COOKIES_FOR_CASES:
        got = _call_recording_warnings(cookies_for, jar, url)
        expect_type(got, dict, f"cookies_for(jar, {url!r})", "a dict of cookie names and values")
        expected = {name: stored[name].morsel.value for name in names}
        _compare_cookies(got, expected, URL(url), stored)
    expect(len(jar) == len(stored), "cookies_for changed the jar it was given: only look at it")


# ---------------------------------------------------------------------------------------------------
# 11.3 fetch_remembering_login: log in once, and stay logged in between runs through a saved jar.


async def _save_a_newer_login(site: _AccountSite, base_url: str, jar_file: Path) -> str:
    """What a run on another day might have left: the site ends the session, the check logs in anew and saves.

    Returns the old token. A second run that still sends it kept the first run's cookies in memory instead of
    loading the file.
    """
    old = site.rotate()
    async with aiohttp.ClientSession() as session:  # localhost: the default jar keeps the cookie
        async with session.post(f"{base_url}/login") as resp:
            resp.raise_for_status()
        session.cookie_jar.save(jar_file)
    return old


def _expect_saved_login(site: _AccountSite, jar_file: Path, base_url: str) -> None:
    """After the first run, jar_file is a jar saved by CookieJar.save that holds the session cookie."""
    expect(
        jar_file.is_file(),
        "after the first run there was no file at jar_file: save the session's cookies to it before the session "
        "closes, with the jar's save method",
    )
    try:
        json.loads(jar_file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise NotYet(
            "jar_file is not JSON (a pickle?): since aiohttp 3.14 the jar's own save method writes JSON, and its "
            "load method reads it. Save with session.cookie_jar.save(jar_file), not by pickling the jar"
        ) from None
    loaded = aiohttp.CookieJar()
    try:
        loaded.load(jar_file)
    except Exception as exc:  # the learner wrote JSON of their own: say so, not the loader's traceback
        raise NotYet(
            f"CookieJar.load cannot read jar_file ({type(exc).__name__}: {exc}): write it with the jar's own save "
            "method, session.cookie_jar.save(jar_file)"
        ) from None
    saved = loaded.filter_cookies(URL(base_url) / "private").get(COOKIE_NAME)
    expect(
        saved is not None and saved.value == site.token,
        "jar_file holds no session cookie for the site: save the jar after logging in (at the end of the run, "
        "before the session closes), not before",
    )


@exercise(
    "11.3",
    "stay logged in between runs: save the jar, load it next time",
    "fetch_remembering_login",
    (
        "At the start, look whether an earlier run left a saved jar. If it did, load it into the session's jar "
        "and do not log in; if not, log in. Either way, fetch the page, then save the session's jar to the file "
        "before the session closes.",
        "`jar_file.exists()` says whether there is a saved jar; `session.cookie_jar.load(path)` fills the "
        "session's jar from it and `session.cookie_jar.save(path)` writes it (JSON in aiohttp 3.14). The log-in "
        "is a `session.post(...)` on `/login`.",
    ),
)
async def check_fetch_remembering_login(fetch_remembering_login) -> None:
    site = _AccountSite()
    with tempfile.TemporaryDirectory(prefix="check-11.3-") as folder:
        jar_file = Path(folder) / "cookies.json"
        async with serving(site.app()) as ip_url:
            base_url = str(URL(ip_url).with_host("localhost"))
            call = "the first run, fetch_remembering_login(base_url, jar_file),"
            try:
                page = await _call_keeping_401(fetch_remembering_login(base_url, jar_file))
            except FileNotFoundError:
                raise NotYet(
                    "the first run raised FileNotFoundError: there is no jar_file yet the first time. Load it "
                    "only when jar_file.exists(), and log in otherwise"
                ) from None
            if page is None and not site.log.requests:
                expect_type(page, str, call, "the text of the private page")
            _expect_logged_in(site, "the first run")
            _expect_cookie_came_back(site, "the first run", by_ip_address=False)
            _expect_page(site, page, "the first run")
            _expect_saved_login(site, jar_file, base_url)

            old_token = await _save_a_newer_login(site, base_url, jar_file)
            logins_before, visits_before = len(site.logins), len(site.visits)
            page = await _call_keeping_401(fetch_remembering_login(base_url, jar_file))
            expect(
                len(site.logins) == logins_before,
                "the second run logged in again, although jar_file held the cookies an earlier run saved: when "
                "the file exists, load it into the session's jar and skip the log-in (a script that logs in on "
                "every run is what saving the jar avoids)",
            )
            expect(len(site.visits) > visits_before, "the second run never asked for /private")
            sent = site.visits[-1].cookie
            expect(
                sent != old_token,
                "the second run sent the session cookie of the first run, kept in memory, not the one in jar_file "
                "(the check saved a newer log-in there, as another run would have): load the jar from the file at "
                "the start of every run",
            )
            expect(
                sent is not None,
                "the second run's request for /private carried no cookie: jar_file was not loaded into the jar of "
                "the session that made the request. Call session.cookie_jar.load(jar_file), or give the session "
                "the jar you loaded, with cookie_jar=",
            )
            expect(sent == site.token, f"the second run sent {COOKIE_NAME}={sent!r}, which jar_file does not hold")
            _expect_page(site, page, "the second run")
