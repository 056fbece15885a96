"""KPI001–KPI006: targets and weights that make sense."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..diagnostics import Edit, Fix
from ..i18n import Message
from ..model.entities import KpiTarget, Role
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
            if not target.text:  # no target written, or not as text: E102 says which
                continue
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

    Weights written as fractions (`weight: 0.6` and `0.4`, summing to 1) are said to be
    fractions, and `orgc check --fix` rewrites each as a percentage (`0.6` → `60%`).
    """
    for role in ctx.org.roles.values():
        weighted = [t for t in role.kpis if t.weight is not None]
        if not weighted:
            continue
        total = sum(t.weight or 0.0 for t in weighted)
        if abs(total - 100) <= 0.01:
            continue
        if _fractions(weighted):
            first = weighted[0].weight or 0.0
            yield Finding(
                Message(
                    "KPI004.fractions",
                    role=role.id,
                    total=total,
                    weight=_plain(first),
                    percent=_percent(first),
                ),
                role.src.key_at("kpis"),
                Message("KPI004.fractions.hint"),
                role.subject,
                _as_percentages(role, weighted),
            )
        else:
            yield Finding(
                Message("KPI004", role=role.id, total=total),
                role.src.key_at("kpis"),
                Message("KPI004.hint"),
                role.subject,
            )


def _fractions(weighted: list[KpiTarget]) -> bool:
    """Weights written as fractions of one (0.6, 0.4): none above 1, none with '%', summing to 1."""
    weights = [t.weight or 0.0 for t in weighted]
    if any(w > 1 for w in weights) or abs(sum(weights) - 1) > 0.01 + 1e-9:
        return False
    return not any(sign in _written_weight(t) for t in weighted for sign in "%％")


def _written_weight(target: KpiTarget) -> str:
    """The weight's text as the spec file gives it."""
    data = target.src.doc.data
    for step in (*target.src.path, "weight"):
        data = data[step] if isinstance(data, dict | list) else None
    return data if isinstance(data, str) else ""


def _plain(weight: float) -> str:
    """A weight as a person writes it: 0.6, not 0.6000000000000001 (a float's repr is the shortest)."""
    return _decimal_text(Decimal(repr(weight)))


def _percent(weight: float) -> str:
    """A fraction of one as a percentage: 0.6 → 60%, 0.125 → 12.5%."""
    return _decimal_text(Decimal(repr(weight)) * 100) + "%"


def _decimal_text(number: Decimal) -> str:
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _as_percentages(role: Role, weighted: list[KpiTarget]) -> Fix | None:
    """Each weight's characters rewritten as a percentage (0.6 → 60%); None if one cannot be found."""
    edits = []
    for target in weighted:
        span = target.src.span_at("weight")
        if span is None:
            return None
        edits.append(Edit(role.src.file, span[0], span[1], _percent(target.weight or 0.0)))
    return Fix(Message("KPI004.fix"), tuple(edits))


@rule("KPI005", "kpi-listed-twice", "error", "the same KPI listed twice on one role")
def kpi_listed_twice(ctx: Context) -> Iterator[Finding]:
    """
    A role's `kpis` name the same KPI more than once; reported at the second listing,
    with the line of the first.

    **Why:** two targets for one KPI (`= 100%` and `>= 99%`) cannot both be the
    measure the role is assessed by; the job description would show both.

    **Fails:**
    ```yaml
    kpis:
      - {kpi: csat, target: ">= 85%"}
      - {kpi: csat, target: ">= 90%"}
    ```

    **Fix:**
    ```yaml
    kpis:
      - {kpi: csat, target: ">= 90%"}
    ```
    """
    for role in ctx.org.roles.values():
        first: dict[str, KpiTarget] = {}
        for target in role.kpis:
            earlier = first.setdefault(target.kpi, target)
            if earlier is target:
                continue
            line = earlier.src.at("kpi").line
            yield Finding(
                Message("KPI005", kpi=target.kpi, role=role.id, line=line),
                target.src.at("kpi"),
                Message("KPI005.hint", first=earlier.text, second=target.text),
                role.subject,
            )


@rule("KPI006", "target-out-of-range", "warning", "a target outside the KPI's possible range")
def target_out_of_range(ctx: Context) -> Iterator[Finding]:
    """
    A target lies outside the values its KPI can take, or cannot be met by any of them
    (`> 100%`). The catalogue gives a KPI's values as `range: [lowest, highest]`;
    a KPI measured in `%` takes [0, 100] unless its `range` says otherwise.

    **Why:** `>= 120%` of customers cannot be satisfied; such a target is a typo
    (`>= 92%`?) or a KPI whose unit or range is not what the catalogue says.

    **Fails:**
    ```yaml
      - kpi: csat                 # unit: "%"
        target: ">= 120%"
    ```

    **Fix:**
    ```yaml
      - kpi: csat
        target: ">= 92%"
    ```
    """
    org = ctx.org
    for role in org.roles.values():
        for target in role.kpis:
            kpi = org.kpis.get(target.kpi)
            parsed = target.target
            if kpi is None or parsed is None or parsed.unit != kpi.unit or kpi.possible is None:
                continue  # KPI001 or DUT003
            low, high = kpi.possible
            value, comparator = parsed.value, parsed.comparator
            unreachable = (comparator == ">" and value >= high) or (comparator == "<" and value <= low)
            if low <= value <= high and not unreachable:
                continue
            top = f"{high:g}{'' if kpi.unit == '%' else ' '}{kpi.unit}"  # 100%, 60 min
            if low <= value <= high:
                message = Message("KPI006.unreachable", target=target.text, kpi=kpi.id, low=low, high=top)
            else:
                message = Message("KPI006", target=target.text, kpi=kpi.id, low=low, high=top)
            yield Finding(
                message,
                target.src.at("target"),
                Message("KPI006.hint", kpi=kpi.id, low=low, high=top),
                role.subject,
            )
