"""The JSON report of ``orgc check --format json`` (schema/diagnostics.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from ..diagnostics import Severity
from ..result import CheckResult

VERSION = 1


def as_data(result: CheckResult, lang: str = "en") -> dict[str, Any]:
    return {
        "version": VERSION,
        "summary": {
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "infos": result.count(Severity.INFO),
            "files": result.files,
        },
        "diagnostics": [
            {
                "code": d.code,
                "severity": d.severity.label,
                "file": d.location.file,
                "line": d.location.line,
                "column": d.location.column,
                "message": d.message_in(lang),
                "hint": d.hint_in(lang),
            }
            for d in result.diagnostics
        ],
        "waived": [
            {
                "code": use.waiver.code,
                "file": use.waiver.location.file,
                "line": use.waiver.location.line,
                "reason": use.waiver.reason,
                "subject": use.waiver.subject.id,
                "suppressed": use.suppressed,
            }
            for use in result.waivers
        ],
    }


def render(result: CheckResult, colour: bool = False, lang: str = "en") -> str:
    return json.dumps(as_data(result, lang), ensure_ascii=False, indent=2) + "\n"
