"""Property tests: no input makes the loader or the checker raise; every problem is a diagnostic."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import GOOD
from orgc.diagnostics import Diagnostic
from orgc.load.text import decode
from orgc.load.yaml_doc import parse_yaml
from orgc.pipeline import check
from orgc.validate import SCHEMA_OF_KIND, validate

KINDS = sorted(SCHEMA_OF_KIND)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_located(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic], text: str | None = None) -> None:
    """Every diagnostic is on a line of the text, at most one column past its end."""
    lines = text.split("\n") if text is not None else None
    for d in diagnostics:
        assert d.code and d.message
        assert d.location.line >= 1 and d.location.column >= 1
        if lines is not None:
            assert d.location.line <= len(lines), d
            assert d.location.column <= len(lines[d.location.line - 1]) + 1, d


def load(raw: bytes, kind: str) -> None:
    """The loader stages on one file: decode, parse, validate. They must not raise."""
    decoded = decode(raw, "f.yaml")
    assert (decoded.text is None) == (decoded.problem is not None)
    if decoded.text is None:
        _assert_located([decoded.problem])  # type: ignore[list-item]
        return
    document, problems = parse_yaml(decoded.text, "f.yaml")
    _assert_located(problems, decoded.text)
    if document is None:
        assert problems
        return
    _, schema_problems = validate(document, kind)
    _assert_located(schema_problems, decoded.text)


@FAST
@given(st.binary(max_size=400), st.sampled_from(KINDS))
def test_random_bytes(raw: bytes, kind: str) -> None:
    load(raw, kind)


TOKENS = (
    [
        "id", "title", "unit", "reports_to", "duties", "kpis", "headcount", "zh", "en", "waive",
        "KPI002", "steps", "responsible", "accountable", "languages", "rules", "ORG004", "max",
        ":", ": ", " ", "  ", "\n", "\n  ", "\n    ", "- ", "-", "[", "]", "{", "}", ", ", ",",
        "&a ", "*a", "!!str ", "!!python/object:os.system ", "!x ", '"', "'", "# c", "\t", "---\n",
        "...\n", "%YAML 1.1\n", "? ", "|\n  ", ">\n  ", "~", "null", "true", "yes", "no", "010",
        "1.10", "2026-01-01", ">= 85%", "40%", "cs-agent", "Bad Id", "班组长", "\\v", "\x0b", "\x00",
        "\u2028", "\ufeff", "\r\n", "\ud800",
    ]
)  # fmt: skip
_TOKENS = st.sampled_from(TOKENS)


@FAST
@given(st.lists(_TOKENS | st.text(max_size=5), max_size=60), st.sampled_from(KINDS))
def test_yaml_like_text(tokens: list[str], kind: str) -> None:
    text = "".join(tokens)
    load(text.encode("utf-8", "surrogatepass"), kind)


# -- whole projects -----------------------------------------------------------------------------

_IDS = st.sampled_from(["a", "b", "c", "d", "e", "ghost", "cs-center", "Bad_Id", "k1", "k2", "p"])
_TEXT = st.one_of(
    st.sampled_from(["班组长", "no", "", "2026-01-01", "x\x0by"]),
    st.fixed_dictionaries(
        {"zh": st.sampled_from(["甲", ""])}, optional={"en": st.just("A"), "fr": st.just("B")}
    ),
    st.none(),
    st.integers(),
)
_TARGET = st.sampled_from([">= 85%", "<= 5 min", "95%", "≥ 3 次", "about five", "", ">= -1 %", "=0"])


def _role(role_id: str) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {"id": st.just(role_id), "title": _TEXT, "unit": _IDS, "purpose": _TEXT},
        optional={
            "reports_to": _IDS,
            "dotted_to": st.lists(_IDS, max_size=3),
            "escalates_to": _IDS,
            "headcount": st.sampled_from([0, 1, 4, 100, -1, "4", "x"]),
            "include": st.lists(_IDS, max_size=2),
            "duties": st.lists(
                st.fixed_dictionaries(
                    {"id": _IDS, "title": _TEXT},
                    optional={
                        "kpis": st.lists(_IDS, max_size=2),
                        "accountable": st.one_of(_IDS, st.lists(_IDS, max_size=3)),
                        "consulted": st.lists(_IDS, max_size=2),
                        "frequency": st.sampled_from(["daily", "dayly"]),
                    },
                ),
                max_size=3,
            ),
            "kpis": st.lists(
                st.fixed_dictionaries(
                    {"kpi": _IDS, "target": _TARGET},
                    optional={"weight": st.sampled_from(["40%", "60", "x", "100 %"])},
                ),
                max_size=3,
            ),
            "career": st.fixed_dictionaries({"next": st.lists(_IDS, max_size=2)}),
            "waive": st.dictionaries(
                st.sampled_from(["KPI002", "E100", "XYZ123", "ORG007"]), _TEXT, max_size=2
            ),
        },
    )


_PROJECTS = st.fixed_dictionaries(
    {
        "org": st.fixed_dictionaries(
            {
                "id": st.just("org"),
                "name": _TEXT,
                "units": st.lists(
                    st.fixed_dictionaries(
                        {"id": _IDS, "name": _TEXT},
                        optional={"parent": _IDS, "head": _IDS, "external": st.booleans()},
                    ),
                    max_size=4,
                ),
            }
        ),
        "roles": st.lists(_IDS, max_size=6, unique=True).flatmap(
            lambda ids: st.tuples(*(_role(i) for i in ids))
        ),
        "kpis": st.lists(
            st.fixed_dictionaries(
                {
                    "id": _IDS,
                    "name": _TEXT,
                    "unit": st.sampled_from(["%", "min", "次"]),
                    "direction": st.sampled_from(["higher-is-better", "lower-is-better"]),
                }
            ),
            max_size=3,
        ),
        "process": st.fixed_dictionaries(
            {
                "id": st.just("p"),
                "title": _TEXT,
                "steps": st.lists(
                    st.fixed_dictionaries(
                        {"id": _IDS, "title": _TEXT, "responsible": st.lists(_IDS, max_size=2)},
                        optional={"accountable": _IDS, "next": st.lists(_IDS, max_size=2)},
                    ),
                    max_size=3,
                ),
            },
            optional={"owner": _IDS},
        ),
        "policy": st.fixed_dictionaries(
            {"id": st.just("pol"), "title": _TEXT},
            optional={
                "review_by": st.sampled_from(["2020-01-01", "2026-02-30", "soon"]),
                "applies_to": st.lists(_IDS, max_size=2),
                "refers_to": st.lists(_IDS, max_size=2),
            },
        ),
        "languages": st.sampled_from([["zh"], ["zh", "en"], ["en", "zh", "fr"]]),
    }
)


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def _dump(data: object) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)


def _write_project(root: Path, project: dict) -> None:
    (root / "specs/roles").mkdir(parents=True)
    for folder in ("kpis", "processes", "policies"):
        (root / "specs" / folder).mkdir()
    (root / "orgc.yaml").write_text(_dump({"languages": project["languages"]}), encoding="utf-8")
    (root / "specs/org.yaml").write_text(_dump(project["org"]), encoding="utf-8")
    for role in project["roles"]:
        (root / f"specs/roles/{role['id']}.yaml").write_text(_dump(role), encoding="utf-8")
    (root / "specs/kpis/k.yaml").write_text(_dump({"kpis": project["kpis"]}), encoding="utf-8")
    (root / "specs/processes/p.yaml").write_text(_dump(project["process"]), encoding="utf-8")
    (root / "specs/policies/pol.yaml").write_text(_dump(project["policy"]), encoding="utf-8")


def _check_invariants(root: Path) -> None:
    result = check(root, date(2026, 6, 1))
    keys = [d.sort_key for d in result.diagnostics]
    assert keys == sorted(keys)
    for d in result.diagnostics:
        path = root / d.location.file
        if path.is_file():
            _assert_located([d], path.read_bytes().decode("utf-8", "replace"))
        else:
            assert d.location.file == "specs/org.yaml", d


@SLOW
@given(_PROJECTS)
def test_generated_projects(project: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        _write_project(root, project)
        _check_invariants(root)


_GOOD_FILES = sorted(p.relative_to(GOOD).as_posix() for p in GOOD.rglob("*.yaml"))


@SLOW
@given(
    st.sampled_from(_GOOD_FILES),
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=2000), st.integers(0, 8), _TOKENS),
        min_size=1,
        max_size=4,
    ),
)
def test_mutated_good_tree(rel: str, edits: list[tuple[int, int, str]]) -> None:
    """The good tree with one file cut and spliced at random places."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        root.mkdir()
        for name in _GOOD_FILES:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes((GOOD / name).read_bytes())
        text = (GOOD / rel).read_text(encoding="utf-8")
        for at, cut, insert in edits:
            at %= len(text) + 1
            text = text[:at] + insert + text[at + cut :]
        (root / rel).write_bytes(text.encode("utf-8", "surrogatepass"))
        _check_invariants(root)
