"""``jd/<lang>/<role>.docx``: the job description (岗位说明书) as a Word document."""

from __future__ import annotations

from ...model.entities import Role
from ...writers.docx.package import CONTENT_WIDTH, DocxBase
from ...writers.docx.wml import LABEL_FILL, Cell, Run, paragraph, table
from ..context import OutputFile, RenderContext
from ..style import ACCENT, FAINT, MUTED, ROLE_FILL, docx_base, page_footer, page_header
from .model import JobDescription, Person, job_description


def render_role(ctx: RenderContext, role: Role, lang: str) -> OutputFile:
    return jd_file(ctx, job_description(ctx, role, lang))


def jd_file(ctx: RenderContext, jd: JobDescription) -> OutputFile:
    return OutputFile(jd_path(jd.role_id, jd.lang), jd_document(ctx, docx_base(ctx), jd))


def jd_path(role_id: str, lang: str) -> str:
    return f"jd/{lang}/{role_id}.docx"


def jd_document(ctx: RenderContext, base: DocxBase, jd: JobDescription) -> bytes:
    return base.assemble(
        document=jd_body(jd),
        header=page_header(jd.org_name, jd.label("jd")),
        footer=page_footer(
            jd.role_id + (f" · {jd.label('version')} {jd.version}" if jd.version else ""), jd.lang
        ),
        title=f"{jd.title} {jd.label('jd')}",
        lang=jd.lang,
        when=None,
    )


def jd_body(jd: JobDescription, heading_level: int = 1, title: bool = True) -> str:
    """The JD's content with sections at ``heading_level``; the handbook nests it (3) under
    its own role heading and leaves out the title block (``title=False``)."""
    h1, h2 = f"Heading{heading_level}", f"Heading{heading_level + 1}"
    L = jd.label
    none = L("none")
    out: list[str] = []
    if title:
        out.append(paragraph(f"{jd.title}", style="Title", align="center"))
        subtitle = f"{jd.org_name} · {L('jd')}" + (f" · {L('version')} {jd.version}" if jd.version else "")
        out.append(paragraph(Run(subtitle, color=MUTED), style="Subtitle", align="center"))

    def section(key: str) -> None:
        out.append(paragraph(L(key), style=h1, keep_next=True))

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
    out.append(table(rows, [quarter - 400, quarter + 400, quarter - 400, quarter + 400]))

    section("position")
    out.append(position_chart(jd))

    section("purpose")
    out.append(paragraph(jd.purpose or none))

    section("duties")
    header = [Cell.of(L(k)) for k in ("duty", "frequency", "deliverables", "measures", "raci")]
    duty_rows = [header]
    for number, duty in enumerate(jd.duties, 1):
        lines: list[str | Run | list[Run]] = [[Run(f"{number}. {duty.title}", bold=True)]]
        lines += [f"• {task}" for task in duty.tasks]
        if duty.shared_from:
            lines.append(Run(f"{L('from_block')}: {duty.shared_from}", italic=True, color=FAINT))
        duty_rows.append(
            [
                Cell(tuple(lines)),
                Cell.of(duty.frequency or "—", align="center"),
                Cell(tuple(duty.deliverables) or ("—",)),
                Cell(tuple(duty.measures) or ("—",)),
                Cell.of(Run(duty.letters, bold=True, color=ACCENT), align="center"),
            ]
        )
    out.append(table(duty_rows, _widths(0.44, 0.12, 0.18, 0.18, 0.08), header_rows=1))

    if jd.steps:
        out.append(paragraph(L("process_steps"), style=h2, keep_next=True))
        step_rows = [[Cell.of(L(k)) for k in ("process", "step", "raci", "step_parties", "sla")]]
        step_rows += [
            [
                Cell.of(s.process),
                Cell.of(s.step),
                Cell.of(Run(s.letters, bold=True, color=ACCENT), align="center"),
                Cell(s.parties or ("—",)),
                Cell.of(s.sla or "—", align="center"),
            ]
            for s in jd.steps
        ]
        out.append(table(step_rows, _widths(0.22, 0.3, 0.08, 0.3, 0.1), header_rows=1))

    section("kpis")
    if jd.kpis:
        kpi_rows = [[Cell.of(L(k)) for k in ("kpi", "target", "weight", "period", "source")]]
        kpi_rows += [
            [
                Cell.of(k.name),
                Cell.of(k.target, align="center"),
                Cell.of(k.weight or "—", align="center"),
                Cell.of(k.period or "—", align="center"),
                Cell.of(k.source or "—"),
            ]
            for k in jd.kpis
        ]
        out.append(table(kpi_rows, _widths(0.3, 0.16, 0.1, 0.12, 0.32), header_rows=1))
    else:
        out.append(paragraph(none))

    section("authority")
    if jd.authority:
        auth_rows = [[Cell.of(L(k)) for k in ("authority_type", "scope", "limit")]]
        auth_rows += [
            [Cell.of(a.type, align="center"), Cell.of(a.scope), Cell.of(a.limit or "—")] for a in jd.authority
        ]
        out.append(table(auth_rows, _widths(0.14, 0.56, 0.3), header_rows=1))
    else:
        out.append(paragraph(none))

    section("relations")
    out.append(
        table(
            [
                [
                    Cell.of(Run(L("internal"), bold=True), shade=LABEL_FILL),
                    Cell.of(_join(jd.internal, jd.lang) or none),
                ],
                [
                    Cell.of(Run(L("external"), bold=True), shade=LABEL_FILL),
                    Cell.of(_join(jd.external, jd.lang) or none),
                ],
            ],
            _widths(0.18, 0.82),
        )
    )

    section("qualifications")
    if jd.qualifications:
        out.append(
            table(
                [
                    [Cell.of(Run(f.label, bold=True), shade=LABEL_FILL), Cell.of(f.value)]
                    for f in jd.qualifications
                ],
                _widths(0.18, 0.82),
            )
        )
    else:
        out.append(paragraph(none))

    section("career")
    out.append(paragraph(_join(jd.career, jd.lang) or none))

    section("environment")
    out.append(paragraph(jd.environment or none))

    if jd.waivers:
        section("waivers")
        waiver_rows = [[Cell.of(""), Cell.of(L("reason"))]]
        waiver_rows += [[Cell.of(w.code, align="center"), Cell.of(w.reason)] for w in jd.waivers]
        out.append(table(waiver_rows, _widths(0.16, 0.84), header_rows=1))
    return "".join(out)


def position_chart(jd: JobDescription) -> str:
    """Supervisor → this role → direct reports, drawn as bordered boxes (crisp at any zoom)."""
    box = 2600

    def boxes(people: tuple[Person, ...], fill: str | None = None, per_row: int = 3) -> str:
        tables = []
        for start in range(0, len(people), per_row):
            chunk = people[start : start + per_row]
            row = [
                Cell(
                    (Run(p.title, bold=True), Run(f"{p.id} · ×{p.headcount}", size=8, color=FAINT)),
                    shade=fill,
                    align="center",
                )
                for p in chunk
            ]
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
        label = f"{jd.label('dotted')}: " + _join(tuple(p.title for p in jd.dotted), jd.lang)
        parts.append(paragraph(Run(label, italic=True, color=MUTED, size=9), align="center"))
    return "".join(parts)


def _widths(*fractions: float) -> list[int]:
    widths = [int(CONTENT_WIDTH * f) for f in fractions]
    widths[-1] += CONTENT_WIDTH - sum(widths)
    return widths


def _join(items: tuple[str, ...], lang: str) -> str:
    return ("、" if lang.startswith("zh") else ", ").join(items)
