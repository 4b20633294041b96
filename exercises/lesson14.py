"""Exercises of lesson 14: a page through a proxy that needs credentials, https through a tunnel with a private CA
trusted, and the proxy settings of the environment honoured.

Each check starts a forward proxy of its own (`local_server.start_proxy(reuse=False)`: a fresh log, and
credentials made up for the run) and serves pages of its own on 127.0.0.1 (`check_server.serving` over http;
HTTPS echo servers with certificates of the check's own CA for 14.2). What the proxy logged and what the
servers saw tell whether the learner's requests went through the proxy, with which credentials, to where.

While the learner's code runs, aiohttp's default resolver is replaced by one that answers ``localhost`` only:
a URL mis-parsed into another host (credentials not percent-encoded) fails with a message instead of sending a
DNS query off the machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import socket
import ssl
import warnings
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import aiohttp
from aiohttp import web
from aiohttp.abc import AbstractResolver

from local_server import LocalProxy, start_proxy
from local_server.proxy.server import VIA

from .check_server import RequestLog, serving
from .core import NotYet, exercise, expect, expect_type, recording_warnings
from .sessions import sessions_made


def _token() -> str:
    """A value the learner cannot know in advance: the answer must come from the page."""
    return secrets.token_hex(4)


# ---------------------------------------------------------------------------------------------------
# What the three checks share: a proxy of the check's own, pages that say who asked, a resolver for localhost only.


@contextlib.asynccontextmanager
async def _own_proxy(credentials: tuple[str, str] | None = None) -> AsyncIterator[LocalProxy]:
    proxy = await start_proxy(credentials, reuse=False)
    try:
        yield proxy
    finally:
        await asyncio.to_thread(proxy.stop)


@dataclass
class _Pages:
    """Pages at /page/{name} that answer with a token of their own and note whether each request came via the proxy."""

    tokens: dict[str, str] = field(default_factory=dict)
    log: RequestLog = field(default_factory=RequestLog)

    async def page(self, request: web.Request) -> web.Response:
        token = self.tokens.setdefault(request.match_info["name"], _token())
        return web.Response(text=f"page {request.match_info['name']} {token}\n")

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/page/{name}", self.page)
        app.middlewares.append(self.log.middleware)
        return app

    def text(self, name: str) -> str:
        return f"page {name} {self.tokens.get(name, '?')}\n"

    def via_proxy(self, path: str) -> list[bool]:
        """For each request the server saw for `path`: whether it came through the proxy (the proxy adds Via)."""
        return [VIA in seen.headers.get("Via", "") for seen in self.log.requests if seen.path_qs == path]


class _LocalhostOnlyResolver(AbstractResolver):
    """aiohttp's resolver while a check runs: ``localhost`` is 127.0.0.1, and no other name is looked up."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.refused: list[str] = []

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET):
        if host.lower() == "localhost":
            return [
                {
                    "hostname": host,
                    "host": "127.0.0.1",
                    "port": port,
                    "family": socket.AF_INET,
                    "proto": 0,
                    "flags": socket.AI_NUMERICHOST,
                }
            ]
        self.refused.append(host)
        raise socket.gaierror(socket.EAI_NONAME, f"the check looks up no name but localhost, not {host!r}")

    async def close(self) -> None:
        pass


@contextlib.contextmanager
def _names_stay_local() -> Iterator[None]:
    """Sessions made in the block resolve ``localhost`` only (aiohttp's DefaultResolver is swapped for the block)."""
    import aiohttp.connector

    original = aiohttp.connector.DefaultResolver
    aiohttp.connector.DefaultResolver = _LocalhostOnlyResolver  # type: ignore[misc]
    try:
        yield
    finally:
        aiohttp.connector.DefaultResolver = original  # type: ignore[misc]


def _expect_no_deprecated_auth(caught: list[warnings.WarningMessage], call: str) -> None:
    for warning in caught:
        text = str(warning.message)
        if issubclass(warning.category, DeprecationWarning) and ("BasicAuth" in text or "proxy_auth" in text):
            raise NotYet(
                f"{call} works, but it uses proxy_auth= / aiohttp.BasicAuth, deprecated since aiohttp 3.14 and gone "
                "in 4.0 (your code got this warning: " + text.split(";")[0] + "). Put the credentials in the proxy "
                "URL, percent-encoded, instead"
            )


def _url_problem(exc: Exception, call: str) -> str | None:
    """A message for a proxy URL that did not parse, or that parsed into another host than the proxy's."""
    if isinstance(exc, ValueError) and "not allowed in login" in str(exc):
        return (
            f"{call} raised ValueError: {exc}. A login may not hold a colon, and the password here does: is the "
            "password in the place of the login? The URL is http://login:password@host:port"
        )
    if isinstance(exc, aiohttp.ClientConnectorDNSError | aiohttp.InvalidURL | ValueError):
        return (
            f"{call} raised {type(exc).__name__}: {exc}. The password holds characters (@ / : # %) that end the "
            "user part of a URL, so the proxy URL was cut in the wrong place. Percent-encode the login and the "
            "password before you put them in the URL: urllib.parse.quote(password, safe='') encodes / too"
        )
    return None


# ---------------------------------------------------------------------------------------------------
# 14.1 fetch_via_proxy: a page through a proxy that needs credentials with special characters.

PAGE_NAMES = ("first", "second")


def _credentials() -> tuple[str, str]:
    """A login, and a password with every character that must be percent-encoded in a URL's user part.

    It starts with a letter and a "#": left un-encoded, the URL's host part ends at once and what follows is
    no port, so the URL fails to parse (it never names another host to connect to).
    """
    return f"learner-{_token()}", f"k#{_token()}/@:%41?"


@exercise(
    "14.1",
    "a page through a proxy whose password needs percent-encoding",
    "fetch_via_proxy",
    (
        "The proxy wants a login and a password with each request. Where do they go so that the proxy gets them, "
        "and what happens to a URL when a password holds an @, a slash or a #?",
        "Put them in the proxy URL, `http://login:password@host:port`, with each percent-encoded by "
        "`urllib.parse.quote(value, safe='')`, and pass that as `proxy=` to `session.get`. (For an http URL, "
        "`headers={'Proxy-Authorization': aiohttp.encode_basic_auth(login, password)}` works too; `proxy_headers=` "
        "does not: aiohttp sends those only with a CONNECT.)",
    ),
)
async def check_fetch_via_proxy(fetch_via_proxy) -> None:
    login, password = _credentials()
    pages = _Pages()
    call = "fetch_via_proxy(url, proxy, login, password)"
    async with serving(pages.app()) as base, _own_proxy((login, password)) as proxy:
        for name in PAGE_NAMES:
            path = f"/page/{name}"
            raised: Exception | None = None
            with _names_stay_local(), recording_warnings() as caught:
                try:
                    text = await fetch_via_proxy(f"{base}{path}", proxy.url, login, password)
                except Exception as exc:  # a 407 raised by raise_for_status() is explained from the log below
                    problem = _url_problem(exc, call)
                    if problem:
                        raise NotYet(problem) from None
                    raised = exc
            entries = proxy.log.take()
            if raised is None:
                expect_type(text, str, call, "the text of the page")
            expect(
                entries or not pages.via_proxy(path),
                f"{call} sent its request straight to the server, not through the proxy it was given: pass the "
                "proxy URL, with the credentials in it, as proxy= to session.get",
            )
            expect(entries, f"{call} made no request; it should fetch url through the proxy")
            last = entries[-1]
            if last.status == 407 and last.credentials == "none":
                raise NotYet(
                    "the proxy answered 407 Proxy Authentication Required: no credentials came with the request. "
                    "Put them in the proxy URL (percent-encoded); note that for an http URL aiohttp sends "
                    "proxy_headers= to nobody, they go only with the CONNECT of an https URL"
                )
            if last.status == 407:
                raise NotYet(
                    f"the proxy answered 407: the credentials it got are not the ones given (login {last.user!r}). "
                    "Percent-encoding must give back exactly the login and password: encode each with "
                    "urllib.parse.quote(value, safe=''), and put the login first"
                )
            if raised is not None:
                raise raised
            expect_type(text, str, call, "the text of the page")
            expect(
                text == pages.text(name),
                f"for {path} {call} returned {text[:60]!r}; the page says {pages.text(name)!r}",
            )
            expect(
                pages.via_proxy(path) == [True], f"the server saw {path} {len(pages.via_proxy(path))} times, not once"
            )
            _expect_no_deprecated_auth(caught, call)


# ---------------------------------------------------------------------------------------------------
# 14.2 fetch_https_via_proxy: https through a CONNECT tunnel, trusting a CA given as a file, and nothing else.


@dataclass
class _TLSCase:
    name: str
    names: tuple[str, ...]
    """The names on the server's certificate."""
    own_ca: bool
    """Whether the check's CA signed it (else another CA did)."""

    @property
    def trusted(self) -> bool:
        return self.own_ca and "127.0.0.1" in self.names


TLS_CASES = (
    _TLSCase("the server", ("127.0.0.1",), own_ca=True),
    _TLSCase("an impostor whose certificate another CA signed", ("127.0.0.1",), own_ca=False),
    _TLSCase("an impostor with a certificate of your CA, for another name (other.test)", ("other.test",), own_ca=True),
)


def _certificate_error(exc: BaseException) -> bool:
    return isinstance(exc, aiohttp.ClientConnectorCertificateError | aiohttp.ClientSSLError | ssl.SSLError)


@exercise(
    "14.2",
    "https through the proxy's tunnel, trusting the CA you are given, and only that",
    "fetch_https_via_proxy",
    (
        "For an https URL the proxy only opens a tunnel: the TLS handshake is between your client and the server, "
        "and your client must check the server's certificate against the CA it was given, not skip the check.",
        "Build `ssl.create_default_context(cafile=ca_file)` and pass it as `ssl=` to `session.get(url, proxy=proxy, "
        "ssl=...)`. Never `ssl=False`: that accepts any server, impostors too.",
    ),
)
async def check_fetch_https_via_proxy(fetch_https_via_proxy) -> None:
    from local_server.tls import LocalCA, start_tls_server

    call = "fetch_https_via_proxy(url, proxy, ca_file)"
    own, other = LocalCA(), LocalCA()
    servers = []
    try:
        for case in TLS_CASES:
            context = (own if case.own_ca else other).server_context(*case.names)
            servers.append(await start_tls_server(context, reuse=False))
        async with _own_proxy() as proxy:
            for case, server in zip(TLS_CASES, servers, strict=True):
                await _check_tls_case(fetch_https_via_proxy, call, case, server, proxy, str(own.ca_path))
    finally:
        for server in servers:
            await asyncio.to_thread(server.stop)
        own.cleanup()
        other.cleanup()


async def _check_tls_case(fetch, call: str, case: _TLSCase, server, proxy: LocalProxy, ca_file: str) -> None:
    token = _token()
    url = f"{server.url}/anything/{token}"
    proxy.log.clear()
    try:
        with _names_stay_local():
            text = await fetch(url, proxy.url, ca_file)
    except Exception as exc:
        if not _certificate_error(exc):
            raise
        expect(
            not case.trusted,
            f"for {case.name} {call} raised {type(exc).__name__}: it did not trust the CA in ca_file, which signed "
            "the server's certificate. Build the context with ssl.create_default_context(cafile=ca_file)",
        )
        return
    if case.trusted:
        expect_type(text, str, call, "the text of the page")
    tunnels = [entry for entry in proxy.log.take() if entry.method == "CONNECT" and entry.status == 200]
    expect(
        tunnels,
        f"{call} reached {case.name} without a tunnel through the proxy: pass proxy=proxy to session.get, and the "
        "proxy opens a CONNECT tunnel for the https URL",
    )
    if not case.trusted:
        if not _is_echo_of(text, url):
            raise NotYet(
                f"{call} returned {text!r} for {case.name} instead of letting the certificate error reach the "
                "caller: an impostor is not an empty page. Do not catch ClientConnectorCertificateError"
            )
        wrong = (
            "it does not check certificates at all: that is what ssl=False (or verify_mode CERT_NONE) does"
            if not case.own_ca
            else "it checks who signed the certificate, but not the name on it (check_hostname=False)"
        )
        raise NotYet(
            f"{call} returned a page from {case.name}: {wrong}. Keep the checks of "
            "ssl.create_default_context(cafile=ca_file) as they are, and let the ClientConnectorCertificateError "
            "that an impostor causes reach the caller"
        )
    expect_type(text, str, call, "the text of the page")
    expect(_is_echo_of(text, url), f"{call} returned {text[:80]!r}; return the page's text, await resp.text()")


def _is_echo_of(text: object, url: str) -> bool:
    """Whether `text` is the HTTPS echo's answer to `url` (its JSON names the URL it was asked for)."""
    try:
        return json.loads(text)["url"] == url  # type: ignore[arg-type]
    except (ValueError, KeyError, TypeError):
        return False


# ---------------------------------------------------------------------------------------------------
# 14.3 fetch_all: the environment's proxy settings, NO_PROXY included.

ENV_PAGES = (("127.0.0.1", "a"), ("localhost", "b"), ("127.0.0.1", "c"), ("localhost", "d"))
"""(host, page) in the order of the URLs given; NO_PROXY=localhost sends the localhost ones direct."""


@exercise(
    "14.3",
    "the proxy settings of the environment, NO_PROXY included",
    "fetch_all",
    (
        "The machine's administrator has set HTTP_PROXY and NO_PROXY. aiohttp can read them for you, and apply "
        "NO_PROXY as well, but only when you ask it to.",
        "Make one `aiohttp.ClientSession(trust_env=True)` and fetch each URL with it, without `proxy=`: the session "
        "then reads HTTP_PROXY (credentials included) and NO_PROXY for each request.",
    ),
)
async def check_fetch_all(fetch_all) -> None:
    from lesson_helpers.proxies import proxy_environment  # the lesson's helper: imported only when checked

    login, password = _credentials()
    pages = _Pages()
    call = "fetch_all(urls)"
    async with serving(pages.app()) as base, _own_proxy((login, password)) as proxy:
        port = base.rsplit(":", 1)[1]
        urls = [f"http://{host}:{port}/page/{name}" for host, name in ENV_PAGES]
        proxy_url = proxy.url.replace("http://", f"http://{quote(login, safe='')}:{quote(password, safe='')}@")
        with proxy_environment(HTTP_PROXY=proxy_url, NO_PROXY="localhost"), _names_stay_local():
            with sessions_made() as made:
                texts = await fetch_all(list(urls))
        expect_type(texts, list, call, "a list of the pages' texts")
        entries = proxy.log.take()
        expect(
            entries,
            f"none of the requests of {call} went through the proxy that HTTP_PROXY names: a session reads the "
            "environment only when it is made with aiohttp.ClientSession(trust_env=True)",
        )
        expect(
            not [entry for entry in entries if entry.status == 407],
            f"the proxy answered 407 to {call}: the credentials in HTTP_PROXY did not come along. Let the session "
            "read HTTP_PROXY itself (trust_env=True) rather than building the proxy URL by hand",
        )
        for (host, name), url in zip(ENV_PAGES, urls, strict=True):
            seen = pages.via_proxy(f"/page/{name}")
            expect(seen, f"{call} never requested {url}")
            if host == "localhost":
                expect(
                    seen == [False],
                    f"the request for {url} went through the proxy, yet NO_PROXY=localhost says it goes direct: "
                    "proxy= sends every request to the proxy, trust_env=True applies NO_PROXY too",
                )
            else:
                expect(seen == [True], f"the request for {url} went direct: HTTP_PROXY says it goes through the proxy")
        expect(
            len(made) == 1,
            f"{call} made {len(made)} sessions for {len(urls)} URLs: make one ClientSession(trust_env=True) "
            "and fetch every URL with it",
        )
        expected = [pages.text(name) for _, name in ENV_PAGES]
        expect(texts == expected, f"{call} returned {texts!r}; the pages say {expected!r}, in the order of the URLs")
