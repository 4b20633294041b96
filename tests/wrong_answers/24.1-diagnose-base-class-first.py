# expect: ClientConnectorDNSError is a subclass of ClientConnectorError
import errno

import aiohttp
from aiohttp.http_exceptions import LineTooLong


def diagnose(exc: BaseException) -> str | None:
    # The general class first: its subclasses (DNS, certificate, SSL) never get their own turn.
    if isinstance(exc, aiohttp.ClientConnectorError):
        return "too-many-files" if exc.os_error.errno == errno.EMFILE else "refused"
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return "dns"
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        return "certificate"
    if isinstance(exc, TimeoutError | aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        return "retry"
    if isinstance(exc, aiohttp.ContentTypeError):
        return "content-type"
    if isinstance(exc, aiohttp.ClientResponseError):
        if isinstance(exc.__cause__, Exception) and isinstance(exc.__cause__.__cause__, LineTooLong):
            return "header-too-long"
        return "retry" if exc.status == 429 or exc.status >= 500 else "status"
    return None
