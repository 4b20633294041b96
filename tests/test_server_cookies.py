"""Cookies: /cookies shows them; /cookies/set, /cookies/set/{name}/{value} and /cookies/delete change them."""

from __future__ import annotations

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
