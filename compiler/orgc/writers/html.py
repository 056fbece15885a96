"""HTML and the data its scripts read: text escaped for each context, so no text becomes markup or code.

A writer that knows no organisation: element text and attribute values (``text``), data
for a script as JSON that cannot end the script or a line (``json_data``), and the call of
a registration function in a script file (``js_call``).
"""

from __future__ import annotations

import json
import re
from typing import Any

# Characters an HTML document cannot hold even escaped (controls, lone surrogates,
# noncharacters): shown as U+FFFD. Tab, LF and CR are text.
_NOT_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_SPECIAL = re.compile("[&<>\"']")
_EITHER = re.compile("[&<>\"'" + _NOT_HTML.pattern[1:])  # _SPECIAL or _NOT_HTML
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}


def text(value: str) -> str:
    """Element text and (quoted) attribute values: ``& < > " '`` as references."""
    if not _EITHER.search(value):
        return value  # most text: one look
    if _NOT_HTML.search(value):
        value = _NOT_HTML.sub("\ufffd", value)
    return _SPECIAL.sub(lambda m: _ENTITIES[m[0]], value)


# Escaped inside JSON strings so that the data can sit in any script or HTML context: no
# "</script>", "<!--" or "]]>" can form, and U+2028/2029 (line ends in older JavaScript) cannot
# break a string literal.
_JSON_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")


def json_data(data: Any) -> str:
    """``data`` as compact JSON that is also a safe JavaScript expression in any context.

    Keys keep their order (the caller's order is the output's: outputs are deterministic);
    text is UTF-8, not ``\\u`` escapes, so that Chinese stays small.
    """
    found = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    if _NOT_HTML.search(found):
        found = _NOT_HTML.sub("\ufffd", found)  # a lone surrogate would make the file invalid UTF-8
    return _JSON_UNSAFE_RE.sub(lambda m: _JSON_UNSAFE[m[0]], found)


_JS_NAME = re.compile(r"[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*")


def js_call(function: str, *arguments: Any) -> str:
    """A script file's one statement: ``function(arguments…);`` with each argument as ``json_data``."""
    if not _JS_NAME.fullmatch(function):
        raise ValueError(f"not a JavaScript name: {function!r}")
    return f"{function}({','.join(json_data(a) for a in arguments)});\n"


def relative(from_page: str, to: str) -> str:
    """The relative URL of ``to`` (a path in the site, with '/', maybe ``#fragment``) from the page
    at ``from_page``: relative links work from a folder, a share and any web server path alike.
    Both are plain paths from the site's root (no '.' or '..' parts)."""
    target, hash_mark, fragment = to.partition("#")
    folder, _, name = target.rpartition("/")
    if target == from_page:
        found = "" if hash_mark else name
    elif folder == from_page.rpartition("/")[0]:  # most links: a page beside this one
        found = name
    else:
        here = from_page.split("/")[:-1]
        there = target.split("/")
        common = 0
        while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
            common += 1
        found = "../" * (len(here) - common) + "/".join(there[common:])
    return found + hash_mark + fragment
