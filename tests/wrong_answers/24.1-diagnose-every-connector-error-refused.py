# expect: its errno tells
import aiohttp
from aiohttp.http_exceptions import LineTooLong


def _caused_by_line_too_long(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, LineTooLong):
            return True
        exc = exc.__cause__
    return False


def diagnose(exc: BaseException) -> str | None:
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        return "certificate"
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return "dns"
    if isinstance(exc, aiohttp.ClientConnectorSSLError):
        return None
    if isinstance(exc, aiohttp.ClientConnectorError):
        return "refused"  # never asks the operating system's error why
    if isinstance(exc, TimeoutError | aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        return "retry"
    if isinstance(exc, aiohttp.ContentTypeError):
        return "content-type"
    if isinstance(exc, aiohttp.ClientResponseError):
        if _caused_by_line_too_long(exc):
            return "header-too-long"
        return "retry" if exc.status == 429 or exc.status >= 500 else "status"
    return None
