"""Texts in several languages as the import carries them, and the keys that titles and names are matched by."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

# (language, text) pairs in the order they are written out: Chinese first, English beside it.
TextValue = tuple[tuple[str, str], ...]

DEFAULT_ORDER = ("zh", "en")


def key(text: str) -> str:
    """What two spellings of one name share: width, case and spaces ignored."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def language_order(preferred: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*preferred, *DEFAULT_ORDER]))


def text_value(texts: Mapping[str, str], order: tuple[str, ...]) -> TextValue:
    """The non-empty texts, ordered by ``order`` and then by language code."""
    rank = {lang: i for i, lang in enumerate(order)}
    ordered = sorted(
        (lang for lang, t in texts.items() if t), key=lambda lang: (rank.get(lang, len(rank)), lang)
    )
    return tuple((lang, texts[lang]) for lang in ordered)


def first(value: TextValue, lang: str) -> str:
    """The text in ``lang``, else the first one written."""
    return dict(value).get(lang) or (value[0][1] if value else "")
