"""``orgc explain [CODE]``: one diagnostic code explained, the list of them all, or the Markdown reference.

Said in ``--messages``, else in the language of the project in the current folder, else in English;
``--markdown`` is the README's reference, in English.
"""

from __future__ import annotations

from ..i18n import Message
from ..rules import RULES
from ..rules.docs import reference_markdown, rule_list, rule_text
from . import CommandProblem, Outcome
from .language import run_language


def run(code: str | None, markdown: bool, messages: str | None = None) -> Outcome:
    if markdown:
        return Outcome(0, reference_markdown())
    said = run_language("explain", {"--messages": messages or ""})
    if code is None:
        return Outcome(0, rule_list(said))
    if code.upper() in RULES:
        return Outcome(0, rule_text(RULES[code.upper()], said) + "\n")
    raise CommandProblem(Message("cli.no-diagnostic-code", code=code).render(said), said)
