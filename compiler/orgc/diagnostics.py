"""Diagnostics: the immutable problem reports every stage produces."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from .i18n import Message, verbatim


class Severity(IntEnum):
    """Ordered so that ``max()`` gives the most serious one."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.upper()]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a spec file; ``file`` is relative to the project, with ``/``."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Subject:
    """The entity a diagnostic is about, so that its ``waive`` can silence it."""

    kind: str  # role | process | policy | block
    id: str


@dataclass(frozen=True)
class Edit:
    """Replace the text of ``file`` from ``start`` up to (not including) ``end`` by ``text``.

    Positions are (line, column), 1-based, columns counted in characters as in ``Location``;
    ``start == end`` inserts.
    """

    file: str
    start: tuple[int, int]
    end: tuple[int, int]
    text: str


@dataclass(frozen=True)
class Fix:
    """A mechanical repair of a diagnostic: what it does, and the edits that make it.

    ``orgc check --fix`` applies it; the language server offers it as a code action.
    """

    what: Message
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Diagnostic:
    """A problem: ``what`` is wrong and the ``advice``, both rendered in a language when reported.

    Plain strings are accepted for both and reported as written, in every language.
    ``message`` and ``hint`` give the English text.
    """

    code: str
    severity: Severity
    what: Message
    location: Location
    advice: Message | None = None
    subject: Subject | None = None
    fix: Fix | None = None

    def __post_init__(self) -> None:
        if isinstance(self.what, str):
            object.__setattr__(self, "what", verbatim(self.what))
        if isinstance(self.advice, str):
            object.__setattr__(self, "advice", verbatim(self.advice) if self.advice else None)

    @property
    def message(self) -> str:
        return self.message_in("en")

    @property
    def hint(self) -> str:
        return self.hint_in("en")

    def message_in(self, lang: str) -> str:
        return self.what.render(lang)

    def hint_in(self, lang: str) -> str:
        return self.advice.render(lang) if self.advice else ""

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.message)


@dataclass(frozen=True)
class Waiver:
    """An accepted exception written in a spec: ``waive: {CODE: reason}``."""

    code: str
    reason: str
    location: Location
    subject: Subject


@dataclass(frozen=True)
class WaiverUse:
    waiver: Waiver
    suppressed: int  # diagnostics it silenced in this run


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(sorted(diagnostics, key=lambda d: d.sort_key))
