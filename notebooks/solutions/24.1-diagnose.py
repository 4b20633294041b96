import errno

import aiohttp
from aiohttp.http_exceptions import LineTooLong

RETRY_STATUSES = {429} | set(range(500, 600))


def caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """Whether exc, or an error down its __cause__ chain, is a `kind`."""
    while exc is not None:
        if isinstance(exc, kind):
            return True
        exc = exc.__cause__
    return False


def diagnose(exc: BaseException) -> str | None:
    """The category of the fix a caught exception needs (the table of exercise 24.1), or None."""
    # The most specific classes first: each of these three is also a ClientConnectorError.
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        return "certificate"
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return "dns"
    if isinstance(exc, aiohttp.ClientConnectorSSLError):
        return None  # TLS failed for another reason than the certificate: not in the table
    if isinstance(exc, aiohttp.ClientConnectorError):
        # The operating system's error says why: out of descriptors, or nothing there (refused, unreachable).
        return "too-many-files" if exc.os_error.errno == errno.EMFILE else "refused"
    # Every timeout (total, connect, read) is a TimeoutError; the total one has no message at all.
    if isinstance(exc, TimeoutError):
        return "retry"
    if isinstance(exc, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        return "retry"
    # ContentTypeError is a ClientResponseError too; a 400 made by the parser is one as well.
    if isinstance(exc, aiohttp.ContentTypeError):
        return "content-type"
    if isinstance(exc, aiohttp.ClientResponseError):
        if caused_by(exc, LineTooLong):
            return "header-too-long"
        return "retry" if exc.status in RETRY_STATUSES else "status"
    return None
