"""ESC001, CAR001: where a role escalates to and where it leads."""

from __future__ import annotations

from collections.abc import Iterator

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
                f"'{role.id}' escalates to '{target}', which is not above it in its reporting chain",
                role.src.at("escalates_to"),
                "Escalate to a supervisor in the chain of command (see `orgc show "
                f"{role.id}`), or waive ESC001 with the reason.",
                role.subject,
            )


def _reaches_top(ctx: Context, role_id: str) -> bool:
    """Whether the chain of command of a role ends at a role without ``reports_to``."""
    chain = ctx.graph.chain_of_command(role_id)
    return ctx.org.roles[chain[-1] if chain else role_id].reports_to is None


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
                    f"career path of '{role.id}' leads to '{other}', which is not a role",
                    role.src.at("career", "next", index),
                    guess(other, org.roles) + "Use the id of an existing role.",
                    role.subject,
                )
