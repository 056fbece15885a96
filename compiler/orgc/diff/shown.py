"""How ``orgc diff`` shows values: a text in the reader's language, an enumerated value's display form, a signed number."""

from __future__ import annotations

from ..i18n.documents import value as enumerated
from ..model.entities import Text
from .changes import Shown, Term


def show(value: Shown | None, lang: str, fallback: str) -> str:
    """A value in the reader's language: a Text's translation, an enumerated word's display form."""
    if value is None:
        return ""
    if isinstance(value, Text):
        return value.get(lang, fallback)
    if isinstance(value, Term):
        return enumerated(value.code, lang)
    return value


def text_pair(before: Text, after: Text, lang: str, fallback: str) -> tuple[str, str]:
    """Before and after in the reader's language; where that is unchanged, in the language that changed."""
    old, new = before.get(lang, fallback), after.get(lang, fallback)
    if old != new:
        return old, new
    for code in sorted(before.langs | after.langs):
        was = dict(before.values).get(code, "")
        now = dict(after.values).get(code, "")
        if was != now:
            return f"[{code}] {was}", f"[{code}] {now}"
    return old, new


def signed(number: int) -> str:
    return f"+{number}" if number > 0 else f"−{-number}" if number < 0 else "0"
