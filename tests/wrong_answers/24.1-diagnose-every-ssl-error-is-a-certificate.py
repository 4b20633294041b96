# expect: this is an SSL error but not a certificate one
import errno

import aiohttp
from aiohttp.http_exceptions import LineTooLong


def _caused_by_line_too_long(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, LineTooLong):
            return True
        exc = exc.__cause__
    return False


def diagnose(exc: BaseException) -> str | None:
    if isinstance(exc, aiohttp.ClientSSLError):  # any SSL failure taken for a certificate one
        return "certificate"
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return "dns"
    if isinstance(exc, aiohttp.ClientConnectorError):
        return "too-many-files" if exc.os_error.errno == errno.EMFILE else "refused"
    if isinstance(exc, TimeoutError | aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        return "retry"
    if isinstance(exc, aiohttp.ContentTypeError):
        return "content-type"
    if isinstance(exc, aiohttp.ClientResponseError):
        if _caused_by_line_too_long(exc):
            return "header-too-long"
        return "retry" if exc.status == 429 or exc.status >= 500 else "status"
    return None
