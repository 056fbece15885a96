"""What an id names, shown on hover: titles in every language and the facts that place it."""

from __future__ import annotations

from ..i18n import Message
from ..i18n.documents import value
from ..model.entities import Org, Text
from .symbols import BLOCK, KPI, POLICY, PROCESS, ROLE, STEP, UNIT, Symbol

_LABELS = {
    "unit": Message("lsp.hover.unit"),
    "reports_to": Message("lsp.hover.reports_to"),
    "headcount": Message("lsp.hover.headcount"),
    "measure": Message("lsp.hover.measure"),
    "direction": Message("lsp.hover.direction"),
    "period": Message("lsp.hover.period"),
    "parent": Message("lsp.hover.parent"),
    "head": Message("lsp.hover.head"),
    "owner": Message("lsp.hover.owner"),
}
_KINDS = {
    ROLE: Message("kind.role"),
    UNIT: Message("kind.unit"),
    KPI: Message("kind.kpi"),
    BLOCK: Message("kind.block"),
    PROCESS: Message("kind.process"),
    POLICY: Message("kind.policy"),
}


def titles(text: Text | None) -> str:
    """A text in every language it is written in: ``班组长 / Team lead``."""
    return " / ".join(value for _, value in text.values) if text else ""


def describe(symbol: Symbol, org: Org, language: str) -> str | None:
    """Markdown for the entity ``symbol`` names, or None if there is none."""

    def label(key: str) -> str:
        return _LABELS[key].render(language) + ("：" if language.startswith("zh") else ": ")

    def named(table: dict, ident: str | None, attribute: str) -> str:
        if not ident:
            return "—"
        entity = table.get(ident)
        return f"`{ident}` {titles(getattr(entity, attribute))}".rstrip() if entity else f"`{ident}`"

    def kind_word() -> str:
        return _KINDS[symbol.kind].render(language) if symbol.kind in _KINDS else ""

    lines: list[str] = []
    if symbol.kind == ROLE and symbol.id in org.roles:
        role = org.roles[symbol.id]
        lines = [
            f"**{titles(role.title)}**",
            f"{label('unit')}{named(org.units, role.unit, 'name')}",
            f"{label('reports_to')}{named(org.roles, role.reports_to, 'title')}",
            f"{label('headcount')}{role.headcount}",
        ]
    elif symbol.kind == UNIT and symbol.id in org.units:
        unit = org.units[symbol.id]
        lines = [
            f"**{titles(unit.name)}**",
            f"{label('parent')}{named(org.units, unit.parent, 'name')}",
            f"{label('head')}{named(org.roles, unit.head, 'title')}",
        ]
    elif symbol.kind == KPI and symbol.id in org.kpis:
        kpi = org.kpis[symbol.id]
        direction = value(kpi.direction, language)
        lines = [
            f"**{titles(kpi.name)}**",
            f"{label('measure')}{kpi.unit}",
            f"{label('direction')}{direction}",
        ]
        if kpi.period:
            lines.append(f"{label('period')}{value(kpi.period, language)}")
    elif symbol.kind == BLOCK and symbol.id in org.blocks:
        lines = [f"**{titles(org.blocks[symbol.id].title)}**"]
    elif symbol.kind == PROCESS and symbol.id in org.processes:
        process = org.processes[symbol.id]
        lines = [
            f"**{titles(process.title)}**",
            f"{label('owner')}{named(org.roles, process.owner, 'title')}",
        ]
    elif symbol.kind == POLICY and symbol.id in org.policies:
        policy = org.policies[symbol.id]
        lines = [
            f"**{titles(policy.title)}**",
            f"{label('owner')}{named(org.roles, policy.owner, 'title')}",
        ]
    elif symbol.kind == STEP and symbol.scope in org.processes:
        for step in org.processes[symbol.scope].steps:
            if step.id == symbol.id:
                lines = [f"**{titles(step.title)}**"]
    if not lines:
        return None
    head = f"{kind_word()} `{symbol.id}`".strip()
    return "\n\n".join([head, *lines])
