"""The fixed wording of ``orgc diff``: headings, columns, details, and the names of changes and fields.

Looked up in the reader's language, which may be any language the specs are written in: the
catalogue's ``diff.`` section, in Chinese for zh, in English for any other.
"""

from __future__ import annotations

from . import wording


def label(key: str, lang: str) -> str:
    """A heading, column header or detail; a template where it has ``{fields}``."""
    return wording(f"diff.{key}", lang)


def kind_label(kind: str, lang: str) -> str:
    """A change's name in a table: 新增, Tightened …; ``unit-added`` is named by its change."""
    try:
        return wording(f"diff.kind.{kind}", lang)
    except KeyError:
        return wording(f"diff.kind.{kind.rsplit('-', 1)[1]}", lang)


def subject_label(subject: str, lang: str) -> str:
    """What a change is about when it is not a role, duty, target or policy: 部门, Process …"""
    return wording(f"diff.subject.{subject}", lang)


def field_label(field: str, lang: str) -> str:
    """A field of a spec as the reader knows it; a field without a name of its own as written."""
    try:
        return wording(f"diff.field.{field}", lang)
    except KeyError:
        return field


def summary_phrase(kind: str, count: int, lang: str) -> str:
    """``新增岗位 2`` / ``2 roles added``; a kind the summary does not name is one of the "other"."""
    try:
        template = wording(f"diff.summary.{kind}", lang, count)
    except KeyError:
        template = wording("diff.summary.other", lang, count)
    return template.format(count=count)
