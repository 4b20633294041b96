"""Authentication: /basic-auth, /hidden-basic-auth, /bearer and /digest-auth as httpbin 0.10 answers them,
and the token pair httpbin lacks, /auth/token and /auth/protected.

The digest cases are built by hand here (`digest_authorization`, RFC 7616's formulas written out again) so
that each can get one thing wrong; aiohttp's own `DigestAuthMiddleware` proves the happy paths end to end.
"""

from __future__ import annotations

import hashlib
import re

import aiohttp
import pytest
from aiohttp import DigestAuthMiddleware, encode_basic_auth
from conftest import assert_json_error, json_body

from local_server import Limits, create_app
from local_server.endpoints.auth import NONCES, TOKENS

BASIC_CHALLENGE = 'Basic realm="Fake Realm"'
REALM = "me@kennethreitz.com"
FAKE_COOKIE = "fake=fake_value; Path=/"
HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256, "SHA-512": hashlib.sha512}


# --- /basic-auth and /hidden-basic-auth --------------------------------------------------------------

BASIC_CASES = [
    # (path, Authorization header or None, whether it authenticates, the user it shows)
    pytest.param("/basic-auth/user/passwd", encode_basic_auth("user", "passwd"), True, "user", id="right"),
    pytest.param("/basic-auth/user/passwd", encode_basic_auth("user", "wrong"), False, None, id="wrong-password"),
    pytest.param("/basic-auth/user/passwd", encode_basic_auth("other", "passwd"), False, None, id="wrong-user"),
    pytest.param("/basic-auth/user/passwd", None, False, None, id="missing"),
    pytest.param("/basic-auth/user/passwd", "Basic", False, None, id="no-credentials"),
    pytest.param("/basic-auth/user/passwd", "Basic %%%%", False, None, id="not-base64"),
    pytest.param("/basic-auth/user/passwd", "Basic dXNlcnBhc3N3ZA==", False, None, id="no-colon"),
    pytest.param("/basic-auth/user/passwd", "Bearer dXNlcjpwYXNzd2Q=", False, None, id="other-scheme"),
    pytest.param("/basic-auth/user/passwd", "basic dXNlcjpwYXNzd2Q=", True, "user", id="scheme-in-lower-case"),
    pytest.param("/basic-auth/user/pa:ss", encode_basic_auth("user", "pa:ss"), True, "user", id="colon-in-password"),
    pytest.param("/basic-auth/user/", None, None, None, id="empty-password-is-no-route"),
    pytest.param(
        "/basic-auth/j%C3%BCrgen/p%C3%A4ssw%C3%B6rd",
        encode_basic_auth("jürgen", "pässwörd"),
        True,
        "jürgen",
        id="utf-8-credentials",
    ),
    pytest.param(
        "/basic-auth/j%C3%BCrgen/p%C3%A4ssw%C3%B6rd",
        encode_basic_auth("jürgen", "pässwörd", encoding="latin-1"),
        False,
        None,
        id="latin-1-credentials-are-not-utf-8",
    ),
]


@pytest.mark.parametrize(("path", "authorization", "authenticates", "user"), BASIC_CASES)
async def test_basic_auth_as_httpbin(client, path, authorization, authenticates, user):
    headers = {"Authorization": authorization} if authorization is not None else {}
    resp = await client.get(path, headers=headers)
    if authenticates is None:
        await assert_json_error(resp, 404, "no endpoint at")
    elif authenticates:
        assert resp.status == 200
        assert await json_body(resp) == {"authenticated": True, "user": user}
    else:
        assert resp.status == 401
        assert resp.headers["WWW-Authenticate"] == BASIC_CHALLENGE
        assert await resp.read() == b""


@pytest.mark.parametrize(("path", "authorization", "authenticates", "user"), BASIC_CASES)
async def test_hidden_basic_auth_answers_404_without_a_challenge(client, path, authorization, authenticates, user):
    headers = {"Authorization": authorization} if authorization is not None else {}
    resp = await client.get(path.replace("/basic-auth/", "/hidden-basic-auth/"), headers=headers)
    if authenticates:
        assert resp.status == 200
        assert await json_body(resp) == {"authenticated": True, "user": user}
    elif authenticates is None:
        await assert_json_error(resp, 404, "no endpoint at")
    else:
        assert resp.status == 404
        assert "WWW-Authenticate" not in resp.headers
        assert await resp.read() == b""


# --- /bearer (httpbin's: any token is good) ------------------------------------------------------------

BEARER_CASES = [
    # (Authorization header or None, the token it shows; None: refused)
    pytest.param("Bearer abc123", "abc123", id="token"),
    pytest.param("Bearer a b", "a b", id="token-with-space"),
    pytest.param("Bearer  abc", " abc", id="two-spaces-kept-as-httpbin"),
    pytest.param(None, None, id="missing"),
    pytest.param("Bearer", None, id="no-token"),
    pytest.param("Bearer ", None, id="no-token-trailing-space-is-stripped-by-the-parser"),
    pytest.param("bearer abc", None, id="scheme-is-case-sensitive-as-httpbin"),
    pytest.param("Basic dXNlcjpwYXNzd2Q=", None, id="basic"),
    pytest.param("Token abc", None, id="other-scheme"),
]


@pytest.mark.parametrize(("authorization", "token"), BEARER_CASES)
async def test_bearer_as_httpbin(client, authorization, token):
    headers = {"Authorization": authorization} if authorization is not None else {}
    resp = await client.get("/bearer", headers=headers)
    if token is None:
        assert resp.status == 401
        assert resp.headers["WWW-Authenticate"] == "Bearer"
        assert await resp.read() == b""
    else:
        assert resp.status == 200
        assert await json_body(resp) == {"authenticated": True, "token": token}


# --- /digest-auth: the challenge ----------------------------------------------------------------------

CHALLENGE = re.compile(
    r'^Digest realm="(?P<realm>[^"]*)", nonce="(?P<nonce>[0-9a-f]+)", opaque="(?P<opaque>[0-9a-f]+)", '
    r'qop="(?P<qop>[^"]*)", algorithm=(?P<algorithm>[A-Z0-9-]+), stale=(?P<stale>TRUE|FALSE)$'
)


def parse_challenge(resp: aiohttp.ClientResponse) -> dict[str, str]:
    """The parts of a digest challenge, after checking it is written as httpbin writes it."""
    match = CHALLENGE.match(resp.headers["WWW-Authenticate"])
    assert match, resp.headers["WWW-Authenticate"]
    return match.groupdict()


async def challenge_of(client, path: str) -> dict[str, str]:
    resp = await client.get(path)
    assert resp.status == 401
    assert await resp.read() == b""
    assert resp.headers.getall("Set-Cookie") == [FAKE_COOKIE]
    return parse_challenge(resp)


@pytest.mark.parametrize(
    ("path", "qop", "algorithm", "digest_length"),
    [
        pytest.param("/digest-auth/auth/user/passwd", "auth", "MD5", 32, id="auth"),
        pytest.param("/digest-auth/auth-int/user/passwd", "auth-int", "MD5", 32, id="auth-int"),
        pytest.param("/digest-auth/none/user/passwd", "auth, auth-int", "MD5", 32, id="any-other-qop-offers-both"),
        pytest.param("/digest-auth/AUTH/user/passwd", "auth, auth-int", "MD5", 32, id="qop-is-case-sensitive"),
        pytest.param("/digest-auth/auth/user/passwd/MD5", "auth", "MD5", 32, id="md5"),
        pytest.param("/digest-auth/auth/user/passwd/SHA-256", "auth", "SHA-256", 64, id="sha-256"),
        pytest.param("/digest-auth/auth/user/passwd/SHA-512", "auth", "SHA-512", 128, id="sha-512"),
        pytest.param("/digest-auth/auth/user/passwd/sha-256", "auth", "SHA-256", 64, id="algorithm-in-any-case"),
        pytest.param("/digest-auth/auth/user/passwd/SHA-256/3", "auth", "SHA-256", 64, id="stale-after"),
        pytest.param("/digest-auth/auth/user/passwd/MD5/never", "auth", "MD5", 32, id="stale-never"),
    ],
)
async def test_digest_challenge_as_httpbin(client, path, qop, algorithm, digest_length):
    challenge = await challenge_of(client, path)
    assert challenge["realm"] == REALM
    assert challenge["qop"] == qop
    assert challenge["algorithm"] == algorithm
    assert challenge["stale"] == "FALSE"
    assert len(challenge["nonce"]) == len(challenge["opaque"]) == digest_length


async def test_every_challenge_has_a_fresh_nonce_and_opaque(client):
    challenges = [await challenge_of(client, "/digest-auth/auth/user/passwd") for _ in range(5)]
    assert len({c["nonce"] for c in challenges}) == 5
    assert len({c["opaque"] for c in challenges}) == 5


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        pytest.param("/digest-auth/auth/user/passwd/SHA-1", "algorithm must be MD5, SHA-256 or SHA-512, got 'SHA-1'"),
        pytest.param("/digest-auth/auth/user/passwd/MD5-sess", "algorithm must be MD5, SHA-256 or SHA-512"),
        pytest.param("/digest-auth/auth/user/passwd/x/3", "algorithm must be MD5, SHA-256 or SHA-512, got 'x'"),
        pytest.param("/digest-auth/auth/user/passwd/MD5/soon", "stale_after must be a whole number or 'never'"),
        pytest.param("/digest-auth/auth/user/passwd/MD5/-1", "stale_after must be at least 0, got -1"),
        pytest.param("/digest-auth/auth/user/passwd/MD5/1001", "stale_after must be at most 1000, got 1001"),
        pytest.param("/digest-auth/auth/user/passwd/MD5/1.5", "stale_after must be a whole number or 'never'"),
    ],
)
async def test_digest_bad_path_is_a_json_400(client, path, fragment):
    resp = await client.get(path, headers={"Authorization": "Digest username=user"})
    await assert_json_error(resp, 400, fragment)
    assert "WWW-Authenticate" not in resp.headers


# --- /digest-auth end to end, with aiohttp's DigestAuthMiddleware --------------------------------------


class StatusRecorder:
    """A client middleware placed after DigestAuthMiddleware: it sees every attempt, 401s included."""

    def __init__(self) -> None:
        self.statuses: list[int] = []
        self.stale: list[str] = []

    async def __call__(self, request, handler):
        resp = await handler(request)
        self.statuses.append(resp.status)
        if resp.status == 401:
            self.stale.append(parse_challenge(resp)["stale"])
        return resp


def digest_session(login: str = "user", password: str = "passwd", recorder: StatusRecorder | None = None):
    middlewares = (DigestAuthMiddleware(login, password),) + ((recorder,) if recorder else ())
    return aiohttp.ClientSession(middlewares=middlewares, cookie_jar=aiohttp.CookieJar(unsafe=True))


@pytest.mark.parametrize(
    "path",
    [
        "/digest-auth/auth/user/passwd",
        "/digest-auth/auth/user/passwd/MD5",
        "/digest-auth/auth/user/passwd/SHA-256",
        "/digest-auth/auth/user/passwd/SHA-512",
        "/digest-auth/auth-int/user/passwd/MD5",
        "/digest-auth/auth-int/user/passwd/SHA-256",
        "/digest-auth/both/user/passwd/SHA-256",
        "/digest-auth/auth/user/passwd/SHA-256/never",
        "/digest-auth/auth/us%20er/pass%2Fwd",
        "/digest-auth/auth/user/passwd?a=1&b=%20x",
    ],
)
async def test_digest_auth_middleware_authenticates(client, path):
    """One challenge, then every request is answered at once: the middleware reuses the nonce (nc 2, 3…)."""
    user = "us er" if "us%20er" in path else "user"
    password = "pass/wd" if "pass%2Fwd" in path else "passwd"
    recorder = StatusRecorder()
    async with digest_session(user, password, recorder) as session:
        for _ in range(3):
            async with session.get(client.make_url(path)) as resp:
                assert resp.status == 200
                assert await json_body(resp) == {"authenticated": True, "user": user}
                assert resp.headers.getall("Set-Cookie") == [FAKE_COOKIE]
    assert recorder.statuses == [401, 200, 200, 200]


async def test_digest_auth_int_hashes_the_body(client):
    recorder = StatusRecorder()
    async with digest_session(recorder=recorder) as session:
        for body in (b"first body", b"second, longer body"):
            async with session.get(client.make_url("/digest-auth/auth-int/user/passwd"), data=body) as resp:
                assert resp.status == 200
    assert recorder.statuses == [401, 200, 200]


@pytest.mark.parametrize(
    ("login", "password"),
    [pytest.param("user", "wrong", id="wrong-password"), pytest.param("other", "passwd", id="wrong-user")],
)
async def test_digest_auth_middleware_with_wrong_credentials_gets_401(client, login, password):
    recorder = StatusRecorder()
    async with digest_session(login, password, recorder) as session:
        async with session.get(client.make_url("/digest-auth/auth/user/passwd")) as resp:
            assert resp.status == 401
            assert parse_challenge(resp)["stale"] == "FALSE"
            assert await resp.read() == b""
    assert recorder.statuses == [401, 401]


async def test_stale_after_makes_the_middleware_take_a_fresh_nonce(client):
    """stale_after=2: each nonce authenticates two requests; the third gets stale=TRUE and a new nonce."""
    recorder = StatusRecorder()
    async with digest_session(recorder=recorder) as session:
        for _ in range(5):
            async with session.get(client.make_url("/digest-auth/auth/user/passwd/MD5/2")) as resp:
                assert resp.status == 200
    assert recorder.statuses == [401, 200, 200, 401, 200, 200, 401, 200]
    assert recorder.stale == ["FALSE", "TRUE", "TRUE"]


async def test_stale_after_0_is_stale_at_once(client):
    recorder = StatusRecorder()
    async with digest_session(recorder=recorder) as session:
        async with session.get(client.make_url("/digest-auth/auth/user/passwd/MD5/0")) as resp:
            assert resp.status == 401
    assert recorder.statuses == [401, 401]
    assert recorder.stale == ["FALSE", "TRUE"]


async def test_require_cookie_with_the_middleware(client):
    """httpbin's ?require-cookie=1: the retry after the first challenge does not carry the cookie that
    challenge set (aiohttp stores it after the middlewares), so the first request ends 401; the next,
    with the cookie in the jar, is answered at once."""
    recorder = StatusRecorder()
    url = client.make_url("/digest-auth/auth/user/passwd?require-cookie=1")
    async with digest_session(recorder=recorder) as session:
        async with session.get(url) as resp:
            assert resp.status == 401
        async with session.get(url) as resp:
            assert resp.status == 200
    assert recorder.statuses == [401, 401, 200]


async def test_require_cookie_refuses_a_request_without_the_fake_cookie(client):
    challenge = await challenge_of(client, "/digest-auth/auth/user/passwd")
    client.session.cookie_jar.clear()  # the test client's jar keeps the challenge's cookie: a request without it
    path = "/digest-auth/auth/user/passwd?require-cookie=1"
    headers = {"Authorization": digest_authorization(challenge, path), "Cookie": "other=1"}
    resp = await client.get(path, headers=headers)
    assert resp.status == 403
    assert await json_body(resp) == {"errors": ["missing cookie set on challenge"]}
    assert resp.headers.getall("Set-Cookie") == [FAKE_COOKIE]


# --- /digest-auth by hand: one thing wrong at a time ----------------------------------------------------


def digest_authorization(
    challenge: dict[str, str],
    uri: str,
    *,
    method: str = "GET",
    username: str = "user",
    password: str = "passwd",
    body: bytes = b"",
    omit: tuple[str, ...] = (),
    **fields: str | None,
) -> str:
    """An Authorization header answering `challenge`, computed with RFC 7616's formulas from the values given
    (`fields` override realm, nonce, opaque, algorithm, qop, nc, cnonce; None leaves one out)."""
    values = {
        "realm": challenge["realm"],
        "nonce": challenge["nonce"],
        "opaque": challenge["opaque"],
        "algorithm": challenge["algorithm"],
        "qop": challenge["qop"].split(", ")[0],
        "nc": "00000001",
        "cnonce": "0a4f113b",
    } | fields

    def h(data: str) -> str:
        return HASHES[values["algorithm"]](data.encode()).hexdigest()

    a2 = f"{method}:{uri}" + (
        f":{HASHES[values['algorithm']](body).hexdigest()}" if values["qop"] == "auth-int" else ""
    )
    ha1 = h(f"{username}:{values['realm']}:{password}")
    if values["qop"] is None:
        response = h(f"{ha1}:{values['nonce']}:{h(a2)}")
    else:
        response = h(f"{ha1}:{values['nonce']}:{values['nc']}:{values['cnonce']}:{values['qop']}:{h(a2)}")
    header = {"username": username, **values, "uri": uri, "response": response}
    quoted = {"username", "realm", "nonce", "uri", "response", "opaque", "cnonce"}
    pairs = [
        f'{name}="{value}"' if name in quoted else f"{name}={value}"
        for name, value in header.items()
        if value is not None and name not in omit
    ]
    return "Digest " + ", ".join(pairs)


DIGEST_PATH = "/digest-auth/auth/user/passwd"

WRONG_DIGESTS = [
    # (the route, what digest_authorization is given)
    pytest.param(DIGEST_PATH, {"password": "wrong"}, id="wrong-password"),
    pytest.param(DIGEST_PATH, {"username": "other"}, id="wrong-user"),
    pytest.param(DIGEST_PATH, {"realm": "Fake Realm"}, id="wrong-realm"),
    pytest.param(DIGEST_PATH, {"uri": "/digest-auth/auth/user/other"}, id="wrong-uri"),
    pytest.param(DIGEST_PATH, {"uri": "/digest-auth/auth/user/passwd?x=1"}, id="uri-with-a-query-not-sent"),
    pytest.param(DIGEST_PATH, {"method": "POST"}, id="wrong-method"),
    pytest.param(DIGEST_PATH, {"nonce": "0" * 32}, id="nonce-never-issued"),
    pytest.param(DIGEST_PATH, {"opaque": "0" * 32}, id="wrong-opaque"),
    pytest.param(DIGEST_PATH, {"opaque": None}, id="no-opaque"),
    pytest.param(DIGEST_PATH, {"algorithm": "SHA-256"}, id="other-algorithm"),
    pytest.param(DIGEST_PATH, {"qop": "auth-int"}, id="qop-not-offered"),
    pytest.param(DIGEST_PATH, {"qop": None}, id="no-qop-rfc-2069"),
    pytest.param("/digest-auth/both/user/passwd", {"qop": None}, id="no-qop-when-both-offered"),
    pytest.param(DIGEST_PATH, {"qop": "auth-conf"}, id="unknown-qop"),
    pytest.param(DIGEST_PATH, {"nc": "1"}, id="short-nonce-count"),
    pytest.param(DIGEST_PATH, {"nc": "0000000g"}, id="nonce-count-not-hex"),
    pytest.param(DIGEST_PATH, {"cnonce": None}, id="no-cnonce"),
    pytest.param(DIGEST_PATH, {"omit": ("response",)}, id="no-response"),
    pytest.param(DIGEST_PATH, {"omit": ("username",)}, id="no-username"),
    pytest.param(DIGEST_PATH, {"omit": ("uri",)}, id="no-uri"),
    pytest.param(DIGEST_PATH, {"omit": ("nonce",)}, id="no-nonce"),
    pytest.param("/digest-auth/auth-int/user/passwd", {"body": b"another body"}, id="auth-int-other-body"),
]


async def test_a_digest_built_by_hand_authenticates(client):
    """The hand-built header is right when nothing is wrong with it: the cases below differ in one thing."""
    challenge = await challenge_of(client, DIGEST_PATH)
    resp = await client.get(DIGEST_PATH, headers={"Authorization": digest_authorization(challenge, DIGEST_PATH)})
    assert resp.status == 200
    assert await json_body(resp) == {"authenticated": True, "user": "user"}


@pytest.mark.parametrize(("path", "changes"), WRONG_DIGESTS)
async def test_a_wrong_digest_gets_a_fresh_challenge(client, path, changes):
    challenge = await challenge_of(client, path)
    changes = dict(changes)
    uri = changes.pop("uri", path)
    resp = await client.get(path, headers={"Authorization": digest_authorization(challenge, uri, **changes)})
    assert resp.status == 401
    assert await resp.read() == b""
    fresh = parse_challenge(resp)
    assert fresh["nonce"] != challenge["nonce"]
    assert fresh["stale"] == "FALSE"
    assert resp.headers.getall("Set-Cookie") == [FAKE_COOKIE]


MALFORMED = [
    "Digest",
    "Digest ",
    "Digest ,,,",
    'Digest username="user',
    'Digest username="user" realm="x"',
    'Digest username="user", username="user"',
    "Digest =x",
    "Digest username=",
    'Digest username="user", nonce',
    "Digestusername=user",
    "Basic dXNlcjpwYXNzd2Q=",
    "Bearer abc",
    "Digest é=1",
    'Digest username="\\',
]


@pytest.mark.parametrize("authorization", MALFORMED)
async def test_a_malformed_authorization_gets_a_fresh_challenge(client, authorization):
    resp = await client.get(DIGEST_PATH, headers={"Authorization": authorization})
    assert resp.status == 401
    assert await resp.read() == b""
    assert parse_challenge(resp)["stale"] == "FALSE"


async def test_digest_parameters_may_be_quoted_spaced_and_escaped(client):
    challenge = await challenge_of(client, DIGEST_PATH)
    header = digest_authorization(challenge, DIGEST_PATH)
    header = header.replace('realm="me@kennethreitz.com"', r'realm = "me@kennethreitz\.com" ,')
    header = header.replace("qop=auth", 'qop="auth"').replace(", nc=", ",, nc=")
    resp = await client.get(DIGEST_PATH, headers={"Authorization": "digest " + header[len("Digest ") :]})
    assert resp.status == 200


async def test_stale_nonce_by_hand(client):
    """stale_after=2 counts the requests a nonce authenticated; stale=TRUE only for a digest that is right."""
    path = "/digest-auth/auth/user/passwd/MD5/2"
    challenge = await challenge_of(client, path)
    statuses = []
    for nc in ("00000001", "00000002"):
        resp = await client.get(path, headers={"Authorization": digest_authorization(challenge, path, nc=nc)})
        statuses.append(resp.status)
    assert statuses == [200, 200]
    wrong = digest_authorization(challenge, path, nc="00000003", password="wrong")
    resp = await client.get(path, headers={"Authorization": wrong})
    assert (resp.status, parse_challenge(resp)["stale"]) == (401, "FALSE")
    resp = await client.get(path, headers={"Authorization": digest_authorization(challenge, path, nc="00000003")})
    assert (resp.status, parse_challenge(resp)["stale"]) == (401, "TRUE")
    fresh = parse_challenge(resp)
    resp = await client.get(path, headers={"Authorization": digest_authorization(fresh, path)})
    assert resp.status == 200


async def test_a_nonce_serves_any_digest_route_of_its_algorithm(client):
    """Nonces belong to the realm, as in RFC 7616, not to one path: a new route needs no new challenge."""
    challenge = await challenge_of(client, DIGEST_PATH)
    other = "/digest-auth/auth/alice/secret"
    authorization = digest_authorization(challenge, other, username="alice", password="secret")
    resp = await client.get(other, headers={"Authorization": authorization})
    assert resp.status == 200
    assert await json_body(resp) == {"authenticated": True, "user": "alice"}


# --- what the server remembers is bounded -------------------------------------------------------------


async def test_digest_nonces_are_bounded_and_the_oldest_forgotten(aiohttp_client):
    client = await aiohttp_client(create_app(Limits(max_digest_nonces=3)))
    first = await challenge_of(client, DIGEST_PATH)
    for _ in range(10):
        await challenge_of(client, DIGEST_PATH)
    assert len(client.app[NONCES]) == 3
    resp = await client.get(DIGEST_PATH, headers={"Authorization": digest_authorization(first, DIGEST_PATH)})
    assert resp.status == 401, "a forgotten nonce is refused"
    assert parse_challenge(resp)["stale"] == "FALSE"


async def test_a_nonce_in_use_is_not_the_one_forgotten(aiohttp_client):
    client = await aiohttp_client(create_app(Limits(max_digest_nonces=2)))
    first = await challenge_of(client, DIGEST_PATH)
    await challenge_of(client, DIGEST_PATH)
    ok = await client.get(DIGEST_PATH, headers={"Authorization": digest_authorization(first, DIGEST_PATH)})
    assert ok.status == 200
    await challenge_of(client, DIGEST_PATH)  # one more nonce: the second, unused, goes
    again = digest_authorization(first, DIGEST_PATH, nc="00000002")
    assert (await client.get(DIGEST_PATH, headers={"Authorization": again})).status == 200


# --- /auth/token and /auth/protected (not in httpbin) ---------------------------------------------------


async def issue(client, query: str = "") -> dict:
    resp = await client.post(f"/auth/token{query}")
    assert resp.status == 200
    assert resp.headers["Cache-Control"] == "no-store"
    return await json_body(resp)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(("query", "uses"), [("", 3), ("?uses=1", 1), ("?uses=5", 5), ("?uses=1000", 1000)])
async def test_token_is_issued_with_its_uses(client, query, uses):
    body = await issue(client, query)
    assert set(body) == {"access_token", "token_type", "expires_in_requests", "token_number"}
    assert (body["token_type"], body["expires_in_requests"], body["token_number"]) == ("Bearer", uses, 1)
    assert re.fullmatch(r"[A-Za-z0-9_-]{20,}", body["access_token"])


async def test_tokens_are_numbered_and_never_the_same(client):
    bodies = [await issue(client) for _ in range(4)]
    assert [body["token_number"] for body in bodies] == [1, 2, 3, 4]
    assert len({body["access_token"] for body in bodies}) == 4


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        pytest.param("?uses=0", "uses must be at least 1, got 0", id="zero"),
        pytest.param("?uses=-1", "uses must be at least 1, got -1", id="negative"),
        pytest.param("?uses=1001", "uses must be at most 1000, got 1001", id="over-the-limit"),
        pytest.param("?uses=many", "uses must be a whole number, got 'many'", id="word"),
        pytest.param("?uses=1.5", "uses must be a whole number, got '1.5'", id="fraction"),
        pytest.param("?uses=", "uses must be a whole number, got ''", id="empty"),
    ],
)
async def test_token_bad_uses_is_a_json_400(client, query, fragment):
    await assert_json_error(await client.post(f"/auth/token{query}"), 400, fragment)


async def test_token_endpoint_takes_post_only(client):
    await assert_json_error(await client.get("/auth/token"), 405, "GET is not allowed on /auth/token")


async def test_a_token_is_good_for_its_uses_then_expires(client):
    token = (await issue(client, "?uses=2"))["access_token"]
    seen = []
    for _ in range(3):
        resp = await client.get("/auth/protected", headers=bearer(token))
        seen.append((resp.status, await json_body(resp), resp.headers.get("WWW-Authenticate")))
    assert seen[0] == (
        200,
        {"authenticated": True, "token": token, "token_number": 1, "use": 1, "uses_left": 1},
        None,
    )
    assert seen[1] == (
        200,
        {"authenticated": True, "token": token, "token_number": 1, "use": 2, "uses_left": 0},
        None,
    )
    status, body, challenge = seen[2]
    assert (status, challenge) == (401, 'Bearer error="invalid_token"')
    assert body == {
        "authenticated": False,
        "reason": "expired",
        "error": "token 1 was good for 2 requests and has made them all: get a new one",
        "token": token,
        "token_number": 1,
    }
    fresh = (await issue(client, "?uses=2"))["access_token"]
    resp = await client.get("/auth/protected", headers=bearer(fresh))
    assert (await json_body(resp))["token_number"] == 2


REFUSED = [
    # (Authorization header or None, reason, WWW-Authenticate, the token the body shows)
    pytest.param(None, "missing", "Bearer", None, id="no-header"),
    pytest.param("Bearer", "missing", "Bearer", None, id="no-token"),
    pytest.param("Basic dXNlcjpwYXNzd2Q=", "missing", "Bearer", None, id="other-scheme"),
    pytest.param("Bearer not-issued", "unknown", 'Bearer error="invalid_token"', "not-issued", id="never-issued"),
    pytest.param("bearer not-issued", "unknown", 'Bearer error="invalid_token"', "not-issued", id="lower-case-scheme"),
]


@pytest.mark.parametrize(("authorization", "reason", "challenge", "token"), REFUSED)
async def test_protected_refuses_with_a_reason(client, authorization, reason, challenge, token):
    await issue(client)  # a token exists, but is not the one sent
    headers = {"Authorization": authorization} if authorization is not None else {}
    resp = await client.get("/auth/protected", headers=headers)
    assert resp.status == 401
    assert resp.headers["WWW-Authenticate"] == challenge
    body = await json_body(resp)
    assert set(body) == {"authenticated", "reason", "error", "token", "token_number"}
    assert (body["authenticated"], body["reason"], body["token"], body["token_number"]) == (False, reason, token, None)
    assert "POST /auth/token" in body["error"]


async def test_the_bearer_scheme_is_case_insensitive_on_protected(client):
    token = (await issue(client))["access_token"]
    resp = await client.get("/auth/protected", headers={"Authorization": f"BEARER {token}"})
    assert resp.status == 200


async def test_tokens_are_bounded_and_the_oldest_forgotten(aiohttp_client):
    client = await aiohttp_client(create_app(Limits(max_tokens=2)))
    tokens = [(await issue(client))["access_token"] for _ in range(3)]
    assert len(client.app[TOKENS]) == 2
    reasons = []
    for token in tokens:
        resp = await client.get("/auth/protected", headers=bearer(token))
        reasons.append((await json_body(resp)).get("reason"))
    assert reasons == ["unknown", None, None]


async def test_token_uses_limit_comes_from_the_limits(aiohttp_client):
    client = await aiohttp_client(create_app(Limits(max_token_uses=5)))
    await assert_json_error(await client.post("/auth/token?uses=6"), 400, "uses must be at most 5")


async def test_each_app_has_tokens_of_its_own(client, aiohttp_client):
    token = (await issue(client))["access_token"]
    other = await aiohttp_client(create_app())
    resp = await other.get("/auth/protected", headers=bearer(token))
    assert (await json_body(resp))["reason"] == "unknown"


async def test_a_token_refreshing_middleware_sees_each_step(client):
    """The lesson's pattern: a client middleware fetches a token, and on a 401 fetches a fresh one and retries."""
    token_url = client.make_url("/auth/token?uses=2")
    steps: list[tuple[int, str | None]] = []
    current: dict[str, str] = {}

    async def refresh(session: aiohttp.ClientSession) -> None:
        async with session.post(token_url, middlewares=()) as resp:
            current["token"] = (await resp.json())["access_token"]

    async def bearer_middleware(request, handler):
        if "token" not in current:
            await refresh(session)
        for _ in range(2):
            request.headers["Authorization"] = f"Bearer {current['token']}"
            resp = await handler(request)
            steps.append((resp.status, (await resp.json()).get("reason")))
            if resp.status != 401:
                return resp
            await refresh(session)
        return resp

    async with aiohttp.ClientSession(middlewares=(bearer_middleware,)) as session:
        numbers = []
        for _ in range(5):
            async with session.get(client.make_url("/auth/protected")) as resp:
                assert resp.status == 200
                numbers.append((await resp.json())["token_number"])
    assert numbers == [1, 1, 2, 2, 3]
    assert steps == [
        (200, None),
        (200, None),
        (401, "expired"),
        (200, None),
        (200, None),
        (401, "expired"),
        (200, None),
    ]
