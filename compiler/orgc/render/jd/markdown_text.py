"""The built-in ``jd.md.j2`` written out in Python: the same text, byte for byte, without Jinja.

templates/jd.md.j2 is the reference: this module follows it section by section, each step
marked with the lines of the template it writes, and tests/render/test_jd_markdown_text.py
renders every kind of job description both ways and compares the bytes. A change to the
template is a change here too. A project's own ``jd.md.j2`` is always rendered by Jinja.
"""

from __future__ import annotations

from functools import cache, lru_cache

from ...i18n.documents import label as document_label
from ...writers import escape
from .model import JobDescription

# Most texts of a JD are not its own: the names of its colleagues, units, KPIs and process steps
# come back in the JDs of the whole team. Remembering the last few thousand escapes saves
# about a third of the time; labels are the same for every JD of a language.
md = lru_cache(maxsize=8192)(escape.markdown)
_label = cache(document_label)


def render(jd: JobDescription) -> str:
    """What ``templates/jd.md.j2`` renders for ``jd`` (before the caller trims the end)."""
    lang, join, colon = jd.lang, jd.join, jd.colon

    def label(key: str) -> str:
        return _label(key, lang)

    none = label("none")
    out: list[str] = []
    write = out.append

    # 1-11: the title, the line of organisation, position number, version and effective date
    head = md(jd.org_name)
    if jd.code:
        head += f" · {md(jd.code)}"
    if jd.version:
        head += f" · {label('version')} {md(jd.version)}"
    if jd.effective:
        head += f" · {label('jd.effective')}{colon}{jd.effective}"
    write(f"# {md(jd.title)} — {label('jd')}\n\n{head}\n\n## {label('basic')}\n\n| | |\n|---|---|\n")
    # 12-14
    for f in jd.basics:
        write(f"| {f.label} | {md(f.value)} |\n")

    # 15-33: the position, under its supervisor (in or outside the organisation) or at the top
    write(f"\n## {label('position')}\n\n")
    role = f"**{md(jd.role.title)}** ×{jd.role.headcount}"
    if jd.supervisor:
        write(f"- {md(jd.supervisor.title)}\n  - {role}\n")
        indent = "    "
    else:
        write(f"- {role}\n")
        indent = "  "
    for p in jd.reports:
        write(f"{indent}- {md(p.title)} ×{p.headcount}\n")
    if jd.dotted:
        write(f"\n{label('dotted')}{colon}{join(md(p.title) for p in jd.dotted)}\n")

    # 34-40
    write(f"\n## {label('purpose')}\n\n{md(jd.purpose)}\n\n## {label('duties')}\n\n")
    # 41-60: each duty, its tasks and the lines under them
    for number, d in enumerate(jd.duties, 1):
        write(f"### {number}. {md(d.title)}\n\n")
        for task in d.tasks:
            write(f"- {md(task)}\n")
        if d.tasks:
            write("\n")
        if d.frequency:
            write(f"{label('frequency')}{colon}{d.frequency}\n")
        if d.deliverables:
            write(f"{label('deliverables')}{colon}{join(md(x) for x in d.deliverables)}\n")
        if d.measures:
            write(f"{label('measures')}{colon}{join(md(x) for x in d.measures)}\n")
        write("\n")

    # 61-68: 责任 and 工作难点, each only when the role has some
    for key, items in (("jd.accountabilities", jd.accountabilities), ("jd.challenges", jd.challenges)):
        if items:
            write(f"## {label(key)}\n\n")
            for number, item in enumerate(items, 1):
                write(f"{number}. {md(item)}\n")
            write("\n")

    # 69-80: the process steps the role is Responsible or Accountable for
    if jd.steps:
        write(
            f"### {label('process_steps')}\n\n"
            f"| {label('process')} | {label('step')} | {label('raci')} | {label('step_parties')} | {label('sla')} |\n"
            "|---|---|---|---|---|\n"
        )
        for s in jd.steps:
            parties = join(md(x) for x in s.parties)
            write(f"| {md(s.process)} | {md(s.step)} | {s.letters} | {parties} | {s.sla} |\n")
        write(f"\n{label('jd.legend')}\n\n")

    # 81-91
    write(f"## {label('kpis')}\n\n")
    if jd.kpis:
        write(
            f"| {label('kpi')} | {label('target')} | {label('weight')} | {label('period')} | {label('source')} |\n"
            "|---|---|---|---|---|\n"
        )
        for k in jd.kpis:
            write(f"| {md(k.name)} | {md(k.target)} | {k.weight} | {k.period} | {md(k.source)} |\n")
    else:
        write(f"{none}\n")

    # 92-103
    write(f"\n## {label('authority')}\n\n")
    if jd.authority:
        write(f"| {label('authority_type')} | {label('scope')} | {label('jd.limit')} |\n|---|---|---|\n")
        for a in jd.authority:
            write(f"| {a.type} | {md(a.scope)} | {md(a.limit)} |\n")
    else:
        write(f"{none}\n")

    # 104-120
    internal = join(md(x) for x in jd.internal) or none
    external = join(md(x) for x in jd.external) or none
    write(
        f"\n## {label('relations')}\n\n"
        f"- {label('internal')}{colon}{internal}\n"
        f"- {label('external')}{colon}{external}\n\n"
        f"## {label('qualifications')}\n\n"
    )
    if jd.qualifications:
        write("| | |\n|---|---|\n")
        for f in jd.qualifications:
            write(f"| {f.label} | {md(f.value)} |\n")
    else:
        write(f"{none}\n")

    # 121-140
    write(f"\n## {label('career')}\n\n{join(md(x) for x in jd.career) or none}\n")
    if jd.environment:
        write(f"\n## {label('environment')}\n\n{md(jd.environment)}\n")
    if jd.signoff:
        write(
            f"\n## {label('jd.signoff')}\n\n"
            f"| {label('jd.party')} | {label('jd.name')} | {label('jd.signature')} | {label('jd.signed_on')} |\n"
            "|---|---|---|---|\n"
        )
        for party in jd.signoff:
            write(f"| {md(party)} | | | |\n")
    return "".join(out)
