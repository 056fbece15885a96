"""``<lang>/policies/<id>.html`` and the list of policies: a policy as the handbook prints it —
its number, approver and dates, then chapters and articles numbered through the policy."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from ...i18n.documents import label, long_date
from ...model.entities import Policy
from ...writers.html import text
from ..context import OutputFile, RenderContext
from ..handbook.sections import numeral
from ..jd.punctuation import printed
from . import links, shell
from .files import page_file
from .unit_page import party_page

# a list number the text brings with it (1. / 1、 / (1) / （1）): the article number replaces it
_LIST_MARK = re.compile(r"^(?:\d+\s*[.、．)）]|[(（]\d+[)）])\s*")


def render(ctx: RenderContext) -> Iterator[OutputFile]:
    languages = shell.site_languages(ctx)
    for lang in ctx.languages:
        name = ctx.t(ctx.org.name, lang)
        listed = tuple((p.id, ctx.t(p.title, lang), p.number or "") for p in ctx.org.policies.values())
        page = links.policies(lang)
        yield page_file(
            ctx, page, ("list", lang, name, listed, languages), partial(_list_page, ctx, lang, listed)
        )
        for policy in ctx.org.policies.values():
            view = policy_view(ctx, policy, lang)
            page = links.policy(lang, policy.id)
            yield page_file(
                ctx,
                page,
                ("policy", lang, name, view, languages),
                partial(_policy_page, ctx, lang, page, view),
            )


def policy_view(ctx: RenderContext, policy: Policy, lang: str) -> tuple:
    org = ctx.org
    t = lambda value: printed(ctx.t(value, lang), lang)  # noqa: E731

    def linked(party: str) -> tuple[str, str]:
        unit = org.units.get(party)
        has_page = party in org.roles or (unit is not None and not unit.external and not unit.party)
        return ctx.party_name(party, lang), party_page(ctx, party, lang) if has_page else ""

    facts = (
        ("policy_number", ((policy.number or "", ""),)),
        ("approver", ((t(policy.approver), ""),)),
        ("owner", (linked(policy.owner),) if policy.owner else ()),
        ("applies_to", tuple(linked(p) for p in policy.applies_to)),
        ("effective", ((long_date(policy.effective, lang), ""),) if policy.effective else ()),
        ("review_by", ((long_date(policy.review_by, lang), ""),) if policy.review_by else ()),
        (
            "refers_to",
            tuple(
                (t(org.processes[p].title), links.process(lang, p))
                for p in policy.refers_to
                if p in org.processes
            ),
        ),
    )
    facts = tuple((key, items) for key, items in facts if any(shown for shown, _ in items))
    sections = tuple((t(s.title), t(s.body)) for s in policy.sections)
    return (policy.id, t(policy.title), facts, sections)


def _list_page(ctx: RenderContext, lang: str, listed: tuple[tuple[str, str, str], ...]) -> bytes:
    page = links.policies(lang)
    title = label("site.policies", lang)
    items = "".join(
        f'<li><a href="{text(links.href(page, links.policy(lang, pid)))}">{text(name)}</a>'
        f'<span class="id">{text(number or pid)}</span></li>'
        for pid, name, number in listed
    )
    main = f"<h1>{text(title)}</h1>\n" + (
        f'<ul class="index-list">{items}</ul>' if listed else f"<p>{text(label('none', lang))}</p>"
    )
    return shell.page(ctx, shell.Frame(lang, page, title, main, section="policies"))


def _policy_page(ctx: RenderContext, lang: str, page: str, view: tuple) -> bytes:
    _id, title, facts, sections = view
    L = lambda key: text(label(key, lang))  # noqa: E731
    to = lambda target: text(links.href(page, target))  # noqa: E731
    zh = lang.startswith("zh")
    sep, gap = ("、", "\u3000") if zh else (", ", "  ")
    out = [
        f'<nav class="breadcrumbs" aria-label="{L("site.policies")}"><ol><li><a href="{to(links.policies(lang))}">{L("site.policies")}</a></li></ol></nav>',
        f'<header class="doc-title"><h1>{text(title)}</h1></header>',
    ]
    if facts:
        out.append('<table class="fields"><tbody>')
        for key, items in facts:
            shown = text(sep).join(
                f'<a href="{to(target)}">{text(name)}</a>' if target else text(name) for name, target in items
            )
            out.append(f'<tr><th scope="row">{L(key)}</th><td>{shown}</td></tr>')
        out.append("</tbody></table>")
    article = 0
    for number, (heading, body) in enumerate(sections, 1):
        chapter = label("chapter_number", lang).format(n=numeral(number, lang))
        out.append(
            f'<section aria-labelledby="ch-{number}"><h2 id="ch-{number}">{text(chapter + gap + heading)}</h2>'
        )
        for line in body.split("\n"):
            if not line.strip():
                continue
            article += 1
            mark = label("article_number", lang).format(n=numeral(article, lang))
            clause = _LIST_MARK.sub("", line.strip(), count=1)
            out.append(
                f'<p class="article" id="article-{article}"><strong>{text(mark)}</strong>{text(gap + clause)}</p>'
            )
        out.append("</section>")
    return shell.page(ctx, shell.Frame(lang, page, title, "\n".join(out), section="policies"))
