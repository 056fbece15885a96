"""What a split handbook's volumes say of each other: the volume's name, and the whole-organisation
volume's index of units with the volume each is in.

Which units are top-level and which roles each volume holds is ``render.volumes``'s.
"""

from __future__ import annotations

from ...writers.docx.wml import Cell, Run, paragraph, table
from ..style import FAINT
from .draft import Book
from .sections import DASH, _join, _labelled, _widths, unit_tree


def volume_path(unit_id: str, lang: str) -> str:
    return f"handbook/{lang}/{unit_id}.docx"


def volume_name(book: Book) -> str:
    """The top-level unit's name, or for the whole-organisation volume "general volume"."""
    scope = book.scope
    if scope is None or scope.unit is None:
        return book.L("volume_whole")
    return book.t(book.ctx.org.units[scope.unit].name)


def unit_index(book: Book) -> None:
    """Every internal unit in tree order with its parent, head, total headcount and volume."""
    ctx, L, t = book.ctx, book.L, book.t
    org, graph = ctx.org, ctx.graph
    tree = unit_tree(ctx)
    internal = [u for u in tree if not org.units[u].external]
    if not internal:
        return
    book.chapter(L("unit_index"))
    book.add(paragraph(L("unit_index_intro")))
    header = [Cell.of(L(k)) for k in ("unit_name", "parent_unit", "unit_head")]
    header += [Cell.of(L("total_headcount"), align="center"), Cell.of(L("volume"))]
    rows = [header]
    for unit_id in internal:
        unit = org.units[unit_id]
        parent = org.units.get(unit.parent or "")
        total = sum(org.roles[r].headcount for r in graph.roles_in_unit(unit_id))
        rows.append(
            [
                Cell.of(Run(t(unit.name), bold=True)),
                Cell.of(t(parent.name) if parent else DASH),
                Cell.of(ctx.role_title(unit.head, book.lang) if unit.head else DASH),
                Cell.of(str(total), align="center"),
                _volume_cell(book, unit_id),
            ]
        )
    book.add(table(rows, _widths(0.22, 0.18, 0.18, 0.1, 0.32), header_rows=1))
    book.note(L("total_note"))
    external = [t(org.units[u].name) for u in tree if org.units[u].external]
    if external:
        book.add(_labelled(book, "external_units", _join(external, book.lang)))


def _volume_cell(book: Book, unit_id: str) -> Cell:
    """The volume a unit is in: this one, or a top-level unit's, with its file (beside this one's)
    under the name."""
    home = book.volumes.volume_of_unit(unit_id) if book.volumes else None
    if home is None:
        return Cell.of(book.L("volume_this"))
    name = book.t(book.ctx.org.units[home].name)
    beside = volume_path(home, book.lang).removeprefix("handbook/")
    return Cell((name, Run(beside, size=8, color=FAINT)))
