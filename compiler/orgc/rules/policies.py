"""POL001: policies kept up to date."""

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
