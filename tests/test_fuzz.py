"""Property tests: no input makes the loader or the checker raise; every problem is a diagnostic.

Generated valid organisations check with no diagnostic at all, build, and every DOCX and
XLSX they give opens again; mutated ones, random bytes and random YAML end in
diagnostics, each within a time bound. CI runs a short profile (well under two
minutes); ``ORGC_FUZZ=long python -m pytest tests/test_fuzz.py`` runs about fifty
times as many examples (several minutes), and ``ORGC_FUZZ_SEED=N`` repeats a run.
"""

from __future__ import annotations

import io
import os
import tempfile
import time
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import docx
import openpyxl
import yaml
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from helpers import GOOD, render_context
from orgc.diagnostics import Diagnostic
from orgc.load.text import decode
from orgc.load.yaml_doc import parse_yaml
from orgc.pipeline import check
from orgc.render.jd.punctuation import full_width
from orgc.render.outputs import render_all
from orgc.validate import SCHEMA_OF_KIND, validate

KINDS = sorted(SCHEMA_OF_KIND)
LONG = os.environ.get("ORGC_FUZZ") == "long"
_SCALE = 50 if LONG else 1


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples * _SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        print_blob=True,
    )


FAST = _settings(60)
SLOW = _settings(20)
BUILDS = _settings(12)
_SEED = os.environ.get("ORGC_FUZZ_SEED")
seeded = seed(int(_SEED)) if _SEED else (lambda test: test)
LOADER_SECONDS = 5  # one small file through decode, parse and validate: far more than it ever needs


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
    """The loader stages on one file: decode, parse, validate. They must not raise, nor take long."""
    started = time.perf_counter()
    _load(raw, kind)
    assert time.perf_counter() - started < LOADER_SECONDS


def _load(raw: bytes, kind: str) -> None:
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


@seeded
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


@seeded
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


@seeded
@SLOW
@given(_PROJECTS)
def test_generated_projects(project: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        _write_project(root, project)
        _check_invariants(root)


_GOOD_FILES = sorted(p.relative_to(GOOD).as_posix() for p in GOOD.rglob("*.yaml"))


@seeded
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


# -- valid organisations: clean, built, reopened; then mutated ---------------------------------------

# Text as people write it, in any script: letters, marks, CJK beyond the basic plane, emoji
# with joiners; not what a spec refuses (control and bidi characters, YAML line breaks).
_REFUSED = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_WORDS = st.text(
    st.characters(
        codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"), exclude_characters=_REFUSED
    ),
    min_size=1,
    max_size=24,
).filter(lambda text: text.strip() == text and text != "")


def _text(languages: list[str], draw: st.DrawFn, tag: str) -> dict[str, str]:
    """A Text in every configured language, unique by ``tag`` (so no two duties read the same)."""
    return {lang: f"{draw(_WORDS)} {tag}" for lang in languages}


@st.composite
def valid_organisations(draw: st.DrawFn) -> dict:
    """A project that is right in every respect the rules check: one top role, known ids, sums of 100%."""
    languages = draw(st.sampled_from([["zh"], ["zh", "en"], ["en", "zh"]]))
    unit_count = draw(st.integers(1, 4))
    units = [
        {"id": f"u{i}", "name": _text(languages, draw, f"u{i}")}
        | ({"parent": f"u{draw(st.integers(0, i - 1))}"} if i else {})
        for i in range(unit_count)
    ]
    kpis = [
        {
            "id": f"k{i}",
            "name": _text(languages, draw, f"k{i}"),
            "unit": draw(st.sampled_from(["%", "min", "次", "h"])),
            "direction": draw(st.sampled_from(["higher-is-better", "lower-is-better"])),
        }
        for i in range(draw(st.integers(1, 3)))
    ]
    role_count = draw(st.integers(1, 7))
    roles = []
    for i in range(role_count):
        chosen = draw(
            st.lists(st.sampled_from(kpis), min_size=1, max_size=len(kpis), unique_by=lambda k: k["id"])
        )
        weights = draw(st.sampled_from([None, "percent", "number"])) if len(chosen) > 1 else None
        shares = [100 // len(chosen)] * len(chosen)
        shares[0] += 100 - sum(shares)
        targets = []
        for kpi, share in zip(chosen, shares, strict=True):
            comparator = draw(
                st.sampled_from(
                    [">=", ">", "≥"] if kpi["direction"] == "higher-is-better" else ["<=", "<", "≤"]
                )
            )
            # a percentage takes 0 to 100, and a strict comparator must leave a value to meet it (KPI006)
            low, high = (1 if comparator == "<" else 0, 99 if comparator == ">" else 100)
            number = draw(st.integers(low, high) if kpi["unit"] == "%" else st.integers(0, 999))
            target = {"kpi": kpi["id"], "target": f"{comparator} {number}{kpi['unit']}"}
            if weights:
                target["weight"] = f"{share}%" if weights == "percent" else share
            targets.append(target)
        role = {
            "id": f"r{i}",
            "title": _text(languages, draw, f"r{i}"),
            "unit": f"u{draw(st.integers(0, unit_count - 1))}",
            "headcount": draw(st.integers(1, 3)),
            "purpose": _text(languages, draw, f"r{i}"),
            "duties": [
                # DUT005 compares duty titles without digits and punctuation: the tag is letters
                {"id": f"d{j}", "title": _text(languages, draw, f"r{chr(97 + i)}d{chr(97 + j)}")}
                | ({"frequency": draw(st.sampled_from(["daily", "weekly", "per-event", "ongoing"]))})
                for j in range(draw(st.integers(1, 3)))
            ],
            "kpis": targets,
        }
        if i:
            role["reports_to"] = f"r{draw(st.integers(0, i - 1))}"
        roles.append(role)
    staffed = [r["id"] for r in roles]
    steps = []
    for j in range(draw(st.integers(0, 3))):
        steps.append(
            {
                "id": f"s{j}",
                "title": _text(languages, draw, f"s{j}"),
                "responsible": draw(st.lists(st.sampled_from(staffed), min_size=1, max_size=2, unique=True)),
                "accountable": draw(st.sampled_from(staffed)),
            }
            | ({"next": [f"s{j + 1}"]} if j < 2 and draw(st.booleans()) else {})
        )
    if steps and "next" in steps[-1]:
        del steps[-1]["next"]
    process = {"id": "p", "title": _text(languages, draw, "p"), "steps": steps} if steps else None
    policy = {
        "id": "pol",
        "title": _text(languages, draw, "pol"),
        "owner": draw(st.sampled_from(staffed)),
        "applies_to": ["u0"],
        "effective": "2026-01-01",
        "review_by": "2099-12-31",
        "sections": [{"title": _text(languages, draw, "sec"), "body": _text(languages, draw, "body")}],
    } | ({"refers_to": ["p"]} if process else {})
    return {
        "languages": languages,
        "org": {"id": "org", "name": _text(languages, draw, "org"), "units": units},
        "roles": roles,
        "kpis": kpis,
        "process": process,
        "policy": policy,
    }


def _write_valid(root: Path, project: dict) -> None:
    (root / "specs/roles").mkdir(parents=True)
    (root / "orgc.yaml").write_text(_dump({"languages": project["languages"]}), encoding="utf-8")
    (root / "specs/org.yaml").write_text(_dump(project["org"]), encoding="utf-8")
    for role in project["roles"]:
        (root / f"specs/roles/{role['id']}.yaml").write_text(_dump(role), encoding="utf-8")
    (root / "specs/kpis").mkdir()
    (root / "specs/kpis/catalogue.yaml").write_text(_dump({"kpis": project["kpis"]}), encoding="utf-8")
    if project["process"]:
        (root / "specs/processes").mkdir()
        (root / "specs/processes/p.yaml").write_text(_dump(project["process"]), encoding="utf-8")
    (root / "specs/policies").mkdir()
    (root / "specs/policies/pol.yaml").write_text(_dump(project["policy"]), encoding="utf-8")


@seeded
@BUILDS
@given(valid_organisations())
def test_valid_organisations_check_clean_build_and_reopen(project: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        _write_valid(root, project)
        result = check(root, date(2026, 6, 1))
        assert [f"{d.location} {d.code} {d.message}" for d in result.diagnostics] == []
        started = time.perf_counter()
        files = {f.path: f.data for f in render_all(render_context(root), jobs=1)}
        assert time.perf_counter() - started < 60
        roles = [r["id"] for r in project["roles"]]
        for lang in project["languages"]:
            assert {f"jd/{lang}/{r}.docx" for r in roles} | {f"handbook/{lang}.docx"} <= files.keys()
        for path, data in files.items():
            if path.endswith(".docx"):
                docx.Document(io.BytesIO(data))
            elif path.endswith(".xlsx"):
                openpyxl.load_workbook(io.BytesIO(data))
            elif path.endswith(".svg"):
                ET.fromstring(data)
        title = project["roles"][0]["title"][project["languages"][0]]
        document = docx.Document(io.BytesIO(files[f"jd/{project['languages'][0]}/r0.docx"]))
        shown = full_width(title) if project["languages"][0].startswith("zh") else title
        assert document.paragraphs[0].text == shown  # ':' beside Chinese printed as '：'


_MUTATIONS = st.sampled_from(["drop", "retype", "hostile", "unknown-ref", "duplicate-id", "splice"])
_HOSTILE = st.sampled_from(
    [
        "",
        "~",
        "no",
        "=1+2",
        "\u202egnp.exe",
        "a\u0000b",
        "x" * 5000,
        "../../etc/passwd",
        "con",
        "cs\u200bagent",
        "9" * 5000,
    ]
)


def _paths(data: object, path: tuple = ()) -> list[tuple]:
    """Every place in a data tree: mapping keys and list items, at any depth."""
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*path, index))
    return found


def _mutate(data: object, where: tuple, how: str, hostile: str) -> object:
    parent = data
    for part in where[:-1]:
        parent = parent[part]  # type: ignore[index]
    last = where[-1]
    if how == "drop":
        del parent[last]  # type: ignore[attr-defined]
    elif how == "retype":
        parent[last] = [parent[last]] if not isinstance(parent[last], list) else {"x": parent[last]}  # type: ignore[index]
    elif how == "unknown-ref":
        parent[last] = "ghost"  # type: ignore[index]
    else:
        parent[last] = hostile  # type: ignore[index]
    return data


@seeded
@SLOW
@given(valid_organisations(), st.data())
def test_mutated_valid_organisations_end_in_located_diagnostics(project: dict, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        _write_valid(root, project)
        files = sorted(p for p in root.rglob("*.yaml"))
        target = data.draw(st.sampled_from(files))
        how = data.draw(_MUTATIONS)
        content = yaml.safe_load(target.read_text(encoding="utf-8"))
        if how == "duplicate-id" and target.parent.name == "roles":
            (target.parent / "r99.yaml").write_text(target.read_text(encoding="utf-8"), encoding="utf-8")
        elif how == "splice":
            text = target.read_text(encoding="utf-8")
            at = data.draw(st.integers(0, len(text)))
            target.write_text(
                text[:at] + data.draw(_TOKENS) + text[at:], encoding="utf-8", errors="surrogatepass"
            )
        elif isinstance(content, dict | list) and _paths(content):
            where = data.draw(st.sampled_from(_paths(content)))
            mutated = _mutate(content, where, how, data.draw(_HOSTILE))
            target.write_text(_dump(mutated), encoding="utf-8", errors="surrogatepass")
        started = time.perf_counter()
        _check_invariants(root)
        assert time.perf_counter() - started < 60
