"""The diagnostics reference, generated from the rules' own docstrings."""

from __future__ import annotations

from .registry import Rule, all_rules


def rule_text(entry: Rule) -> str:
    defaults = ""
    if entry.defaults:
        defaults = "Options: " + ", ".join(f"{k} (default {v})" for k, v in entry.defaults.items())
        defaults += "\n"
    configurable = (
        f"Default severity: {entry.severity.label}; set it in orgc.yaml `rules: {{{entry.code}: "
        "off|info|warning|error}`."
        if entry.configurable
        else "Always an error; cannot be switched off or waived."
    )
    return f"{entry.code} {entry.name}: {entry.summary}\n\n{entry.doc}\n\n{defaults}{configurable}"


def reference_markdown() -> str:
    rows = ["| code | name | severity | what |", "|---|---|---|---|"]
    sections = []
    for entry in all_rules():
        summary = entry.summary.replace("|", "\\|")
        rows.append(
            f"| [{entry.code}](#{entry.code.lower()}) | {entry.name} | {entry.severity.label} | {summary} |"
        )
        config = (
            f"Default severity **{entry.severity.label}**; configurable in `orgc.yaml`."
            if entry.configurable
            else "Always an error; cannot be switched off or waived."
        )
        if entry.defaults:
            options = ", ".join(f"`{k}` (default {v})" for k, v in entry.defaults.items())
            config += f" Options: {options}."
        sections.append(f"### {entry.code}\n\n`{entry.name}` — {entry.summary}\n\n{entry.doc}\n\n{config}\n")
    return "\n".join(rows) + "\n\n" + "\n".join(sections)
