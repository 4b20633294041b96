"""Random requests (hypothesis): whatever a client sends, the server answers below 500, quickly, and keeps running.

One server for the module, in its own thread (`start_local_server_in_thread`), with small limits so that
generated `/delay/9`, `/drip?duration=`, `/stream-bytes/99999999` are refused or quick rather than slow:
the inputs are not tamed, the server's limits are. Each example sends one request from a fresh
`aiohttp.ClientSession`, so examples do not depend on each other and a failure shrinks to one request.

Two warnings aiohttp (3.14) gives in the server thread are ignored here, as they are when the server runs for
real (the suite's `filterwarnings = error` would turn them into exceptions inside the server):

- BadContentDispositionHeader and BadContentDispositionParam, RuntimeWarnings from `aiohttp.multipart` about
  a part's odd Content-Disposition; aiohttp carries on, and the server answers 400 or 200.
- ResourceWarning "Unclosed file": when `request.post()` fails on a multipart body after a file part has
  begun (a later part without a name, an unknown charset or transfer encoding, a cut-off body), aiohttp
  never closes that part's temporary file; the garbage collector frees it later. The garbage is collected
  when the module's server has stopped, so the warning cannot surface in whichever test runs next.

Two endpoints break the response on purpose (`local_server.endpoints.faults.BROKEN_ON_PURPOSE`): /truncated/{n}
sends half its body and /disconnect no answer at all. For them, and only them, the client's
ClientPayloadError or ServerDisconnectedError is the documented answer, counted as status 0. Two answer a
5xx the request chose (/status/{codes}, /flaky/{key}): for them a 5xx is fine, the safety net's log is not.
"""

from __future__ import annotations

import asyncio
import gc
import gzip
import json
import logging
import string
import warnings
import zlib
from urllib.parse import quote

import aiohttp
import brotli
import pytest
from aiohttp import web
from conftest import SAMPLE_PATHS
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from yarl import URL

from local_server import Limits, start_local_server_in_thread, stop_local_server
from local_server.app import ROUTE_GROUPS
from local_server.endpoints.faults import BROKEN_ON_PURPOSE

KiB = 1024
ABUSE_LIMITS = Limits(
    max_body_size=2 * KiB,  # small, so that generated bodies meet the 413 path too
    max_upload_size=2 * KiB,  # and the 413 of /upload
    max_duration=0.2,
    max_memory_response=64 * KiB,
    max_streamed_response=64 * KiB,
)
REQUEST_BOUND = 10  # seconds: "never hangs" (every answer here takes milliseconds)
MAX_REQUEST_LINE = 8000  # aiohttp refuses longer lines itself (400); test_abuse_http.py sends those raw

pytestmark = [
    pytest.mark.filterwarnings("ignore::RuntimeWarning:aiohttp.multipart"),
    pytest.mark.filterwarnings("ignore:Unclosed file <tempfile.SpooledTemporaryFile:ResourceWarning"),
]

FUZZ_SETTINGS = settings(
    deadline=None,
    database=None,  # no example database: a failure prints the blob that reproduces it
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- the server -----------------------------------------------------------------------------------


class SafetyNetRecords(logging.Handler):
    """Collects what the server's 500 path logs (logger `local_server`), even when no client saw the 500."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def server():
    stop_local_server()  # a server left running with other limits would be reused
    started = start_local_server_in_thread(limits=ABUSE_LIMITS)
    records = SafetyNetRecords()
    logger = logging.getLogger("local_server")
    logger.addHandler(records)
    try:
        status, _ = run(send(started.url, "GET", "/delay/0.3"))
        assert status == 400, "the abuse server must run with ABUSE_LIMITS"
        yield started.url, records
        status, _ = run(send(started.url, "GET", "/get"))
        assert status == 200, "the server still answers after the abuse"
    finally:
        logger.removeHandler(records)
        stop_local_server()
        with warnings.catch_warnings():  # the temporary files aiohttp left open (see the module's docstring)
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()


def run(coro):
    """One example's request, on a loop of its own (the server has its own loop, in its own thread)."""
    return asyncio.run(coro)


CHOSEN_5XX = ("/status/{codes}", "/flaky/{key}")
"""The routes that answer a 5xx when the request asks for one."""


def matches(templates: tuple[str, ...], path_qs: str) -> bool:
    path = URL(path_qs, encoded=True).path
    return any(web.DynamicResource(template).get_info()["pattern"].fullmatch(path) for template in templates)


def broken_on_purpose(path_qs: str) -> bool:
    return matches(BROKEN_ON_PURPOSE, path_qs)


LONGEST_HEADER = 2 * ABUSE_LIMITS.max_long_header
"""Room for the longest header the server may send, with its name."""


async def send(base: str, method: str, path_qs: str, headers=None, body: bytes | None = None) -> tuple[int, bytes]:
    """Send the request as generated, read the whole answer; 0 for the broken answer of an endpoint built for it."""
    try:
        return await send_and_read(base, method, path_qs, headers, body)
    except (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError):
        if broken_on_purpose(path_qs):
            return 0, b""
        raise


async def send_and_read(base: str, method: str, path_qs: str, headers, body: bytes | None) -> tuple[int, bytes]:
    """Send the request as generated (already percent-encoded: no re-quoting), read the whole answer."""
    async with asyncio.timeout(REQUEST_BOUND):
        # Headers as long as /long-header/{n} sends (64 KiB): aiohttp's 8190-byte default would refuse them.
        async with aiohttp.ClientSession(max_line_size=LONGEST_HEADER, max_field_size=LONGEST_HEADER) as session:
            url = URL(base + path_qs, encoded=True)
            async with session.request(
                method, url, headers=headers, data=body, allow_redirects=False, auto_decompress=False
            ) as resp:
                return resp.status, await resp.read()


def check(server, method: str, path_qs: str, headers=None, body: bytes | None = None) -> None:
    assume(len(method) + len(path_qs) < MAX_REQUEST_LINE)
    base, records = server
    records.messages.clear()
    status, answer = run(send(base, method, path_qs, headers, body))
    assert status < 500 or matches(CHOSEN_5XX, path_qs), f"{method} {path_qs} -> {status}: {answer[:300]!r}"
    assert not records.messages, records.messages


# --- strategies -----------------------------------------------------------------------------------

ROUTES = [route for routes in ROUTE_GROUPS.values() for route in routes]
PLAIN_PATHS = sorted({route.path for route in ROUTES if "{" not in route.path} | {"/"})
FORMATTERS = sorted({web.DynamicResource(route.path).get_info()["formatter"] for route in ROUTES if "{" in route.path})
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "M-SEARCH"]
TOKEN_CHARS = "!#$%&'*+-.^_`|~" + string.ascii_letters + string.digits

ODD_NUMBERS = [
    "", "-0", "+1", "-1", "0", "1e309", "-1e309", "nan", "NaN", "inf", "-inf", "Infinity", "0x10", "0b1", "0o7",
    "1_000", "\u0661", "\uff11", " 1", "1 ", "\t1", "1.", ".5", "1e-400", "1e3", "2.5e2", "9" * 5000, "200:1",
    "200:0.5,500:0.5", "200:-1", "200:nan", "200,", ",", ":", "200:1e999", "0:0",
]  # fmt: skip
RAW_SEGMENTS = ["..", ".", "%2F", "%2f..%2F", "%00", "%", "%G1", "%%", "%0", "~", "*", ";", ":", "@", "!", "$", "'"]

numberish = st.one_of(
    st.integers(-5, 300).map(str),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats().map(repr),  # nan, inf, -0.0, 1e+300, 5e-324
    st.sampled_from(ODD_NUMBERS),
)
garbage = st.binary(min_size=1, max_size=12).map(lambda raw: "".join(f"%{byte:02X}" for byte in raw))
segment = st.one_of(
    numberish.map(lambda text: quote(text, safe="")),
    st.text(max_size=12).map(lambda text: quote(text, safe="")),
    garbage,
    st.sampled_from(RAW_SEGMENTS),
)


@st.composite
def paths(draw) -> str:
    """A route template filled with random segments, a plain route, or a path of random segments."""
    kind = draw(st.sampled_from(["template", "template", "plain", "random"]))
    if kind == "plain":
        return draw(st.sampled_from(PLAIN_PATHS))
    if kind == "random":
        return "/" + "/".join(draw(st.lists(segment, max_size=4)))
    formatter = draw(st.sampled_from(FORMATTERS))
    names = web.DynamicResource(formatter).get_info()["pattern"].groupindex
    return formatter.format_map({name: draw(st.lists(segment, min_size=1, max_size=3).map("/".join)) for name in names})


QUERY_NAMES = [
    "seed", "chunk_size", "duration", "delay", "numbytes", "code", "url", "status_code", "absolute", "declare",
    "X-Test", "Content-Type", "Location", "Set-Cookie", "a", "failures", "status", "max_age", "expires", "path",
    "domain", "httponly", "secure", "samesite", "uses", "require-cookie", "close_after", "close_after_messages",
    "close_code", "reason", "heartbeat", "silent", "name",
]  # fmt: skip
URL_VALUES = [
    "/get",
    "http://127.0.0.1:1/x",
    "http://localhost./",
    "//evil.example",
    "javascript:alert(1)",
    "http://[::1",
]
query_value = st.one_of(numberish, st.text(max_size=20), st.sampled_from(URL_VALUES))


@st.composite
def query_strings(draw) -> str:
    pairs = draw(
        st.lists(
            st.tuples(st.one_of(st.sampled_from(QUERY_NAMES), st.text(max_size=8)), st.one_of(st.none(), query_value)),
            max_size=4,
        )
    )
    items = [quote(name, safe="") + ("" if value is None else "=" + quote(value, safe="")) for name, value in pairs]
    if draw(st.booleans()):
        items.append(draw(garbage))
    return "?" + "&".join(items) if items else ""


# Framing headers are left to the raw-socket tests in test_abuse_http.py: set here, they would make the client
# itself send a broken request (a Content-Length with no body: client and server both wait).
FRAMING_HEADERS = {"content-length", "transfer-encoding", "connection", "expect", "upgrade", "keep-alive", "te"}
HEADER_NAMES = [
    "Range", "Content-Encoding", "Accept-Encoding", "Cookie", "User-Agent", "Accept", "Content-Type", "Origin",
    "Access-Control-Request-Method", "If-None-Match", "If-Match", "If-Range", "If-Modified-Since", "Authorization",
    "X-Forwarded-For", "Forwarded", "Host", "Accept-Charset", "X-Test",
]  # fmt: skip
HEADER_VALUES = [
    "bytes=0-", "bytes=-1", "bytes=5-3", "bytes=0-0,1-1", "bytes=99999999999999999999-", "bytes=\u0661-",
    "items=0-1", "gzip", "br", "deflate, gzip;q=0.5", "*", "identity", "a=1; b=2", ";;=;", "a=\u00e9",
    "multipart/form-data", "text/plain; charset=nope", "\t", "", " ", "\u00ff", "\U0001f40d", "localhost:99999",
    "[::1", "127.0.0.1:abc", "ü:x:@", "W/\"range26\"", "Basic dXNlcjpwYXNzd2Q=", "Basic %%%", "Basic w6k6w6k=",
    "Bearer ", "Bearer x y", "bearer \u00e9", "Digest", "Digest ,,", 'Digest username="user", nonce=',
    'Digest username="u\\', 'Digest nonce="0", realm="me@kennethreitz.com", qop=auth-int, nc=zz, response=""',
]  # fmt: skip
# What the client can put in a header: no control character but tab (aiohttp refuses the others; the raw-socket
# tests in test_abuse_http.py send them).
header_text = st.text(alphabet=st.characters(exclude_categories=["Cc", "Cs"], include_characters="\t"), max_size=30)
header_value = st.one_of(st.sampled_from(HEADER_VALUES), numberish, header_text)
header_name = st.one_of(
    st.sampled_from(HEADER_NAMES),
    st.text(alphabet=TOKEN_CHARS, min_size=1, max_size=16).filter(lambda name: name.lower() not in FRAMING_HEADERS),
)
headers = st.dictionaries(header_name, header_value, max_size=5)

# --- the properties -------------------------------------------------------------------------------


@settings(FUZZ_SETTINGS, max_examples=250)
@given(
    method=st.one_of(st.sampled_from(METHODS), st.text(alphabet=TOKEN_CHARS, min_size=1, max_size=10)),
    path=paths(),
    query=query_strings(),
)
def test_any_method_path_and_query_is_answered_below_500(server, method, path, query):
    check(server, method, path + query)


@settings(FUZZ_SETTINGS, max_examples=150)
@given(
    method=st.sampled_from(["GET", "HEAD", "OPTIONS", "POST"]),
    path=st.one_of(st.sampled_from(sorted(SAMPLE_PATHS.values())), paths()),
    sent_headers=headers,
)
def test_any_headers_are_answered_below_500(server, method, path, sent_headers):
    check(server, method, path, headers=sent_headers)


# --- bodies ---------------------------------------------------------------------------------------

BODY_PATHS = ["/post", "/put", "/patch", "/delete", "/anything", "/anything/x/y", "/delay/0", "/response-headers"]
BODY_PATHS += ["/upload"]
CHARSETS = st.one_of(st.sampled_from(["utf-8", "latin-1", "utf-16", "ascii", "nope", "", '"utf-8"']), header_text)
BOUNDARIES = ["XX", "", '"quoted"', "a" * 80, "b c", "--", "\u00e9"]
boundary = st.one_of(st.sampled_from(BOUNDARIES), st.text(TOKEN_CHARS, max_size=20))
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=12,
)
PART_HEADERS = [
    "Content-Disposition: form-data; name=f",
    'Content-Disposition: form-data; name="f"; filename="a.txt"',
    "Content-Disposition: form-data; name=f; filename*=utf-8''%E2%82%AC.txt",
    "Content-Disposition: form-data",
    "Content-Disposition: attachment; name=",
    "Content-Disposition: ;;;",
    "Content-Type: text/plain; charset=nope",
    "Content-Type: application/json",
    "Content-Type: application/octet-stream",
    "Content-Type: multipart/mixed; boundary=YY",
    "Content-Transfer-Encoding: base64",
    "Content-Transfer-Encoding: quoted-printable",
    "Content-Transfer-Encoding: rot13",
    "Content-Encoding: gzip",
    "Content-Length: 99",
    "NoColon",
]


@st.composite
def multipart_bodies(draw, boundary_text: str) -> bytes:
    """A body shaped like multipart (the declared boundary, parts with odd headers), maybe cut short."""
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        head = "\r\n".join(draw(st.lists(st.sampled_from(PART_HEADERS), max_size=3)))
        content = draw(st.one_of(st.binary(max_size=40), st.text(max_size=40).map(str.encode)))
        parts.append(f"--{boundary_text}\r\n{head}\r\n\r\n".encode() + content + b"\r\n")
    body = b"".join(parts) + (f"--{boundary_text}--\r\n".encode() if draw(st.booleans()) else b"")
    return body[: draw(st.integers(0, len(body)))] if draw(st.booleans()) else body


@st.composite
def bodies(draw) -> tuple[dict[str, str], bytes]:
    """A Content-Type (or none) and a body that may or may not match it; sometimes a Content-Encoding it lacks."""
    kind = draw(st.sampled_from(["none", "json", "form", "multipart", "multipart-no-boundary", "text", "random"]))
    sent: dict[str, str] = {}
    if kind == "json":
        sent["Content-Type"] = draw(st.sampled_from(["application/json", "application/json; charset=utf-8"]))
        body = draw(st.one_of(json_value.map(lambda v: json.dumps(v).encode()), st.binary(max_size=60)))
    elif kind == "form":
        sent["Content-Type"] = "application/x-www-form-urlencoded" + draw(
            st.one_of(st.just(""), CHARSETS.map(lambda charset: f"; charset={charset}"))
        )
        pairs = draw(st.lists(st.tuples(st.text(max_size=8), st.text(max_size=8)), max_size=4))
        body = draw(
            st.one_of(
                st.just("&".join(f"{quote(k)}={quote(v)}" for k, v in pairs).encode()),
                st.binary(max_size=60),
                garbage.map(str.encode),
            )
        )
    elif kind == "multipart":
        boundary_text = draw(boundary)
        sent["Content-Type"] = f"multipart/form-data; boundary={boundary_text}"
        body = draw(st.one_of(multipart_bodies(boundary_text), st.binary(max_size=60)))
    elif kind == "multipart-no-boundary":
        sent["Content-Type"] = draw(st.sampled_from(["multipart/form-data", "multipart/form-data; charset=utf-8"]))
        body = draw(st.one_of(multipart_bodies("XX"), st.binary(max_size=60)))
    elif kind == "text":
        sent["Content-Type"] = draw(CHARSETS.map(lambda charset: f"text/plain; charset={charset}"))
        body = draw(st.text(max_size=60)).encode()
    elif kind == "random":
        sent["Content-Type"] = draw(header_value)
        body = draw(st.binary(max_size=3 * KiB))  # sometimes over the 2 KiB limit: 413
    else:
        body = draw(st.binary(max_size=60))
    if draw(st.integers(0, 4)) == 0:
        sent["Content-Encoding"] = draw(st.sampled_from(["gzip", "deflate", "br", "identity", "zstd", "gzip, br", "x"]))
    return sent, body


@settings(FUZZ_SETTINGS, max_examples=250)
@given(
    method=st.sampled_from(["POST", "PUT", "PATCH", "DELETE", "GET"]),
    path=st.one_of(st.sampled_from(BODY_PATHS), paths()),
    body=bodies(),
)
def test_any_body_with_any_content_type_is_answered_below_500(server, method, path, body):
    sent_headers, data = body
    check(server, method, path, headers=sent_headers, body=data)


# --- bodies really compressed (and maybe cut short or damaged) --------------------------------------

COMPRESSORS = {
    "gzip": gzip.compress,
    "deflate": zlib.compress,
    "br": brotli.compress,
}


@st.composite
def compressed_bodies(draw) -> tuple[dict[str, str], bytes]:
    """One of the bodies above, compressed as its Content-Encoding says; sometimes cut short or with a byte changed,
    sometimes decoding to more than the 2 KiB limit (zeros compress well)."""
    sent, body = draw(bodies())
    if draw(st.booleans()):
        body += bytes(draw(st.integers(0, 8 * KiB)))
    encoding = draw(st.sampled_from(sorted(COMPRESSORS)))
    data = COMPRESSORS[encoding](body)
    damage = draw(st.sampled_from(["none", "none", "cut", "flip"]))
    if damage == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "flip" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]
    return {**sent, "Content-Encoding": encoding}, data


@settings(FUZZ_SETTINGS, max_examples=150)
@given(
    method=st.sampled_from(["POST", "PUT", "PATCH", "DELETE"]),
    path=st.sampled_from(BODY_PATHS),
    body=compressed_bodies(),
)
def test_any_compressed_body_is_answered_below_500(server, method, path, body):
    sent_headers, data = body
    check(server, method, path, headers=sent_headers, body=data)
