import errno
from collections.abc import Callable

import aiohttp
from aiohttp.http_exceptions import LineTooLong


def _from_parser(exc: BaseException) -> bool:
    seen = exc.__cause__
    while seen is not None and not isinstance(seen, LineTooLong):
        seen = seen.__cause__
    return seen is not None


def _by_errno(exc: aiohttp.ClientConnectorError) -> str:
    return "too-many-files" if isinstance(exc.os_error, OSError) and exc.os_error.errno == errno.EMFILE else "refused"


def _by_status(exc: aiohttp.ClientResponseError) -> str:
    if _from_parser(exc):
        return "header-too-long"
    return "retry" if exc.status == 429 or 500 <= exc.status <= 599 else "status"


# Scanned top to bottom: every class comes before the classes it derives from.
TABLE: list[tuple[type[BaseException], Callable[[BaseException], str | None]]] = [
    (aiohttp.ClientConnectorCertificateError, lambda exc: "certificate"),
    (aiohttp.ClientConnectorDNSError, lambda exc: "dns"),
    (aiohttp.ClientConnectorSSLError, lambda exc: None),
    (aiohttp.ClientConnectorError, _by_errno),
    (TimeoutError, lambda exc: "retry"),
    (aiohttp.ServerDisconnectedError, lambda exc: "retry"),
    (aiohttp.ClientPayloadError, lambda exc: "retry"),
    (aiohttp.ContentTypeError, lambda exc: "content-type"),
    (aiohttp.ClientResponseError, _by_status),
]


def diagnose(exc: BaseException) -> str | None:
    for kind, category in TABLE:
        if isinstance(exc, kind):
            return category(exc)
    return None
