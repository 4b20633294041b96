"""Exercises of lesson 13: a lookup through a given DNS server, a DNS cache of five minutes, a resolver of your own.

Each check starts a DNS server of its own (`local_server.LocalDNSServer`, fresh counts: it answers every name under
``.test`` with 127.0.0.1) and serves a small site of its own (`check_server.serving`), which notes the Host header of
every request. It then knows what reached each of them: whether the name was looked up through the DNS server, how
many times, and under which name the site was asked for.

While the learner's code runs, the check watches aiohttp's two resolvers (`_watching_resolvers`): a lookup through
the DNS server the check gave is noted and goes ahead; any other (`ThreadedResolver`, which asks the system, or an
`AsyncResolver` set up with other servers, as the default one is) is stopped before it sends a packet, so that no
query for a ``.test`` name leaves the machine, and the check says which resolver it was.
"""

from __future__ import annotations

import contextlib
import inspect
import secrets
import socket
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import aiohttp
import aiohttp.connector
import pycares
from aiohttp import web
from aiohttp.abc import AbstractResolver
from aiohttp.resolver import AsyncResolver, ThreadedResolver
from yarl import URL

from local_server import LocalDNSServer

from .check_server import RequestLog, serving
from .core import NotYet, exercise, expect, expect_type

# ---------------------------------------------------------------------------------------------------
# What the three checks share: a site that notes the Host it was asked for, and a watch on the resolvers.


@dataclass
class _Site:
    """Answers every GET with a page the learner cannot know in advance; notes each request's Host header."""

    token: str = field(default_factory=lambda: secrets.token_hex(4))
    log: RequestLog = field(default_factory=RequestLog)
    close_each_connection: bool = False
    """Answer with ``Connection: close``: each request then needs a new connection, and so an address."""

    @property
    def page(self) -> str:
        return f"Welcome to the shop! Today's code is {self.token}.\n"

    async def respond(self, request: web.Request) -> web.Response:
        response = web.Response(text=self.page)
        if self.close_each_connection:
            response.force_close()
        return response

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self.log.middleware])
        app.router.add_get("/{path:.*}", self.respond)
        return app

    @property
    def hosts(self) -> list[str]:
        """The Host header of each request, in order."""
        return [seen.headers.get("Host", "") for seen in self.log.requests]


def _test_name() -> str:
    """A name under .test the learner cannot know in advance."""
    return f"shop-{secrets.token_hex(3)}.test"


@dataclass
class _Stopped:
    """A lookup the check stopped: which resolver, for which name, through which servers (None: the system's)."""

    resolver: str
    host: str
    servers: list[str] | None


@dataclass
class _ResolverWatch:
    nameserver: str
    through_given: list[str] = field(default_factory=list)
    stopped: list[_Stopped] = field(default_factory=list)

    def explain_stopped(self) -> None:
        """Raise NotYet saying which resolver the learner's session used, if the check stopped one of its lookups."""
        if not self.stopped:
            return
        first = self.stopped[0]
        if first.servers is None:
            raise NotYet(
                f"your session looked {first.host} up with ThreadedResolver, which asks the system's resolver "
                "(getaddrinfo: /etc/hosts, then the DNS servers this machine is set up with). It cannot be pointed "
                "at another DNS server, and those servers know nothing of .test names. Give the connector "
                "AsyncResolver(nameservers=[nameserver]) instead"
            )
        given_host, _, given_port = self.nameserver.rpartition(":")
        if all(server.rpartition(":")[0] == given_host for server in first.servers):
            raise NotYet(
                f"your session looked {first.host} up through {', '.join(first.servers)}, not through "
                f"{self.nameserver}, the DNS server you were given: the port is part of it (without one, a "
                f"resolver asks port 53). Pass the string as it is: AsyncResolver(nameservers=[nameserver])"
            )
        raise NotYet(
            f"your session looked {first.host} up through {', '.join(first.servers)}: the DNS servers this machine "
            "is set up with (a TCPConnector without resolver= uses AsyncResolver() with them), which know nothing "
            "of .test names. Give the connector a resolver that asks the server you were given: "
            "TCPConnector(resolver=AsyncResolver(nameservers=[nameserver]))"
        )


def _servers_of(resolver: AsyncResolver) -> list[str]:
    """The servers an AsyncResolver asks, port included (aiodns's `nameservers` leaves the port out; pycares 5)."""
    dns_resolver = resolver._resolver
    channel = getattr(dns_resolver, "_channel", None)
    return list(channel.servers) if channel is not None else list(dns_resolver.nameservers)


@contextlib.contextmanager
def _watching_resolvers(nameserver: str) -> Iterator[_ResolverWatch]:
    """Note the lookups made through `nameserver`; stop every other lookup of aiohttp's resolvers before it is sent."""
    watch = _ResolverWatch(nameserver)
    original_resolve = AsyncResolver.resolve

    async def async_resolve(self: AsyncResolver, host: str, port: int = 0, family: Any = socket.AF_INET) -> Any:
        servers = _servers_of(self)
        if servers != [nameserver]:
            watch.stopped.append(_Stopped("AsyncResolver", host, servers))
            raise OSError(None, f"the check stopped a lookup of {host} through {', '.join(servers)}")
        watch.through_given.append(host)
        return await original_resolve(self, host, port, family)

    async def threaded_resolve(self: ThreadedResolver, host: str, port: int = 0, family: Any = socket.AF_INET) -> Any:
        watch.stopped.append(_Stopped("ThreadedResolver", host, None))
        raise OSError(None, f"the check stopped a lookup of {host} through the system's resolver")

    with (
        mock.patch.object(AsyncResolver, "resolve", async_resolve),
        mock.patch.object(ThreadedResolver, "resolve", threaded_resolve),
    ):
        yield watch


@asynccontextmanager
async def _dns_and_site(*, ttl: int = 60, close_each_connection: bool = False) -> AsyncIterator[tuple[Any, ...]]:
    """A DNS server of the check's own, the site, and a URL of the site under a random .test name."""
    site = _Site(close_each_connection=close_each_connection)
    with LocalDNSServer(ttl=ttl) as dns:
        async with serving(site.app()) as base_url:
            name = _test_name()
            url = URL(base_url).with_host(name)
            yield dns, site, name, url


async def _call_watched(watch: _ResolverWatch, call: Any) -> Any:
    """Await the learner's coroutine; a failed lookup the check stopped is explained by the resolver it came from."""
    try:
        return await call
    except aiohttp.ClientConnectorDNSError:
        watch.explain_stopped()
        raise
    except TypeError as exc:
        if "weak reference to 'list'" in str(exc):
            raise NotYet(
                f"your code raised TypeError: {exc}. The first positional parameter of AsyncResolver is loop, so "
                "a list given first is taken for an event loop: pass the servers by name, "
                "AsyncResolver(nameservers=[nameserver])"
            ) from None
        raise
    except pycares.AresError as exc:
        if "Misformatted" in str(exc):
            raise NotYet(
                f"AsyncResolver raised AresError {exc}: nameservers= takes a list of servers, and a str is read "
                "as a list of its characters. Write nameservers=[nameserver]"
            ) from None
        raise


# ---------------------------------------------------------------------------------------------------
# 13.1 fetch_through: a .test URL, its name resolved through the DNS server given.


@exercise(
    "13.1",
    "fetch a .test URL, its name looked up through the DNS server you are given",
    "fetch_through",
    (
        "The system's resolver has never heard of .test names: the session must ask the DNS server you were "
        "given. That is the job of the connector's resolver, and the URL stays as it is: the server must be "
        "asked for the site by its name.",
        "Make the session with `aiohttp.TCPConnector(resolver=AsyncResolver(nameservers=[nameserver]))` "
        "(AsyncResolver is in `aiohttp.resolver`), pass it as `connector=`, GET the URL unchanged, check the "
        "status and return `await resp.text()`.",
    ),
)
async def check_fetch_through(fetch_through) -> None:
    async with _dns_and_site() as (dns, site, name, url):
        call = "fetch_through(nameserver, url)"
        with _watching_resolvers(dns.nameserver) as watch:
            text = await _call_watched(watch, fetch_through(dns.nameserver, str(url)))
        watch.explain_stopped()
        asked = dns.counts().of(name)
        if not asked and not site.hosts:
            expect_type(text, str, call, "the text of the page")
            raise NotYet(f"{call} made no request: GET the URL, and return the page's text")
        if not asked:
            hosts = ", ".join(site.hosts) or "no request at all"
            raise NotYet(
                f"the DNS server was never asked about {name}, and the site saw Host: {hosts}. Your code went to "
                "127.0.0.1 without a lookup (a URL rewritten to the address, or a Host header set by hand): fetch "
                "the URL as it is, and let the connector's resolver find the address"
            )
        expect(site.hosts, f"the DNS server was asked about {name}, but no request reached the site: GET the URL")
        expect(
            site.hosts[-1] == f"{name}:{url.port}",
            f"the site was asked for Host: {site.hosts[-1]}; the URL names {name}:{url.port}. Fetch the URL as it "
            "is: the Host header comes from it",
        )
        expect_type(text, str, call, "the text of the page")
        expect(text == site.page, f"{call} returned {text!r}; the page says {site.page!r}")


# ---------------------------------------------------------------------------------------------------
# 13.2 make_session: a session whose DNS cache keeps each address for five minutes.

REQUESTS_AT_FIRST = 4
STILL_CACHED_AFTER = 250.0
"""Seconds: a session that keeps addresses for five minutes still has it (50 s of margin for a slow machine)."""
EXPIRED_AFTER = 350.0
"""Seconds: a session that keeps addresses for five minutes has looked the name up again."""


class _Clock:
    """aiohttp's connector reads `time.monotonic` for the age of its DNS cache's entries; this one can be wound on."""

    def __init__(self) -> None:
        self.offset = 0.0
        self._real = aiohttp.connector.monotonic

    def __call__(self) -> float:
        return self._real() + self.offset


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 60)} min {int(seconds % 60)} s"


@exercise(
    "13.2",
    "a session that keeps each looked-up address for five minutes",
    "make_session",
    (
        "Two things to set up when you make the session: where names are looked up, which is the DNS server you "
        "were given, and how long the connector's DNS cache keeps an address before it asks again. Five minutes, "
        "in the unit that setting takes.",
        "`aiohttp.TCPConnector(ttl_dns_cache=..., resolver=...)`, the resolver being "
        "`AsyncResolver(nameservers=[nameserver])`: `ttl_dns_cache` is in seconds (10 by default, None for "
        "ever), and `use_dns_cache` must stay True (the default). Return "
        "`aiohttp.ClientSession(connector=connector)` without closing it: the caller uses it.",
    ),
)
async def check_make_session(make_session) -> None:
    call = "make_session(nameserver)"
    # TTL 0: the DNS server's answers tell c-ares (under AsyncResolver) to keep nothing, so every lookup the
    # session's own cache does not answer reaches the server and is counted. Connection: close makes each request
    # open a new connection, which needs an address: a kept-alive connection would need no lookup at all.
    async with _dns_and_site(ttl=0, close_each_connection=True) as (dns, site, name, url):
        with _watching_resolvers(dns.nameserver) as watch:
            session = await _call_watched(watch, make_session(dns.nameserver))
            expect_type(session, aiohttp.ClientSession, call, "an aiohttp.ClientSession")
            expect(
                not session.closed,
                f"{call} returned a closed session: an `async with` block around it closes it when the function "
                "returns. Return the session open; whoever uses it closes it",
            )
            clock = _Clock()
            try:
                with mock.patch.object(aiohttp.connector, "monotonic", clock):
                    await _expect_lookups(session, watch, dns, site, name, url, clock)
            finally:
                await session.close()


async def _fetch(session: aiohttp.ClientSession, watch: _ResolverWatch, url: URL) -> None:
    try:
        async with session.get(url) as resp:
            resp.raise_for_status()
            await resp.read()
    except aiohttp.ClientConnectorDNSError:
        watch.explain_stopped()
        raise


async def _expect_lookups(session, watch, dns, site, name: str, url: URL, clock: _Clock) -> None:
    def lookups() -> int:
        return dns.counts().of(name).get("A", 0)

    for _ in range(REQUESTS_AT_FIRST):
        await _fetch(session, watch, url)
    expect(lookups(), f"the DNS server was never asked about {name}: give the session's connector a resolver")
    expect(
        lookups() == 1,
        f"{REQUESTS_AT_FIRST} requests to {name}, one after another, made {lookups()} lookups (the DNS server "
        f"answered {lookups()} queries for its address): the session did not keep the address it had. Keep the "
        "connector's DNS cache on (use_dns_cache=True, the default), with one connector for the whole session",
    )
    clock.offset = STILL_CACHED_AFTER
    await _fetch(session, watch, url)
    expect(
        lookups() == 1,
        f"{_minutes(STILL_CACHED_AFTER)} after the first lookup, the session looked {name} up again: it keeps "
        "addresses for less than five minutes. Set the connector's ttl_dns_cache, which is in seconds (10 by "
        "default), to five minutes",
    )
    clock.offset = EXPIRED_AFTER
    await _fetch(session, watch, url)
    expect(
        lookups() == 2,
        f"{_minutes(EXPIRED_AFTER)} after the first lookup, the session still used the address it had: it keeps "
        "addresses for longer than five minutes (ttl_dns_cache=None keeps them for ever; the value is in seconds, "
        "not milliseconds). Set ttl_dns_cache to five minutes",
    )
    expect(
        site.hosts == [f"{name}:{url.port}"] * (REQUESTS_AT_FIRST + 2),
        f"the site saw the Host headers {site.hosts}: the session should ask for {name}",
    )


# ---------------------------------------------------------------------------------------------------
# 13.3 HostsResolver: a resolver of your own, answering from a dict.

ADDRESSES = {"shop.test": "127.0.0.1", "db.internal": "10.1.2.3"}
"""What the check's resolver is given. 10.1.2.3 is only ever looked up, never connected to."""


async def _resolve(resolver: AbstractResolver, host: str, port: int) -> Any:
    result = resolver.resolve(host, port, socket.AF_UNSPEC)  # what the connector asks for by default
    expect(
        inspect.isawaitable(result),
        "resolve must be an `async def` method: the connector awaits it (AbstractResolver says so)",
    )
    return await result


def _expect_result(found: Any, host: str, address: str, port: int) -> None:
    call = f"resolve({host!r}, {port}, socket.AF_UNSPEC)"
    expect_type(found, list, call, f"a list with one ResolveResult for {address}")
    expect(
        len(found) == 1,
        f"{call} returned {len(found)} results; a name in the dict has one address: return a list of one",
    )
    (entry,) = found
    expect(
        isinstance(entry, dict),
        f"{call} returned a list of {type(entry).__name__}; each result is a dict (aiohttp.abc.ResolveResult) with "
        "the keys hostname, host, port, family, proto and flags",
    )
    missing = sorted({"hostname", "host", "port", "family", "proto", "flags"} - set(entry))
    expect(not missing, f"{call} returned a result without {', '.join(missing)}: a ResolveResult has all six keys")
    expect(entry["host"] == address, f"{call} gave host {entry['host']!r}; the dict maps that name to {address!r}")
    expect(
        entry["port"] == port,
        f"{call} gave port {entry['port']!r}: give back the port you were asked about ({port}); the connector "
        "connects to it",
    )
    expect(
        entry["family"] == socket.AF_INET,
        f"{call} gave family {entry['family']!r}: {address} is an IPv4 address, so its family is socket.AF_INET, "
        "whatever family was asked for (AF_UNSPEC means any)",
    )
    expect(
        entry["hostname"] in (host, host.rstrip(".").lower()),
        f"{call} gave hostname {entry['hostname']!r}: that is the name that was asked about, {host!r}",
    )


async def _expect_unknown_raises(resolver: AbstractResolver) -> None:
    call = "resolve('nowhere.test', 80, socket.AF_UNSPEC)"
    try:
        found = await _resolve(resolver, "nowhere.test", 80)
    except OSError:
        return
    except NotYet:
        raise
    except Exception as exc:
        raise NotYet(
            f"{call} raised {type(exc).__name__}: aiohttp turns only an OSError from a resolver into "
            "ClientConnectorDNSError; anything else reaches the caller as it is. Raise OSError (socket.gaierror is "
            "one) for a name that is not in the dict"
        ) from None
    raise NotYet(
        f"{call} returned {found!r} for a name that is not in the dict: raise OSError (socket.gaierror is one) "
        "instead, so that the request fails with ClientConnectorDNSError"
        + (" (an empty list makes aiohttp fail with a RuntimeError)" if found == [] else "")
    )


@exercise(
    "13.3",
    "a resolver of your own that answers from a dict",
    "HostsResolver",
    (
        "A resolver is a class with two coroutines: one turns a name into a list of addresses, the other releases "
        "what the resolver holds, here nothing. Look names up in the dict without minding letter case or a final "
        "dot, and fail the way aiohttp expects for a name that is not there: with the kind of error it turns into "
        "a ClientConnectorDNSError, carrying a message.",
        "Subclass `aiohttp.abc.AbstractResolver`. `resolve(host, port, family)` returns "
        "`[{'hostname': host, 'host': address, 'port': port, 'family': socket.AF_INET, 'proto': 0, 'flags': "
        "socket.AI_NUMERICHOST}]`; normalise the name with `host.rstrip('.').lower()`; for an unknown one raise "
        "`socket.gaierror(socket.EAI_NONAME, 'Name or service not known')` (an OSError with an errno and a "
        "message). `close()` has nothing to do.",
    ),
    is_async=False,
)
async def check_hosts_resolver(resolver_class) -> None:
    expect(
        isinstance(resolver_class, type) and issubclass(resolver_class, AbstractResolver),
        "HostsResolver must be a class that subclasses aiohttp.abc.AbstractResolver",
    )
    try:
        resolver = resolver_class(dict(ADDRESSES))
    except TypeError as exc:
        if "abstract" in str(exc):
            raise NotYet(f"HostsResolver() raised TypeError: {exc}. Define both resolve and close") from None
        raise
    for host, address in [("shop.test", "127.0.0.1"), ("db.internal", "10.1.2.3")]:
        _expect_result(await _resolve(resolver, host, 8080), host, address, 8080)
    for host in ("SHOP.Test", "shop.test."):
        try:
            found = await _resolve(resolver, host, 8080)
        except OSError:
            raise NotYet(
                f"resolve({host!r}, 8080, socket.AF_UNSPEC) raised OSError, but the dict has that name: DNS names "
                "ignore letter case, and a final dot only says the name is complete. Compare host.rstrip('.')"
                ".lower() with the dict's names"
            ) from None
        _expect_result(found, host, "127.0.0.1", 8080)
    await _expect_unknown_raises(resolver)
    await _expect_used_by_aiohttp(resolver_class)
    close = resolver.close()
    expect(inspect.isawaitable(close), "close must be an `async def` method: the connector awaits it")
    await close


async def _expect_used_by_aiohttp(resolver_class) -> None:
    """A session with the learner's resolver reaches the site by name, and fails with ClientConnectorDNSError."""
    site = _Site()
    async with serving(site.app()) as base_url:
        port = URL(base_url).port
        resolver = resolver_class({"shop.test": "127.0.0.1"})
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(resolver=resolver)) as session:
            async with session.get(f"http://shop.test:{port}/") as resp:
                text = await resp.text()
            expect(
                site.hosts == [f"shop.test:{port}"] and text == site.page,
                "a session with your resolver did not reach the site as shop.test",
            )
            try:
                async with session.get(f"http://nowhere.test:{port}/"):
                    pass
            except aiohttp.ClientConnectorDNSError as exc:
                expect(
                    exc.strerror,
                    f"aiohttp's error for an unknown name reads {str(exc)!r}: the [None] is the message your OSError "
                    "did not carry. OSError('text') has no strerror; give it an errno and a message, "
                    "OSError(errno, 'text'), or raise socket.gaierror(socket.EAI_NONAME, 'Name or service not known')",
                )
            else:
                raise NotYet("a session with your resolver reached a site as nowhere.test, a name not in the dict")
