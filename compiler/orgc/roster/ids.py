"""Ids from titles: ASCII slugs, Chinese as toneless pinyin (班组长 → ``ban-zu-zhang``), never reused."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..ids import ID

MAX_ID = 63
# Room left for a "-NN" suffix when a generated id has to be made unique.
_BASE_MAX = MAX_ID - 4
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_READ_AT_MOST = 256


def is_id(text: str) -> bool:
    return ID.fullmatch(text) is not None


def slug(text: str) -> str:
    """Lowercase ASCII words joined by '-': Han characters as pinyin, accents dropped, the rest a break."""
    from pypinyin import lazy_pinyin  # 150 ms, needed only when an id is made from a title

    # an id keeps its first 59 characters: reading 900-character unit names in full cost pypinyin
    # 9 ms each; 256 characters of any title give more slug than an id can hold
    text = unicodedata.normalize("NFKC", text[:_READ_AT_MOST])
    words = []
    # lazy_pinyin gives one syllable per Han character and passes other runs through unchanged.
    for chunk in lazy_pinyin(text):
        ascii_text = unicodedata.normalize("NFKD", chunk).encode("ascii", "ignore").decode("ascii")
        words += [w for w in _NON_SLUG.split(ascii_text.lower()) if w]
    return "-".join(words)


def base_id(text: str, fallback: str) -> str:
    """A valid id made from ``text`` (``fallback`` when nothing of it is usable), short enough to extend."""
    made = _shorten(slug(text), _BASE_MAX)
    if not made:
        return fallback
    if not made[0].isalpha():
        made = _shorten(f"{fallback}-{made}", _BASE_MAX)
    if _DEVICE.fullmatch(made):  # `orgc check` refuses these: no file can have the name on Windows
        made = f"{made}-{fallback}"
    return made


# Names Windows reserves for devices (as common.schema.json#/$defs/not-a-device-name).
_DEVICE = re.compile(r"con|prn|aux|nul|com[1-9]|lpt[1-9]")


def join_id(*parts: str) -> str:
    return _shorten("-".join(p for p in parts if p), _BASE_MAX)


def _shorten(made: str, limit: int) -> str:
    if len(made) <= limit:
        return made
    cut = made[:limit]
    return cut[: cut.rfind("-")] if "-" in cut else cut


class IdAllocator:
    """Hands out ids no one has taken: ``base``, else ``base-2``, ``base-3`` …"""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = set(taken)

    def allocate(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self._taken:
            n += 1
            candidate = f"{base}-{n}"
        self._taken.add(candidate)
        return candidate
