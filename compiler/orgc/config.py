"""orgc.yaml: the project's settings, validated like any spec file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .diagnostics import Diagnostic
from .load.text import decode
from .load.yaml_doc import Document, parse_yaml

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
    document: Document | None = field(default=None, compare=False, repr=False)


def load_config(project: Path) -> tuple[Config, tuple[Diagnostic, ...]]:
    """Read orgc.yaml if present; every key has a default."""
    from .validate import validate

    path = project / CONFIG_FILE
    if not path.is_file():
        return Config(), ()
    decoded = decode(path.read_bytes(), CONFIG_FILE)
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
    return _config(data, document), problems


def _config(data: dict[str, Any], document: Document) -> Config:
    defaults = Config()
    languages = data.get("languages")
    if not (isinstance(languages, list) and languages and all(isinstance(x, str) for x in languages)):
        languages = list(defaults.languages)
    fonts = data.get("fonts") if isinstance(data.get("fonts"), dict) else {}
    rules = {}
    raw_rules = data.get("rules") if isinstance(data.get("rules"), dict) else {}
    for code, raw in raw_rules.items():
        where = document.key_at("rules", code)
        if isinstance(raw, str):
            rules[code] = RuleSetting(raw, where=where)
        elif isinstance(raw, dict):
            options = {k: v for k, v in raw.items() if k != "level"}
            rules[code] = RuleSetting(raw.get("level"), MappingProxyType(options), where)
    return Config(
        languages=tuple(dict.fromkeys(languages)),
        rules=MappingProxyType(rules),
        east_asian_font=fonts.get("east_asian", defaults.east_asian_font),
        latin_font=fonts.get("latin", defaults.latin_font),
        templates=data.get("templates", defaults.templates),
        output=data.get("output", defaults.output),
        document=document,
    )
