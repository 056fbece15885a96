"""The ``orgc`` command: thin commands over the pipeline. Exit codes: 0 ok, 1 spec errors, 2 usage/I/O."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from . import __version__

FORMATS = ("text", "json", "github", "sarif")


class UsageProblem(click.ClickException):
    exit_code = 2


def _today(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; write YYYY-MM-DD") from None


def _project_argument(function):  # type: ignore[no-untyped-def]
    return click.argument(
        "path", type=click.Path(file_okay=False, path_type=Path), default=".", required=False
    )(function)


def _run_check(path: Path, today: date | None):  # type: ignore[no-untyped-def]
    from .pipeline import ProjectError, check

    try:
        return check(path, today)
    except ProjectError as exc:
        raise UsageProblem(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="orgc")
def cli() -> None:
    """orgc: check an organisation written as YAML, and build its job descriptions.

    A project is a folder with specs/ (org.yaml, roles/, kpis/, duties/,
    processes/, policies/) and an optional orgc.yaml. Commands take the project
    folder as PATH (default: the current folder).
    """


@cli.command("check")
@_project_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text (coloured on a terminal), json, github (workflow annotations) or sarif.",
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@click.option(
    "--today",
    callback=_today,
    metavar="YYYY-MM-DD",
    help="The date policies' review_by is compared with (default: today).",
)
def check_command(path: Path, fmt: str, strict: bool, today: date | None) -> None:
    """Validate the specs and report every problem as file:line:column.

    Exit code 0 when there are no errors (and, with --strict, no warnings);
    1 when there are; 2 when PATH is not a project or cannot be read.
    """
    from .diagnostics import Severity
    from .report import REPORTERS

    result = _run_check(path, today)
    colour = fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    click.echo(REPORTERS[fmt](result, colour), nl=False)
    failing = result.count(Severity.ERROR) + (result.count(Severity.WARNING) if strict else 0)
    sys.exit(1 if failing else 0)


@cli.command("build")
@_project_argument
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: out/ in the project, or orgc.yaml `output`).",
)
@click.option(
    "--lang",
    "langs",
    multiple=True,
    metavar="LANG",
    help="Build only this language (repeatable; default: every language in orgc.yaml).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Parallel workers for rendering (default: the number of CPU cores).",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 if the output folder is not what the specs give.",
)
@click.option(
    "--today",
    callback=_today,
    metavar="YYYY-MM-DD",
    help="The date policies' review_by is compared with (default: today).",
)
def build_command(
    path: Path,
    output: Path | None,
    langs: tuple[str, ...],
    jobs: int | None,
    check_only: bool,
    today: date | None,
) -> None:
    """Check the specs, then render every output into the output folder.

    Writes job descriptions (DOCX and Markdown), responsibility matrices, the
    org chart, the handbook and org.json. Nothing is written when the specs
    have errors; a failed or interrupted build leaves the previous output as it was.
    """
    from .build import BuildProblem, run_build

    result = _run_check(path, today)
    try:
        code = run_build(result, output, langs, jobs, check_only)
    except BuildProblem as exc:
        raise UsageProblem(str(exc)) from None
    sys.exit(code)


@cli.command("show")
@click.argument("role")
@click.option(
    "--path",
    "path",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    help="The project folder (default: the current folder).",
)
@click.option("--lang", help="Language of the texts (default: the first in orgc.yaml).")
def show_command(role: str, path: Path, lang: str | None) -> None:
    """Show one role: chain of command, direct reports, duties with RACI, KPI targets."""
    from .rules.registry import guess
    from .show import render_role

    result = _run_check(path, None)
    found = result.org.roles.get(role)
    if found is None:
        raise UsageProblem(f"no role '{role}'. {guess(role, result.org.roles)}".strip())
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    language = lang or result.org.default_language
    click.echo(render_role(result.org, result.graph, found, language, colour), nl=False)
    if not result.ok:
        click.echo(f"\nnote: the specs have errors; run `orgc check {path}`.", err=True)


@cli.command("schema")
@click.argument("name", required=False)
def schema_command(name: str | None) -> None:
    """Print the JSON Schemas (all of them as one JSON object, or the one NAME).

    NAME is a schema file name such as role.schema.json, or a kind: org, role,
    kpis, duties, process, policy, config, common.
    """
    import json

    from . import resources
    from .validate import SCHEMA_OF_KIND

    names = resources.schema_names()
    if name is None:
        click.echo(json.dumps({n: resources.schema(n) for n in names}, ensure_ascii=False, indent=2))
        return
    file_name = SCHEMA_OF_KIND.get(name, name if name.endswith(".json") else f"{name}.schema.json")
    if file_name not in names:
        raise UsageProblem(f"no schema '{name}'; known: {', '.join(names)}")
    click.echo(json.dumps(resources.schema(file_name), ensure_ascii=False, indent=2))


@cli.command("explain")
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="Print the full reference as Markdown.")
def explain_command(code: str | None, markdown: bool) -> None:
    """Explain a diagnostic code (what, why, a failing and a fixed example), or list them all."""
    from .rules import RULES, all_rules
    from .rules.docs import reference_markdown, rule_text

    if markdown:
        click.echo(reference_markdown(), nl=False)
    elif code is None:
        for entry in all_rules():
            click.echo(f"{entry.code:<8} {entry.severity.label:<8} {entry.summary}")
    elif code.upper() in RULES:
        click.echo(rule_text(RULES[code.upper()]))
    else:
        raise UsageProblem(f"no diagnostic code '{code}'; run `orgc explain` for the list")


def main() -> None:
    """Entry point: a crash is reported in one line (ORGC_DEBUG=1 shows the traceback)."""
    try:
        cli.main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # pragma: no cover - the last line of defence
        if os.environ.get("ORGC_DEBUG"):
            raise
        click.echo(
            f"orgc: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in orgc; rerun with ORGC_DEBUG=1 for details.",
            err=True,
        )
        sys.exit(2)
