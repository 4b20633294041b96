"""Cookies: /cookies shows them; /cookies/set, /cookies/set/{name}/{value} and /cookies/delete change them;
/cookies/attributes sets one with chosen attributes; /cookies/chain/{n} sets one at each redirect."""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime

import aiohttp
import pytest
from conftest import assert_json_error, json_body

EXPIRED = "Thu, 01 Jan 1970 00:00:00 GMT"


@pytest.mark.parametrize(
    ("cookie_header", "cookies"),
    [
        pytest.param(None, {}, id="none"),
        pytest.param("a=1", {"a": "1"}, id="one"),
        pytest.param("b=2; a=1", {"a": "1", "b": "2"}, id="two"),
        pytest.param('quoted="hello world"', {"quoted": "hello world"}, id="quoted"),
        pytest.param(
            "session=abc123; theme=dark; lang=en", {"lang": "en", "session": "abc123", "theme": "dark"}, id="three"
        ),
    ],
)
async def test_cookies_shows_the_cookies_sent(client, cookie_header, cookies):
    headers = {"Cookie": cookie_header} if cookie_header else {}
    resp = await client.get("/cookies", headers=headers)
    assert resp.status == 200
    assert await json_body(resp) == {"cookies": cookies}


@pytest.mark.parametrize(
    ("path", "set_cookies"),
    [
        pytest.param("/cookies/set?a=1", ["a=1; Path=/"], id="one"),
        pytest.param("/cookies/set?a=1&b=2", ["a=1; Path=/", "b=2; Path=/"], id="two"),
        pytest.param("/cookies/set?a=", ['a=""; Path=/'], id="empty-value"),
        pytest.param("/cookies/set?a=hello%20world", ['a="hello world"; Path=/'], id="quoted-value"),
        pytest.param("/cookies/set", [], id="none"),
        pytest.param("/cookies/set/a/1", ["a=1; Path=/"], id="path-form"),
        pytest.param("/cookies/set/session/abc123", ["session=abc123; Path=/"], id="path-form-word"),
    ],
)
async def test_cookies_set_redirects_to_cookies_with_set_cookie(client, path, set_cookies):
    resp = await client.get(path, allow_redirects=False)
    assert resp.status == 302
    assert resp.headers["Location"] == "/cookies"
    assert resp.headers.getall("Set-Cookie", []) == set_cookies
    assert await resp.read() == b""


async def test_cookies_set_cookie_attributes(client):
    resp = await client.get("/cookies/set?a=1", allow_redirects=False)
    morsel = resp.cookies["a"]
    assert morsel.value == "1"
    assert morsel["path"] == "/"
    assert morsel["max-age"] == ""  # a session cookie
    assert morsel["expires"] == ""


@pytest.mark.parametrize(
    ("path", "names"),
    [("/cookies/delete?a", ["a"]), ("/cookies/delete?a&b", ["a", "b"]), ("/cookies/delete?a=ignored", ["a"])],
)
async def test_cookies_delete_expires_them(client, path, names):
    resp = await client.get(path, allow_redirects=False)
    assert resp.status == 302
    assert resp.headers["Location"] == "/cookies"
    assert resp.headers.getall("Set-Cookie") == [f'{name}=""; expires={EXPIRED}; Max-Age=0; Path=/' for name in names]
    for name in names:
        assert resp.cookies[name]["max-age"] == "0"
        assert resp.cookies[name]["expires"] == EXPIRED


async def test_cookies_delete_without_names_sets_nothing(client):
    resp = await client.get("/cookies/delete", allow_redirects=False)
    assert resp.status == 302
    assert "Set-Cookie" not in resp.headers


async def test_following_redirects_keeps_cookies_in_the_test_clients_jar(client):
    """The test client's jar is `CookieJar(unsafe=True)`: it keeps cookies from 127.0.0.1."""
    resp = await client.get("/cookies/set?a=1&b=2")
    assert resp.status == 200
    assert resp.url.path == "/cookies"
    assert [r.status for r in resp.history] == [302]
    assert await json_body(resp) == {"cookies": {"a": "1", "b": "2"}}

    resp = await client.get("/cookies/set/c/3")
    assert await json_body(resp) == {"cookies": {"a": "1", "b": "2", "c": "3"}}

    resp = await client.get("/cookies/delete?a")
    assert await json_body(resp) == {"cookies": {"b": "2", "c": "3"}}

    resp = await client.get("/cookies")
    assert await json_body(resp) == {"cookies": {"b": "2", "c": "3"}}


async def test_quoted_cookie_value_comes_back_unquoted(client):
    resp = await client.get("/cookies/set?greeting=hello%20world")
    assert await json_body(resp) == {"cookies": {"greeting": "hello world"}}


@pytest.mark.parametrize(
    ("jar", "host", "cookies"),
    [
        pytest.param(None, "127.0.0.1", {}, id="default-jar-drops-cookies-from-an-ip"),
        pytest.param(lambda: aiohttp.CookieJar(unsafe=True), "127.0.0.1", {"a": "1"}, id="unsafe-jar-keeps-them"),
        pytest.param(None, "localhost", {"a": "1"}, id="default-jar-keeps-them-from-localhost"),
    ],
)
async def test_what_an_ordinary_session_keeps(client, jar, host, cookies):
    """What a learner's own `aiohttp.ClientSession` does with the local server's cookies."""
    url = f"http://{host}:{client.port}/cookies/set?a=1"
    async with aiohttp.ClientSession(cookie_jar=jar() if jar else None) as session:
        async with session.get(url) as resp:
            assert resp.status == 200
            assert await json_body(resp) == {"cookies": cookies}
        assert len(session.cookie_jar) == len(cookies)


@pytest.mark.parametrize(
    ("path", "name"),
    [
        pytest.param("/cookies/set?%3B=1", ";", id="semicolon"),
        pytest.param("/cookies/set?a%20b=1", "a b", id="space"),
        pytest.param("/cookies/set?a%3Db=1", "a=b", id="equals"),
        pytest.param("/cookies/set?%C3%A9=1", "é", id="non-ascii"),
        pytest.param("/cookies/set?=1", "", id="empty"),
        pytest.param("/cookies/set?ok=1&a,b=2", "a,b", id="second-one-bad"),
        pytest.param("/cookies/set?path=1", "path", id="reserved-attribute"),
        pytest.param("/cookies/set/a%20b/1", "a b", id="path-form"),
        pytest.param("/cookies/set/Max-Age/1", "Max-Age", id="path-form-reserved"),
        pytest.param("/cookies/delete?a%3Bb", "a;b", id="delete"),
    ],
)
async def test_invalid_cookie_name_is_400(client, path, name):
    resp = await client.get(path, allow_redirects=False)
    await assert_json_error(resp, 400, f"{name!r} is not a valid cookie name")
    assert "Set-Cookie" not in resp.headers


@pytest.mark.parametrize(
    ("value", "set_cookie"),
    [
        pytest.param("a%3Bb", r'c="a\073b"; Path=/', id="semicolon"),
        pytest.param("x%0D%0Ay", r'c="x\015\012y"; Path=/', id="crlf"),
        pytest.param("%22", r'c="\""; Path=/', id="quote"),
    ],
)
async def test_odd_cookie_values_are_quoted_not_injected(client, value, set_cookie):
    resp = await client.get(f"/cookies/set?c={value}", allow_redirects=False)
    assert resp.status == 302
    assert resp.headers.getall("Set-Cookie") == [set_cookie]


# --- /cookies/attributes/{name}/{value} ---------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "set_cookie"),
    [
        pytest.param("", "a=1; Path=/", id="plain"),
        pytest.param("?max_age=60", "a=1; Max-Age=60; Path=/", id="max-age"),
        pytest.param("?max_age=0", "a=1; Max-Age=0; Path=/", id="max-age-zero"),
        pytest.param("?path=/anything/private", "a=1; Path=/anything/private", id="path"),
        pytest.param("?domain=localhost", "a=1; Domain=localhost; Path=/", id="domain"),
        pytest.param("?domain=.example.test", "a=1; Domain=.example.test; Path=/", id="domain-with-dot"),
        pytest.param("?httponly=1", "a=1; HttpOnly; Path=/", id="httponly"),
        pytest.param("?httponly=false", "a=1; Path=/", id="httponly-false"),
        pytest.param("?secure=true", "a=1; Path=/; Secure", id="secure"),
        pytest.param("?samesite=lax", "a=1; Path=/; SameSite=Lax", id="samesite-lax"),
        pytest.param("?samesite=STRICT", "a=1; Path=/; SameSite=Strict", id="samesite-strict"),
        pytest.param("?samesite=None&secure=1", "a=1; Path=/; SameSite=None; Secure", id="samesite-none"),
        pytest.param(
            "?max_age=60&path=/cookies&domain=localhost&httponly=1&secure=1&samesite=Strict",
            "a=1; Domain=localhost; HttpOnly; Max-Age=60; Path=/cookies; SameSite=Strict; Secure",
            id="all-but-expires",
        ),
    ],
)
async def test_cookie_attributes_are_set_as_asked(client, query, set_cookie):
    resp = await client.get(f"/cookies/attributes/a/1{query}")
    assert resp.status == 200
    assert resp.headers.getall("Set-Cookie") == [set_cookie]
    assert await json_body(resp) == {"set-cookie": set_cookie}


async def test_cookie_expires_is_a_date_that_many_seconds_from_now(client):
    before = time.time()
    resp = await client.get("/cookies/attributes/a/1?expires=3600")
    morsel = resp.cookies["a"]
    expires = parsedate_to_datetime(morsel["expires"]).timestamp()
    assert before + 3600 - 1 <= expires <= time.time() + 3600 + 1
    assert morsel["expires"].endswith(" GMT")


async def test_cookie_attributes_are_read_back_by_the_client(client):
    resp = await client.get("/cookies/attributes/sid/abc?max_age=5&path=/x&httponly=1&secure=1&samesite=Lax")
    morsel = resp.cookies["sid"]
    assert (morsel.value, morsel["max-age"], morsel["path"], morsel["samesite"]) == ("abc", "5", "/x", "Lax")
    assert morsel["httponly"] is True and morsel["secure"] is True


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        pytest.param("/cookies/attributes/a%3Bb/1", "'a;b' is not a valid cookie name", id="bad-name"),
        pytest.param("/cookies/attributes/a/1?max_age=-1", "max_age must be at least 0", id="negative-max-age"),
        pytest.param("/cookies/attributes/a/1?max_age=31536001", "max_age must be at most 31536000", id="max-age-long"),
        pytest.param("/cookies/attributes/a/1?max_age=soon", "max_age must be a whole number", id="max-age-word"),
        pytest.param("/cookies/attributes/a/1?expires=1e9", "expires must be a whole number", id="expires-float"),
        pytest.param("/cookies/attributes/a/1?path=x", "path must start with '/'", id="relative-path"),
        pytest.param("/cookies/attributes/a/1?path=/a;b", "path must start with '/'", id="path-semicolon"),
        pytest.param("/cookies/attributes/a/1?path=/a%20b", "path must start with '/'", id="path-space"),
        pytest.param("/cookies/attributes/a/1?path=/a%0Db", "path must start with '/'", id="path-crlf"),
        pytest.param("/cookies/attributes/a/1?domain=a;b", "domain must be a host name", id="domain-semicolon"),
        pytest.param("/cookies/attributes/a/1?domain=", "domain must be a host name", id="domain-empty"),
        pytest.param("/cookies/attributes/a/1?domain=%C3%A9.test", "domain must be a host name", id="domain-not-ascii"),
        pytest.param("/cookies/attributes/a/1?samesite=maybe", "samesite must be Strict, Lax or None", id="samesite"),
        pytest.param("/cookies/attributes/a/1?httponly=perhaps", "httponly must be true or false", id="httponly"),
    ],
)
async def test_cookie_attributes_bad_input_is_a_json_400(client, path, fragment):
    resp = await client.get(path)
    await assert_json_error(resp, 400, fragment)
    assert "Set-Cookie" not in resp.headers


@pytest.mark.parametrize(
    ("value", "set_cookie"),
    [
        pytest.param("a%3Bb", r'c="a\073b"; Path=/', id="semicolon"),
        pytest.param("hello%20world", 'c="hello world"; Path=/', id="space"),
    ],
)
async def test_cookie_attributes_value_is_quoted_not_injected(client, value, set_cookie):
    resp = await client.get(f"/cookies/attributes/c/{value}")
    assert resp.headers.getall("Set-Cookie") == [set_cookie]


# --- /cookies/chain/{n} -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "set_cookie", "location"),
    [
        (3, "hop3=3; Path=/", "/cookies/chain/2"),
        (2, "hop2=2; Path=/", "/cookies/chain/1"),
        (1, "hop1=1; Path=/", "/cookies"),
    ],
)
async def test_cookie_chain_sets_one_cookie_a_hop(client, n, set_cookie, location):
    resp = await client.get(f"/cookies/chain/{n}", allow_redirects=False)
    assert resp.status == 302
    assert resp.headers["Location"] == location
    assert resp.headers.getall("Set-Cookie") == [set_cookie]


async def test_cookie_chain_followed_carries_every_hops_cookie(client):
    """The test client's jar keeps 127.0.0.1 cookies: /cookies at the end shows all three."""
    resp = await client.get("/cookies/chain/3")
    assert [r.status for r in resp.history] == [302, 302, 302]
    assert [sorted(r.cookies) for r in resp.history] == [["hop3"], ["hop2"], ["hop1"]]
    assert await json_body(resp) == {"cookies": {"hop1": "1", "hop2": "2", "hop3": "3"}}


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        pytest.param("/cookies/chain/0", "n must be at least 1", id="zero"),
        pytest.param("/cookies/chain/101", "n must be at most 100", id="over-the-limit"),
        pytest.param("/cookies/chain/x", "n must be a whole number", id="not-a-number"),
    ],
)
async def test_cookie_chain_bad_n_is_a_json_400(client, path, fragment):
    await assert_json_error(await client.get(path, allow_redirects=False), 400, fragment)
