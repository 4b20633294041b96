import errno

import aiohttp
from aiohttp.http_exceptions import LineTooLong


def causes(exc: BaseException | None):
    """exc, then the error that caused it, and so on down the chain."""
    while exc is not None:
        yield exc
        exc = exc.__cause__


def diagnose(exc: BaseException) -> str | None:
    match exc:
        case aiohttp.ClientConnectorCertificateError():
            return "certificate"
        case aiohttp.ClientConnectorDNSError():
            return "dns"
        case aiohttp.ClientConnectorSSLError():
            return None
        case aiohttp.ClientConnectorError(os_error=OSError(errno=errno.EMFILE)):
            return "too-many-files"
        case aiohttp.ClientConnectorError():
            return "refused"
        case TimeoutError() | aiohttp.ServerDisconnectedError() | aiohttp.ClientPayloadError():
            return "retry"
        case aiohttp.ContentTypeError():
            return "content-type"
        case aiohttp.ClientResponseError() if any(isinstance(cause, LineTooLong) for cause in causes(exc)):
            return "header-too-long"
        case aiohttp.ClientResponseError(status=429):
            return "retry"
        case aiohttp.ClientResponseError(status=status) if status >= 500:
            return "retry"
        case aiohttp.ClientResponseError():
            return "status"
    return None
