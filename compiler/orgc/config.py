"""orgc.yaml: the project's settings, validated like any spec file."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import resources
from .diagnostics import Diagnostic, Severity
from .i18n import Message
from .load.text import read_spec
from .load.yaml_doc import Document, parse_yaml
from .validate import validate

CONFIG_FILE = "orgc.yaml"


@dataclass(frozen=True)
class RuleSetting:
    level: str | None = None  # off | info | warning | error; None: the rule's default
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    where: Any = None  # Location of the setting, for messages


@dataclass(frozen=True)
class Config:
    languages: tuple[str, ...] = ("zh",)
    rules: Mapping[str, RuleSetting] = field(default_factory=lambda: MappingProxyType({}))
    east_asian_font: str = "SimSun"
    latin_font: str = "Calibri"
    templates: str = "templates"
    output: str = "out"
    signoff: tuple[str, ...] = ()  # the parties who sign every JD
    effective: date | None = None  # the documents' effective date
    site: bool = True  # out/site/: off with `site: false` (or `orgc build --no-site`)
    document: Document | None = field(default=None, compare=False, repr=False)


def load_config(project: Path) -> tuple[Config, tuple[Diagnostic, ...]]:
    """Read orgc.yaml if present; every key has a default."""
    path = project / CONFIG_FILE
    if not path.is_file():
        return Config(), ()
    decoded = read_spec(path, CONFIG_FILE)  # a huge orgc.yaml is refused before it is read
    if decoded.text is None:
        return Config(), (decoded.problem,) if decoded.problem else ()
    document, problems = parse_yaml(decoded.text, CONFIG_FILE)
    if document is None:
        return Config(), problems
    if document.data is None:  # an empty orgc.yaml means "all defaults"
        return Config(document=document), problems
    document, schema_problems = validate(document, "config")
    problems += schema_problems
    data = document.data if isinstance(document.data, dict) else {}
    problems += tuple(_same_but_for_case(data, document))
    return _config(data, document), problems


def _same_but_for_case(data: dict[str, Any], document: Document) -> list[Diagnostic]:
    """Two language codes that differ only in case (en-GB, en-gb) would share one folder on
    Windows and macOS, one build's files overwriting the other's; the second is refused."""
    seen: dict[str, str] = {}
    problems = []
    for index, code in enumerate(_list(data.get("languages"))):
        if not isinstance(code, str) or not _LANGUAGE.fullmatch(code):
            continue  # the schema reports it
        first = seen.setdefault(code.casefold(), code)
        if first != code:
            problems.append(
                Diagnostic(
                    "E102",
                    Severity.ERROR,
                    Message("E102.language-case", code=code, first=first),
                    document.at("languages", index),
                    Message("E102.language-case.hint"),
                )
            )
    return problems


# as common.schema.json#/$defs/lang: a code, and not a name Windows reserves for a device
_LANGUAGE = re.compile(r"(?!(con|prn|aux|nul)$)[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _config(data: dict[str, Any], document: Document) -> Config:
    defaults = Config()
    raw_languages = data.get("languages")
    # A language code the schema rejected (E102) is left out, so that it is not also
    # reported as missing from every text (I18N001).
    languages = [x for x in _list(raw_languages) if isinstance(x, str) and _LANGUAGE.fullmatch(x)]
    by_folder: dict[str, str] = {}
    for code in languages:  # the first of codes that differ only in case (the others are E102)
        by_folder.setdefault(code.casefold(), code)
    languages = list(by_folder.values())
    if not languages:
        languages = list(defaults.languages)
    fonts = data.get("fonts") if isinstance(data.get("fonts"), dict) else {}
    rules = {}
    raw_rules = data.get("rules") if isinstance(data.get("rules"), dict) else {}
    for code, raw in raw_rules.items():
        where = document.key_at("rules", code)
        if isinstance(raw, str):
            rules[code] = RuleSetting(raw, where=where)
        elif isinstance(raw, dict):
            # An option the schema rejected (reported as E102) keeps the rule's default.
            options = {k: v for k, v in raw.items() if k != "level" and _valid_option(code, k, v)}
            rules[code] = RuleSetting(raw.get("level"), MappingProxyType(options), where)
    return Config(
        languages=tuple(dict.fromkeys(languages)),
        rules=MappingProxyType(rules),
        east_asian_font=fonts.get("east_asian", defaults.east_asian_font),
        latin_font=fonts.get("latin", defaults.latin_font),
        templates=data.get("templates", defaults.templates),
        output=data.get("output", defaults.output),
        signoff=tuple(x for x in _list(data.get("signoff")) if isinstance(x, str) and x),
        effective=_date(data.get("effective")),
        site=data.get("site") is not False,
        document=document,
    )


def _date(value: Any) -> date | None:
    """A YYYY-MM-DD date; anything else (which the schema reports) is no date."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _valid_option(code: str, key: str, value: Any) -> bool:
    """Whether ``value`` is valid for a rule option, by the option's schema in orgc.schema.json."""
    # 60 ms; a no-op build reads orgc.yaml without it (jsonschema-rs validates the whole file)
    from jsonschema import Draft202012Validator

    setting = resources.schema("orgc.schema.json")["properties"]["rules"]["properties"].get(code, {})
    for form in setting.get("anyOf", []):
        option = form.get("properties", {}).get(key)
        if option is not None:
            return bool(Draft202012Validator(option).is_valid(value))
    return False
