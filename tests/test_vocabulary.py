"""The Chinese words of the spec language's controlled values, and what each is read as."""

from __future__ import annotations

import json

import pytest

from helpers import ROOT
from orgc import vocabulary
from orgc.roster import cells
from orgc.validate.coerce import coerce

SCHEMAS = ROOT / "schema"


@pytest.mark.parametrize(
    ("kind", "word", "value"),
    [
        ("frequency", "每日", "daily"),
        ("frequency", "每天", "daily"),
        ("frequency", "每周", "weekly"),
        ("frequency", "每月", "monthly"),
        ("frequency", "每季度", "quarterly"),
        ("frequency", "每年", "yearly"),
        ("frequency", "随时", "per-event"),
        ("frequency", "按需", "per-event"),
        ("frequency", "不定期", "per-event"),
        ("frequency", "持续", "ongoing"),
        ("frequency", "日常", "ongoing"),
        ("education", "不限", "none"),
        ("education", "初中", "junior-secondary"),
        ("education", "高中", "secondary"),
        ("education", "中专", "secondary"),
        ("education", "中职", "secondary"),
        ("education", "大专", "associate"),
        ("education", "本科", "bachelor"),
        ("education", "硕士", "master"),
        ("education", "博士", "doctorate"),
        ("authority", "处理", "handle"),
        ("authority", "决定", "decide"),
        ("authority", "审批", "approve"),
        ("authority", "批准", "approve"),
        ("authority", "协调", "coordinate"),
        ("authority", "上报", "escalate"),
        ("authority", "建议", "propose"),
        ("direction", "越高越好", "higher-is-better"),
        ("direction", "越低越好", "lower-is-better"),
        ("frequency", "daily", "daily"),
        ("frequency", "每两天", "每两天"),  # not a word of the language: left for the schema to report
        ("education", "secondary", "secondary"),
    ],
)
def test_enum_words(kind: str, word: str, value: str) -> None:
    assert vocabulary.enum_value(kind, word) == value


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("不低于95%", ">= 95%"),
        ("不低于 95%", ">= 95%"),
        ("不少于 3次", ">= 3次"),
        ("至少85%", ">= 85%"),
        ("不高于5 min", "<= 5 min"),
        ("不超过 2 小时", "<= 2 小时"),
        ("至多3次", "<= 3次"),
        ("高于90%", "> 90%"),
        ("大于 90%", "> 90%"),
        ("超过90%", "> 90%"),
        ("低于 3 分钟", "< 3 分钟"),
        ("小于3分钟", "< 3分钟"),
        ("达到100%", "= 100%"),
        ("等于 0次", "= 0次"),
        ("≥95％", "≥95%"),
        ("＞＝95％", ">=95%"),
        ("＜＝ 5 min", "<= 5 min"),
        ("＞ 90％", "> 90%"),
        ("95％", "95%"),
        (">= 85%", ">= 85%"),
        ("至少满意", "至少满意"),  # no number: left as written, for KPI001 to report as the user wrote it
        ("5分钟以内", "5分钟以内"),
    ],
)
def test_targets(written: str, read: str) -> None:
    assert vocabulary.target(written) == read


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("30分钟", "30m"),
        ("30 分钟", "30m"),
        ("2小时", "2h"),
        ("2个小时", "2h"),
        ("1天", "1d"),
        ("1 日", "1d"),
        ("3工作日", "3bd"),
        ("3 个工作日", "3bd"),
        ("1.5周", "1.5w"),
        ("24h", "24h"),
        ("24 h", "24h"),
        ("3bd", "3bd"),
        ("三天", "三天"),
        ("3 days", "3 days"),
    ],
)
def test_slas(written: str, read: str) -> None:
    assert vocabulary.sla(written) == read


def test_split_sla() -> None:
    assert vocabulary.split_sla("3bd") == ("3", "bd")
    assert vocabulary.split_sla("1.5w") == ("1.5", "w")
    assert vocabulary.split_sla("soon") is None


def test_weights() -> None:
    assert vocabulary.weight("60％") == "60%"
    assert vocabulary.weight("60") == "60"


def test_every_word_is_in_its_schemas_enum_after_the_english_values() -> None:
    """Editors offer the Chinese words: each schema position lists them, the English ones first."""
    common = json.loads((SCHEMAS / "common.schema.json").read_text(encoding="utf-8"))
    role = json.loads((SCHEMAS / "role.schema.json").read_text(encoding="utf-8"))
    kpis = json.loads((SCHEMAS / "kpis.schema.json").read_text(encoding="utf-8"))["properties"]["kpis"][
        "items"
    ]
    positions = {
        "frequency": common["$defs"]["frequency"],
        "education": role["properties"]["qualifications"]["properties"]["education"],
        "authority": role["properties"]["authority"]["items"]["properties"]["type"],
        "direction": kpis["properties"]["direction"],
    }
    for kind, schema in positions.items():
        table = vocabulary.ENUMS[kind]
        chinese = [word for words in table.values() for word in words]
        assert schema["x-vocabulary"] == kind
        assert schema["enum"] == [*table, *chinese], kind


def test_a_word_is_its_value_wherever_the_schema_reads_one() -> None:
    role = {
        "duties": [{"id": "d", "frequency": "每日"}],
        "kpis": [{"kpi": "k", "target": "不低于 95%", "weight": "60％"}],
        "qualifications": {"education": "初中"},
        "authority": [{"type": "批准", "scope": "x"}],
        "purpose": "每日",  # free text: never read as a value
    }
    assert coerce(role, "role.schema.json") == {
        "duties": [{"id": "d", "frequency": "daily"}],
        "kpis": [{"kpi": "k", "target": ">= 95%", "weight": "60%"}],
        "qualifications": {"education": "junior-secondary"},
        "authority": [{"type": "approve", "scope": "x"}],
        "purpose": "每日",
    }
    assert coerce({"duties": [{"frequency": "按需"}]}, "duties.schema.json") == {
        "duties": [{"frequency": "per-event"}]
    }
    assert coerce({"kpis": [{"direction": "越低越好", "period": "每季度"}]}, "kpis.schema.json") == {
        "kpis": [{"direction": "lower-is-better", "period": "quarterly"}]
    }
    assert coerce({"steps": [{"sla": "3个工作日"}]}, "process.schema.json") == {"steps": [{"sla": "3bd"}]}


def test_the_importer_reads_the_same_words() -> None:
    for level, words in vocabulary.EDUCATION.items():
        for word in (level, *words):
            assert cells.education(word) == level
