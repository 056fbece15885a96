"""``<lang>/roles/<role-id>.html``: the job description, as the DOCX shows it, section by section.

Built from the same view model as the DOCX and Markdown (``jd.model.job_description``), so
the three cannot disagree; what the page adds is links: every role, unit, KPI and process
the JD names leads to its page. The names the view model holds are matched to ids through
``Mentions``, which the page's content key includes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ...model.entities import Role
from ...model.relative import split_row
from ...writers.html import text
from ..context import OutputFile, RenderContext
from ..jd.model import JobDescription, Person, join_items
from ..jd.punctuation import full_width
from . import links, shell


@dataclass(frozen=True)
class Mentions:
    """What a role's JD names, by the text it shows: text -> page (one language)."""

    roles: tuple[tuple[str, str], ...]  # a role's or unit's name -> its page
    kpis: tuple[tuple[str, str], ...]
    processes: tuple[tuple[str, str], ...]
    unit: str  # the role's unit's page, or ""

    def lookup(self) -> dict[str, dict[str, str]]:
        return {"party": dict(self.roles), "kpi": dict(self.kpis), "process": dict(self.processes)}


def mentions(ctx: RenderContext, role: Role, lang: str) -> Mentions:
    """The pages of the roles, units, KPIs and processes the role's JD names; a name that two of
    them share leads nowhere (the JD shows names, not ids)."""
    org, graph = ctx.org, ctx.graph
    parties: list[str] = []
    if role.reports_to in org.roles:
        parties.append(role.reports_to)  # type: ignore[arg-type]
        parties += graph.direct_reports(role.reports_to)  # type: ignore[arg-type]
    parties += graph.direct_reports(role.id)
    parties += [r for r in (*role.dotted_to, *role.career_next) if r in org.roles]
    letters = ctx.letters.get(role.id, {})
    kpi_ids = [target.kpi for target in role.kpis]
    process_ids = []
    for duty in org.duties_of(role):
        parties += (*duty.collaborates, *duty.consulted, *duty.informed, *duty.accountable)
        kpi_ids += duty.kpis
    for row in letters:
        for party in ctx.cells.get(row, {}):
            parties.append(party)
        process_id = split_row(row)[0].partition(".")[0]
        if process_id in org.processes:
            process_ids.append(process_id)
    escalation = org.escalation_of(role)
    if escalation:
        parties.append(escalation)
    if role.unit in org.units:
        parties.append(role.unit)  # type: ignore[arg-type]

    def page_of(party: str) -> str | None:
        if party in org.roles:
            return links.role(lang, party)
        unit = org.units.get(party)
        return links.unit(lang, party) if unit is not None and not unit.external and not unit.party else None

    named: dict[str, set[str]] = {}

    def name(shown: str, page: str | None) -> None:
        if page is None or not shown:
            return
        for form in {shown, full_width(shown)} if lang.startswith("zh") else {shown}:
            named.setdefault(form, set()).add(page)

    for party in dict.fromkeys(parties):
        name(ctx.party_name(party, lang), page_of(party))
    party_pages = _unique(named)
    named = {}
    for kpi_id in dict.fromkeys(kpi_ids):
        if kpi_id in org.kpis:
            name(ctx.t(org.kpis[kpi_id].name, lang), links.kpis(lang, kpi_id))
    kpi_pages = _unique(named)
    named = {}
    for process_id in dict.fromkeys(process_ids):
        name(ctx.t(org.processes[process_id].title, lang), links.process(lang, process_id))
    process_pages = _unique(named)
    unit = org.units.get(role.unit or "")
    unit_page = page_of(unit.id) if unit is not None else None
    return Mentions(party_pages, kpi_pages, process_pages, unit_page or "")


def _unique(named: dict[str, set[str]]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((shown, next(iter(pages))) for shown, pages in named.items() if len(pages) == 1))


def path_of(role_id: str, lang: str) -> str:
    """The role page's path in the output folder."""
    return links.output_path(links.role(lang, role_id))


def role_file(ctx: RenderContext, jd: JobDescription, found: Mentions) -> OutputFile:
    """The page of ``jd``, or the last build's where it shows the same."""
    path = path_of(jd.role_id, jd.lang)
    content = ctx.reuse.key("site", jd, found, shell.site_languages(ctx))
    if ctx.reuse.kept((path,), content):
        return OutputFile(path, b"", content, kept=True)
    return OutputFile(path, role_page(ctx, jd, found), content)


def role_page(ctx: RenderContext, jd: JobDescription, found: Mentions) -> bytes:
    page = links.role(jd.lang, jd.role_id)
    main = _Body(jd, page, found).html()
    return shell.page(ctx, shell.Frame(jd.lang, page, jd.title, main, body_class="jd"))


_STEP_PARTY = re.compile(r"(.*?)(（|\s\()([ARCI/]+)(）|\))")


class _Body:
    def __init__(self, jd: JobDescription, page: str, found: Mentions) -> None:
        self.jd = jd
        self.page = page
        self.pages = found.lookup()
        self.unit_page = found.unit
        self.none = text(jd.label("none"))
        self.out: list[str] = []

    def link(self, shown: str, kind: str = "party") -> str:
        target = self.pages[kind].get(shown)
        if target is None:
            return text(shown)
        return f'<a href="{text(links.href(self.page, target))}">{text(shown)}</a>'

    def person(self, person: Person) -> str:
        if not person.id:
            return text(person.title)
        return f'<a href="{text(links.href(self.page, links.role(self.jd.lang, person.id)))}">{text(person.title)}</a>'

    def joined(self, items: Iterable[str]) -> str:
        """Items joined as the JD joins them, each a link where it names a page."""
        items = tuple(items)
        separator = join_items(("a", "b"), self.jd.lang)[1:-1] if items else ""
        if not self.jd.lang.startswith("zh") and any("," in i for i in items):
            separator = "; "
        elif self.jd.lang.startswith("zh") and any("、" in i or "，" in i for i in items):
            separator = "；"
        return text(separator).join(self.link(item) for item in items)

    def section(self, key: str, anchor: str) -> None:
        self.out.append(
            f'<section id="{anchor}" aria-labelledby="{anchor}-h"><h2 id="{anchor}-h">{text(self.jd.label(key))}</h2>'
        )

    def end(self) -> None:
        self.out.append("</section>")

    def html(self) -> str:
        jd, L, out = self.jd, self.jd.label, self.out
        edition = [jd.org_name, L("jd")]
        if jd.code:
            edition.append(jd.code)
        if jd.version:
            edition.append(f"{L('version')} {jd.version}")
        if jd.effective:
            edition.append(f"{L('jd.effective')}{jd.colon}{jd.effective}")
        out.append(f'<header class="doc-title"><h1>{text(jd.title)}</h1>')
        out.append(f'<p class="edition">{" · ".join(text(e) for e in edition)}</p></header>')
        self.basics()
        self.position()
        self.section("purpose", "purpose")
        out.append(f"<p>{text(jd.purpose) if jd.purpose else self.none}</p>")
        self.end()
        self.duties()
        for key, anchor, items in (
            ("jd.accountabilities", "accountabilities", jd.accountabilities),
            ("jd.challenges", "challenges", jd.challenges),
        ):
            if items:
                self.section(key, anchor)
                out.append("<ol>" + "".join(f"<li>{text(i)}</li>" for i in items) + "</ol>")
                self.end()
        self.steps()
        self.kpis()
        self.authority()
        self.section("relations", "relations")
        out.append('<table class="fields"><tbody>')
        for key, items in (("internal", jd.internal), ("external", jd.external)):
            out.append(
                f'<tr><th scope="row">{text(L(key))}</th><td>{self.joined(items) or self.none}</td></tr>'
            )
        out.append("</tbody></table>")
        self.end()
        self.section("qualifications", "qualifications")
        if jd.qualifications:
            out.append('<table class="fields"><tbody>')
            out += (
                f'<tr><th scope="row">{text(f.label)}</th><td>{text(f.value)}</td></tr>'
                for f in jd.qualifications
            )
            out.append("</tbody></table>")
        else:
            out.append(f"<p>{self.none}</p>")
        self.end()
        self.section("career", "career")
        out.append(f"<p>{self.joined(jd.career) or self.none}</p>")
        self.end()
        if jd.environment:
            self.section("environment", "environment")
            out.append(f"<p>{text(jd.environment)}</p>")
            self.end()
        if jd.signoff:
            self.section("jd.signoff", "signoff")
            head = "".join(
                f'<th scope="col">{text(L(k))}</th>'
                for k in ("jd.party", "jd.name", "jd.signature", "jd.signed_on")
            )
            rows = "".join(
                f'<tr><th scope="row">{text(p)}</th><td></td><td></td><td></td></tr>' for p in jd.signoff
            )
            out.append(f'<table class="signoff"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')
            self.end()
        return "\n".join(out)

    def basics(self) -> None:
        jd, L = self.jd, self.jd.label
        linked = {
            L("unit"): lambda value: (
                f'<a href="{text(links.href(self.page, self.unit_page))}">{text(value)}</a>'
                if self.unit_page
                else text(value)
            ),
            L("supervisor"): lambda value: self.person(jd.supervisor) if jd.supervisor else text(value),
            L("reports"): lambda value: self.joined(p.title for p in jd.reports) or text(value),
            L("dotted"): lambda value: self.joined(p.title for p in jd.dotted) or text(value),
        }
        self.section("basic", "basic")
        # two fields a row, as the DOCX: label, value, label, value
        self.out.append('<table class="fields basics"><tbody>')
        fields = list(jd.basics)
        for i in range(0, len(fields), 2):
            cells = []
            for field in fields[i : i + 2]:
                shown = linked.get(field.label, text)(field.value)
                cells.append(f'<th scope="row">{text(field.label)}</th><td>{shown}</td>')
            if len(cells) == 1:
                cells[0] = cells[0].replace("<td>", '<td colspan="3">', 1)
            self.out.append(f"<tr>{''.join(cells)}</tr>")
        self.out.append("</tbody></table>")
        self.end()

    def position(self) -> None:
        jd = self.jd
        self.section("position", "position")
        count = lambda p: text(jd.label("jd.headcount").format(n=p.headcount))  # noqa: E731

        def box(person: Person, own: bool = False) -> str:
            badge = f'<span class="count">{count(person)}</span>' if person.id else ""
            name = f"<strong>{text(person.title)}</strong>" if own else self.person(person)
            return f'<li class="box{" own" if own else ""}">{name}{badge}</li>'

        rows = []
        if jd.supervisor:
            rows.append(f'<ol class="level">{box(jd.supervisor)}</ol>')
        rows.append(f'<ol class="level">{box(jd.role, own=True)}</ol>')
        if jd.reports:
            rows.append('<ol class="level">' + "".join(box(p) for p in jd.reports) + "</ol>")
        self.out.append(
            '<div class="position">' + '<p class="arrow" aria-hidden="true">▼</p>'.join(rows) + "</div>"
        )
        if jd.dotted:
            self.out.append(
                f'<p class="note">{text(jd.label("dotted"))}{text(jd.colon)}{self.joined(p.title for p in jd.dotted)}</p>'
            )
        self.end()

    def duties(self) -> None:
        """As the DOCX: one row a duty — its title and tasks, frequency, and where any duty has
        them, deliverables and measures."""
        jd, L, out = self.jd, self.jd.label, self.out
        self.section("duties", "duties")
        if not jd.duties:
            out.append(f"<p>{self.none}</p>")
            self.end()
            return
        keys = ["duty", "frequency"]
        if any(d.deliverables for d in jd.duties):
            keys.append("deliverables")
        if any(d.measures for d in jd.duties):
            keys.append("measures")
        head = "".join(f'<th scope="col" class="col-{k}">{text(L(k))}</th>' for k in keys)
        rows = []
        for number, duty in enumerate(jd.duties, 1):
            tasks = (
                "<ul>" + "".join(f"<li>{text(t)}</li>" for t in duty.tasks) + "</ul>" if duty.tasks else ""
            )
            cells = [
                f'<th scope="row" id="duty-{number}"><span class="duty-title">{number}. {text(duty.title)}</span>{tasks}</th>',
                f'<td class="frequency">{text(duty.frequency)}</td>',
            ]
            if "deliverables" in keys:
                cells.append("<td>" + "<br>".join(text(d) for d in duty.deliverables) + "</td>")
            if "measures" in keys:
                cells.append("<td>" + "<br>".join(self.link(m, "kpi") for m in duty.measures) + "</td>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        out.append(
            f'<div class="table-wrap"><table class="duties"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )
        self.end()

    def steps(self) -> None:
        jd, L = self.jd, self.jd.label
        if not jd.steps:
            return
        self.out.append(
            f'<section id="steps" aria-labelledby="steps-h"><h3 id="steps-h">{text(L("process_steps"))}</h3>'
        )
        head = "".join(
            f'<th scope="col">{text(L(k))}</th>' for k in ("process", "step", "raci", "step_parties", "sla")
        )
        rows = []
        for s in jd.steps:
            parties = text(jd.join(("", ""))).join(self._party(p) for p in s.parties)
            rows.append(
                f"<tr><td>{self.link(s.process, 'process')}</td><td>{text(s.step)}</td>"
                f'<td class="letters">{text(s.letters)}</td><td>{parties}</td><td class="sla">{text(s.sla)}</td></tr>'
            )
        self.out.append(
            f'<div class="table-wrap"><table class="steps"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        )
        self.out.append(f'<p class="note">{text(L("jd.legend"))}</p>')
        self.end()

    def _party(self, shown: str) -> str:
        match = _STEP_PARTY.fullmatch(shown)
        if match is None:
            return self.link(shown)
        return self.link(match[1]) + text(shown[len(match[1]) :])

    def kpis(self) -> None:
        jd, L = self.jd, self.jd.label
        self.section("kpis", "kpis")
        if jd.kpis:
            head = "".join(
                f'<th scope="col">{text(L(k))}</th>' for k in ("kpi", "target", "weight", "period", "source")
            )
            rows = "".join(
                f"<tr><td>{self.link(k.name, 'kpi')}</td><td>{text(k.target)}</td><td>{text(k.weight)}</td>"
                f"<td>{text(k.period)}</td><td>{text(k.source)}</td></tr>"
                for k in jd.kpis
            )
            self.out.append(
                f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
            )
        else:
            self.out.append(f"<p>{self.none}</p>")
        self.end()

    def authority(self) -> None:
        jd, L = self.jd, self.jd.label
        self.section("authority", "authority")
        if jd.authority:
            limits = any(a.limit for a in jd.authority)
            keys = ("authority_type", "scope", "jd.limit")[: 3 if limits else 2]
            head = "".join(f'<th scope="col">{text(L(k))}</th>' for k in keys)
            rows = "".join(
                f"<tr><td>{text(a.type)}</td><td>{text(a.scope)}</td>"
                + (f"<td>{text(a.limit)}</td>" if limits else "")
                + "</tr>"
                for a in jd.authority
            )
            self.out.append(
                f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
            )
        else:
            self.out.append(f"<p>{self.none}</p>")
        self.end()
