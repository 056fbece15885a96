"""The span of a scalar: exactly the characters a fix may replace, or none when they are not the value."""

from __future__ import annotations

import pytest

from helpers import use_python_parser
from orgc.load.yaml_doc import parse_yaml

TEXT = (
    "a: 0.6\n"  # plain
    'b: "0.4"   # 注释\n'  # double-quoted: inside the quotes
    "c: {zh: 班组长, en: '60'}\n"  # flow mapping, after CJK characters
    "d: 'it''s'\n"  # an escape: the characters are not the value
    'e: "a\\tb"\n'
    "f: |\n  block\n"
    "g: two\n  lines\n"
    "h: [x, 'y']\n"
)

EXPECTED = {
    ("a",): ((1, 4), (1, 7)),
    ("b",): ((2, 5), (2, 8)),
    ("c", "zh"): ((3, 9), (3, 12)),
    ("c", "en"): ((3, 19), (3, 21)),
    ("d",): None,
    ("e",): None,
    ("f",): None,
    ("g",): None,
    ("h", 0): ((10, 5), (10, 6)),
    ("h", 1): ((10, 9), (10, 10)),
}


def _spans() -> dict[tuple[str | int, ...], object]:
    document, problems = parse_yaml(TEXT, "specs/x.yaml")
    assert document is not None and problems == ()
    return {path: document.span_at(*path) for path in EXPECTED}


def test_spans_with_the_c_parser() -> None:
    assert _spans() == EXPECTED


def test_spans_with_the_python_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    use_python_parser(monkeypatch)
    assert _spans() == EXPECTED


def test_each_span_holds_exactly_the_value() -> None:
    lines = TEXT.split("\n")
    document, _ = parse_yaml(TEXT, "specs/x.yaml")
    assert document is not None
    for path, span in EXPECTED.items():
        if span is None:
            continue
        (line, start), (_, end) = span
        value = document.data
        for step in path:
            value = value[step]
        assert lines[line - 1][start - 1 : end - 1] == value, path
