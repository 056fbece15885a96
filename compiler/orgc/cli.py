"""The ``orgc`` command line: options to commands/, problems to exit codes (0 ok, 1 spec errors, 2 usage/I/O).

Each command imports its module when it runs: ``import orgc.cli`` takes about 50 ms and
``orgc --help`` or ``orgc check --help`` about 80 ms; the figures beside those imports are what
importing them would add to every start (measured in a fresh interpreter on top of
``import orgc.cli``, medians of five runs).
"""

from __future__ import annotations

import gc
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from . import __version__
from .commands import CommandProblem, Outcome

FORMATS = ("text", "json", "github", "sarif")


class UsageProblem(click.ClickException):
    """A command's problem (exit code 2), said in ``lang``: its ``Error:`` prefix too."""

    exit_code = 2

    def __init__(self, message: str, lang: str | None = None) -> None:
        super().__init__(message)
        self.lang = lang

    def show(self, file: Any = None) -> None:
        if self.lang is not None:
            _RUN.lang = self.lang
        super().show(file)


class _Run:
    """The run under way: its arguments, and the language of click's words once it is needed."""

    active = False
    args: tuple[str, ...] = ()
    lang: str | None = None


_RUN = _Run()


def _language() -> str:
    """The language of this run's words before a command knows better (``commands/language.py``)."""
    if _RUN.lang is None:
        try:
            _RUN.lang = _language_of(_RUN.args)
        except Exception:  # an unreadable project is reported by the command; its usage error in English
            _RUN.lang = "en"
    return _RUN.lang


def _language_of(args: tuple[str, ...]) -> str:
    from .commands.language import run_language

    words = args[: args.index("--")] if "--" in args else args
    if "--help" in words or "-h" in words:  # the help is written in English only (docs/messages.md)
        return "en"
    positional = [word for word in words if not word.startswith("-")]
    command = cli.commands.get(positional[0]) if positional else None
    if command is None:
        return run_language(None)
    valued = {
        name for p in command.params if isinstance(p, click.Option) and not p.is_flag for name in p.opts
    }
    options: dict[str, str] = {}
    arguments: list[str] = []
    rest = iter(words[words.index(positional[0]) + 1 :])
    for word in rest:
        name, equals, value = word.partition("=")
        if name in valued:
            options.setdefault(name, value if equals else next(rest, ""))
        elif not word.startswith("-"):
            arguments.append(word)
    return run_language(command.name, options, arguments)


def _gettext(text: str) -> str:
    if not _RUN.active:
        return text
    from .i18n.click_words import said

    return said(text, _language())


def _ngettext(singular: str, plural: str, count: int) -> str:
    return _gettext(singular if count == 1 else plural)


# Click says its words (usage errors, "Error:", "Usage:") through gettext: in the run's language.
for _module in (click.core, click.exceptions, click.parser, click.types, click.formatting, click.decorators):
    if hasattr(_module, "_"):
        _module._ = _gettext  # type: ignore[attr-defined]
    if hasattr(_module, "ngettext"):
        _module.ngettext = _ngettext  # type: ignore[attr-defined]


class _Commands(click.Group):
    """The group of commands: a command's problem ends the run with its text and exit code 2."""

    def main(self, args: Any = None, *rest: Any, **options: Any) -> Any:
        _RUN.active, _RUN.lang = True, None
        _RUN.args = tuple(sys.argv[1:] if args is None else args)
        try:
            return super().main(args, *rest, **options)
        finally:
            _RUN.active = False

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except CommandProblem as exc:
            raise UsageProblem(str(exc), exc.lang) from None


def _finish(outcome: Outcome) -> None:
    click.echo(outcome.output, nl=False)
    if outcome.message:
        click.echo(outcome.message, err=True, nl=False)
    sys.exit(outcome.code)


def _colour() -> bool:
    """Whether to colour what goes to the terminal."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _today(ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    from .i18n import Message

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        # before the project is read, only --messages (read first: it is eager) names the language
        problem = Message("cli.not-a-date", value=value).render(ctx.params.get("messages") or _language())
        raise click.BadParameter(problem) from None


def _project_argument(function):  # type: ignore[no-untyped-def]
    return click.argument(
        "path", type=click.Path(file_okay=False, path_type=Path), default=".", required=False
    )(function)


def _today_option(function):  # type: ignore[no-untyped-def]
    return click.option(
        "--today",
        callback=_today,
        metavar="YYYY-MM-DD",
        help="The date policies' review_by is compared with (default: today).",
    )(function)


def _messages_option(function):  # type: ignore[no-untyped-def]
    return click.option(
        "--messages",
        type=click.Choice(("zh", "en")),
        is_eager=True,
        help="Language of everything orgc says (default: the first language in orgc.yaml "
        "if it is zh or en, else en; see docs/messages.md).",
    )(function)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
    "--fix",
    is_flag=True,
    help="Rewrite the mechanical fixes (full-width punctuation and the like) into the spec files, "
    "list each on stderr, then report on the files as fixed.",
)
@click.option(
    "--dry-run", is_flag=True, help="With --fix: print the unified diff of the fixes; write nothing."
)
@_today_option
@_messages_option
def check_command(
    path: Path, fmt: str, strict: bool, fix: bool, dry_run: bool, today: date | None, messages: str | None
) -> None:
    """Validate the specs and report every problem as file:line:column.

    Exit code 0 when there are no errors (and, with --strict, no warnings);
    1 when there are; 2 when PATH is not a project or cannot be read.
    With --fix, as for the files after fixing.
    """
    from .commands import check  # 100 ms (jsonschema, the rules): not for `orgc check --help`

    if dry_run and not fix:
        from .i18n import Message

        raise click.UsageError(Message("check.fix.dry-run-alone").render(messages or "en"))
    _finish(check.run(path, fmt, strict, today, messages, _colour(), fix, dry_run))


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
    "--pdf",
    is_flag=True,
    help="Also a PDF of every job description and handbook, in pdf/<lang>/ (needs LibreOffice).",
)
@click.option("--no-site", "no_site", is_flag=True, help="Leave out the static website (out/site/).")
@_today_option
@_messages_option
def build_command(
    path: Path,
    output: Path | None,
    langs: tuple[str, ...],
    jobs: int | None,
    check_only: bool,
    pdf: bool,
    no_site: bool,
    today: date | None,
    messages: str | None,
) -> None:
    """Check the specs, then render every output into the output folder.

    Writes job descriptions (DOCX and Markdown), responsibility matrices, the
    org chart, the handbook and org.json. Nothing is written when the specs
    have errors; a failed or interrupted build leaves the previous output as it was.
    A rebuild renders only the job descriptions whose content changed, and when
    nothing at all changed since the last build it says so and writes nothing.
    With --pdf (or `pdf: true` in orgc.yaml), LibreOffice also makes a PDF of
    every job description and handbook.
    """
    from .commands.build import BuildOptions, BuildProblem, build

    options = BuildOptions(path, output, langs, jobs, check_only, today, messages, pdf=pdf, site=not no_site)
    try:
        code = build(options)
    except BuildProblem as exc:
        raise UsageProblem(str(exc), exc.lang) from None
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
@click.option(
    "--messages",
    type=click.Choice(("zh", "en")),
    is_eager=True,
    help="Language of the headings and notes (default: --lang if it is zh or en, else as `orgc check`).",
)
def show_command(role: str, path: Path, lang: str | None, messages: str | None) -> None:
    """Show one role (its id, or its title): chain of command, direct reports, duties with RACI, KPI targets."""
    from .commands import show  # 225 ms (the pipeline)

    _finish(show.run(role, path, lang, messages, _colour()))


@cli.command("diff")
@click.argument("base")
@click.argument("head", required=False)
@click.option(
    "--path",
    "path",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    help="The project folder in the working tree (default: the current folder).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("markdown", "json")),
    default="markdown",
    show_default=True,
    help="markdown (for a pull-request comment) or json.",
)
@click.option("--lang", help="Language of the texts (default: the first in orgc.yaml).")
@click.option("--folders", is_flag=True, help="BASE and HEAD are project folders, not git revisions.")
@_today_option
@_messages_option
def diff_command(
    base: str,
    head: str | None,
    path: Path,
    fmt: str,
    lang: str | None,
    folders: bool,
    today: date | None,
    messages: str | None,
) -> None:
    """What changed in the organisation from BASE to HEAD (default: the working tree).

    BASE and HEAD are git revisions of the repository that holds the project
    (read without touching the working tree), or folders: with --folders, or a
    path holding a '/' that is not also a revision (a bare name such as HEAD is
    always a revision). Exit code 0 whatever changed; 1 when either side's
    specs have errors; 2 when a side cannot be read.
    """
    from .commands import diff  # 270 ms (the pipeline, the comparison)

    _finish(diff.run(base, head, path, fmt, lang, today, folders, messages))


@cli.command("schema")
@click.argument("name", required=False)
@_messages_option
def schema_command(name: str | None, messages: str | None) -> None:
    """Print the JSON Schemas (all of them as one JSON object, or the one NAME).

    NAME is a schema file name such as role.schema.json, or a kind: org, role,
    kpis, duties, process, policy, config, common.
    """
    from .commands import schema  # 45 ms (jsonschema)

    _finish(schema.run(name, messages))


@cli.command("explain")
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="Print the full reference as Markdown (in English).")
@_messages_option
def explain_command(code: str | None, markdown: bool, messages: str | None) -> None:
    """Explain a diagnostic code (what, why, a failing and a fixed example), or list them all."""
    from .commands import explain  # 100 ms (the rules, the model)

    _finish(explain.run(code, markdown, messages))


@cli.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".", required=False)
@click.option(
    "--lang",
    "lang",
    default="zh,en",
    show_default=True,
    metavar="zh|en|zh,en",
    help="Language(s) of the texts; the first is the default.",
)
@click.option("--name", help="The organisation's name, in every language (default: an example name).")
@click.option(
    "--update-schemas",
    is_flag=True,
    help="Only (over)write the editor schemas in DIRECTORY/.orgc/schema/ from this orgc.",
)
@_messages_option
def init_command(
    directory: Path, lang: str, name: str | None, update_schemas: bool, messages: str | None
) -> None:
    """Start a new, valid project in DIRECTORY (default: the current folder).

    A small customer-service organisation to make your own: it checks with no
    problems and builds. Writes orgc.yaml, specs/ (units, four roles, a KPI catalogue, a shared duty
    block, a process with RACI, a policy), .gitignore, a GitHub Actions workflow,
    and copies of the JSON Schemas in .orgc/schema/: every YAML file starts with a
    `# yaml-language-server: $schema=` line pointing there, so editors complete
    and check it offline. Nothing is overwritten: if any of these files exists,
    nothing is written and the exit code is 2.
    """
    from .commands import init  # 30 ms (PyYAML)

    given = click.get_current_context().get_parameter_source("lang") is not ParameterSource.DEFAULT
    _finish(init.run(directory, lang, name, update_schemas, lang_given=given, messages=messages))


@cli.command("lsp")
def lsp_command() -> None:
    """Serve editors over stdio (Language Server Protocol): diagnostics as you type,
    completion, hover, go to definition, references, rename and quick fixes for spec files.

    Start it from the editor, not by hand; see docs/lsp.md.
    """
    from .commands import lsp  # 300 ms (pygls, the pipeline)

    lsp.run()


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--path",
    "path",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    help="The project to import into (default: the current folder); a new one is started if it has no specs/.",
)
@click.option("--force", is_flag=True, help="Replace role files that already exist (what they say is lost).")
@click.option(
    "--merge",
    is_flag=True,
    help="Update the roles already there: only title, unit, reports_to, headcount and grade change; "
    "everything else in their files is kept.",
)
@click.option(
    "--remove-missing",
    is_flag=True,
    help="With --merge: delete the role files of roles the roster no longer lists.",
)
@click.option("--dry-run", is_flag=True, help="Read, plan and check everything; write nothing.")
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="COLUMN=FIELD",
    help="Take a column for a field (repeatable), e.g. --map 职位=title, --map 备注=ignore.",
)
@click.option("--sheet", metavar="NAME", help="The XLSX sheet (default: the first with a header row).")
@click.option(
    "--encoding",
    metavar="NAME",
    help="The encoding of a CSV or text file (default: detected: UTF-8, UTF-16 or GBK/GB18030).",
)
@click.option(
    "--lang",
    type=click.Choice(("zh", "en")),
    help="Language of the roster's or job descriptions' texts (default: the project's first language; "
    "for a new project, zh unless no title holds Chinese).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("text", "json")),
    default="text",
    help="How the report of a job-description import is printed.",
)
@_messages_option
def import_command(
    files: tuple[Path, ...],
    path: Path,
    force: bool,
    merge: bool,
    remove_missing: bool,
    dry_run: bool,
    maps: tuple[str, ...],
    sheet: str | None,
    encoding: str | None,
    lang: str | None,
    output_format: str,
    messages: str | None,
) -> None:
    """Import roles from an HR roster (CSV or XLSX), or from job descriptions (.docx, .txt, .md).

    Columns are recognised by their Chinese or English headers (岗位名称, 部门,
    直接上级, 定员, 职级, 岗位职责 …). Every bad row is reported as ROSTER:ROW and
    nothing is written unless every row is good (exit 1); existing role files are
    replaced only with --force (exit 2 otherwise). What the roster does not say
    (purpose, duties, KPIs) is listed as the work left. With --merge, a later
    roster updates the roles already there and keeps everything else written in
    them. Job descriptions (one or many per file, several files as one import)
    become roles with their duties, KPIs and qualifications; what cannot be
    placed is kept as a comment at the end of each role file. See docs/import.md.
    """
    from .commands import import_  # 105 ms (the roster readers)

    _finish(
        import_.run(
            files,
            path,
            force,
            dry_run,
            maps,
            sheet,
            encoding,
            lang,
            messages,
            merge,
            remove_missing,
            output_format,
        )
    )


@cli.command("staffing")
@click.argument("people", type=click.Path(path_type=Path))
@click.option(
    "--path",
    "path",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    help="The project folder (default: the current folder).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "markdown", "json", "xlsx")),
    default="text",
    show_default=True,
    help="text, markdown (for a pull-request comment), json (schema/staffing.schema.json) or xlsx (needs --output).",
)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE.")
@click.option(
    "--strict", is_flag=True, help="Exit 1 when a position is over its headcount or cannot be matched."
)
@click.option(
    "--names",
    is_flag=True,
    help="Name the people whose position cannot be matched (default: row numbers only).",
)
@_messages_option
def staffing_command(
    people: Path,
    path: Path,
    fmt: str,
    output: Path | None,
    strict: bool,
    names: bool,
    messages: str | None,
) -> None:
    """The designed headcount against the people in post: 编制, 在岗, 空编, 超编.

    PEOPLE is an HRIS export (CSV or XLSX) with a column for the position (its
    id or title: 岗位, 岗位编号, position) and optionally the employee (姓名,
    工号), the unit (部门) and the FTE (折算, FTE; default 1). Each person's
    position is matched by id, else by its title in any language (the unit
    tells apart roles of one title). The report gives, per unit (with its
    sub-units) and per position, the headcount, the FTE in post, vacancies
    and over-establishment, positions whose supervisor's post is empty, and
    the rows whose position is unknown, ambiguous or closed. Only counts
    are printed unless --names is given. Exit code 0; with --strict, 1 on
    over-establishment or unmatched positions; 2 when PEOPLE or the project
    cannot be read. See docs/staffing.md.
    """
    from .commands import staffing  # the pipeline and the roster readers

    _finish(staffing.run(people, path, fmt, output, strict, names, messages))


def main() -> None:
    """Entry point: a crash is reported in one line (ORGC_DEBUG=1 shows the traceback)."""
    # A run builds a large model of frozen values that hold no reference cycles, and keeps it to
    # the end; the cyclic collector would rescan it again and again for nothing: at 10,000 roles
    # (bench/generate.py) `orgc check` takes 8.6 s of CPU with it off, 13.5 s with it on.
    gc.disable()
    try:
        cli.main(standalone_mode=True)
    except Exception as exc:  # pragma: no cover - the last line of defence
        if os.environ.get("ORGC_DEBUG"):
            raise
        from .i18n import Message, verbatim

        crash = verbatim(f"{type(exc).__name__}: {exc}")
        click.echo(Message("cli.internal-error", error=crash).render(_language()), err=True)
        sys.exit(2)
    finally:
        # Python collects once more on the way out, gc disabled or not: after a build at 10,000
        # roles that last scan of the heap took 0.8 s, longer than the rendering of a one-role edit.
        # Frozen objects are not scanned; nothing else about leaving changes.
        gc.freeze()
