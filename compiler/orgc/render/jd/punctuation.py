"""ASCII punctuation inside Chinese text, as a Chinese document prints it: full-width.

Specs are often typed or pasted with ``,`` ``;`` ``:`` ``(`` ``)`` between Chinese words; beside
the ``：`` and ``，`` of the document's own labels they look like mistakes. A sign is changed
only where it touches a Chinese character (``上一天,休一天`` → ``上一天，休一天``); between
digits or Latin words it stays (``9:30``, ``SOP (v2)``). Brackets change in pairs, when the
bracketed text or a neighbour is Chinese.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_SIGNS = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_SIGN = re.compile(rf"(?<=[{_CJK}])[ \t]*([,;:!?])[ \t]*|([,;:!?])(?=[ \t]*[{_CJK}])")
_BRACKETS = re.compile(rf"\(([^()]*[{_CJK}][^()]*)\)|(?<=[{_CJK}])\(([^()]*)\)")
_HAS_CJK = re.compile(rf"[{_CJK}]")
_ASCII_SIGN = re.compile(r"[,;:!?(]")


# A Chinese build prints the same texts many times over (titles, names, the steps of a process
# in every volume that shows it): each is looked at once.
@lru_cache(maxsize=1 << 16)
def full_width(text: str) -> str:
    """``text`` with the ASCII punctuation that touches Chinese characters made full-width."""
    if not _ASCII_SIGN.search(text) or not _HAS_CJK.search(text):  # most texts: one scan
        return text
    text = _BRACKETS.sub(lambda m: f"（{m.group(1) if m.group(1) is not None else m.group(2)}）", text)
    return _SIGN.sub(lambda m: _SIGNS[m.group(1) or m.group(2)], text)


def printed(text: str, lang: str) -> str:
    """``text`` as a page in ``lang`` prints it: full-width signs beside Chinese in a Chinese page."""
    return full_width(text) if lang.startswith("zh") else text
