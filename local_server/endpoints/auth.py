"""Authentication: Basic, Bearer and Digest as httpbin 0.10 answers them, and a token pair httpbin lacks.

/basic-auth, /hidden-basic-auth and /bearer are httpbin's, status, headers and (empty) bodies included.
/digest-auth is httpbin's challenge (realm, nonce, opaque, qop, algorithm, stale) checked more strictly:
httpbin hashes whatever realm, user and nonce the client names, so a wrong realm or user, or a nonce it
never issued, passes there. Here every nonce comes from a bounded per-app record (`DigestNonces`), which
also counts the requests each nonce authenticated: that is what {stale_after} counts (httpbin keeps the
count in a cookie, which aiohttp's default jar drops for 127.0.0.1). Whatever is wrong with an
Authorization header, the answer is a 401 with a fresh challenge.

POST /auth/token and GET /auth/protected are not in httpbin: a token that expires after a set number of
requests, for the lesson on a client middleware that fetches a token and refreshes it on a 401. Each
answer says what the server saw (which token, how many uses it has left, why it was refused).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import os
import re
import secrets
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from aiohttp import hdrs, web

from ..bodies import read_bytes
from ..errors import bad_request
from ..limits import LIMITS
from ..params import plain_number, query_flag, query_int
from ..shapes import json_response

BASIC_CHALLENGE = 'Basic realm="Fake Realm"'
BEARER_CHALLENGE = "Bearer"
INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token"'
DIGEST_REALM = "me@kennethreitz.com"
DIGEST_ALGORITHMS: dict[str, Callable[[bytes], hashlib._Hash]] = {
    "MD5": hashlib.md5,
    "SHA-256": hashlib.sha256,
    "SHA-512": hashlib.sha512,
}
QOPS = ("auth", "auth-int")
FAKE_COOKIE = ("fake", "fake_value")
"""The cookie httpbin sets on every digest answer; with ?require-cookie=1 a client must send it back."""
NONCE_COUNT = re.compile(r"[0-9a-fA-F]{8}")
DEFAULT_TOKEN_USES = 3


def utf8(text: str) -> bytes:
    """The bytes a header value or path segment came as: aiohttp keeps undecodable bytes as surrogates."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


# --- what the server remembers, bounded -------------------------------------------------------------

V = TypeVar("V")


class Remembered(Generic[V]):
    """At most `max_entries` values by key; the least recently used is forgotten when one more comes."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[str, V] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def remember(self, key: str, value: V) -> None:
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def find(self, key: str) -> V | None:
        value = self._entries.get(key)
        if value is not None:
            self._entries.move_to_end(key)
        return value


@dataclass
class IssuedNonce:
    """A digest nonce the server issued: the opaque sent with it, and how many requests it authenticated."""

    opaque: str
    uses: int = 0


class DigestNonces(Remembered[IssuedNonce]):
    """The nonces /digest-auth issued (at most `limits.max_digest_nonces`)."""

    def issue(self, algorithm: str) -> tuple[str, IssuedNonce]:
        """A fresh nonce and opaque, hex digests of random bytes as long as the algorithm's (as httpbin's)."""
        hash_function = DIGEST_ALGORITHMS[algorithm]
        nonce = hash_function(os.urandom(16)).hexdigest()
        issued = IssuedNonce(opaque=hash_function(os.urandom(10)).hexdigest())
        self.remember(nonce, issued)
        return nonce, issued


@dataclass
class IssuedToken:
    """A bearer token from /auth/token: its number (1 for the app's first), and its uses allowed and made."""

    number: int
    uses: int
    used: int = 0


class BearerTokens(Remembered[IssuedToken]):
    """The tokens /auth/token issued (at most `limits.max_tokens`), numbered in the order they were issued."""

    def __init__(self, max_entries: int) -> None:
        super().__init__(max_entries)
        self._numbers = itertools.count(1)

    def issue(self, uses: int) -> tuple[str, IssuedToken]:
        token = secrets.token_urlsafe(16)
        issued = IssuedToken(number=next(self._numbers), uses=uses)
        self.remember(token, issued)
        return token, issued


NONCES = web.AppKey("digest nonces", DigestNonces)
TOKENS = web.AppKey("bearer tokens", BearerTokens)


# --- Basic ------------------------------------------------------------------------------------------


def basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    """(user, password) from `Basic <base64 of user:password>`, decoded as UTF-8 as httpbin (Werkzeug) does."""
    if authorization is None:
        return None
    scheme, _, encoded = authorization.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip()).decode("utf-8")
    except ValueError:  # not base64 (binascii.Error), not ASCII, or not UTF-8 (UnicodeDecodeError)
        return None
    user, _, password = decoded.partition(":")
    return user, password


def _basic_matches(request: web.Request) -> bool:
    expected = (request.match_info["user"], request.match_info["passwd"])
    return basic_credentials(request.headers.get(hdrs.AUTHORIZATION)) == expected


def _authenticated(user: str) -> web.Response:
    return json_response({"authenticated": True, "user": user})


async def basic_auth(request: web.Request) -> web.Response:
    """HTTP Basic auth as {user}/{passwd}: 200 with the user, or 401 and a Basic challenge."""
    if not _basic_matches(request):
        return web.Response(status=401, text="", headers={hdrs.WWW_AUTHENTICATE: BASIC_CHALLENGE})
    return _authenticated(request.match_info["user"])


async def hidden_basic_auth(request: web.Request) -> web.Response:
    """HTTP Basic auth as {user}/{passwd}, but 404 (and no challenge) without the right credentials."""
    if not _basic_matches(request):
        return web.Response(status=404, text="")
    return _authenticated(request.match_info["user"])


# --- Bearer (httpbin's: any token) --------------------------------------------------------------------


async def bearer(request: web.Request) -> web.Response:
    """200 with the token of `Authorization: Bearer <token>` (any token); 401 and a Bearer challenge without."""
    authorization = request.headers.get(hdrs.AUTHORIZATION)
    if not (authorization and authorization.startswith("Bearer ")):
        return web.Response(status=401, text="", headers={hdrs.WWW_AUTHENTICATE: BEARER_CHALLENGE})
    return json_response({"authenticated": True, "token": authorization[len("Bearer ") :]})


# --- Digest -----------------------------------------------------------------------------------------

_DIGEST_PARAM = re.compile(r'([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]+))')
_LEADING_COMMAS = re.compile(r"[\s,]*")
_BETWEEN_PARAMS = re.compile(r"\s*(?:,[\s,]*|\Z)")  # a comma (empty list elements allowed), or the end
_ESCAPED = re.compile(r"\\(.)")


def digest_credentials(authorization: str | None) -> dict[str, str] | None:
    """The parameters of `Digest name=value, name="quoted value", …`, names lower-cased; None if malformed."""
    if authorization is None:
        return None
    scheme, _, rest = authorization.strip().partition(" ")
    if scheme.lower() != "digest":
        return None
    params: dict[str, str] = {}
    rest = rest.strip()
    pos = _LEADING_COMMAS.match(rest).end()
    while pos < len(rest):
        param = _DIGEST_PARAM.match(rest, pos)
        if param is None:
            return None
        name, quoted, token = param.groups()
        if name.lower() in params:
            return None
        params[name.lower()] = _ESCAPED.sub(r"\1", quoted) if quoted is not None else token
        after = _BETWEEN_PARAMS.match(rest, param.end())
        if after is None:
            return None
        pos = after.end()
    return params or None


@dataclass(frozen=True)
class DigestRoute:
    """What a /digest-auth path asks for. `qop` None (any word but auth and auth-int) offers both."""

    qop: str | None
    user: str
    passwd: str
    algorithm: str
    stale_after: int | None  # requests one nonce may authenticate; None for never stale

    @classmethod
    def of(cls, request: web.Request) -> DigestRoute:
        qop = request.match_info["qop"]
        raw_algorithm = request.match_info.get("algorithm", "MD5")
        algorithm = raw_algorithm.upper()
        if algorithm not in DIGEST_ALGORITHMS:
            raise bad_request(f"algorithm must be MD5, SHA-256 or SHA-512, got {raw_algorithm!r}")
        return cls(
            qop=qop if qop in QOPS else None,
            user=request.match_info["user"],
            passwd=request.match_info["passwd"],
            algorithm=algorithm,
            stale_after=_stale_after(request),
        )

    @property
    def offered_qops(self) -> tuple[str, ...]:
        return (self.qop,) if self.qop else QOPS

    def hash(self, data: bytes) -> bytes:
        return DIGEST_ALGORITHMS[self.algorithm](data).hexdigest().encode()


def _stale_after(request: web.Request) -> int | None:
    raw = request.match_info.get("stale_after", "never")
    if raw.lower() == "never":
        return None
    try:
        value = plain_number(raw, int)
    except ValueError:
        raise bad_request(f"stale_after must be a whole number or 'never', got {raw!r}") from None
    maximum = request.app[LIMITS].max_stale_after
    if value < 0:
        raise bad_request(f"stale_after must be at least 0, got {value}")
    if value > maximum:
        raise bad_request(f"stale_after must be at most {maximum}, got {value}")
    return value


def expected_response(route: DigestRoute, credentials: dict[str, str], method: str, body: bytes) -> bytes:
    """RFC 7616's response = H(H(user:realm:password):nonce:nc:cnonce:qop:H(method:uri[:H(body)]))."""
    ha1 = route.hash(b":".join((utf8(route.user), DIGEST_REALM.encode(), utf8(route.passwd))))
    a2 = b":".join((method.encode(), utf8(credentials["uri"])))
    if credentials["qop"] == "auth-int":
        a2 += b":" + route.hash(body)
    fields = (credentials["nonce"], credentials["nc"], credentials["cnonce"], credentials["qop"])
    return route.hash(b":".join((ha1, *map(utf8, fields), route.hash(a2))))


async def digest_is_valid(
    request: web.Request, route: DigestRoute, credentials: dict[str, str], issued: IssuedNonce
) -> bool:
    """Whether the credentials answer the challenge: the user, realm, opaque, uri (the request target as sent),
    algorithm and a qop the route offers, and a response computed from the route's password."""
    named = (
        credentials.get("username") == route.user
        and credentials.get("realm") == DIGEST_REALM
        and credentials.get("opaque") == issued.opaque
        and credentials.get("uri") == request.raw_path
        and credentials.get("algorithm", "MD5").upper() == route.algorithm
        and credentials.get("qop") in route.offered_qops
        and NONCE_COUNT.fullmatch(credentials.get("nc", "")) is not None
        and bool(credentials.get("cnonce"))
        and "response" in credentials
    )
    if not named:
        return False
    body = await read_bytes(request) if credentials["qop"] == "auth-int" else b""
    return hmac.compare_digest(
        expected_response(route, credentials, request.method, body), utf8(credentials["response"])
    )


def digest_challenge(request: web.Request, route: DigestRoute, *, stale: bool = False) -> web.Response:
    """A 401 with a fresh nonce, as httpbin words it (empty body, the `fake` cookie)."""
    nonce, issued = request.app[NONCES].issue(route.algorithm)
    challenge = (
        f'Digest realm="{DIGEST_REALM}", nonce="{nonce}", opaque="{issued.opaque}", '
        f'qop="{", ".join(route.offered_qops)}", algorithm={route.algorithm}, stale={"TRUE" if stale else "FALSE"}'
    )
    response = web.Response(status=401, text="", headers={hdrs.WWW_AUTHENTICATE: challenge})
    response.set_cookie(*FAKE_COOKIE, path="/")
    return response


async def answer_digest(request: web.Request) -> web.Response:
    """The three /digest-auth routes: the path's defaults are MD5 and never stale."""
    route = DigestRoute.of(request)
    require_cookie = query_flag(request, "require-cookie")
    credentials = digest_credentials(request.headers.get(hdrs.AUTHORIZATION))
    if credentials is None or (require_cookie and hdrs.COOKIE not in request.headers):
        return digest_challenge(request, route)
    if require_cookie and request.cookies.get(FAKE_COOKIE[0]) != FAKE_COOKIE[1]:
        response = json_response({"errors": ["missing cookie set on challenge"]}, status=403)
        response.set_cookie(*FAKE_COOKIE, path="/")
        return response
    issued = request.app[NONCES].find(credentials.get("nonce", ""))
    if issued is None or not await digest_is_valid(request, route, credentials, issued):
        return digest_challenge(request, route)
    if route.stale_after is not None and issued.uses >= route.stale_after:
        return digest_challenge(request, route, stale=True)
    issued.uses += 1
    response = _authenticated(route.user)
    response.set_cookie(*FAKE_COOKIE, path="/")
    return response


async def digest_auth(request: web.Request) -> web.Response:
    """HTTP Digest auth (MD5) as {user}/{passwd}; {qop} auth, auth-int, or any other word for both."""
    return await answer_digest(request)


async def digest_auth_algorithm(request: web.Request) -> web.Response:
    """HTTP Digest auth with {algorithm} MD5, SHA-256 or SHA-512."""
    return await answer_digest(request)


async def digest_auth_stale_after(request: web.Request) -> web.Response:
    """HTTP Digest auth whose nonces go stale after {stale_after} requests (a number, or never)."""
    return await answer_digest(request)


# --- a token that expires, and a resource it opens (not in httpbin) -----------------------------------


async def issue_token(request: web.Request) -> web.Response:
    """Issue a bearer token good for ?uses= requests (default 3) to /auth/protected (not in httpbin).

    Answers `{"access_token", "token_type": "Bearer", "expires_in_requests", "token_number"}` with
    `Cache-Control: no-store`, as a token endpoint must (RFC 6749, 5.1). No credentials are needed: the
    lesson is about the client's side, fetching a token and fetching a fresh one when it expires.
    """
    uses = query_int(request, "uses", DEFAULT_TOKEN_USES, minimum=1, maximum=request.app[LIMITS].max_token_uses)
    token, issued = request.app[TOKENS].issue(uses)
    body = {"access_token": token, "token_type": "Bearer", "expires_in_requests": uses, "token_number": issued.number}
    return json_response(body, headers={hdrs.CACHE_CONTROL: "no-store"})


def bearer_token(authorization: str | None) -> str | None:
    """The token of `Bearer <token>` (the scheme in any case, RFC 6750), or None."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def _token_refused(
    reason: str, error: str, token: str | None = None, issued: IssuedToken | None = None
) -> web.Response:
    challenge = BEARER_CHALLENGE if reason == "missing" else INVALID_TOKEN_CHALLENGE
    body = {
        "authenticated": False,
        "reason": reason,
        "error": error,
        "token": token,
        "token_number": issued.number if issued else None,
    }
    return json_response(body, status=401, headers={hdrs.WWW_AUTHENTICATE: challenge})


async def protected(request: web.Request) -> web.Response:
    """200 while the bearer token from /auth/token has uses left, then 401 saying why (not in httpbin).

    200: `{"authenticated": true, "token", "token_number", "use", "uses_left"}`, `use` counting from 1.
    401: `{"authenticated": false, "reason", "error", "token", "token_number"}`, `reason` one of "missing"
    (no bearer token; `WWW-Authenticate: Bearer`), "unknown" (never issued, or forgotten once
    `limits.max_tokens` newer ones came) or "expired" (used as many times as it was issued for); for those
    two, `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750, 3.1).
    """
    token = bearer_token(request.headers.get(hdrs.AUTHORIZATION))
    if token is None:
        return _token_refused("missing", "no bearer token: send Authorization: Bearer <token from POST /auth/token>")
    issued = request.app[TOKENS].find(token)
    if issued is None:
        return _token_refused("unknown", "this token was not issued by POST /auth/token (or is forgotten)", token, None)
    if issued.used >= issued.uses:
        error = f"token {issued.number} was good for {issued.uses} requests and has made them all: get a new one"
        return _token_refused("expired", error, token, issued)
    issued.used += 1
    body = {
        "authenticated": True,
        "token": token,
        "token_number": issued.number,
        "use": issued.used,
        "uses_left": issued.uses - issued.used,
    }
    return json_response(body)
