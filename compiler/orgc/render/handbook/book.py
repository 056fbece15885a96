"""``handbook/<lang>.docx``: the organisation handbook (组织手册) as one Word document.

Cover, table of contents, org chart, units, KPI catalogue, every job description,
the responsibility matrices, the processes, the policies and the accepted
exceptions. Styles, fonts and the zip assembly are those of the JDs (``docx_base``),
so the handbook looks like the JDs it contains and is byte-identical on every run.
The chapters other than the JDs are written in ``sections``, both into a ``draft.Book``.

A large organisation's handbook is split (``render.volumes``): ``handbook/<lang>.docx``
is then the general volume and ``handbook/<lang>/<unit-id>.docx`` the volume of each
top-level unit (``render_volume``), each a ``Book`` of that volume's roles and units.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import partial

from ...i18n.documents import long_date
from ...writers.docx.deflate import Packed
from ...writers.docx.package import CONTENT_WIDTH, MARGIN, PAGE_HEIGHT, PAGE_WIDTH
from ...writers.docx.wml import Cell, Run, paragraph, table
from ..chart import word as chart_word
from ..chart.layout import text_width
from ..chart.nodes import chart_nodes
from ..chart.views import overview_nodes, unit_nodes
from ..context import OutputFile, Pieces, RenderContext
from ..jd.docx import Sections, jd_body, jd_path, packed_body
from ..jd.model import JobDescription, job_description
from ..style import ACCENT, MUTED, docx_base, page_header
from ..style import page_footer as jd_page_footer
from ..volumes import Scope, Volumes, volumes
from .draft import Book, MadeJd, once_per_org
from .sections import kpi_catalogue, matrices, policies, processes, units_overview, waivers
from .split import unit_index, volume_name, volume_path

# The contents list the headings of levels 1 and 2 (``Book.heading``): chapters and the roles,
# units, processes and policies in them. Level 3 (the sections of every JD and policy) stays in
# the navigation pane only, or the contents would run to many pages.


def render(ctx: RenderContext) -> Iterator[OutputFile]:
    """``handbook/<lang>.docx``: the handbook, or when it is split the whole-organisation volume
    (the volumes of the top-level units are tasks of their own: ``render_volume``)."""
    split = handbook_volumes(ctx)
    for lang in ctx.languages:
        path = f"handbook/{lang}.docx"
        kept = _untouched_volume(ctx, path, split.whole, whole=True) if split else None
        yield kept or handbook_file(ctx, path, lang, split)


def _untouched_volume(ctx: RenderContext, path: str, scope: Scope, whole: bool = False) -> OutputFile | None:
    """The last build's volume of ``scope`` when no change can reach it, with the pieces it was
    made of (for the next build); None: it is to be made."""
    keys = ctx.reuse.untouched_units(scope.units, [path], scope.roles, whole)
    pieces = ctx.reuse.carried(path) if keys is not None else None
    if keys is None or pieces is None:
        return None
    return OutputFile(path, b"", keys[0], kept=True, fragments=pieces)


def volume_tasks(ctx: RenderContext) -> list[tuple[str, str]]:
    """(top-level unit, language) of every volume of a split handbook but the whole-organisation
    one, the largest first, so that no worker is left with a long one at the end."""
    split = handbook_volumes(ctx)
    if split is None:
        return []
    parts = sorted(split.parts, key=lambda part: -len(part.roles))  # stable: ties in unit order
    return [(part.unit or "", lang) for part in parts for lang in ctx.languages]


def in_volumes(ctx: RenderContext) -> frozenset[str]:
    """The roles printed in the volumes of top-level units (``render_volume``); none when the
    handbook is one book."""

    def found() -> frozenset[str]:
        split = handbook_volumes(ctx)
        return frozenset(role for part in split.parts for role in part.roles) if split else frozenset()

    return once_per_org(ctx.org, ("in-volumes", ctx.config.handbook_split), found)


def made_jd(jd: JobDescription, content: str | None, sections: Sections | None) -> MadeJd:
    """``jd`` as its volume prints it, from the ``sections`` its JD file was made of; without
    them (the file was kept) only the key its volume looks the last build's piece up by."""
    if sections is None:
        return MadeJd(jd.role_id, jd.lang, content, None)
    return MadeJd(jd.role_id, jd.lang, content, packed_body(jd, 3, title=False, sections=sections))


def volume_roles(ctx: RenderContext, unit_id: str) -> tuple[str, ...]:
    """The roles of the volume of ``unit_id`` (a task of ``volume_tasks``)."""
    return _part(ctx, unit_id)[1].roles


def untouched_volume(ctx: RenderContext, task: tuple[str, str]) -> OutputFile | None:
    """The last build's volume of a task of ``volume_tasks`` when no change can reach it."""
    return _untouched_volume(ctx, volume_path(*task), _part(ctx, task[0])[1])


def render_volume(
    ctx: RenderContext, task: tuple[str, str], made: Mapping[str, MadeJd] | None = None
) -> Iterator[OutputFile]:
    """``handbook/<lang>/<unit-id>.docx``: the volume of one top-level unit (``volume_tasks``);
    ``made`` holds its roles' JDs as this build made them with their JD files, by role."""
    unit_id, lang = task
    split, scope = _part(ctx, unit_id)
    yield handbook_file(ctx, volume_path(unit_id, lang), lang, split, scope, made)


def _part(ctx: RenderContext, unit_id: str) -> tuple[Volumes, Scope]:
    """The volumes of a split handbook, and the one of the top-level unit ``unit_id``."""
    split = handbook_volumes(ctx)
    assert split is not None
    return split, next(part for part in split.parts if part.unit == unit_id)


def handbook_volumes(ctx: RenderContext) -> Volumes | None:
    """The volumes of the handbook under orgc.yaml's ``handbook: {split: …}``; None: one book.
    Worked out once per process: the build asks for them for every volume and chunk of roles."""
    setting = ctx.config.handbook_split
    return once_per_org(ctx.org, ("volumes", setting), lambda: volumes(ctx.org, ctx.graph, setting))


def handbook_file(
    ctx: RenderContext,
    path: str,
    lang: str,
    split: Volumes | None = None,
    scope: Scope | None = None,
    made: Mapping[str, MadeJd] | None = None,
) -> OutputFile:
    """``handbook_document`` as the file ``path``: kept from the last build when its parts, all
    taken as pieces, are the same (a volume no change reached is not compressed again)."""
    pieces = ctx.reuse.pieces()
    document, header = _written(ctx, lang, pieces, split, scope, made)
    shown = (part if isinstance(part, str) else f"{part.crc}:{part.size}" for part in document)
    content = ctx.reuse.key("handbook", lang, *header, ctx.source_date.isoformat(), *shown)
    if ctx.reuse.kept((path,), content):
        return OutputFile(path, b"", content, kept=True, fragments=pieces.used)
    data = _assembled(ctx, lang, document, header)
    return OutputFile(path, data, content, fragments=pieces.used)


def handbook_document(
    ctx: RenderContext,
    lang: str,
    pieces: Pieces | None = None,
    split: Volumes | None = None,
    scope: Scope | None = None,
) -> bytes:
    """The handbook in ``lang``, as .docx bytes; ``pieces`` may hold parts of the last one.

    With ``split``, the volume of ``scope`` (one of its parts), or without a ``scope`` the
    whole-organisation volume; without ``split``, the complete handbook.
    """
    document, header = _written(ctx, lang, pieces or ctx.reuse.pieces(), split, scope)
    return _assembled(ctx, lang, document, header)


def _written(
    ctx: RenderContext,
    lang: str,
    pieces: Pieces,
    split: Volumes | None,
    scope: Scope | None,
    made: Mapping[str, MadeJd] | None = None,
) -> tuple[list[str | Packed], tuple[str, str, str]]:
    """The body of the handbook or volume, and its header, footer and title."""
    if split is not None and scope is None:
        scope = split.whole
    book = Book(ctx, lang, pieces, scope=scope, volumes=split, made=made or {})
    chapters: list[Callable[[Book], None]]
    if scope is None:
        chapters = [org_chart, units_overview, kpi_catalogue, job_descriptions]
        chapters += [matrices, processes, policies, waivers]
    elif scope.unit is None:
        chapters = [org_chart, unit_index, kpi_catalogue, job_descriptions]
        chapters += [matrices, processes, policies, waivers]
    else:
        chapters = [org_chart, units_overview, job_descriptions, matrices, processes]
    for write in chapters:
        write(book)
    org_name = ctx.t(ctx.org.name, lang)
    name = book.L("handbook") + (f" · {volume_name(book)}" if scope else "")
    document = [cover(book), contents(book), *book.parts]
    return document, (page_header(org_name, name), page_footer(book), f"{org_name} {name}")


def _assembled(
    ctx: RenderContext, lang: str, document: list[str | Packed], header: tuple[str, str, str]
) -> bytes:
    page_head, page_foot, title = header
    return docx_base(ctx).assemble(
        document=document,
        header=page_head,
        footer=page_foot,
        title=title,
        lang=lang,
        when=ctx.source_date,
        update_fields=True,
    )


# -- cover and contents ---------------------------------------------------------------------------


def cover(book: Book) -> str:
    """Title page: a section of its own, so that it has no header and footer."""
    ctx, L = book.ctx, book.L
    scope = book.scope
    part = scope if scope and scope.unit else None  # the whole-organisation volume counts everything
    roles = [ctx.org.roles[r] for r in part.roles] if part else list(ctx.org.roles.values())
    units = [ctx.org.units[u] for u in part.units] if part else list(ctx.org.units.values())
    facts = []
    if ctx.org.version:
        facts.append((L("version"), ctx.org.version))
    effective = ctx.config.effective  # orgc.yaml `effective:`
    if effective:
        facts.append((L("effective"), long_date(effective, book.lang)))
    elif ctx.dated:
        facts.append((L("date"), long_date(ctx.source_date.date(), book.lang)))
    facts += [
        (L("units"), str(sum(1 for u in units if not u.external))),
        (L("roles"), str(len(roles))),
        (L("headcount"), str(sum(r.headcount for r in roles))),
    ]
    rows = [
        [Cell.of(Run(name, color=MUTED, size=11), align="right"), Cell.of(Run(value, bold=True, size=11))]
        for name, value in facts
    ]
    section = (
        f'<w:sectPr><w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="1247" w:right="{MARGIN}" w:bottom="1247" w:left="{MARGIN}" '
        'w:header="567" w:footer="567" w:gutter="0"/><w:cols w:space="425"/>'
        '<w:docGrid w:linePitch="312"/></w:sectPr>'
    )
    return "".join(
        [
            paragraph(
                Run(balanced(book.t(ctx.org.name), 28, CONTENT_WIDTH / 20), size=28, bold=True, color=ACCENT),
                align="center",
                space_before=3600,
            ),
            paragraph(
                Run(L("handbook"), size=20, color=MUTED), align="center", space_after=0 if scope else 1200
            ),
            *(
                [paragraph(Run(volume_name(book), size=16, color=ACCENT), align="center", space_after=1200)]
                if scope
                else []
            ),
            table(rows, [2000, 3400], align="center", borders=False),
            f"<w:p><w:pPr>{section}</w:pPr></w:p>",
        ]
    )


def balanced(title: str, size: float, width: float) -> str:
    """A title too wide for one line (``width`` pt at ``size`` pt), broken where its two lines
    are most alike: "Acme Customer / Service Center", not "Acme Customer Service / Center";
    between words, or in Chinese between any two characters."""
    if text_width(title, size, bold=True) * 1.1 <= width:
        return title
    spaces = [i for i, ch in enumerate(title) if ch == " "]
    gaps = [(i, i + 1) for i in spaces] or [(i, i) for i in range(1, len(title)) if title[i] not in _CLOSING]
    if not gaps:
        return title

    def unevenness(gap: tuple[int, int]) -> float:
        return abs(text_width(title[: gap[0]], size, True) - text_width(title[gap[1] :], size, True))

    cut, rest = min(gaps, key=unevenness)
    return f"{title[:cut]}\n{title[rest:]}"


_CLOSING = frozenset("，。、；：？！）》」』】")


def contents(book: Book) -> str:
    """The contents: a line per chapter and section, each a link to its heading and a PAGEREF
    field giving its page, in a content control Word knows as a table of contents.

    Page numbers need a laid-out page, which orgc does not make. Each PAGEREF field is marked
    dirty and the handbook's settings ask Word to update fields on opening (``update_fields``),
    so Word fills them in; LibreOffice computes a PAGEREF field outside a TOC field whenever it
    lays the document out, so its PDF export prints them too. (The result of a TOC field
    itself LibreOffice shows as stored: without page numbers, as orgc cannot know them.)
    """
    heading = (
        '<w:p><w:pPr><w:pStyle w:val="TOCHeading"/><w:outlineLvl w:val="9"/></w:pPr>'
        f"{Run(book.L('contents')).xml()}</w:p>"
    )
    lines = []
    for index, entry in enumerate(book.entries):
        run = Run(entry.text, bold=entry.level == 1)
        page = (
            '<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> PAGEREF {entry.anchor} \\h </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>#</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )
        link = f'<w:hyperlink w:anchor="{entry.anchor}" w:history="1">{run.xml()}{page}</w:hyperlink>'
        spacing = '<w:spacing w:before="120"/>' if entry.level == 1 and index else ""
        lines.append(f'<w:p><w:pPr><w:pStyle w:val="TOC{entry.level}"/>{spacing}</w:pPr>{link}</w:p>')
    return (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
        f"</w:docPartObj></w:sdtPr><w:sdtContent>{heading}{''.join(lines)}</w:sdtContent></w:sdt>"
    )


def page_footer(book: Book) -> str:
    """As on the JDs: the handbook and its edition on the left, "page x of n" on the right."""
    version = book.ctx.org.version or book.ctx.date_text
    left = book.L("handbook") + (f" · {book.L('version')} {version}" if version else "")
    return jd_page_footer(left, book.lang)


# -- org chart and job descriptions ----------------------------------------------------------------


def org_chart(book: Book) -> None:
    """The org chart; in a split handbook's volumes the top-level overview (``whole``) or the
    volume's own unit (``part``)."""
    ctx, lang, scope = book.ctx, book.lang, book.scope
    book.chapter(book.L("org_chart"))
    nodes = chart_nodes(ctx, lang)
    name = ctx.t(ctx.org.name, lang)
    if scope is not None and book.volumes is not None:
        if scope.unit is None:
            nodes = overview_nodes(nodes, book.volumes)
        else:
            nodes = unit_nodes(nodes, scope.roles)
            name = book.t(ctx.org.units[scope.unit].name)
    limit = CHART_PAGE_LIMIT if len(nodes) > FULL_JD_LIMIT else None
    book.add(
        book.pieces.piece(
            lambda: chart_word.chart_xml(nodes, name, lang, CONTENT_WIDTH, limit),
            "org-chart",
            lang,
            name,
            str(CONTENT_WIDTH),
            str(limit),
            nodes,
        )
    )
    if scope is not None and scope.unit is None and any(n.note for n in nodes):
        book.add(paragraph(Run(book.L("chart_legend_in_volume"), color=MUTED, size=8), space_after=0))


# Above this many roles the handbook lists the positions instead of printing every JD: at a few
# pages each, a group company's thousands of JDs would make a document no one can open or print.
FULL_JD_LIMIT = 300
# ...and draws this many org charts, the top of the organisation; org-chart.svg has all of it.
CHART_PAGE_LIMIT = 40


def job_descriptions(book: Book) -> None:
    """Every JD in org-chart order (in a volume, its roles'), each from a new page, its title a
    level-2 heading."""
    ctx = book.ctx
    roles = book.scope.roles if book.scope else ctx.graph.chart_order
    if not roles:
        return
    book.chapter(book.L("job_descriptions"))
    if book.scope is None and len(ctx.org.roles) > FULL_JD_LIMIT:
        position_index(book)
        return
    for number, role_id in enumerate(roles):
        book.heading(ctx.role_title(role_id, book.lang), 2, new_page=number > 0)
        if book.scope is None:  # at most FULL_JD_LIMIT, made now as quickly as taken
            book.add(jd_body(job_description(ctx, ctx.org.roles[role_id], book.lang), 3, title=False))
        else:
            book.add(_jd_piece(book, role_id))


def _jd_piece(book: Book, role_id: str) -> str | Packed:
    """A role's JD as a volume prints it, a piece kept by the content key of its JD file: as the
    build made it with that file (``MadeJd``), else the last build's when no change can reach
    the role, else made now (a volume may hold thousands)."""
    ctx, lang = book.ctx, book.lang
    role = ctx.org.roles[role_id]
    made = book.made.get(role_id)
    if made is not None and made.piece is not None:
        piece = made.piece
        return book.pieces.piece(lambda: piece, "jd", made.content, packed=True)
    keys = None if made else ctx.reuse.untouched(role_id, [jd_path(role_id, lang)])
    content = made.content if made else keys[0] if keys else None
    jd = None if content is not None else job_description(ctx, role, lang)
    if jd is not None:
        content = ctx.reuse.key(jd)

    def make() -> Packed:
        return packed_body(jd or job_description(ctx, role, lang), heading_level=3, title=False)

    return book.pieces.piece(make, "jd", content, packed=True)


def position_index(book: Book) -> None:
    """The positions of a large organisation, one line each, pointing to their JD files."""
    ctx, L, t = book.ctx, book.L, book.t
    org, graph = ctx.org, ctx.graph
    intro = L("jd_index_intro").format(count=len(org.roles), lang=book.lang)
    lines = []
    for role in graph.roles():
        unit = org.units.get(role.unit or "")
        lines.append(
            (
                t(role.title),
                role.id,
                t(unit.name) if unit else role.unit or "",
                ctx.role_title(role.reports_to, book.lang) if role.reports_to else L("top"),
                str(role.headcount),
            )
        )
    book.add(
        paragraph(intro),
        book.pieces.piece(partial(_index_table, book, lines), "index", book.lang, lines),
    )


def _index_table(book: Book, lines: list[tuple[str, str, str, str, str]]) -> str:
    header = [
        Cell.of(Run(book.L(key), bold=True)) for key in ("title", "code", "unit", "supervisor", "headcount")
    ]
    rows = [header]
    for *texts, headcount in lines:
        rows.append([*(Cell.of(text) for text in texts), Cell.of(headcount, align="right")])
    widths = [int(CONTENT_WIDTH * share) for share in (0.28, 0.2, 0.24, 0.2, 0.08)]
    return table(rows, widths, header_rows=1)
