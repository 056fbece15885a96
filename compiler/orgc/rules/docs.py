"""The diagnostics reference, from the rules' own docstrings, and in Chinese from ``docs_zh``."""

from __future__ import annotations

from ..diagnostics import Severity
from ..i18n import Message, verbatim
from .docs_zh import ZH_DOCS
from .registry import Rule, all_rules


def summary(entry: Rule, lang: str = "en") -> str:
    """The rule's one-line summary in ``lang``."""
    return ZH_DOCS[entry.code][0] if lang == "zh" and entry.code in ZH_DOCS else entry.summary


def explanation(entry: Rule, lang: str = "en") -> str:
    """What the rule checks, why, an example that fails and its fix, in ``lang``."""
    return ZH_DOCS[entry.code][1] if lang == "zh" and entry.code in ZH_DOCS else entry.doc


def severity_word(severity: Severity, lang: str = "en") -> str:
    """The severity as orgc.yaml writes it (``error``) in English; 错误, 警告, 提示 in Chinese."""
    words = {
        Severity.ERROR: Message("explain.error"),
        Severity.WARNING: Message("explain.warning"),
        Severity.INFO: Message("explain.info"),
    }
    return words[severity].render(lang) if severity in words else severity.label


def rule_list(lang: str = "en") -> str:
    """Every code with its severity and summary, one a line."""
    lines = [
        f"{e.code:<8} {_padded(severity_word(e.severity, lang), 8)} {summary(e, lang)}\n" for e in all_rules()
    ]
    return "".join(lines)


def rule_text(entry: Rule, lang: str = "en") -> str:
    """One code explained, in ``lang``: its summary, explanation, options and severity."""
    defaults = ""
    if entry.defaults:
        options = [
            Message("explain.option", name=k, value=verbatim(str(v))) for k, v in entry.defaults.items()
        ]
        defaults = Message("explain.options", options=options).render(lang) + "\n"
    if entry.configurable:
        severity = severity_word(entry.severity, lang)
        configurable = Message("explain.configurable", severity=severity, code=entry.code).render(lang)
    else:
        configurable = Message("explain.always-an-error").render(lang)
    head = f"{entry.code} {entry.name}: {summary(entry, lang)}"
    return f"{head}\n\n{explanation(entry, lang)}\n\n{defaults}{configurable}"


def _padded(text: str, columns: int) -> str:
    """``text`` left-aligned in terminal columns: a Chinese character takes two."""
    return text + " " * max(columns - sum(2 if ord(char) > 0x2E80 else 1 for char in text), 0)


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
