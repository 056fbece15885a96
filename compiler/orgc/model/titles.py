"""Titles written where ids belong: the diagnostics about them name the id, and carry the edit that writes it.

`reports_to: 班组长` fails as an id (E102) and `reports_to: manager` as a reference
(ORG001, ORG005, ORG006, ORG009, DUT003, CAR001), each reported by a stage that sees
one document, or the ids alone. Once the organisation is built, the names index says
whose title the text is, and those diagnostics say so instead: same code, same place.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..diagnostics import Diagnostic, Edit, Fix
from ..i18n import Message, OneOf
from ..load.yaml_doc import Document
from .build import SpecDocument
from .entities import Org
from .names import Named, NameIndex
from .references import Reference, references

# What the stages say about a text that is not an id, or names nothing: the diagnostics to explain.
_EXPLAINED = frozenset(
    {
        "E102.not-an-id",
        "E102.bad-form",
        "ORG001",
        "ORG005",
        "ORG005.parent",
        "ORG006",
        "ORG009",
        "DUT003",
        "DUT003.next",
        "CAR001",
    }
)

_KIND_WORDS = {
    "role": Message("kind.role"),
    "unit": Message("kind.unit"),
    "kpi": Message("kind.kpi"),
    "block": Message("kind.block"),
    "process": Message("kind.process"),
    "step": Message("names.kind.step"),
}
_PLURAL_WORDS = {
    "role": Message("names.plural.role"),
    "unit": Message("names.plural.unit"),
    "kpi": Message("names.plural.kpi"),
    "block": Message("names.plural.block"),
    "process": Message("names.plural.process"),
    "step": Message("names.plural.step"),
}
_EITHER_WORDS = {
    ("role", "unit"): Message("kind.role-or-unit"),
    ("unit", "role"): Message("kind.unit-or-role"),
}
# A unit's and a KPI's is a name, the others' a title.
_NAMED_BY_NAME = frozenset({"unit", "kpi"})
_NAME, _TITLE = Message("names.noun.name"), Message("names.noun.title")


def explain_titles(
    diagnostics: Sequence[Diagnostic], documents: Iterable[SpecDocument], org: Org
) -> list[Diagnostic]:
    """The diagnostics, those about a title or name written where an id belongs re-worded to name the id.

    The names index is built only when some diagnostic may need it.
    """
    if not any(d.what.key in _EXPLAINED for d in diagnostics):
        return list(diagnostics)
    by_file = {spec.doc.file: spec for spec in documents}
    written: dict[str, dict[tuple[int, int], Reference]] = {}
    names: NameIndex | None = None
    result = []
    for diagnostic in diagnostics:
        spec = by_file.get(diagnostic.location.file) if diagnostic.what.key in _EXPLAINED else None
        if spec is not None:
            if spec.doc.file not in written:
                written[spec.doc.file] = _references_by_place(spec)
            location = diagnostic.location
            reference = written[spec.doc.file].get((location.line, location.column))
            if reference is not None:
                names = names or NameIndex(org)
                diagnostic = _explained(diagnostic, reference, _scope(spec, reference), names, spec.doc)
        result.append(diagnostic)
    return result


def _references_by_place(spec: SpecDocument) -> dict[tuple[int, int], Reference]:
    marks = spec.doc.marks
    return {marks.value(ref.path): ref for ref in references(spec.kind, spec.doc.data)}


def _scope(spec: SpecDocument, reference: Reference) -> str:
    """The process whose steps a `next` names; '' for everything named across the organisation."""
    if reference.kinds != ("step",) or not isinstance(spec.doc.data, dict):
        return ""
    return str(spec.doc.data.get("id", ""))


def _explained(
    diagnostic: Diagnostic, reference: Reference, scope: str, names: NameIndex, doc: Document
) -> Diagnostic:
    text = reference.text.strip()
    found = names.lookup(text, reference.kinds, scope)
    if len(found) == 1:
        (named,) = found
        return replace(
            diagnostic,
            what=Message(
                "names.written-for-id",
                text=text,
                noun=_noun(named.kind),
                kind=_KIND_WORDS[named.kind],
                id=named.id,
            ),
            advice=Message("names.written-for-id.hint"),
            fix=_fix(doc, reference, named),
        )
    if found:
        kinds = {n.kind for n in found}
        if len(kinds) == 1:
            (kind,) = kinds
            plural, ids = _PLURAL_WORDS[kind], tuple(n.id for n in found)
        else:
            kind = "unit"
            plural = Message("names.plural.mixed")
            ids = tuple(Message("names.candidate", kind=_KIND_WORDS[n.kind], id=n.id) for n in found)
        return replace(
            diagnostic,
            what=Message(
                "names.ambiguous", text=text, noun=_noun(kind), count=len(found), kinds=plural, ids=ids
            ),
            advice=Message("names.ambiguous.hint"),
        )
    if diagnostic.code == "E102" and written_as_title(text):
        guess = _guess(names.closest(text, reference.kinds, scope))
        kind = _EITHER_WORDS.get(reference.kinds) or _KIND_WORDS[reference.kinds[0]]
        return replace(
            diagnostic,
            what=Message("E102.not-an-id", **dict(diagnostic.what.params)),  # not a form of id gone wrong
            advice=Message("names.not-a-name.hint", text=text, kind=kind, guess=guess),
        )
    return diagnostic


def _fix(doc: Document, reference: Reference, named: Named) -> Fix | None:
    span = doc.marks.span(reference.path)
    if span is None:  # a block scalar, or one over several lines: rewritten by hand
        return None
    start, end = span
    return Fix(Message("names.fix", id=named.id), (Edit(doc.file, start, end, named.id),))


def _noun(kind: str) -> Message:
    return _NAME if kind in _NAMED_BY_NAME else _TITLE


def _guess(close: tuple[Named, ...]) -> Message | None:
    if not close:
        return None
    return Message(
        "names.closest", names=OneOf(tuple(Message("names.closest.one", name=n.name, id=n.id) for n in close))
    )


def written_as_title(text: str) -> bool:
    """Whether a text that is not an id reads as a title (`班组长`, `Team lead`), not as a mistyped id.

    An id with a look-alike letter or an accent (`cs-аgent`, `café`) is mostly ASCII letters, and
    its hint says what to look for; a title is mostly letters of another script, or words.
    """
    letters = [c for c in text if unicodedata.category(c).startswith("L")]
    foreign = sum(not c.isascii() for c in letters)
    return foreign * 2 > len(letters) or (text.isascii() and " " in text.strip())
