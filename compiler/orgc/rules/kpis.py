"""KPI001–KPI004: targets and weights that make sense."""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import Message
from .registry import Context, Finding, rule

_AGAINST = {"higher-is-better": ("<", "<="), "lower-is-better": (">", ">=")}


@rule(
    "KPI001",
    "target-unit",
    "error",
    "a target whose unit differs from its KPI's unit, or that cannot be parsed",
)
def target_unit(ctx: Context) -> Iterator[Finding]:
    """
    A target cannot be read as comparator, number and unit, or its unit is not
    the unit of its KPI in the catalogue.

    **Why:** `85` for a percentage, or `5 分钟` for a KPI measured in `min`,
    cannot be compared with what is measured; targets must be computable.

    **Fails:**
    ```yaml
    kpis:
      - kpi: avg-response-time      # unit: min
        target: 5分钟以内
    ```

    **Fix:**
    ```yaml
      - kpi: avg-response-time
        target: "<= 5 min"
    ```
    """
    org = ctx.org
    for role in org.roles.values():
        for target in role.kpis:
            kpi = org.kpis.get(target.kpi)
            example = _example(kpi.unit, kpi.higher_is_better) if kpi else ">= 85%"
            if target.target is None:
                yield Finding(
                    Message("KPI001", target=target.text, kpi=target.kpi),
                    target.src.at("target"),
                    Message("KPI001.hint", example=example),
                    role.subject,
                )
            elif kpi and target.target.unit != kpi.unit:
                if target.target.unit:
                    message = Message(
                        "KPI001.unit",
                        target=target.text,
                        unit=target.target.unit,
                        kpi=kpi.id,
                        kpi_unit=kpi.unit,
                    )
                else:
                    message = Message("KPI001.no-unit", target=target.text, kpi=kpi.id, kpi_unit=kpi.unit)
                hint = Message("KPI001.unit.hint", kpi_unit=kpi.unit, example=example)
                yield Finding(message, target.src.at("target"), hint, role.subject)


def _example(unit: str, higher_is_better: bool) -> str:
    """A target that KPI003 accepts too: '>= 85%', '<= 85 min'."""
    comparator = ">=" if higher_is_better else "<="
    return f"{comparator} 85{'' if unit == '%' else ' '}{unit}"


@rule("KPI002", "no-kpi", "warning", "a role with no KPI")
def no_kpi(ctx: Context) -> Iterator[Finding]:
    """
    A role has no `kpis` targets (考核指标).

    **Why:** without a target, a role cannot be assessed, and its job
    description has an empty 考核指标 section. For a new role whose targets are
    still being agreed, waive it with the reason.

    **Fails:**
    ```yaml
    id: cs-trainer
    title: 培训专员
    ```

    **Fix:**
    ```yaml
    id: cs-trainer
    title: 培训专员
    kpis:
      - kpi: training-satisfaction
        target: ">= 80%"
    ```
    """
    for role in ctx.org.roles.values():
        if not role.kpis:
            yield Finding(
                Message("KPI002", role=role.id),
                role.src.key_at("id"),
                Message("KPI002.hint"),
                role.subject,
            )


@rule(
    "KPI003",
    "target-direction",
    "warning",
    "a target that contradicts the KPI's direction (e.g. `<=` on higher-is-better)",
)
def target_direction(ctx: Context) -> Iterator[Finding]:
    """
    A target caps a KPI where more is better, or sets a floor where less is better.

    **Why:** `csat <= 85%` rewards a role for satisfying fewer customers; it is
    almost always `>=` written the wrong way round.

    **Fails:**
    ```yaml
      - kpi: csat                 # direction: higher-is-better
        target: "<= 85%"
    ```

    **Fix:**
    ```yaml
      - kpi: csat
        target: ">= 85%"
    ```
    """
    org = ctx.org
    for role in org.roles.values():
        for target in role.kpis:
            kpi = org.kpis.get(target.kpi)
            if kpi is None or target.target is None:
                continue
            if target.target.comparator in _AGAINST.get(kpi.direction, ()):  # invalid: E102
                if kpi.higher_is_better:
                    message = Message("KPI003.higher", target=target.text, kpi=kpi.id)
                else:
                    message = Message("KPI003.lower", target=target.text, kpi=kpi.id)
                yield Finding(message, target.src.at("target"), Message("KPI003.hint"), role.subject)


@rule("KPI004", "weights-sum", "error", "weights given that do not sum to 100%")
def weights_sum(ctx: Context) -> Iterator[Finding]:
    """
    Some of a role's targets carry a `weight`, and the weights do not add up to 100%
    (a target without a weight counts as 0).

    **Why:** weights split the assessment; if they do not sum to 100% the score
    cannot be computed.

    **Fails:**
    ```yaml
    kpis:
      - {kpi: csat, target: ">= 85%", weight: 40%}
      - {kpi: complaint-resolution-rate, target: ">= 90%", weight: 40%}
    ```

    **Fix:**
    ```yaml
      - {kpi: csat, target: ">= 85%", weight: 50%}
      - {kpi: complaint-resolution-rate, target: ">= 90%", weight: 50%}
    ```
    """
    for role in ctx.org.roles.values():
        weights = [t.weight for t in role.kpis if t.weight is not None]
        if not weights:
            continue
        total = sum(weights)
        if abs(total - 100) > 0.01:
            yield Finding(
                Message("KPI004", role=role.id, total=total),
                role.src.key_at("kpis"),
                Message("KPI004.hint"),
                role.subject,
            )
