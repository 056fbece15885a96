"""``orgc build``: plan, check, render, publish — the whole build in one readable function."""

from __future__ import annotations

import dataclasses
import os
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..config import CONFIG_FILE, Config, load_config
from ..diagnostics import Severity
from ..i18n import Message, default_language, os_reason
from ..incremental import fragment_store, plan
from ..publish import PublishError, compare, locked, publish
from ..render.context import OutputFile, RenderContext, SourceDateProblem, source_date

if TYPE_CHECKING:
    from ..pipeline import Modelled


class BuildProblem(Exception):
    """Bad options or an unwritable output folder (exit code 2); ``str()`` is said in the run's language."""

    def __init__(self, message: Message, lang: str) -> None:
        super().__init__(message.render(lang))
        self.lang = lang


@dataclass(frozen=True)
class BuildOptions:
    """The options of ``orgc build``."""

    path: Path
    output: Path | None = None
    langs: tuple[str, ...] = ()
    jobs: int | None = None
    check_only: bool = False  # --check: compare the output folder with the specs, write nothing
    today: date | None = None
    messages: str | None = None  # the language of what is said; None: the project's
    pdf: bool = False  # --pdf: PDFs of the JDs and handbooks too (or `pdf: true` in orgc.yaml)
    site: bool = True  # False: --no-site, no out/site/ whatever orgc.yaml says


def build(options: BuildOptions) -> int:
    """Build the project's outputs; the exit code. Raises ``BuildProblem`` (exit code 2)."""
    # --check compares the output folder with the specs alone: it takes nothing from an earlier build
    last = None if options.check_only else _last_build(options)
    if (
        last is not None
        and _site_as_asked(last, options)
        and plan.nothing_changed(last, options.langs, options.today, options.pdf or last.config.pdf)
    ):
        said = options.messages or default_language(last.config.languages)
        _say(
            Message("build.nothing-changed", folder=_shown(last.out_dir), note=_note(last.index.warnings)),
            said,
        )
        return 0

    # Importing the pipeline (the rules, jinja2, the docx writer) takes 0.2-0.3 s (python -X
    # importtime), more than all the no-op build above imports (0.07-0.15 s): only a build that checks pays.
    from ..pipeline import ProjectError, start_check
    from ..render.outputs import render_all, shared_indexes
    from ..render.pdf import with_pdfs
    from ..report.text import render as text_report
    from ..writers.docx.package import ReferenceDocxError
    from ..writers.pdf import PdfError
    from ..writers.templating import TemplateProblem

    known = plan.known_documents(last)
    try:
        checking = start_check(options.path, options.today, known, jobs=options.jobs)
    except ProjectError as exc:  # not a project: said in the language asked for, else the project's
        raise BuildProblem(exc.message, options.messages or exc.language or "en") from None
    said = options.messages or default_language(checking.modelled.config.languages)
    # While the rules run aside (a large organisation), the output folder is looked at and the
    # indexes every output shares are made from the model; what is wrong there is said after the
    # check's own problems. Without a process beside, a check that fails does not wait for them.
    try:
        out_dir, ctx = _prepared(checking.modelled, options, said)
        if checking.aside:
            shared_indexes(ctx)
        problem: BuildProblem | None = None
    except BuildProblem as exc:
        problem = exc
    except (ReferenceDocxError, TemplateProblem) as exc:
        problem = BuildProblem(exc.message, said)
    result = checking.result()
    if not result.ok:
        click.echo(text_report(result, sys.stderr.isatty(), said), nl=False, err=True)
        _say(Message("build.nothing-built"), said, err=True)
        return 1
    if problem is not None:
        raise problem
    ctx = ctx.keeping_indexes(waivers=result.waivers)
    estimate = len(ctx.org.roles) * len(ctx.languages) * 2 + 8

    if options.check_only:
        try:
            with closing(_with_progress(render_all(ctx, options.jobs), estimate, said)) as rendered:
                # PDFs are not compared: LibreOffice writes the time into them
                differences = compare(out_dir, rendered, unchecked=("pdf/",))
        except (ReferenceDocxError, TemplateProblem) as exc:
            raise BuildProblem(exc.message, said) from None
        changes = {
            "added": Message("build.added"),
            "changed": Message("build.changed"),
            "removed": Message("build.removed"),
        }
        for difference in differences:
            change = changes[difference.change].render(said)
            click.echo(f"{_right_aligned(change, 8)}  {_shown(out_dir)}/{difference.path}")
        if differences:
            _say(Message("build.differs", folder=_shown(out_dir), count=len(differences)), said, err=True)
            return 1
        _say(Message("build.current", folder=_shown(out_dir)), said)
        return 0

    pdf = options.pdf or result.config.pdf
    office = _office(said) if pdf else None  # before anything is written
    recorded: dict[str, str | None] = {}
    pieces: dict[str, bytes] = {}
    owners: dict[str, tuple[str, ...]] = {}  # output -> the keys of its pieces
    try:
        with locked(out_dir, said):
            reuse = plan.reuse(last, out_dir, result, known, ctx.date_text)
            ctx = ctx.keeping_indexes(reuse=reuse.kept)
            rendering = render_all(ctx, options.jobs)
            if office:
                rendering = with_pdfs(rendering, ctx, out_dir, office)
            # closed even when publishing fails, so that the render workers stop at once
            with closing(
                _recording(_with_progress(rendering, estimate, said), recorded, pieces, owners)
            ) as outputs:
                published = publish(out_dir, outputs)
            used = fragment_store.Stored(pieces, owners)
            when = ctx.source_date if ctx.dated else None
            plan.record_build(reuse, published, recorded, used, ctx.languages, options.today, when, pdf)
    except (PublishError, PdfError) as exc:
        raise BuildProblem(exc.message, said) from None
    except (ReferenceDocxError, TemplateProblem) as exc:
        raise BuildProblem(exc.message, said) from None
    except OSError as exc:
        raise BuildProblem(
            Message("build.cannot-write", folder=str(out_dir), reason=os_reason(exc)), said
        ) from None
    built = Message(
        "build.built",
        folder=_shown(out_dir),
        written=published.written,
        unchanged=published.unchanged,
        removed=published.removed,
        note=_note(result.count(Severity.WARNING)),
    )
    _say(built, said)
    return 0


def _prepared(modelled: Modelled, options: BuildOptions, said: str) -> tuple[Path, RenderContext]:
    """The output folder, and the context the outputs are rendered in (its waivers not yet known)."""
    out_dir = _output_folder(modelled.project, modelled.config, options.output, said)
    unknown = [lang for lang in options.langs if lang not in modelled.org.languages]
    if unknown:
        problem = Message("build.unknown-languages", asked=unknown, languages=modelled.org.languages)
        raise BuildProblem(problem, said)
    try:
        when = source_date(modelled.project)
    except SourceDateProblem as exc:
        raise BuildProblem(Message("build.bad-source-date", value=str(exc)), said) from None
    config = modelled.config if options.site else dataclasses.replace(modelled.config, site=False)
    ctx = RenderContext(
        org=modelled.org,
        graph=modelled.graph,
        config=config,
        project=modelled.project,
        languages=tuple(dict.fromkeys(options.langs)) or modelled.org.languages,
        **({"source_date": when, "dated": True} if when else {}),
    )
    return out_dir, ctx


def _site_as_asked(last: plan.LastBuild, options: BuildOptions) -> bool:
    """Whether the last build wrote the site exactly when this one would: --no-site after a build
    with the site (or the reverse) is a change the inputs do not show."""
    return (last.out_dir / "site" / "index.html").is_file() == (last.config.site and options.site)


def _last_build(options: BuildOptions) -> plan.LastBuild | None:
    """What the last build into the output folder left; None when anything about the project is off."""
    path = options.path
    try:
        if not (path / "specs").is_dir() and not (path / CONFIG_FILE).is_file():
            return None
        config, problems = load_config(path)
        if problems:
            return None
        out_dir = _output_folder(path, config, options.output, "en")
    except (BuildProblem, OSError):
        return None
    return plan.last_build(path, config, out_dir)


def _output_folder(project: Path, config: Config, output: Path | None, said: str) -> Path:
    out_dir = (output if output is not None else project / config.output).absolute()
    project = project.absolute()
    specs = project / "specs"
    if out_dir in (project, specs) or out_dir in project.parents or specs in out_dir.parents:
        raise BuildProblem(Message("build.holds-the-specs", folder=str(out_dir)), said)
    if output is None and not out_dir.resolve().is_relative_to(project.resolve()):
        # orgc.yaml may come from a pull request: its `output` must not aim the build elsewhere
        raise BuildProblem(Message("build.output-outside", output=str(config.output)), said)
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildProblem(Message("build.not-a-folder", folder=str(out_dir)), said)
    return out_dir


def _office(said: str) -> str:
    """The LibreOffice that makes the PDFs; where there is none, how to install it (exit code 2)."""
    from ..writers.pdf import find_office

    office = find_office()
    if office is None:
        raise BuildProblem(Message("pdf.no-office"), said)
    return office


def _note(warnings: int) -> Message | None:
    return Message("build.warnings-note", count=warnings) if warnings else None


def _say(message: Message, lang: str, err: bool = False) -> None:
    click.echo(message.render(lang), err=err)


def _recording(
    outputs: Iterator[OutputFile],
    recorded: dict[str, str | None],
    pieces: dict[str, bytes],
    owners: dict[str, tuple[str, ...]],
) -> Iterator[OutputFile]:
    for output in outputs:
        recorded[output.path] = output.content
        if output.fragments:
            pieces.update(output.fragments)
            owners[output.path] = tuple(key for key, _piece in output.fragments)
        yield output


def _with_progress(outputs: Iterator[OutputFile], estimate: int, lang: str) -> Iterator[OutputFile]:
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield from outputs
        return
    label = Message("build.rendering").render(lang)
    with click.progressbar(length=estimate, label=label, file=sys.stderr) as bar:
        for output in outputs:
            bar.update(1)
            yield output


def _right_aligned(text: str, columns: int) -> str:
    """``text`` right-aligned in terminal columns: a Chinese character takes two."""
    width = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return " " * max(columns - width, 0) + text


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix() or "."
    except ValueError:
        return str(path)
