"""Escaping text for each output format, so a title can never become markup or a formula."""

from __future__ import annotations

import re

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")


def markdown(text: str) -> str:
    """Inline Markdown text: no emphasis, links, HTML, tables or list markers from user text."""
    text = _MD_ENTITY.sub("&amp;", text)
    text = _MD_INLINE.sub(r"\\\1", text)
    lines = [_MD_LINE_START.sub(lambda m: m[1] + "\\" + m[2], line) for line in text.split("\n")]
    return "<br>".join(line.strip() for line in lines) if len(lines) > 1 else lines[0]


def xml(text: str) -> str:
    """Text content and attribute values in XML, HTML and SVG."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


# Characters that make a spreadsheet cell a formula (half- and full-width), or break a row.
_FORMULA_START = tuple("=+-@\t\r＝＋－＠")


def spreadsheet(text: str) -> str:
    """A cell that Excel will show as text, never evaluate (CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_START) else text
