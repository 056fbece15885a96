"""The handbook as it is written: its body, the headings its contents list, the pieces it takes.

``book`` writes the cover, the contents and the job descriptions into a ``Book``,
``sections`` the tabular chapters; both take a piece (``ctx.reuse``) wherever the last
build may have made the same part already. A ``Book`` with a ``scope`` is one volume of
a split handbook (``volumes``): its chapters show that volume's roles and units only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cached_property
from typing import TypeVar

from ...model.entities import Org, Text
from ...writers.docx.deflate import Packed
from ...writers.docx.wml import Run, paragraph
from ..context import Pieces, RenderContext
from ..jd.punctuation import printed
from ..style import MUTED
from ..volumes import Scope, Volumes


@dataclass(frozen=True)
class TocEntry:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class MadeJd:
    """A role's JD as a volume prints it, made with the role's JD files (``made_jd``), so that
    its volume takes it instead of making the JD again; ``piece`` is None when the JD file was
    kept, and the volume takes the last build's piece by ``content``, the key of that file."""

    role_id: str
    lang: str
    content: str | None
    piece: Packed | None


@dataclass
class Book:
    """The body of the handbook as it is written, and the headings the contents list."""

    ctx: RenderContext
    lang: str
    pieces: Pieces
    parts: list[str | Packed] = dataclass_field(default_factory=list)  # Packed: a large piece
    entries: list[TocEntry] = dataclass_field(default_factory=list)
    chapters: int = 0
    scope: Scope | None = None  # the volume being written; None: the one handbook of everything
    volumes: Volumes | None = None  # all the volumes, when the handbook is split
    # role -> its JD as the build made it with the role's JD files (a volume's roles only)
    made: Mapping[str, MadeJd] = dataclass_field(default_factory=dict)

    def holds_unit(self, unit_id: str) -> bool:
        return self.scope is None or unit_id in self._scope_units

    @cached_property
    def _scope_units(self) -> frozenset[str]:
        return frozenset(self.scope.units) if self.scope else frozenset()

    def L(self, key: str) -> str:
        return self.ctx.label(key, self.lang)

    def t(self, text: Text | None) -> str:
        """``text`` in the book's language; in Chinese with the punctuation a Chinese book prints."""
        return printed(self.ctx.t(text, self.lang), self.lang)

    def add(self, *xml: str | Packed) -> None:
        self.parts.extend(xml)

    def chapter(self, title: str) -> None:
        """A numbered Heading1 on a new page."""
        self.chapters += 1
        self.heading(f"{self.chapters}  {title}", 1, new_page=True)

    def heading(self, text: str, level: int, new_page: bool = False) -> None:
        """A heading; levels 1 and 2 get a bookmark and an entry in the contents."""
        props = f'<w:pStyle w:val="Heading{level}"/><w:keepNext/>'
        if new_page:
            props += "<w:pageBreakBefore/>"
        content = Run(text).xml()
        if level <= 2:
            number = len(self.entries) + 1
            anchor = f"_Toc{number:06d}"
            self.entries.append(TocEntry(level, text, anchor))
            content = f'<w:bookmarkStart w:id="{number}" w:name="{anchor}"/>{content}<w:bookmarkEnd w:id="{number}"/>'
        self.add(f"<w:p><w:pPr>{props}</w:pPr>{content}</w:p>")

    def note(self, text: str) -> None:
        self.add(paragraph(Run(text, color=MUTED, size=9)))


T = TypeVar("T")
_MADE: dict[tuple[object, ...], tuple[Org, object]] = {}


def once_per_org(org: Org, key: tuple[str, ...], make: Callable[[], T]) -> T:
    """``make()`` once per organisation and ``key`` in this process: the volumes of a split
    handbook, rendered one after another by a worker, share what is made from the whole
    organisation (its chart's nodes, the order and titles of the matrix rows)."""
    entry = (id(org), *key)
    found = _MADE.get(entry)
    if found is None or found[0] is not org:  # the org is held, so its id is not another's
        if len(_MADE) > 32:
            _MADE.clear()
        found = _MADE[entry] = (org, make())
    return found[1]  # type: ignore[return-value]
