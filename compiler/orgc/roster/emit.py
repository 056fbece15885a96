"""Writing the planned roles and units as readable YAML: fixed key order, Chinese first, quoting only when needed."""

from __future__ import annotations

import json
import re
from pathlib import PurePath

from .plan import PlannedRole
from .text import TextValue
from .units import NewUnit

FLOW_WIDTH = 100

# Plain (unquoted) scalars: nothing YAML could read as syntax, in block or flow context.
_PLAIN = re.compile(
    r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}#\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]*"
)
# Characters a double-quoted YAML scalar must spell as escapes: YAML would fold or refuse them.
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_SPECIAL = re.compile(
    r"(?i:~|null|true|false|yes|no|on|off|y|n|[-+]?(\.inf|\.nan)|[-+]?[0-9][0-9_.:eE+-]*|0x[0-9a-f_]+|0o[0-7_]+)"
    r"|\d{4}-\d\d?-\d\d?([Tt ].*)?"
)

TODO = {
    "purpose": "purpose (工作目的)",
    "duties": "duties (工作职责)",
    "kpis": "kpis (考核指标)",
}


def scalar(text: str) -> str:
    """``text`` as a YAML scalar that every YAML reader gives back unchanged, as a string."""
    if (
        _PLAIN.fullmatch(text)
        and text == text.strip()
        and ": " not in text
        and not text.endswith(":")
        and not _SPECIAL.fullmatch(text)
        and not _ESCAPE.search(text)
    ):
        return text
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def flow_text(value: TextValue, default_lang: str) -> str:
    if len(value) == 1 and value[0][0] == default_lang:
        return scalar(value[0][1])
    return "{" + ", ".join(f"{lang}: {scalar(text)}" for lang, text in value) + "}"


def text_lines(prefix: str, value: TextValue, default_lang: str, indent: str) -> list[str]:
    """``prefix`` (``key:`` or ``- ``) and the text: on one line if it fits, else one line per language."""
    flow = flow_text(value, default_lang)
    separator = "" if prefix.endswith(" ") else " "
    if len(value) == 1 or len(indent) + len(prefix) + len(flow) <= FLOW_WIDTH:
        return [f"{indent}{prefix}{separator}{flow}"]
    if prefix.endswith(" "):  # a list item: the mapping starts on the dash's line
        inner = indent + " " * len(prefix)
        first, *rest = value
        return [f"{indent}{prefix}{first[0]}: {scalar(first[1])}"] + [
            f"{inner}{lang}: {scalar(text)}" for lang, text in rest
        ]
    return [f"{indent}{prefix}"] + [f"{indent}  {lang}: {scalar(text)}" for lang, text in value]


def missing(role: PlannedRole) -> list[str]:
    """What the roster did not say that a complete role has."""
    gaps = []
    if not role.purpose:
        gaps.append("purpose")
    if not role.duties:
        gaps.append("duties")
    gaps.append("kpis")  # a roster carries no KPI targets
    return gaps


def role_yaml(role: PlannedRole, default_lang: str, source: str) -> str:
    """The text of ``specs/roles/<id>.yaml`` for a planned role."""
    lines = [f"# Imported from {PurePath(source).name}, row {role.row}."]
    lines.append("# Still to write: " + ", ".join(TODO[g] for g in missing(role)) + ".")
    lines.append(f"id: {role.id}")
    lines += text_lines("title:", role.title, default_lang, "")
    lines.append(f"unit: {role.unit}")
    if role.reports_to:
        lines.append(f"reports_to: {role.reports_to}")
    if role.dotted_to:
        lines.append(f"dotted_to: [{', '.join(role.dotted_to)}]")
    if role.headcount is not None:
        lines.append(f"headcount: {role.headcount}")
    if role.grade:
        lines.append(f"grade: {scalar(role.grade)}")
    if role.family:
        lines.append(f"family: {scalar(role.family)}")
    if role.purpose:
        lines += text_lines("purpose:", role.purpose, default_lang, "")
    if role.duties:
        lines.append("duties:")
        for number, duty in enumerate(role.duties, 1):
            lines.append(f"  - id: duty-{number}")
            lines += text_lines("title:", duty, default_lang, "    ")
    qualifications = [
        (name, values)
        for name, values in (
            ("majors", role.majors),
            ("skills", role.skills),
            ("certifications", role.certifications),
        )
        if values
    ]
    if role.education or qualifications:
        lines.append("qualifications:")
        if role.education:
            lines.append(f"  education: {role.education}")
        for name, values in qualifications:
            lines.append(f"  {name}:")
            for value in values:
                lines += text_lines("- ", value, default_lang, "    ")
    if role.escalates_to:
        lines.append(f"escalates_to: {role.escalates_to}")
    if role.environment:
        lines += text_lines("environment:", role.environment, default_lang, "")
    return "\n".join(lines) + "\n"


def unit_lines(unit: NewUnit, default_lang: str, dash: str, item: str) -> list[str]:
    """One entry of org.yaml ``units:`` as block lines (``dash`` before '-', ``item`` before the keys)."""
    lines = [f"{dash}- id: {unit.id}"]
    lines += text_lines("name:", unit.name, default_lang, item)
    if unit.parent:
        lines.append(f"{item}parent: {unit.parent}")
    return lines


def unit_flow(unit: NewUnit, default_lang: str) -> str:
    """One entry of org.yaml ``units:`` as a flow mapping, for a ``units: [...]`` list."""
    parent = f", parent: {unit.parent}" if unit.parent else ""
    return f"{{id: {unit.id}, name: {flow_text(unit.name, default_lang)}{parent}}}"


def org_yaml(org_id: str, name: TextValue, units: tuple[NewUnit, ...], default_lang: str) -> str:
    """A new ``specs/org.yaml``: the organisation and the units of the roster."""
    lines = [f"id: {org_id}"]
    lines += text_lines("name:", name, default_lang, "")
    lines.append("units:")
    for unit in units:
        lines += unit_lines(unit, default_lang, "  ", "    ")
    return "\n".join(lines) + "\n"


def config_yaml(languages: tuple[str, ...]) -> str:
    return f"languages: [{', '.join(languages)}]\n"
