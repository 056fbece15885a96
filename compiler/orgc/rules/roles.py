"""ESC001, CAR001: where a role escalates to and where it leads."""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import Message
from .registry import Context, Finding, guess, rule


@rule(
    "ESC001", "escalation-not-above", "warning", "`escalates_to` is not above the role in its reporting chain"
)
def escalation_not_above(ctx: Context) -> Iterator[Finding]:
    """
    A role's `escalates_to` (上报对象) is not one of its supervisors, direct or
    indirect.

    **Why:** an escalation goes up; sending it sideways or down means the person
    who receives it cannot decide. If a side channel is intended (e.g. 一线 to
    二线), waive it with the reason.

    **Fails:**
    ```yaml
    id: cs-team-lead
    reports_to: cs-supervisor
    escalates_to: cs-agent
    ```

    **Fix:**
    ```yaml
    id: cs-team-lead
    reports_to: cs-supervisor
    escalates_to: cs-manager
    ```
    """
    org = ctx.org
    for role in org.roles.values():
        target = role.escalates_to
        if not (target and target in org.roles) or not _reaches_top(ctx, role.id):
            continue  # an unknown target is DUT003; a broken chain is ORG001/ORG002 or an unreadable file
        if not ctx.graph.is_above(target, role.id):
            yield Finding(
                Message("ESC001", role=role.id, target=target),
                role.src.at("escalates_to"),
                Message("ESC001.hint", role=role.id),
                role.subject,
            )


def _reaches_top(ctx: Context, role_id: str) -> bool:
    """Whether the chain of command of a role ends at the top role (not at a rejected ``reports_to``)."""
    chain = ctx.graph.chain_of_command(role_id)
    return ctx.org.roles[chain[-1] if chain else role_id].top


@rule("CAR001", "unknown-career-step", "error", "`career.next` names an unknown role")
def unknown_career_step(ctx: Context) -> Iterator[Finding]:
    """
    A role's career path (`career.next`, 职业发展) names a role that does not exist.

    **Why:** the job description would promise a next step nobody can take.

    **Fails:**
    ```yaml
    career: {next: [cs-senior-agent]}
    ```

    **Fix:**
    ```yaml
    career: {next: [cs-senior]}
    ```
    """
    org = ctx.org
    for role in org.roles.values():
        for index, other in enumerate(role.career_next):
            if not org.known(other, "role"):
                yield Finding(
                    Message("CAR001", role=role.id, other=other),
                    role.src.at("career", "next", index),
                    Message("hint.existing-role", guess=guess(other, org.roles)),
                    role.subject,
                )
