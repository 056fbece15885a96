"""Regenerate the README sections that are derived from the code.

python scripts/update_readme.py          # rewrite README.md
python scripts/update_readme.py --check  # exit 1 if README.md is stale (used by the tests)
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "compiler" / "orgc"


def diagnostics_section() -> str:
    sys.path.insert(0, str(ROOT / "compiler"))
    from orgc.rules.docs import reference_markdown

    return reference_markdown()


def architecture_section() -> str:
    lines = ["| module | what it does |", "|---|---|"]
    for path in sorted(PACKAGE.rglob("*.py")):
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        summary = docstring.strip().split("\n\n")[0].replace("\n", " ")
        if path.name == "__main__.py":
            summary = summary or "`python -m orgc` runs the command line."
        name = path.relative_to(PACKAGE.parent).as_posix()
        lines.append(f"| `{name}` | {summary.replace('|', chr(92) + '|')} |")
    return "\n".join(lines) + "\n"


def updated(readme: str) -> str:
    for marker, body in (("diagnostics", diagnostics_section()), ("architecture", architecture_section())):
        pattern = re.compile(rf"(<!-- {marker}:start -->\n).*?(<!-- {marker}:end -->)", re.S)
        readme = pattern.sub(lambda m, body=body: m[1] + body + m[2], readme)
    return readme


def main() -> int:
    path = ROOT / "README.md"
    current = path.read_text(encoding="utf-8")
    fresh = updated(current)
    if "--check" in sys.argv:
        if fresh != current:
            print("README.md is stale: run python scripts/update_readme.py", file=sys.stderr)
            return 1
        return 0
    path.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
