"""``orgc build``: check, render, publish — the whole pipeline in one readable function."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from .diagnostics import Severity
from .pipeline import CheckResult
from .render.context import OutputFile, RenderContext, source_date


class BuildProblem(Exception):
    """Bad options or an unwritable output folder (exit code 2)."""


def run_build(
    result: CheckResult,
    output: Path | None,
    langs: tuple[str, ...],
    jobs: int | None,
    check_only: bool,
    messages: str = "en",
) -> int:
    """Returns the exit code; the diagnostics are printed (in ``messages``) when the specs have errors."""
    from .messages import Message
    from .publish import PublishError, compare, locked, publish
    from .render.docx.package import ReferenceDocxError
    from .report.text import render as text_report

    if not result.ok:
        click.echo(text_report(result, sys.stderr.isatty(), messages), nl=False, err=True)
        click.echo(Message("build.nothing-built").render(messages), err=True)
        return 1
    out_dir = _output_folder(result, output)
    unknown = [lang for lang in langs if lang not in result.org.languages]
    if unknown:
        raise BuildProblem(
            f"--lang {', '.join(unknown)} is not one of the languages in orgc.yaml: "
            f"{', '.join(result.org.languages)}"
        )
    when = source_date(result.project)
    ctx = RenderContext(
        org=result.org,
        graph=result.graph,
        config=result.config,
        project=result.project,
        languages=tuple(dict.fromkeys(langs)) or result.org.languages,
        waivers=result.waivers,
        **({"source_date": when, "dated": True} if when else {}),
    )
    outputs = _with_progress(_render(ctx, jobs), len(ctx.org.roles) * len(ctx.languages) * 2 + 8)
    warnings = result.count(Severity.WARNING)
    if check_only:
        try:
            differences = compare(out_dir, outputs)
        except ReferenceDocxError as exc:
            raise BuildProblem(str(exc)) from None
        for difference in differences:
            click.echo(f"{difference.change:>8}  {_shown(out_dir)}/{difference.path}")
        if differences:
            click.echo(
                f"{_shown(out_dir)} is not up to date ({len(differences)} file(s) differ); "
                "run `orgc build` and commit the result.",
                err=True,
            )
            return 1
        click.echo(f"{_shown(out_dir)} is up to date.")
        return 0
    try:
        with locked(out_dir):
            published = publish(out_dir, outputs)
    except (PublishError, ReferenceDocxError) as exc:
        raise BuildProblem(str(exc)) from None
    except OSError as exc:
        raise BuildProblem(f"cannot write {out_dir}: {exc.strerror or exc}") from None
    note = f" ({warnings} warning(s): see `orgc check`)" if warnings else ""
    click.echo(
        f"built {_shown(out_dir)}: {published.written} written, {published.unchanged} unchanged, "
        f"{published.removed} removed{note}"
    )
    return 0


def _render(ctx: RenderContext, jobs: int | None) -> Iterator[OutputFile]:
    from .render.outputs import render_all

    yield from render_all(ctx, jobs)


def _output_folder(result: CheckResult, output: Path | None) -> Path:
    out_dir = (output if output is not None else result.project / result.config.output).absolute()
    project = result.project.absolute()
    specs = project / "specs"
    if out_dir in (project, specs) or out_dir in project.parents or specs in out_dir.parents:
        raise BuildProblem(f"refusing to build into {out_dir}: it holds the specs; choose another folder")
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildProblem(f"{out_dir} exists and is not a folder")
    return out_dir


def _with_progress(outputs: Iterator[OutputFile], estimate: int) -> Iterator[OutputFile]:
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield from outputs
        return
    with click.progressbar(length=estimate, label="rendering", file=sys.stderr) as bar:
        for output in outputs:
            bar.update(1)
            yield output


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix() or "."
    except ValueError:
        return str(path)
