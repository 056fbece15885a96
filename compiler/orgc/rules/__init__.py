"""Stage 4: checks over the model. One rule per diagnostic code, each documented by its docstring."""

from __future__ import annotations

from . import duties, kpis, org, policies, roles, structural, texts  # noqa: F401  (registration)
from .engine import LEVELS, apply_waivers, run_rules
from .registry import RULES, Rule, all_rules

__all__ = ["LEVELS", "RULES", "Rule", "all_rules", "apply_waivers", "run_rules"]
