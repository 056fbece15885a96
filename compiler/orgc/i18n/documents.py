"""The fixed wording of the rendered documents (headings, labels, notes) and of enumerated values.

Looked up in an output language, which may be any language the specs are written in: the
catalogue's ``doc.`` and ``value.`` sections, in Chinese for zh, in English for any other.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from .. import vocabulary
from . import wording


@cache  # asked for a hundred times a JD; only the catalogue's keys are kept (a KeyError is not)
def label(key: str, lang: str) -> str:
    """A heading, label or note of the documents; a template where it has ``{fields}``."""
    return wording(f"doc.{key}", lang)


def value(word: str, lang: str) -> str:
    """The display form of an enumerated value such as ``monthly`` or ``bachelor``; else the word."""
    try:
        return wording(f"value.{word}", lang)
    except KeyError:
        return word


def duration(sla: str, lang: str) -> str:
    """An SLA as the documents show it: ``3bd`` → 3个工作日 / 3 business days; else as written."""
    parts = vocabulary.split_sla(sla)
    if parts is None:
        return sla
    number, unit = parts
    one = ".one" if number == "1" and unit in ("d", "bd", "w") else ""  # min and h need no plural
    return wording(f"doc.duration.{unit}{one}", lang).format(n=number)


def long_date(day: date, lang: str) -> str:
    """A date as the documents write it: 2026 年 1 月 1 日 / 1 January 2026."""
    month = label("month_names", lang).split()[day.month - 1]
    return label("long_date", lang).format(year=day.year, month=month, day=day.day)
