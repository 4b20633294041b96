"""Caching and conditional requests: /cache, /cache/{n}, /etag/{etag}, answered as httpbin 0.10 answers them."""

from __future__ import annotations

import re
import time
from email.utils import formatdate, parsedate_to_datetime

import pytest
from conftest import ORIGIN, assert_json_error, json_body, sent_headers
from yarl import URL

from local_server.endpoints.caching import entity_tags
from local_server.limits import DEFAULT_MAX_CACHE_AGE

A_DATE = "Wed, 21 Oct 2015 07:28:00 GMT"


async def assert_get_echo(client, resp, path: str) -> None:
    """The body is /get's: the request's args, headers, origin and URL."""
    body = await json_body(resp)
    assert body == {
        "args": {},
        "headers": sent_headers(resp),
        "origin": ORIGIN,
        "url": f"http://127.0.0.1:{client.port}{path}",
    }


async def assert_not_modified(resp, etag: str | None) -> None:
    """A 304: no body, no Content-Type, and the ETag only when one is expected."""
    assert resp.status == 304
    assert await resp.read() == b""
    assert "Content-Type" not in resp.headers
    assert resp.headers.get("ETag") == etag
    assert "Last-Modified" not in resp.headers


# --- /cache -------------------------------------------------------------------------------------


async def test_cache_without_conditions_is_get_with_last_modified_and_an_etag(client):
    before = time.time()
    resp = await client.get("/cache")
    assert resp.status == 200
    await assert_get_echo(client, resp, "/cache")
    assert re.fullmatch(r'"[0-9a-f]{32}"', resp.headers["ETag"]), resp.headers["ETag"]
    last_modified = resp.headers["Last-Modified"]
    assert last_modified.endswith(" GMT")
    assert before - 1 <= parsedate_to_datetime(last_modified).timestamp() <= time.time() + 1


async def test_cache_gives_a_new_etag_each_time(client):
    etags = set()
    for _ in range(3):
        resp = await client.get("/cache")
        etags.add(resp.headers["ETag"])
    assert len(etags) == 3


CACHE_CONDITIONS = [
    pytest.param({"If-Modified-Since": A_DATE}, 304, id="if-modified-since"),
    pytest.param({"If-Modified-Since": formatdate(usegmt=True)}, 304, id="if-modified-since-now"),
    pytest.param({"If-Modified-Since": "not a date"}, 304, id="if-modified-since-not-a-date"),
    pytest.param({"If-None-Match": '"abc"'}, 304, id="if-none-match"),
    pytest.param({"If-None-Match": "*"}, 304, id="if-none-match-any"),
    pytest.param({"If-None-Match": ""}, 304, id="if-none-match-empty"),
    pytest.param({"If-Modified-Since": A_DATE, "If-None-Match": '"abc"'}, 304, id="both"),
    pytest.param({"If-Modified-Since": ""}, 200, id="if-modified-since-empty"),
    pytest.param({"If-Match": '"abc"'}, 200, id="if-match-is-not-read"),
]
"""httpbin's rule: any If-None-Match, or a non-empty If-Modified-Since, gets a 304; the value is never compared."""


@pytest.mark.parametrize(("headers", "status"), CACHE_CONDITIONS)
async def test_cache_conditional_requests(client, headers, status):
    resp = await client.get("/cache", headers=headers)
    if status == 304:
        await assert_not_modified(resp, etag=None)
    else:
        assert resp.status == 200
        await assert_get_echo(client, resp, "/cache")
        assert "ETag" in resp.headers and "Last-Modified" in resp.headers


@pytest.mark.parametrize(("sent", "received"), [("If-None-Match", "ETag"), ("If-Modified-Since", "Last-Modified")])
async def test_cache_revalidation_with_what_the_first_answer_gave(client, sent, received):
    """What a cache does: send back the validator the first answer carried, and get a 304."""
    first = await client.get("/cache")
    second = await client.get("/cache", headers={sent: first.headers[received]})
    await assert_not_modified(second, etag=None)


# --- /cache/{n} ---------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 60, 3600, DEFAULT_MAX_CACHE_AGE])
async def test_cache_n_sets_cache_control(client, n):
    resp = await client.get(f"/cache/{n}")
    assert resp.status == 200
    assert resp.headers["Cache-Control"] == f"public, max-age={n}"
    assert "ETag" not in resp.headers
    await assert_get_echo(client, resp, f"/cache/{n}")


async def test_cache_n_keeps_the_query_in_the_echo(client):
    resp = await client.get("/cache/5?a=1")
    assert (await json_body(resp))["args"] == {"a": "1"}


@pytest.mark.parametrize(
    ("n", "fragment"),
    [
        ("-1", "n must be at least 0, got -1"),
        ("1.5", "n must be a whole number, got '1.5'"),
        ("abc", "n must be a whole number, got 'abc'"),
        (str(DEFAULT_MAX_CACHE_AGE + 1), f"n must be at most {DEFAULT_MAX_CACHE_AGE}, got {DEFAULT_MAX_CACHE_AGE + 1}"),
    ],
)
async def test_cache_n_refuses_what_is_not_a_number_of_seconds(client, n, fragment):
    resp = await client.get(f"/cache/{n}")
    await assert_json_error(resp, 400, fragment)


# --- /etag/{etag} -------------------------------------------------------------------------------

ETAG_CASES = [
    pytest.param({}, 200, id="no-condition"),
    pytest.param({"If-None-Match": '"abc"'}, 304, id="if-none-match-quoted"),
    pytest.param({"If-None-Match": "abc"}, 304, id="if-none-match-bare"),
    pytest.param({"If-None-Match": 'W/"abc"'}, 304, id="if-none-match-weak"),
    pytest.param({"If-None-Match": '"x", "abc"'}, 304, id="if-none-match-in-a-list"),
    pytest.param({"If-None-Match": "*"}, 304, id="if-none-match-any"),
    pytest.param({"If-None-Match": '"x"'}, 200, id="if-none-match-other"),
    pytest.param({"If-None-Match": '"abcd"'}, 200, id="if-none-match-longer"),
    pytest.param({"If-Match": '"abc"'}, 200, id="if-match-quoted"),
    pytest.param({"If-Match": "abc"}, 200, id="if-match-bare"),
    pytest.param({"If-Match": '"x", W/"abc"'}, 200, id="if-match-in-a-list"),
    pytest.param({"If-Match": "*"}, 200, id="if-match-any"),
    pytest.param({"If-Match": '"x"'}, 412, id="if-match-other"),
    pytest.param({"If-Match": '"x", "y"'}, 412, id="if-match-none-of-a-list"),
    pytest.param({"If-None-Match": '"abc"', "If-Match": '"x"'}, 304, id="if-none-match-wins"),
    pytest.param({"If-None-Match": '"x"', "If-Match": '"y"'}, 200, id="if-match-not-read-after-if-none-match"),
    pytest.param({"If-None-Match": "", "If-Match": '"x"'}, 412, id="empty-if-none-match-then-if-match"),
]


@pytest.mark.parametrize(("headers", "status"), ETAG_CASES)
async def test_etag_conditional_requests(client, headers, status):
    resp = await client.get("/etag/abc", headers=headers)
    if status == 304:
        await assert_not_modified(resp, etag='"abc"')
    elif status == 412:
        await assert_json_error(resp, 412, f'If-Match {headers["If-Match"]!r} does not list the ETag "abc"')
        assert "ETag" not in resp.headers
    else:
        assert resp.status == 200
        assert resp.headers["ETag"] == '"abc"'
        await assert_get_echo(client, resp, "/etag/abc")


@pytest.mark.parametrize(
    ("path", "etag"),
    [
        ("/etag/abc", '"abc"'),
        ("/etag/33a64df551425fcc55e4d42a148795d9f25f89d4", '"33a64df551425fcc55e4d42a148795d9f25f89d4"'),
        ("/etag/v1.2-beta_3~!", '"v1.2-beta_3~!"'),
        ("/etag/*", '"*"'),
    ],
)
async def test_etag_is_sent_quoted(client, path, etag):
    resp = await client.get(path)
    assert resp.status == 200
    assert resp.headers["ETag"] == etag


async def test_etag_revalidation_with_the_etag_it_sent(client):
    first = await client.get("/etag/v2")
    second = await client.get("/etag/v2", headers={"If-None-Match": first.headers["ETag"]})
    await assert_not_modified(second, etag='"v2"')


@pytest.mark.parametrize(
    "raw", ["a%22b", "a%20b", "a%0Ab", "a%0D%0ASet-Cookie:%20x=1", "%C3%A9t%C3%A9", "a%00"], ids=lambda raw: raw
)
async def test_etag_that_cannot_be_an_entity_tag_is_400(client, raw):
    resp = await client.get(URL(f"/etag/{raw}", encoded=True))
    await assert_json_error(resp, 400, "an ETag holds visible ASCII characters other than '\"'")
    assert "ETag" not in resp.headers
    assert "Set-Cookie" not in resp.headers


@pytest.mark.parametrize(
    ("header", "tags"),
    [
        (None, []),
        ("", []),
        ('"a"', ["a"]),
        ("a", ["a"]),
        ('W/"a"', ["a"]),
        ('"a", W/"b",c', ["a", "b", "c"]),
        ("*", ["*"]),
        ('  "a"  ,  "b"  ', ["a", "b"]),
    ],
)
def test_entity_tags_are_read_as_httpbin_reads_them(header, tags):
    assert entity_tags(header) == tags
