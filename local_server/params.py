"""Reading numbers and flags from paths and query strings, with a 400 for bad input."""

from __future__ import annotations

import math

from aiohttp import web

from .errors import bad_request


def plain_number(raw: str, kind: type[int] | type[float]) -> int | float:
    """`kind(raw)`, refusing what only Python reads as a number: spaces around it, `1_000`, non-ASCII digits (`١`).

    Raises ValueError, as `int()` and `float()` do.
    """
    if not raw.isascii() or raw.strip() != raw or "_" in raw:
        raise ValueError(f"not a plain number: {raw!r}")
    return kind(raw)


def _parse(raw: str, name: str, kind: type, kind_name: str):
    try:
        value = plain_number(raw, kind)
    except (TypeError, ValueError, OverflowError):
        raise bad_request(f"{name} must be {kind_name}, got {raw!r}") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise bad_request(f"{name} must be a finite number, got {raw!r}")
    return value


def _check_range(value, name: str, minimum, maximum):
    if minimum is not None and value < minimum:
        raise bad_request(f"{name} must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise bad_request(f"{name} must be at most {maximum}, got {value}")
    return value


def path_int(request: web.Request, name: str, *, minimum: int | None = 0, maximum: int | None = None) -> int:
    value = _parse(request.match_info[name], name, int, "a whole number")
    return _check_range(value, name, minimum, maximum)


def path_float(request: web.Request, name: str, *, minimum: float = 0, maximum: float | None = None) -> float:
    value = _parse(request.match_info[name], name, float, "a number")
    return _check_range(value, name, minimum, maximum)


def query_int(
    request: web.Request, name: str, default: int | None, *, minimum: int | None = 0, maximum: int | None = None
) -> int | None:
    raw = request.query.get(name)
    if raw is None:
        return default
    return _check_range(_parse(raw, name, int, "a whole number"), name, minimum, maximum)


def query_float(
    request: web.Request, name: str, default: float, *, minimum: float = 0, maximum: float | None = None
) -> float:
    raw = request.query.get(name)
    if raw is None:
        return default
    return _check_range(_parse(raw, name, float, "a number"), name, minimum, maximum)


def query_flag(request: web.Request, name: str, default: bool = False) -> bool:
    raw = request.query.get(name)
    if raw is None:
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise bad_request(f"{name} must be true or false, got {raw!r}")
