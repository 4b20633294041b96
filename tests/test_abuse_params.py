"""Out-of-range and malformed numbers on every numeric path parameter: a 4xx with a JSON error, never a 5xx.

The numeric parameters come from the routing table: every `{name}` whose value in the route's sample path
(conftest.SAMPLE_PATHS) is a number. Each must have its range in RANGES, which says what the server
accepts with the default limits; a new numeric route fails `test_every_numeric_parameter_has_a_range`
until it is added there.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from aiohttp import web
from conftest import SAMPLE_PATHS, assert_json_error
from yarl import URL

from local_server.app import ROUTE_GROUPS
from local_server.limits import Limits

LIMITS = Limits()
TEXT_PARAMETERS = {("/cookies/set/{name}/{value}", "value"), ("/cookies/attributes/{name}/{value}", "value")}
"""Parameters whose sample is a number but that take any text: a cookie's value."""


def numeric_parameters() -> list[tuple[str, str, dict[str, str]]]:
    """(route template, parameter, the sample's values of all the template's parameters)."""
    found = []
    for routes in ROUTE_GROUPS.values():
        for route in routes:
            if "{" not in route.path:
                continue
            pattern = web.DynamicResource(route.path).get_info()["pattern"]
            sample = pattern.fullmatch(URL(SAMPLE_PATHS[route.path]).path).groupdict()
            for name, value in sample.items():
                try:
                    float(value)
                except ValueError:
                    continue
                if (route.path, name) not in TEXT_PARAMETERS:
                    found.append((route.path, name, sample))
    return sorted({(template, name): sample for template, name, sample in found}.items())


NUMERIC = [(template, name, sample) for (template, name), sample in numeric_parameters()]

RANGES: dict[tuple[str, str], tuple[int | float, int | float]] = {
    ("/status/{codes}", "codes"): (200, 599),
    ("/redirect/{n}", "n"): (1, LIMITS.max_redirects),
    ("/relative-redirect/{n}", "n"): (1, LIMITS.max_redirects),
    ("/absolute-redirect/{n}", "n"): (1, LIMITS.max_redirects),
    ("/bytes/{n}", "n"): (0, LIMITS.max_memory_response),
    ("/stream/{n}", "n"): (0, LIMITS.max_stream_lines),
    ("/stream-bytes/{n}", "n"): (0, LIMITS.max_streamed_response),
    ("/range/{n}", "n"): (1, LIMITS.max_streamed_response),
    ("/delay/{delay}", "delay"): (0, LIMITS.max_duration),
    ("/links/{n}", "n"): (1, LIMITS.max_links),
    ("/links/{n}/{offset}", "n"): (1, LIMITS.max_links),
    ("/links/{n}/{offset}", "offset"): (0, 2),  # the sample's n is 3: pages 0, 1, 2
    ("/long-header/{n}", "n"): (0, LIMITS.max_long_header),
    ("/cookies/chain/{n}", "n"): (1, LIMITS.max_redirects),
    ("/stall/{delay}", "delay"): (0, LIMITS.max_duration),
    ("/truncated/{n}", "n"): (2, LIMITS.max_memory_response),
    ("/cache/{n}", "n"): (0, LIMITS.max_cache_age),
    ("/digest-auth/{qop}/{user}/{passwd}/{algorithm}/{stale_after}", "stale_after"): (0, LIMITS.max_stale_after),
}
"""What each numeric path parameter accepts, lowest and highest, with the default limits."""


def malformed(valid: str) -> dict[str, str]:
    """Values no numeric parameter accepts, as they go in a URL (percent-encoded). Several are a valid value
    written the way only Python's `int()` and `float()` read as that number: nothing else is wrong with them."""

    def digits(zero: int) -> str:
        return quote("".join(chr(zero + int(char)) if char.isdigit() else char for char in valid))

    return {
        "huge": str(10**30),
        "1e309": "1e309",
        "nan": "nan",
        "inf": "inf",
        "minus-inf": "-inf",
        "hex": "0x10",
        "5000-digits": "9" * 5000,
        "word": "abc",
        "percent-garbage": "%FF%FE",
        "leading-space": "%20" + valid,
        "trailing-space": valid + "%20",
        "leading-newline": "%0A" + valid,
        "underscore": "0_" + valid,
        "arabic-indic-digits": digits(0x660),
        "fullwidth-digits": digits(0xFF10),
    }


def format_number(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def cases():
    for template, name, sample in NUMERIC:
        minimum, maximum = RANGES.get((template, name), (None, None))
        values = malformed(sample[name])
        if minimum is not None:
            values["below-minimum"] = format_number(minimum - 1)
            values["far-below"] = "-1" if minimum > 0 else format_number(minimum - 1000)
            values["above-maximum"] = format_number(maximum + 1)
            if isinstance(maximum, float) or name == "delay":
                values["just-above-maximum"] = repr(maximum + 0.001)
        for label, value in values.items():
            path = web.DynamicResource(template).get_info()["formatter"].format_map({**sample, name: value})
            yield pytest.param(path, name, id=f"{template}:{name}:{label}")


def test_every_numeric_parameter_has_a_range():
    assert {(template, name) for template, name, _ in NUMERIC} == set(RANGES)


@pytest.mark.parametrize(("path", "name"), list(cases()))
async def test_out_of_range_or_malformed_number_is_a_json_400(client, path, name):
    resp = await client.get(URL(path, encoded=True), allow_redirects=False)
    await assert_json_error(resp, 400, "status code" if name == "codes" else f"{name} must be")


@pytest.mark.parametrize(("template", "name", "sample"), NUMERIC, ids=[f"{t}:{n}" for t, n, _ in NUMERIC])
async def test_empty_number_is_a_json_404(client, template, name, sample):
    """An empty segment matches no route (`/bytes/`): a 404 that says so, in JSON."""
    path = web.DynamicResource(template).get_info()["formatter"].format_map({**sample, name: ""})
    resp = await client.get(URL(path, encoded=True), allow_redirects=False)
    await assert_json_error(resp, 404, "no endpoint at")
