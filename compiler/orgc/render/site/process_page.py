"""``<lang>/processes/<id>.html`` and the list of processes: each step with its RACI, SLA and next steps.

As the handbook shows a process: a relative party (``@supervisor``) is named as written
(直接上级), since the process holds for every Responsible role; every role and unit is a link.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial

from ...i18n.documents import duration, label
from ...model.entities import Process
from ...model.relative import TOKENS
from ...writers.html import text
from ..context import OutputFile, RenderContext
from ..jd.punctuation import printed
from . import links, shell
from .files import page_file
from .unit_page import party_page


def render(ctx: RenderContext) -> Iterator[OutputFile]:
    languages = shell.site_languages(ctx)
    for lang in ctx.languages:
        listed = tuple((p.id, ctx.t(p.title, lang)) for p in ctx.org.processes.values())
        yield page_file(
            ctx,
            links.processes(lang),
            ("list", lang, listed, languages),
            partial(_list_page, ctx, lang, listed),
        )
        for process in ctx.org.processes.values():
            view = process_view(ctx, process, lang)
            page = links.process(lang, process.id)
            yield page_file(
                ctx, page, ("process", lang, view, languages), partial(_process_page, ctx, lang, page, view)
            )


Party = tuple[str, str, str]  # (id or "", shown name, page or "")
StepLine = tuple[str, str, str, tuple[tuple[Party, ...], ...], str, tuple[tuple[str, str], ...]]
# (id, title, description, (R, A, C, I), SLA, next: (step id or "", shown))


def process_view(ctx: RenderContext, process: Process, lang: str) -> tuple:
    org = ctx.org
    t = lambda value: printed(ctx.t(value, lang), lang)  # noqa: E731

    def parties(ids: Sequence[str]) -> tuple[Party, ...]:
        found = []
        for p in ids:
            if p in TOKENS:
                found.append(("", label(f"relative.{p}", lang), ""))
            else:
                unit = org.units.get(p)
                linked = p in org.roles or (unit is not None and not unit.external and not unit.party)
                found.append((p, ctx.party_name(p, lang), party_page(ctx, p, lang) if linked else ""))
        return tuple(found)

    number = {s.id: i for i, s in enumerate(process.steps, 1)}
    steps = tuple(
        (
            step.id,
            t(step.title),
            t(step.description),
            tuple(
                parties(ids)
                for ids in (step.responsible, process.accountable_for(step), step.consulted, step.informed)
            ),
            duration(step.sla, lang) if step.sla else "",
            tuple(
                (n, f"{number[n]}. {t(process.steps[number[n] - 1].title)}") if n in number else ("", n)
                for n in sorted(step.next, key=lambda n: number.get(n, len(number) + 1))
            ),
        )
        for step in process.steps
    )
    owner = (process.owner, ctx.role_title(process.owner, lang)) if process.owner in org.roles else None
    policies = tuple((p.id, t(p.title)) for p in org.policies.values() if process.id in p.refers_to)
    return (process.id, t(process.title), t(process.description), owner, steps, policies)


def _list_page(ctx: RenderContext, lang: str, listed: tuple[tuple[str, str], ...]) -> bytes:
    page = links.processes(lang)
    title = label("site.processes", lang)
    items = "".join(
        f'<li><a href="{text(links.href(page, links.process(lang, pid)))}">{text(name)}</a>'
        f'<span class="id">{text(pid)}</span></li>'
        for pid, name in listed
    )
    main = (
        f'<h1>{text(title)}</h1>\n<ul class="index-list">{items}</ul>'
        if listed
        else f"<h1>{text(title)}</h1><p>{text(label('none', lang))}</p>"
    )
    return shell.page(ctx, shell.Frame(lang, page, title, main, section="processes"))


def _process_page(ctx: RenderContext, lang: str, page: str, view: tuple) -> bytes:
    process_id, title, description, owner, steps, policies = view
    L = lambda key: text(label(key, lang))  # noqa: E731
    to = lambda target: text(links.href(page, target))  # noqa: E731
    colon = "：" if lang.startswith("zh") else ": "
    sep = "、" if lang.startswith("zh") else ", "

    def names(parties: tuple[Party, ...]) -> str:
        shown = [
            f'<a href="{to(target)}">{text(name)}</a>' if target else text(name)
            for _, name, target in parties
        ]
        return text(sep).join(shown)

    out = [
        f'<nav class="breadcrumbs" aria-label="{L("site.processes")}"><ol><li><a href="{to(links.processes(lang))}">{L("site.processes")}</a></li></ol></nav>',
        f"<h1>{text(title)}</h1>",
        f'<p class="note">{text(process_id)}</p>',
    ]
    if owner:
        out.append(
            f'<p>{L("owner")}{text(colon)}<a href="{to(links.role(lang, owner[0]))}">{text(owner[1])}</a></p>'
        )
    if description:
        out.append(f'<p class="lead">{text(description)}</p>')
    head = "".join(
        f'<th scope="col">{x}</th>'
        for x in (
            L("step"),
            L("responsible"),
            L("accountable"),
            L("consulted"),
            L("informed"),
            L("sla"),
            L("next"),
        )
    )
    rows = []
    for number, (step_id, step_title, note, raci, sla, following) in enumerate(steps, 1):
        first = f"{number}. {text(step_title)}" + (
            f'<span class="step-note">{text(note)}</span>' if note else ""
        )
        nexts = text(sep).join(
            f'<a href="{to(links.process(lang, process_id, n))}">{text(shown)}</a>' if n else text(shown)
            for n, shown in following
        )
        rows.append(
            f'<tr id="step-{text(step_id)}"><th scope="row">{first}</th>'
            + "".join(f"<td>{names(parties)}</td>" for parties in raci)
            + f'<td class="sla">{text(sla)}</td><td>{nexts}</td></tr>'
        )
    out.append(f'<section aria-labelledby="steps-h"><h2 id="steps-h">{L("site.steps")}</h2>')
    out.append(
        f'<div class="table-wrap"><table class="process"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )
    out.append(f'<p class="note">{L("jd.legend")}</p></section>')
    if policies:
        out.append(f'<section aria-labelledby="policies-h"><h2 id="policies-h">{L("policies")}</h2><ul>')
        out += (
            f'<li><a href="{to(links.policy(lang, pid))}">{text(name)}</a></li>' for pid, name in policies
        )
        out.append("</ul></section>")
    return shell.page(ctx, shell.Frame(lang, page, title, "\n".join(out), section="processes"))
