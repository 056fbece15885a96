"""The builder's texts, ids and KPI targets: the quick ways for the shapes written nearly always give
what the plain definitions give, for every shape a spec can hold (the schema reports the odd ones;
the builder treats what it rejected as absent).
"""

from __future__ import annotations

from typing import Any

import pytest

from orgc.ids import ID
from orgc.load.yaml_doc import Document, Marks
from orgc.model.build import SpecDocument, _Builder, build_org
from orgc.model.entities import Src, Text
from orgc.model.targets import parse_target, parse_weight

DOC = Document("specs/roles/r.yaml", {}, Marks())


def defined_text(raw: Any, lang: str, src: Src, *path: str | int) -> Text | None:
    """A text as the spec language defines it: a non-empty string is in the default language; a
    mapping keeps its non-empty strings, in the order written; anything else is no text."""
    if isinstance(raw, str):
        values = ((lang, raw),) if raw else ()
    elif isinstance(raw, dict):
        values = tuple((k, v) for k, v in raw.items() if isinstance(v, str) and v)
    else:
        values = ()
    return Text(values, Src(src.doc, (*src.path, *path))) if values else None


SHAPES: list[Any] = [
    None,
    "",
    "班组长",
    {},
    {"zh": "班组长"},
    {"zh": "班组长", "en": "Team lead"},
    {"en": "Team lead", "zh": "班组长"},
    {"zh": "班组长", "en": ""},
    {"zh": "", "en": ""},
    {"zh": "班组长", "en": None},
    {"zh": "班组长", "en": 3},
    {"zh": ["班组长"], "en": "Team lead"},
    {"zh": {"x": "y"}},
    ["班组长"],
    7,
    2.5,
    True,
]


@pytest.mark.parametrize("raw", SHAPES, ids=repr)
@pytest.mark.parametrize("path", [(), ("duties", 2)])
def test_a_text_of_any_shape_is_what_the_definition_says(raw: Any, path: tuple[str | int, ...]) -> None:
    builder = _Builder(("zh", "en"))
    src = Src(DOC, path)
    made = builder.text(raw, src, "title")
    expected = defined_text(raw, "zh", src, "title")
    assert made == expected
    if expected is not None:
        assert made is not None and made.src is not None and expected.src is not None
        assert (made.src.doc, made.src.path) == (expected.src.doc, expected.src.path)
    assert builder.text(raw, None, "title") == expected


@pytest.mark.parametrize(
    "raw",
    [None, [], "技能", {"zh": "技能"}, SHAPES, [None, "", "技能", {"zh": "", "en": "Skill"}, 3], ("技能",)],
    ids=repr,
)
def test_a_list_of_texts_keeps_each_text_at_its_index(raw: Any) -> None:
    builder = _Builder(("zh", "en"))
    src = Src(DOC, ("qualifications",))
    made = builder.texts(raw, src, "skills")
    items = raw if isinstance(raw, list) else []
    expected = [defined_text(item, "zh", src, "skills", i) for i, item in enumerate(items)]
    expected_texts = [t for t in expected if t is not None]
    assert made == tuple(expected_texts)
    assert [t.src.path for t in made if t.src] == [t.src.path for t in expected_texts if t.src]


@pytest.mark.parametrize(
    "value",
    ["cs-agent", "cs-agent", "Cs-agent", "", "a" * 63, "a" * 64, "x_y", 5, None, ["cs-agent"]],
    ids=repr,
)
def test_an_id_matched_once_is_matched_the_same_again(value: Any) -> None:
    builder = _Builder(("zh",))
    expected = value if isinstance(value, str) and ID.fullmatch(value) else None
    assert builder.id(value) == expected
    assert builder.id(value) == expected  # from what the first match found


def test_targets_and_weights_written_alike_are_parsed_once_and_alike() -> None:
    """Twenty roles with the same targets and weights, and a few written otherwise."""
    kpis = [
        {"kpi": "fcr", "target": ">= 85%", "weight": "25%"},
        {"kpi": "aht", "target": "≤ 5 min", "weight": "40"},
        {"kpi": "csat", "target": "high", "weight": 30},
        {"kpi": "nps"},
    ]
    documents = [
        SpecDocument(
            "role",
            f"r{i}",
            Document(f"specs/roles/r{i}.yaml", {"id": f"r{i}", "title": "x", "kpis": kpis}, Marks()),
        )
        for i in range(20)
    ]
    org, _ = build_org(documents, ("zh",))
    for role in org.roles.values():
        found = [(t.kpi, t.text, t.target, t.weight) for t in role.kpis]
        assert found == [
            ("fcr", ">= 85%", parse_target(">= 85%"), parse_weight("25%")),
            ("aht", "≤ 5 min", parse_target("≤ 5 min"), parse_weight("40")),
            ("csat", "high", None, None),
            ("nps", "", None, None),
        ]
        assert [t.src.path for t in role.kpis] == [("kpis", i) for i in range(4)]
