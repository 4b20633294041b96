"""Status codes and redirects: /status/{codes}, /redirect/{n} and its relatives, /redirect-to."""

from __future__ import annotations

import pytest
from conftest import assert_json_error, json_body
from yarl import URL

REALM = 'Basic realm="Fake Realm"'

# (code, headers the answer must carry, exact body)
STATUS_CASES = [
    pytest.param(200, {}, b"", id="200"),
    pytest.param(201, {}, b"", id="201"),
    pytest.param(202, {}, b"", id="202"),
    pytest.param(204, {}, b"", id="204"),
    pytest.param(301, {"Location": "/redirect/1"}, b"", id="301"),
    pytest.param(302, {"Location": "/redirect/1"}, b"", id="302"),
    pytest.param(303, {"Location": "/redirect/1"}, b"", id="303"),
    pytest.param(307, {"Location": "/redirect/1"}, b"", id="307"),
    pytest.param(308, {"Location": "/redirect/1"}, b"", id="308"),
    pytest.param(400, {}, b"", id="400"),
    pytest.param(401, {"WWW-Authenticate": REALM}, b"", id="401"),
    pytest.param(403, {}, b"", id="403"),
    pytest.param(404, {}, b"", id="404"),
    pytest.param(407, {"Proxy-Authenticate": REALM}, b"", id="407"),
    pytest.param(429, {}, b"", id="429"),
    pytest.param(500, {}, b"", id="500"),
    pytest.param(503, {}, b"", id="503"),
    pytest.param(599, {}, b"", id="599"),
]


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "DELETE"])
@pytest.mark.parametrize(("code", "headers", "body"), STATUS_CASES)
async def test_status_answers_with_the_code(client, method, code, headers, body):
    resp = await client.request(method, f"/status/{code}", allow_redirects=False)
    assert resp.status == code
    assert await resp.read() == body
    for name, value in headers.items():
        assert resp.headers[name] == value


async def test_status_204_has_no_body_and_no_length(client):
    resp = await client.get("/status/204")
    assert resp.status == 204
    assert await resp.read() == b""
    assert "Content-Length" not in resp.headers
    assert "Transfer-Encoding" not in resp.headers


async def test_status_406_is_json(client):
    resp = await client.get("/status/406")
    assert resp.status == 406
    assert await json_body(resp) == {
        "accept": ["image/webp", "image/*"],
        "message": "Client did not request a supported media type.",
    }


async def test_status_418_is_a_teapot(client):
    resp = await client.get("/status/418")
    assert resp.status == 418
    assert resp.content_type == "text/plain"
    assert resp.headers["X-More-Info"] == "http://tools.ietf.org/html/rfc2324"
    text = await resp.text()
    assert "-=[ teapot ]=-" in text
    assert "_...._" in text


async def test_status_302_followed_ends_on_get(client):
    resp = await client.get("/status/302")
    assert resp.status == 200
    assert resp.url.path == "/get"
    assert [r.status for r in resp.history] == [302, 302]


@pytest.mark.parametrize(("codes", "possible"), [("200,201", {200, 201}), ("200,201,202", {200, 201, 202})])
async def test_status_list_picks_one_of_them(client, codes, possible):
    seen = set()
    for _ in range(10):
        resp = await client.get(f"/status/{codes}")
        seen.add(resp.status)
    assert seen <= possible
    assert seen  # something was answered


@pytest.mark.parametrize(
    ("codes", "always"),
    [("200:0,500:1", 500), ("200:1,500:0", 200), ("418:0.5,201:0", 418), ("204:2", 204)],
)
async def test_status_weights_of_zero_are_never_picked(client, codes, always):
    for _ in range(10):
        resp = await client.get(f"/status/{codes}")
        assert resp.status == always


@pytest.mark.parametrize(
    ("codes", "fragment"),
    [
        pytest.param("abc", "'abc' is not a status code", id="word"),
        pytest.param("99", "between 200 and 599, got 99", id="too-low"),
        pytest.param("199", "between 200 and 599, got 199", id="informational"),
        pytest.param("600", "between 200 and 599, got 600", id="too-high"),
        pytest.param("200:-1", "weights must be finite and not negative", id="negative-weight"),
        pytest.param("200:inf", "weights must be finite and not negative", id="infinite-weight"),
        pytest.param("200:nan", "weights must be finite and not negative", id="nan-weight"),
        pytest.param("200:0", "at least one weight must be above zero", id="zero-weight"),
        pytest.param("200:0,500:0", "at least one weight must be above zero", id="all-zero"),
        pytest.param("200:x", "'200:x' is not a status code", id="word-weight"),
        pytest.param("200,,201", "'' is not a status code", id="empty-item"),
        pytest.param("2.5e2", "'2.5e2' is not a status code", id="float"),
    ],
)
async def test_status_malformed_is_400(client, codes, fragment):
    resp = await client.get(f"/status/{codes}")
    await assert_json_error(resp, 400, fragment)


# --- redirects ----------------------------------------------------------------------------------


async def follow_by_hand(client, path: str) -> list[str]:
    """The Location of each redirect, following them one by one until a non-redirect."""
    locations = []
    url = client.make_url(path)
    for _ in range(10):
        resp = await client.session.get(url, allow_redirects=False)
        if resp.status != 302:
            assert resp.status == 200
            return locations
        assert await resp.read() == b""
        locations.append(resp.headers["Location"])
        url = url.join(URL(resp.headers["Location"]))
    raise AssertionError(f"too many redirects: {locations}")


@pytest.mark.parametrize(
    ("path", "locations"),
    [
        ("/redirect/1", ["/get"]),
        ("/redirect/3", ["/relative-redirect/2", "/relative-redirect/1", "/get"]),
        ("/relative-redirect/1", ["/get"]),
        ("/relative-redirect/3", ["/relative-redirect/2", "/relative-redirect/1", "/get"]),
        ("/redirect/2?absolute=false", ["/relative-redirect/1", "/get"]),
    ],
)
async def test_relative_redirect_chains(client, path, locations):
    assert await follow_by_hand(client, path) == locations


@pytest.mark.parametrize(
    ("path", "paths"),
    [
        ("/redirect/1?absolute=true", ["/get"]),
        ("/redirect/3?absolute=true", ["/absolute-redirect/2", "/absolute-redirect/1", "/get"]),
        ("/absolute-redirect/1", ["/get"]),
        ("/absolute-redirect/3", ["/absolute-redirect/2", "/absolute-redirect/1", "/get"]),
    ],
)
async def test_absolute_redirect_chains(client, path, paths):
    base = f"http://127.0.0.1:{client.port}"
    assert await follow_by_hand(client, path) == [base + p for p in paths]


@pytest.mark.parametrize(
    "path", ["/redirect/3", "/redirect/3?absolute=true", "/relative-redirect/3", "/absolute-redirect/3"]
)
async def test_redirects_followed_by_the_client_end_on_get(client, path):
    resp = await client.get(path)
    assert resp.status == 200
    assert resp.url.path == "/get"
    assert [r.status for r in resp.history] == [302, 302, 302]
    body = await json_body(resp)
    assert body["url"] == f"http://127.0.0.1:{client.port}/get"


@pytest.mark.parametrize("route", ["redirect", "relative-redirect", "absolute-redirect"])
@pytest.mark.parametrize(
    ("n", "fragment"),
    [
        ("0", "n must be at least 1, got 0"),
        ("-1", "n must be at least 1, got -1"),
        ("101", "n must be at most 100, got 101"),
        ("abc", "n must be a whole number, got 'abc'"),
        ("1.5", "n must be a whole number, got '1.5'"),
    ],
)
async def test_redirect_n_out_of_range_is_400(client, route, n, fragment):
    resp = await client.get(f"/{route}/{n}", allow_redirects=False)
    await assert_json_error(resp, 400, fragment)


async def test_redirect_at_the_limit_is_fine(client):
    resp = await client.get("/redirect/100", allow_redirects=False)
    assert resp.status == 302
    assert resp.headers["Location"] == "/relative-redirect/99"


async def test_redirect_absolute_flag_must_be_a_boolean(client):
    resp = await client.get("/redirect/2?absolute=maybe", allow_redirects=False)
    await assert_json_error(resp, 400, "absolute must be true or false, got 'maybe'")


# --- /redirect-to -------------------------------------------------------------------------------

REDIRECT_TO_TARGETS = [
    pytest.param("/get", "/get", id="relative"),
    pytest.param("/anything?a=1&b=2", "/anything?a=1&b=2", id="relative-with-query"),
    pytest.param("get", "get", id="relative-no-slash"),
    pytest.param("http://127.0.0.1:8080/get", "http://127.0.0.1:8080/get", id="loopback-ip"),
    pytest.param("http://127.0.0.2/x", "http://127.0.0.2/x", id="other-loopback-ip"),
    pytest.param("http://localhost:9/path", "http://localhost:9/path", id="localhost"),
    pytest.param("https://api.localhost/v1", "https://api.localhost/v1", id="dot-localhost"),
    pytest.param("http://[::1]:8080/get", "http://[::1]:8080/get", id="ipv6-loopback"),
]


@pytest.mark.parametrize(("url", "location"), REDIRECT_TO_TARGETS)
async def test_redirect_to_local_targets(client, url, location):
    resp = await client.get("/redirect-to", params={"url": url}, allow_redirects=False)
    assert resp.status == 302
    assert resp.headers["Location"] == location
    assert await resp.read() == b""


async def test_redirect_to_the_test_server_itself_is_followed(client):
    target = f"http://127.0.0.1:{client.port}/get?via=redirect-to"
    resp = await client.get("/redirect-to", params={"url": target})
    assert resp.status == 200
    assert str(resp.url) == target
    assert (await json_body(resp))["args"] == {"via": "redirect-to"}


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("status_code", [301, 302, 303, 307, 308])
async def test_redirect_to_with_any_method_and_status_code(client, method, status_code):
    params = {"url": "/anything", "status_code": str(status_code)}
    resp = await client.request(method, "/redirect-to", params=params, allow_redirects=False)
    assert resp.status == status_code
    assert resp.headers["Location"] == "/anything"


@pytest.mark.parametrize(
    ("status_code", "method_after"),
    [(301, "GET"), (302, "GET"), (303, "GET"), (307, "POST"), (308, "POST")],
)
async def test_redirect_to_followed_after_a_post(client, status_code, method_after):
    """What the aiohttp client does on each redirect: 307 and 308 repeat the POST with its body."""
    params = {"url": "/anything", "status_code": str(status_code)}
    resp = await client.post("/redirect-to", params=params, data="payload")
    assert resp.status == 200
    body = await json_body(resp)
    assert body["method"] == method_after
    assert body["data"] == ("payload" if method_after == "POST" else "")


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        pytest.param("", "the url query parameter is required", id="missing-url"),
        pytest.param("?url=", "the url query parameter is required", id="empty-url"),
        pytest.param("?url=http://example.com", "only local targets are allowed", id="external"),
        pytest.param("?url=https://example.com/get", "only local targets are allowed", id="external-https"),
        pytest.param("?url=//example.com/x", "only local targets are allowed", id="protocol-relative"),
        pytest.param("?url=%20//example.com/x", "only local targets are allowed", id="space-protocol-relative"),
        pytest.param("?url=/%09/example.com", "only local targets are allowed", id="tab-protocol-relative"),
        pytest.param("?url=http://10.0.0.1/", "only local targets are allowed", id="private-ip"),
        pytest.param("?url=http://0.0.0.0/", "only local targets are allowed", id="any-address"),
        pytest.param("?url=http://localhost.example.com/", "only local targets are allowed", id="localhost-prefix"),
        pytest.param("?url=ftp://127.0.0.1/file", "only local targets are allowed", id="ftp"),
        pytest.param("?url=javascript:alert(1)", "only local targets are allowed", id="javascript"),
        pytest.param("?url=http:example.com", "only local targets are allowed", id="scheme-without-host"),
        pytest.param("?url=http://127.0.0.1:99999/", "is not a URL", id="bad-port"),
        pytest.param("?url=http://[::1", "is not a URL", id="bad-ipv6"),
        pytest.param("?url=/get&status_code=abc", "status_code must be a whole number, got 'abc'", id="status-word"),
        pytest.param("?url=/get&status_code=200", "status_code must be a redirect status", id="status-200"),
        pytest.param("?url=/get&status_code=304", "status_code must be a redirect status", id="status-304"),
        pytest.param("?url=/get&status_code=306", "status_code must be a redirect status", id="status-306"),
        pytest.param("?url=/get&status_code=309", "status_code must be a redirect status", id="status-309"),
        pytest.param("?url=/get&status_code=404", "status_code must be a redirect status", id="status-404"),
    ],
)
async def test_redirect_to_refuses_bad_input(client, query, fragment):
    resp = await client.get("/redirect-to" + query, allow_redirects=False)
    await assert_json_error(resp, 400, fragment)


@pytest.mark.parametrize(
    ("url", "location"),
    [
        pytest.param("/a\r\nSet-Cookie: x=1", "/aSet-Cookie:%20x=1", id="crlf-removed"),
        pytest.param("///example.com", "/example.com", id="triple-slash"),
        pytest.param("/\\example.com", "/%5Cexample.com", id="backslash-escaped"),
        pytest.param("/path with spaces", "/path%20with%20spaces", id="space-escaped"),
    ],
)
async def test_redirect_to_sends_the_checked_url_normalised(client, url, location):
    """A browser reads `///host` and `/\\host` as another host; the Location sent stays a local path."""
    resp = await client.get("/redirect-to", params={"url": url}, allow_redirects=False)
    assert resp.status == 302
    assert resp.headers["Location"] == location
    assert "Set-Cookie" not in resp.headers
