"""check(): the one place the stage order lives: load → validate → model → rules → waivers.

``start_check`` is the same check with its rules run in a forked process, for a build
to make what it needs of the model meanwhile (``Checking``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path

from .config import CONFIG_FILE, Config, load_config
from .diagnostics import Diagnostic, Location, Severity, WaiverUse, sort_diagnostics
from .i18n import Message, default_language, os_reason
from .ids import ID
from .incremental.known import KnownDocuments, ReadDocument
from .load.discover import SpecFile, discover
from .load.forked import Aside, map_forked, workers_for
from .load.text import DecodedText, content_digest, decode, read_spec
from .load.yaml_doc import Document, Marks, parse_yaml
from .model.build import Built, SpecDocument, build_org
from .model.entities import Org
from .model.graph import OrgGraph
from .model.titles import explain_titles
from .result import CheckResult
from .rules import apply_waivers, run_rules
from .validate import validate


class ProjectError(Exception):
    """The folder is not an orgc project, or cannot be read (exit code 2).

    ``str()`` gives the English text; ``language`` is the project's, once its orgc.yaml is read.
    """

    def __init__(self, message: Message, language: str | None = None) -> None:
        super().__init__(str(message))
        self.message, self.language = message, language


def find_project(path: Path) -> Path:
    """The project folder: ``path`` itself, which must hold orgc.yaml or specs/."""
    if not path.is_dir():
        raise ProjectError(Message("cli.not-a-folder", path=str(path)))
    if not (path / "specs").is_dir() and not (path / CONFIG_FILE).is_file():
        raise ProjectError(Message("cli.not-a-project", path=str(path), config=CONFIG_FILE))
    return path


def check(
    path: Path,
    today: date | None = None,
    known: KnownDocuments | None = None,
    overlay: Mapping[str, str] | None = None,
    built: Built | None = None,
    jobs: int | None = 1,
) -> CheckResult:
    """Read, validate, model and check a project; every problem becomes a diagnostic.

    Documents in ``known`` whose files are unchanged are taken over as they are.
    Many files to read are read, parsed and validated in ``jobs`` processes (None: one per
    core), forked for it (``load.forked``); the result is the same whatever ``jobs`` is.
    ``overlay`` maps a spec file (relative to the project, with '/') to its text as an
    editor holds it, unsaved: it is read instead of the file on disk. Entities in ``built``
    whose documents are taken over from ``known`` are taken over too (and it keeps this
    check's for the next).
    """
    return Checking(model(path, known, overlay, built, jobs), today).result()


# Below this many roles the rules take a few milliseconds, less than forking a process for them.
ASIDE_FROM = 500


def start_check(
    path: Path, today: date | None = None, known: KnownDocuments | None = None, jobs: int | None = 1
) -> Checking:
    """``check``, its rules begun in a forked process when the organisation is large and ``jobs``
    allows more than one process: ``Checking.result()`` waits for them."""
    modelled = model(path, known, jobs=jobs)
    aside = workers_for(jobs) > 1 and len(modelled.org.roles) >= ASIDE_FROM
    return Checking(modelled, today, aside)


@dataclass(frozen=True)
class Modelled:
    """A project read, validated and modelled, and what that found: a check but for its rules."""

    project: Path
    config: Config
    org: Org
    graph: OrgGraph
    documents: tuple[SpecDocument, ...]
    diagnostics: tuple[Diagnostic, ...]
    files: int
    read: tuple[ReadDocument, ...]


class Checking:
    """A check whose model is made (``modelled``) and whose rules run, here or aside (``Aside``)."""

    def __init__(self, modelled: Modelled, today: date | None, aside: bool = False) -> None:
        self.modelled = modelled
        self.aside = aside  # whether the rules run in a forked process
        ruled = partial(_ruled, modelled, today or date.today())
        self._rules = Aside(ruled) if aside else None
        self._ruled = ruled

    def result(self) -> CheckResult:
        """The check's result, once its rules are done."""
        diagnostics, uses = self._rules.result() if self._rules else self._ruled()
        self._rules = None
        modelled = self.modelled
        return CheckResult(
            project=modelled.project,
            config=modelled.config,
            org=modelled.org,
            graph=modelled.graph,
            diagnostics=diagnostics,
            waivers=uses,
            files=modelled.files,
            read=modelled.read,
        )


def _ruled(modelled: Modelled, today: date) -> tuple[tuple[Diagnostic, ...], tuple[WaiverUse, ...]]:
    """Every diagnostic of the check, sorted, and the waivers that took one."""
    org = modelled.org
    diagnostics = [*modelled.diagnostics, *run_rules(org, modelled.graph, modelled.config, today)]
    # a title written where an id belongs: said by now in the words of one document or of ids alone
    diagnostics = explain_titles(diagnostics, modelled.documents, org)
    kept, uses, waiver_problems = apply_waivers(diagnostics, org.waivers())
    return sort_diagnostics(kept + waiver_problems), tuple(uses)


def model(
    path: Path,
    known: KnownDocuments | None = None,
    overlay: Mapping[str, str] | None = None,
    built: Built | None = None,
    jobs: int | None = 1,
) -> Modelled:
    """The project read, validated and modelled (``check``'s arguments)."""
    overlay = overlay or {}
    project = find_project(path)
    config, problems = load_config(project)
    diagnostics = list(problems)

    discovery = discover(project)
    diagnostics += discovery.problems
    documents: list[SpecDocument] = []
    unreadable: list[str] = []
    read: list[ReadDocument] = []
    # the files to read: neither held by the editor nor known unchanged (a stamp, no reading)
    unchanged = {
        spec.rel: found
        for spec in discovery.files
        if known and spec.rel not in overlay and (found := known.unchanged(spec)) is not None
    }
    waiting = [spec for spec in discovery.files if spec.rel not in overlay and spec.rel not in unchanged]
    loaded = dict(
        zip(
            (spec.rel for spec in waiting),
            map_forked(partial(_load, known=known), waiting, workers_for(jobs)),
            strict=True,
        )
    )
    for spec in discovery.files:
        edited = overlay.get(spec.rel)
        known_document = unchanged.get(spec.rel)
        parsed: _Parsed | None = None
        if edited is not None:
            decoded = _decode_edited(edited, spec.rel)
            if known and decoded.digest is not None:
                known_document = known.same_content(spec, None, decoded.digest)
        elif known_document is None:
            outcome = loaded[spec.rel]
            if isinstance(outcome, OSError):
                message = Message("cli.cannot-read", file=spec.rel, reason=os_reason(outcome))
                raise ProjectError(message, default_language(config.languages)) from outcome
            decoded, parsed = outcome
            if known and decoded.digest is not None:
                known_document = known.same_content(spec, decoded.stamp, decoded.digest)
        if known_document is not None:
            marks = Marks.later(edited if edited is not None else partial(_text_again, spec))
            documents.append(
                SpecDocument(spec.kind, spec.path.stem, Document(spec.rel, known_document.data, marks))
            )
            read.append(known_document)
            continue
        document, parse_problems, schema_problems = parsed or _parse(spec, decoded)
        diagnostics += parse_problems
        if decoded.text is None and decoded.problem:
            diagnostics.append(decoded.problem)
        if document is None:
            unreadable.append(spec.path.stem)
            continue
        diagnostics += schema_problems
        if not _identified(document.data, spec.kind):
            # reported above (E102); what refers to it is not also "unknown" (DUT003, ORG009 …)
            unreadable.append(spec.path.stem)
        elif not parse_problems and not schema_problems and decoded.digest is not None:
            read.append(ReadDocument(spec.rel, spec.kind, decoded.stamp, decoded.digest, document.data))
        documents.append(SpecDocument(spec.kind, spec.path.stem, document))
    if not any(spec.kind == "org" for spec in discovery.files):
        unreadable.append("org")  # its units are unknown, not missing: report the file once
        diagnostics.append(
            Diagnostic(
                "E102",
                Severity.ERROR,
                Message("E102.no-org"),
                Location("specs/org.yaml"),
                Message("E102.no-org.hint"),
            )
        )

    org, model_problems = build_org(documents, config.languages, unreadable, built)
    diagnostics += model_problems
    return Modelled(
        project=project,
        config=config,
        org=org,
        graph=OrgGraph(org),
        documents=tuple(documents),
        diagnostics=tuple(diagnostics),
        files=len(discovery.files) + (1 if config.document else 0),
        read=tuple(read),
    )


# A spec file's document as parsed and validated, its parse problems and its schema problems.
_Parsed = tuple[Document | None, tuple[Diagnostic, ...], tuple[Diagnostic, ...]]


def _load(spec: SpecFile, known: KnownDocuments | None) -> tuple[DecodedText, _Parsed | None] | OSError:
    """A spec file read (``read_spec``) and, unless ``known`` holds a document of the same bytes,
    parsed and validated; the OSError that stopped the reading. Run in a forked worker for many
    files, so it raises nothing and its result pickles."""
    try:
        decoded = read_spec(spec.path, spec.rel)
    except OSError as exc:
        return exc
    if known and decoded.digest is not None and known.same_content(spec, decoded.stamp, decoded.digest):
        return replace(decoded, text=None), None  # taken over: the text is not needed
    return decoded, _parse(spec, decoded)


def _parse(spec: SpecFile, decoded: DecodedText) -> _Parsed:
    if decoded.text is None:
        return None, (), ()
    document, parse_problems = parse_yaml(decoded.text, spec.rel)
    if document is None:
        return None, parse_problems, ()
    document, schema_problems = validate(document, spec.kind)
    return document, parse_problems, schema_problems


def _decode_edited(text: str, file: str) -> DecodedText:
    """An editor's text, checked as its bytes would be once saved."""
    raw = text.encode("utf-8", "surrogatepass")
    decoded = decode(raw, file)
    return replace(decoded, digest=content_digest(raw)) if decoded.text is not None else decoded


def _text_again(spec: SpecFile) -> str:
    """A known document's text, read only when one of its positions is needed."""
    try:
        return read_spec(spec.path, spec.rel).text or ""
    except OSError:
        return ""


def _identified(data: object, kind: str) -> bool:
    """Whether a document is a mapping with a usable id (for the kinds that have one)."""
    if not isinstance(data, dict):
        return False
    return kind not in ("role", "duties", "process", "policy") or bool(
        isinstance(data.get("id"), str) and ID.fullmatch(data["id"])
    )
