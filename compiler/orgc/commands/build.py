"""``orgc build``: check, render, publish — the whole pipeline in one readable function."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..diagnostics import Severity
from ..incremental import index as build_index

if TYPE_CHECKING:  # the no-op path must not pay for importing the pipeline (networkx, jsonschema …)
    from ..config import Config
    from ..incremental.index import Stamp
    from ..incremental.known import KnownDocuments
    from ..pipeline import CheckResult
    from ..render.context import OutputFile, RenderContext
    from ..render.outputs import Reuse


class BuildProblem(Exception):
    """Bad options or an unwritable output folder (exit code 2)."""


def run_build(
    result: CheckResult,
    output: Path | None,
    langs: tuple[str, ...],
    jobs: int | None,
    check_only: bool,
    messages: str = "en",
    today: date | None = None,
    known: KnownDocuments | None = None,
    previous: build_index.BuildIndex | None = None,
) -> int:
    """Returns the exit code; the diagnostics are printed (in ``messages``) when the specs have errors.

    ``previous`` is the build index as read before the check, taken as it is when its file is unchanged.
    """
    from ..i18n import Message
    from ..incremental import documents as document_cache
    from ..incremental import fragment_store as fragment_cache
    from ..incremental.affected import affected_roles
    from ..publish import PublishError, compare, locked, publish
    from ..render.context import RenderContext, source_date
    from ..render.outputs import Reuse
    from ..report.text import render as text_report
    from ..writers.docx.package import ReferenceDocxError
    from ..writers.templating import TemplateProblem

    if not result.ok:
        click.echo(text_report(result, sys.stderr.isatty(), messages), nl=False, err=True)
        click.echo(Message("build.nothing-built").render(messages), err=True)
        return 1
    out_dir = _output_folder(result.project, result.config, output)
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
    estimate = len(ctx.org.roles) * len(ctx.languages) * 2 + 8
    warnings = result.count(Severity.WARNING)
    if check_only:
        try:
            with closing(_with_progress(_render(ctx, jobs), estimate)) as rendered:
                differences = compare(out_dir, rendered)
        except (ReferenceDocxError, TemplateProblem) as exc:
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
    setting = document_setting(ctx)
    shared = _shared_fingerprint(ctx, setting)
    recorded: dict[str, str | None] = {}
    pieces: dict[str, bytes] = {}
    try:
        with locked(out_dir):
            index = build_index.load(out_dir, previous)
            kept = build_index.unchanged_outputs(index, out_dir) if index and index.setting == setting else {}
            if known and (index is None or index.saved_ns != known.build):
                known = None  # another build finished meanwhile: its outputs do not go with these documents
            fragments = fragment_cache.load(out_dir, index, setting)
            reuse = Reuse(setting, kept, affected_roles(known, result.read, shared), fragments)
            # closed even when publishing fails, so that the render workers stop at once
            with closing(
                _recording(_with_progress(_render(ctx, jobs, reuse), estimate), recorded, pieces)
            ) as outputs:
                published = publish(out_dir, outputs)
            saved = time.time_ns()
            sources = build_index.source_digests(_input_files(result.project, result.config), index)
            inputs = input_fingerprint(sources, ctx.languages, today, when)
            linked = {p: index.outputs[p][1] for p in published.linked if p in index.outputs} if index else {}
            stamps = build_index.stamps(out_dir, recorded, linked)
            documents = document_cache.save(out_dir, result.read, shared, known)
            kept_pieces = fragment_cache.save(out_dir, pieces, setting, fragments)
            caches = {
                name: stamp
                for name, stamp in ((document_cache.FILE, documents), (fragment_cache.FILE, kept_pieces))
                if stamp
            }
            build_index.save(
                out_dir, build_index.BuildIndex(inputs, setting, warnings, stamps, sources, saved, caches)
            )
    except (PublishError, ReferenceDocxError, TemplateProblem) as exc:
        raise BuildProblem(str(exc)) from None
    except OSError as exc:
        raise BuildProblem(f"cannot write {out_dir}: {exc.strerror or exc}") from None
    note = f" ({warnings} warning(s): see `orgc check`)" if warnings else ""
    click.echo(
        f"built {_shown(out_dir)}: {published.written} written, {published.unchanged} unchanged, "
        f"{published.removed} removed{note}"
    )
    return 0


@dataclass(frozen=True)
class PreviousBuild:
    """The index of the last build into the output folder a build is about to write."""

    project: Path
    config: Config
    out_dir: Path
    index: build_index.BuildIndex


def previous_build(path: Path, output: Path | None) -> PreviousBuild | None:
    """None when there is no last build to learn from, or anything about it is unexpected."""
    from ..config import CONFIG_FILE, load_config

    try:
        if not (path / "specs").is_dir() and not (path / CONFIG_FILE).is_file():
            return None
        config, problems = load_config(path)
        if problems:
            return None
        out_dir = _output_folder(path, config, output)
        index = build_index.load(out_dir)
    except (BuildProblem, OSError):
        return None
    return PreviousBuild(path, config, out_dir, index) if index else None


def up_to_date(previous: PreviousBuild | None, langs: tuple[str, ...], today: date | None) -> str | None:
    """A one-line report when nothing has changed since the last build into the output folder, else None.

    Costs one ``lstat`` of every input file and output (reading only the inputs whose
    stamps changed); anything unexpected (a file touched, not a project) means "build as usual".
    """
    from ..publish import read_manifest
    from ..render.context import source_date

    if previous is None:
        return None
    project, config, out_dir, index = previous.project, previous.config, previous.out_dir, previous.index
    try:
        languages = tuple(dict.fromkeys(langs)) or config.languages
        sources = build_index.source_digests(_input_files(project, config), index)
        when = source_date(project)
        if index.inputs != input_fingerprint(sources, languages, today, when):
            return None
        if not build_index.all_intact(index, out_dir, read_manifest(out_dir)):
            return None
    except OSError:
        return None
    note = f" ({index.warnings} warning(s): see `orgc check`)" if index.warnings else ""
    return f"{_shown(out_dir)} is up to date: nothing changed since the last build{note}"


def known_documents(previous: PreviousBuild | None) -> KnownDocuments | None:
    """The spec documents the last build read, to be taken over where their files are unchanged."""
    from ..incremental import documents as document_cache

    return document_cache.load(previous.out_dir, previous.index) if previous else None


def input_fingerprint(
    sources: Mapping[str, tuple[Stamp, str]],
    languages: tuple[str, ...],
    today: date | None,
    when: datetime | None,
) -> str:
    """Everything a build reads: specs, orgc.yaml, templates, orgc itself, the languages and the dates."""
    return build_index.fingerprint(
        build_index.code_fingerprint(),
        ",".join(languages),
        (today or date.today()).isoformat(),
        when.isoformat() if when else "-",
        *(f"{name}\0{digest}" for name, (_stamp, digest) in sorted(sources.items())),
    )


def _input_files(project: Path, config: Config) -> list[tuple[str, str]]:
    from ..config import CONFIG_FILE

    return build_index.input_files(project, CONFIG_FILE, config.templates)


def document_setting(ctx: RenderContext) -> str:
    """What every job description depends on besides what it shows: orgc, templates and fonts."""
    return build_index.fingerprint(
        build_index.code_fingerprint(),
        build_index.tree_fingerprint(ctx.project / ctx.config.templates),
        ctx.config.east_asian_font,
        ctx.config.latin_font,
    )


def _shared_fingerprint(ctx: RenderContext, setting: str) -> str:
    """What every output depends on besides the spec documents: the setting, orgc.yaml and the date."""
    from ..config import CONFIG_FILE

    config = ctx.project / CONFIG_FILE
    config_print = build_index.files_fingerprint(ctx.project, [config]) if os.path.lexists(config) else "-"
    return build_index.fingerprint(setting, config_print, ctx.date_text)


def _recording(
    outputs: Iterator[OutputFile], recorded: dict[str, str | None], pieces: dict[str, bytes]
) -> Iterator[OutputFile]:
    for output in outputs:
        recorded[output.path] = output.content
        pieces.update(output.fragments)
        yield output


def _render(ctx: RenderContext, jobs: int | None, reuse: Reuse | None = None) -> Iterator[OutputFile]:
    from ..render.outputs import render_all

    yield from render_all(ctx, jobs, reuse)


def _output_folder(project: Path, config: Config, output: Path | None) -> Path:
    out_dir = (output if output is not None else project / config.output).absolute()
    project = project.absolute()
    specs = project / "specs"
    if out_dir in (project, specs) or out_dir in project.parents or specs in out_dir.parents:
        raise BuildProblem(f"refusing to build into {out_dir}: it holds the specs; choose another folder")
    if output is None and not out_dir.resolve().is_relative_to(project.resolve()):
        # orgc.yaml may come from a pull request: its `output` must not aim the build elsewhere
        raise BuildProblem(
            f"orgc.yaml `output: {config.output}` is outside the project; give a folder inside it, "
            "or choose the folder on the command line with -o"
        )
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
