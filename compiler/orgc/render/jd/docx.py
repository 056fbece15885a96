"""``jd/<lang>/<role>.docx``: the job description (岗位说明书) as a Word document."""

from __future__ import annotations

from ...model.entities import Role
from ...writers.docx.deflate import Packed, pack
from ...writers.docx.package import CONTENT_WIDTH, DocxBase
from ...writers.docx.wml import LABEL_FILL, Cell, Run, paragraph, table
from ..context import OutputFile, RenderContext
from ..style import ACCENT, FAINT, MUTED, ROLE_FILL, docx_base, page_footer, page_header
from .model import JobDescription, Person, job_description, join_items


def render_role(ctx: RenderContext, role: Role, lang: str) -> OutputFile:
    return jd_file(ctx, job_description(ctx, role, lang))


def jd_file(ctx: RenderContext, jd: JobDescription, sections: Sections | None = None) -> OutputFile:
    return OutputFile(jd_path(jd.role_id, jd.lang), jd_document(ctx, docx_base(ctx), jd, sections))


def jd_path(role_id: str, lang: str) -> str:
    return f"jd/{lang}/{role_id}.docx"


# A JD's body is compressed at this zlib level, in its file and in its volume of the handbook. A
# large build makes them by the ten thousand, each twice: level 3 takes a third of the time of
# zlib's default (6) for a body a sixth larger (docs/performance.md, "Compression").
PACK_LEVEL = 3


def packed_body(
    jd: JobDescription, heading_level: int = 1, title: bool = True, sections: Sections | None = None
) -> Packed:
    """``jd_body`` compressed (``PACK_LEVEL``), as the JD file and the handbook take it."""
    return pack(jd_body(jd, heading_level, title, sections), PACK_LEVEL)


def jd_document(
    ctx: RenderContext, base: DocxBase, jd: JobDescription, sections: Sections | None = None
) -> bytes:
    return base.assemble(
        document=[packed_body(jd, sections=sections)],
        header=page_header(jd.org_name, jd.label("jd")),
        footer=page_footer(footer_text(jd), jd.lang),
        title=f"{jd.title} {jd.label('jd')}",
        lang=jd.lang,
        when=None,
    )


def footer_text(jd: JobDescription) -> str:
    """The title and position number, version and effective date: never the id."""
    return " · ".join(x for x in (f"{jd.title} {jd.code}".strip(), _edition(jd)) if x)


def _edition(jd: JobDescription) -> str:
    parts = []
    if jd.version:
        parts.append(f"{jd.label('version')} {jd.version}")
    if jd.effective:
        parts.append(f"{jd.label('jd.effective')}{_colon(jd.lang)}{jd.effective}")
    return " · ".join(parts)


def jd_body(
    jd: JobDescription, heading_level: int = 1, title: bool = True, sections: Sections | None = None
) -> str:
    """The JD's content with sections at ``heading_level``; the handbook nests it (3) under
    its own role heading and leaves out the title block and the sign-off (``title=False``).
    ``sections`` (``jd_sections``) made once serve both."""
    h1, h2 = f"Heading{heading_level}", f"Heading{heading_level + 1}"
    L = jd.label
    none = L("none")
    out: list[str] = []
    if title:
        out.append(paragraph(f"{jd.title}", style="Title", align="center"))
        parts = (jd.org_name, L("jd"), jd.code, _edition(jd))
        subtitle = " · ".join(_unbroken(x) for x in parts if x)
        out.append(paragraph(Run(subtitle, color=MUTED), align="center"))
    for key, sub, content in sections or jd_sections(jd):
        out.append(paragraph(L(key), style=h2 if sub else h1, keep_next=True))
        out.append(content)

    def section(key: str) -> None:
        out.append(paragraph(L(key), style=h1, keep_next=True))

    # the last section stays on the page of the sign-off: a signature alone on a page signs nothing
    signed = bool(jd.signoff and title)
    section("career")
    out.append(paragraph(join_items(jd.career, jd.lang) or none, keep_next=signed and not jd.environment))

    if jd.environment:
        section("environment")
        out.append(paragraph(jd.environment, keep_next=signed))

    if signed:
        section("jd.signoff")
        sign_rows = [[Cell.of(L(k)) for k in ("jd.party", "jd.name", "jd.signature", "jd.signed_on")]]
        sign_rows += [
            [Cell.of(Run(party, bold=True)), Cell.of(""), Cell.of(""), Cell.of("")] for party in jd.signoff
        ]
        signed = table(sign_rows, _widths(0.22, 0.26, 0.3, 0.22), header_rows=1, keep_together=True)
        out.append(signed.replace("<w:trPr><w:cantSplit/></w:trPr>", _TALL_ROW))
    return "".join(out)


Sections = tuple[tuple[str, bool, str], ...]


def jd_sections(jd: JobDescription) -> Sections:
    """The JD's sections up to its qualifications, which read the same in the JD and in the
    handbook: (label key, whether it is a subsection, its content)."""
    L = jd.label
    none = L("none")
    found: list[tuple[str, bool, list[str]]] = []

    def section(key: str, sub: bool = False) -> None:
        found.append((key, sub, []))

    def add(*xml: str) -> None:
        found[-1][2].extend(xml)

    section("basic")
    fields = list(jd.basics)
    rows = []
    for i in range(0, len(fields), 2):
        pair = fields[i : i + 2]
        row = []
        for f in pair:
            row += [Cell.of(Run(f.label, bold=True), shade=LABEL_FILL), Cell.of(f.value)]
        if len(pair) == 1:
            row[-1] = Cell.of(pair[0].value, span=3)
        rows.append(row)
    quarter = CONTENT_WIDTH // 4
    add(table(rows, [quarter - 400, quarter + 400, quarter - 400, quarter + 400], keep_together=True))

    section("position")
    add(position_chart(jd))

    section("purpose")
    add(paragraph(jd.purpose or none))

    section("duties")
    columns = [("duty", 0.5), ("frequency", 0.14)]
    if any(d.deliverables for d in jd.duties):
        columns.append(("deliverables", 0.19))
    if any(d.measures for d in jd.duties):
        columns.append(("measures", 0.19))
    keys = [key for key, _ in columns]
    duty_rows = [[Cell.of(L(k)) for k in keys]]
    for number, duty in enumerate(jd.duties, 1):
        # the title with its first task, then a row per task, looking like one row: a page may
        # end between tasks, never between a duty's title and its first task
        title: list[Run] = [Run(f"{number}. {duty.title}", bold=True)]
        row = [Cell((title, *duty.tasks[:1]), bullets_from=1), Cell.of(duty.frequency, align="center")]
        if "deliverables" in keys:
            row.append(_items(duty.deliverables))
        if "measures" in keys:
            row.append(_items(duty.measures))
        duty_rows.append(row)
        for task in duty.tasks[1:]:
            more = Cell((task,), bullets=True, ruled=False)
            duty_rows.append([more] + [Cell((), merged=True)] * (len(keys) - 1))
    fractions = [f for _, f in columns]
    fractions[0] += 1 - sum(fractions)
    add(table(duty_rows, _widths(*fractions), header_rows=1))

    for key, items in (("jd.accountabilities", jd.accountabilities), ("jd.challenges", jd.challenges)):
        if items:
            section(key)
            add(
                *(
                    paragraph(f"{n}. {item}", keep_next=n < len(items), space_after=60)
                    for n, item in enumerate(items, 1)
                )
            )

    if jd.steps:
        section("process_steps", sub=True)
        step_rows = [[Cell.of(L(k)) for k in ("process", "step", "raci", "step_parties", "sla")]]
        step_rows += [
            [
                Cell.of(s.process),
                Cell.of(s.step),
                Cell.of(Run(s.letters, bold=True, color=ACCENT), align="center"),
                Cell(s.parties),
                Cell.of(s.sla, align="center"),
            ]
            for s in jd.steps
        ]
        add(table(step_rows, _widths(0.22, 0.3, 0.08, 0.3, 0.1), header_rows=1))
        add(paragraph(Run(L("jd.legend"), color=MUTED, size=8.5)))

    section("kpis")
    if jd.kpis:
        kpi_rows = [[Cell.of(L(k)) for k in ("kpi", "target", "weight", "period", "source")]]
        kpi_rows += [
            [
                Cell.of(k.name),
                Cell.of(k.target, align="center"),
                Cell.of(k.weight, align="center"),
                Cell.of(k.period, align="center"),
                Cell.of(k.source),
            ]
            for k in jd.kpis
        ]
        add(table(kpi_rows, _widths(0.3, 0.16, 0.1, 0.12, 0.32), header_rows=1, keep_together=True))
    else:
        add(paragraph(none))

    section("authority")
    if jd.authority:
        limits = any(a.limit for a in jd.authority)
        auth_rows = [[Cell.of(L(k)) for k in ("authority_type", "scope", "jd.limit")[: 3 if limits else 2]]]
        auth_rows += [
            [Cell.of(a.type, align="center"), Cell.of(a.scope)] + ([Cell.of(a.limit)] if limits else [])
            for a in jd.authority
        ]
        widths = _widths(0.14, 0.56, 0.3) if limits else _widths(0.14, 0.86)
        add(table(auth_rows, widths, header_rows=1, keep_together=True))
    else:
        add(paragraph(none))

    section("relations")
    add(
        table(
            [
                [
                    Cell.of(Run(L("internal"), bold=True), shade=LABEL_FILL),
                    Cell.of(join_items(jd.internal, jd.lang) or none),
                ],
                [
                    Cell.of(Run(L("external"), bold=True), shade=LABEL_FILL),
                    Cell.of(join_items(jd.external, jd.lang) or none),
                ],
            ],
            _widths(0.18, 0.82),
            keep_together=True,
        )
    )

    section("qualifications")
    if jd.qualifications:
        add(
            table(
                [
                    [
                        Cell.of(Run(f.label, bold=True), shade=LABEL_FILL),
                        _items(f.items) if len(f.items) > 1 else Cell.of(f.value),
                    ]
                    for f in jd.qualifications
                ],
                _widths(0.18, 0.82),
                keep_together=True,
            )
        )
    else:
        add(paragraph(none))

    return tuple((key, sub, "".join(content)) for key, sub, content in found)


_TALL_ROW = '<w:trPr><w:cantSplit/><w:trHeight w:val="680" w:hRule="atLeast"/></w:trPr>'


def position_chart(jd: JobDescription) -> str:
    """Supervisor → this role → direct reports, drawn as bordered boxes (crisp at any zoom)."""
    box = 2600

    def boxes(people: tuple[Person, ...], fill: str | None = None, per_row: int = 3) -> str:
        tables = []
        for start in range(0, len(people), per_row):
            chunk = people[start : start + per_row]
            row = []
            for p in chunk:
                lines: tuple[Run, ...] = (Run(p.title, bold=True),)
                if p.id:  # a supervisor outside the organisation has no headcount here
                    lines += (Run(jd.label("jd.headcount").format(n=p.headcount), size=8, color=FAINT),)
                row.append(Cell(lines, shade=fill, align="center"))
            tables.append(table([row], [box] * len(row), align="center"))
        return paragraph("", space_after=0).join(tables)

    arrow = paragraph(Run("▼", color=FAINT, size=9), align="center", space_after=0, space_before=0)
    parts = []
    if jd.supervisor:
        parts += [boxes((jd.supervisor,)), arrow]
    parts.append(boxes((jd.role,), fill=ROLE_FILL))
    if jd.reports:
        parts += [arrow, boxes(jd.reports)]
    if jd.dotted:
        dotted = f"{jd.label('dotted')}{_colon(jd.lang)}" + join_items(
            tuple(p.title for p in jd.dotted), jd.lang
        )
        parts.append(paragraph(Run(dotted, color=MUTED, size=9), align="center"))
    return "".join(parts)


def _items(items: tuple[str, ...]) -> Cell:
    """A cell's items one to a line, bulleted where there are several (else they read as one)."""
    return Cell(items, bullets=len(items) > 1)


def _unbroken(text: str) -> str:
    """``text`` with no-break spaces: a line breaks between the subtitle's parts, never inside a
    date (``Effective: 1`` / ``January 2026``)."""
    return text.replace(" ", "\u00a0")


def _widths(*fractions: float) -> list[int]:
    widths = [int(CONTENT_WIDTH * f) for f in fractions]
    widths[-1] += CONTENT_WIDTH - sum(widths)
    return widths


def _colon(lang: str) -> str:
    return "：" if lang.startswith("zh") else ": "
