"""SARIF 2.1.0, for code-scanning dashboards."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote  # artifact locations are URI references: 'a b.yaml' -> 'a%20b.yaml'

from .. import __version__
from ..diagnostics import Diagnostic, Severity
from ..result import CheckResult
from ..rules import all_rules

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def as_data(result: CheckResult, lang: str = "en") -> dict[str, Any]:
    """SARIF with the messages in ``lang``; the rules' own documentation is in English."""
    rules = list(all_rules())
    index = {entry.code: i for i, entry in enumerate(rules)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "orgc",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/orgc/",
                        "rules": [
                            {
                                "id": entry.code,
                                "name": entry.name,
                                "shortDescription": {"text": entry.summary},
                                "fullDescription": {"text": entry.doc.split("\n\n")[0]},
                                "help": {"text": entry.doc, "markdown": entry.doc},
                                "defaultConfiguration": {"level": _LEVELS[entry.severity]},
                            }
                            for entry in rules
                        ],
                    }
                },
                "results": [
                    {
                        "ruleId": d.code,
                        "ruleIndex": index[d.code],
                        "level": _LEVELS[d.severity],
                        "message": {"text": _text(d, lang)},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {
                                        "uri": quote(d.location.file),
                                        "uriBaseId": "%SRCROOT%",
                                    },
                                    "region": {
                                        "startLine": d.location.line,
                                        "startColumn": d.location.column,
                                    },
                                }
                            }
                        ],
                    }
                    for d in result.diagnostics
                ],
            }
        ],
    }


def _text(diagnostic: Diagnostic, lang: str) -> str:
    hint = diagnostic.hint_in(lang)
    return diagnostic.message_in(lang) + (f"\n{hint}" if hint else "")


def render(result: CheckResult, colour: bool = False, lang: str = "en") -> str:
    return json.dumps(as_data(result, lang), ensure_ascii=False, indent=2) + "\n"
