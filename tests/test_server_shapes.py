"""The JSON writer behind every echo: httpbin's formatting, whatever the payload."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from local_server.shapes import json_text

SCALARS = st.none() | st.booleans() | st.integers() | st.text()
FLOATS = st.floats(allow_nan=False, allow_infinity=False)


def json_values(scalars):
    return st.recursive(scalars, lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=40)


def reference(payload) -> str:
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False)


@settings(max_examples=400, deadline=None, database=None)
@given(json_values(SCALARS))
def test_json_text_is_exactly_what_json_dumps_writes(payload):
    """Sorted keys, two-space indent, non-ASCII kept; integers of any size included."""
    assert json_text(payload) == reference(payload)


@settings(max_examples=300, deadline=None, database=None)
@given(json_values(SCALARS | FLOATS))
def test_json_text_with_floats_reads_back_as_the_same_value(payload):
    """Floats may be spelled differently (1e-7 for 1e-07), never valued differently."""
    assert json.loads(json_text(payload)) == json.loads(reference(payload))


def test_json_text_falls_back_for_what_orjson_refuses():
    assert json_text({"big": 2**70}) == '{\n  "big": 1180591620717411303424\n}'
    deep = json.loads("[" * 900 + "]" * 900)
    assert json_text(deep) == reference(deep)
