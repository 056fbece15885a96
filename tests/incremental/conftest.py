"""Fixtures of the rebuild tests."""

from __future__ import annotations

from collections import Counter

import pytest


@pytest.fixture
def looked_at(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Roles whose JD view was built in this process (builds run with --jobs 1), for their files:
    the views ``render.outputs`` makes, not those a small organisation's handbook makes of every role."""
    from orgc.render import outputs  # noqa: F401  (the handbook takes the view maker as it is now)
    from orgc.render.jd import model as jd_model

    seen: Counter[str] = Counter()
    original = jd_model.job_description

    def counting(ctx, role, lang):  # type: ignore[no-untyped-def]
        seen[role.id] += 1
        return original(ctx, role, lang)

    monkeypatch.setattr(jd_model, "job_description", counting)
    return seen
