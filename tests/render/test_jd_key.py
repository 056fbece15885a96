"""A job description's repr is the content key of its files and page: the dataclass repr."""

from __future__ import annotations

import dataclasses

from helpers import GOOD, render_context
from orgc.render.context import RenderContext
from orgc.render.jd.model import job_description


def _dataclass_repr(value: object) -> str:
    """What ``@dataclass`` itself writes for ``value``, field by field."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        shown = (f"{f.name}={_dataclass_repr(getattr(value, f.name))}" for f in dataclasses.fields(value))
        return f"{type(value).__qualname__}({', '.join(shown)})"
    if isinstance(value, tuple):
        items = [_dataclass_repr(item) for item in value]
        return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"
    return repr(value)


def test_a_jd_s_key_is_its_dataclass_repr_made_once() -> None:
    ctx: RenderContext = render_context(GOOD)  # type: ignore[assignment]
    for role in ctx.org.roles.values():
        for lang in ("zh", "en"):
            jd = job_description(ctx, role, lang)
            assert jd.duties and jd.basics  # fields of nested dataclasses
            first = repr(jd)
            assert first == _dataclass_repr(jd), (role.id, lang)
            assert repr(jd) is first  # kept: the JD's files and its page ask for it
            assert jd == job_description(ctx, role, lang)  # what is kept is no field
