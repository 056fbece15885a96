"""POL001–POL002: policies kept up to date, with dates that make sense."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Subject
from ..i18n import Message
from .registry import Context, Finding, rule


@rule("POL001", "policy-review-overdue", "warning", "a policy past its `review_by` date")
def policy_review_overdue(ctx: Context) -> Iterator[Finding]:
    """
    A policy's `review_by` date has passed (relative to `--today`, default today).

    **Why:** a 管理制度 nobody has reviewed may no longer match how the
    organisation works; reviewing it, then moving `review_by`, keeps it honest.

    **Fails:** (today is 2027-03-01)
    ```yaml
    review_by: 2027-01-01
    ```

    **Fix:** review the policy, then:
    ```yaml
    review_by: 2028-01-01
    ```
    """
    for policy in ctx.org.policies.values():
        if policy.review_by and policy.review_by < ctx.today:
            days = (ctx.today - policy.review_by).days
            yield Finding(
                Message("POL001", policy=policy.id, date=policy.review_by, count=days),
                policy.src.at("review_by"),
                Message("POL001.hint"),
                Subject("policy", policy.id),
            )


@rule(
    "POL002",
    "review-before-effective",
    "error",
    "a policy whose `review_by` is not after its `effective` date",
)
def review_before_effective(ctx: Context) -> Iterator[Finding]:
    """
    A policy's `review_by` date is on or before its `effective` date.

    **Why:** a policy cannot be due for review before it takes effect; one of
    the two dates is mistyped (often the year).

    **Fails:**
    ```yaml
    effective: 2026-01-01
    review_by: 2025-12-31
    ```

    **Fix:**
    ```yaml
    effective: 2026-01-01
    review_by: 2026-12-31
    ```
    """
    for policy in ctx.org.policies.values():
        if policy.effective and policy.review_by and policy.review_by <= policy.effective:
            yield Finding(
                Message("POL002", policy=policy.id, review_by=policy.review_by, effective=policy.effective),
                policy.src.at("review_by"),
                Message("POL002.hint"),
                Subject("policy", policy.id),
            )
