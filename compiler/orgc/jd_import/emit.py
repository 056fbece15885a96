"""A role file and the KPI catalogue additions of a JD import, as readable YAML (roster/emit's quoting)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..i18n import Message
from ..roster.emit import scalar, text_lines
from .mapping import Draft, Unmapped


@dataclass
class RoleOut:
    """A JD's role with every reference resolved: what its file says."""

    draft: Draft
    id: str
    file: str
    unit: str
    reports_to: str | None = None
    dotted_to: str | None = None
    kpis: list[tuple[str, str, str | None]] = field(default_factory=list)  # (kpi id, target, weight)
    duty_kpis: list[list[str]] = field(default_factory=list)
    career: list[str] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)


@dataclass(frozen=True)
class NewKpi:
    id: str
    name: str
    unit: str
    direction: str
    period: str | None
    source: str
    role: str  # the role whose JD named it first


def _text(prefix: str, text: str, lang: str, default_lang: str, indent: str) -> list[str]:
    return text_lines(prefix, ((lang, text),), default_lang, indent)


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in text.split("\n")]


def role_yaml(role: RoleOut, lang: str, default_lang: str, said: str) -> str:
    d = role.draft
    lines = _comment(Message("jd.file-header", file=d.source, index=d.index).render(lang))
    lines.append(f"id: {role.id}")
    lines += _text("title:", d.title, lang, default_lang, "")
    lines.append(f"unit: {role.unit}")
    if role.reports_to:
        lines.append(f"reports_to: {role.reports_to}")
    if role.dotted_to:
        lines.append(f"dotted_to: [{role.dotted_to}]")
    if d.headcount is not None:
        lines.append(f"headcount: {d.headcount}")
    if d.grade:
        lines.append(f"grade: {scalar(d.grade)}")
    if d.family:
        lines.append(f"family: {d.family}")
    # A role without a purpose fails `orgc check` (E102): a placeholder that says so, listed as work left.
    purpose = "\n".join(d.purpose) or Message("jd.purpose-placeholder").render(lang)
    lines += _text("purpose:", purpose, lang, default_lang, "")
    if d.duties:
        lines.append("duties:")
        for number, duty in enumerate(d.duties, 1):
            lines.append(f"  - id: duty-{number}")
            lines += _text("title:", duty.title, lang, default_lang, "    ")
            lines += _list("tasks", duty.tasks, lang, default_lang, "    ")
            if duty.frequency:
                lines.append(f"    frequency: {duty.frequency}")
            lines += _list("deliverables", duty.deliverables, lang, default_lang, "    ")
            kpis = role.duty_kpis[number - 1] if number - 1 < len(role.duty_kpis) else []
            if kpis:
                lines.append(f"    kpis: [{', '.join(kpis)}]")
    if role.kpis:
        lines.append("kpis:")
        for kpi, target, weight in role.kpis:
            told = f"kpi: {kpi}, target: {scalar(target)}" + (f", weight: {scalar(weight)}" if weight else "")
            lines.append(f"  - {{{told}}}")
    lines += _qualifications(d, lang, default_lang)
    if d.authority:
        lines.append("authority:")
        for kind, scope, limit in d.authority:
            lines.append(f"  - type: {kind}")
            lines += _text("scope:", scope, lang, default_lang, "    ")
            if limit:
                lines += _text("limit:", limit, lang, default_lang, "    ")
    if role.career:
        lines.append(f"career: {{next: [{', '.join(role.career)}]}}")
    if d.environment:
        lines += _text("environment:", "\n".join(d.environment), lang, default_lang, "")
    if role.unmapped:
        lines.append("")
        lines.append("# " + Message("jd.unmapped-header").render(lang))
        for item in role.unmapped:
            lines += _comment(f"[{item.where}] {item.text}")
    return "\n".join(lines) + "\n"


def _qualifications(d: Draft, lang: str, default_lang: str) -> list[str]:
    lines: list[str] = []
    if d.education:
        for text in d.education_text:
            lines += _comment(Message("jd.written", text=text).render(lang), "  ")
        lines.append(f"  education: {d.education}")
    lines += _list("majors", d.majors, lang, default_lang, "  ")
    if d.experience_years is not None:
        lines.append("  experience:")
        lines.append(f"    years: {d.experience_years}")
        lines += _text("in:", d.experience_in, lang, default_lang, "    ")
    for name in ("certifications", "skills", "competencies"):
        lines += _list(name, getattr(d, name), lang, default_lang, "  ")
    return ["qualifications:", *lines] if lines else []


def _list(name: str, items: Sequence[str], lang: str, default_lang: str, indent: str) -> list[str]:
    if not items:
        return []
    lines = [f"{indent}{name}:"]
    for item in items:
        lines += _text("- ", item, lang, default_lang, indent + "  ")
    return lines


def kpis_yaml(kpis: Sequence[NewKpi], lang: str, default_lang: str) -> str:
    lines = _comment(Message("jd.kpis-header").render(lang))
    lines.append("kpis:")
    for kpi in kpis:
        lines.append(f"  - id: {kpi.id}")
        lines += _text("name:", kpi.name, lang, default_lang, "    ")
        lines.append(f"    unit: {scalar(kpi.unit)}")
        lines.append(f"    direction: {kpi.direction}")
        if kpi.period and kpi.period not in ("per-event", "ongoing"):
            lines.append(f"    period: {kpi.period}")
        if kpi.source:
            lines += _text("source:", kpi.source, lang, default_lang, "    ")
    return "\n".join(lines) + "\n"
