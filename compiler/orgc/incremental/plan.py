"""What a build takes from the last one into its output folder, and what it records for the next.

Three steps, in the order a build takes them:

- ``last_build``: the index the last build left, read before the specs are checked; with it
  ``nothing_changed`` tells when there is nothing to build, and ``known_documents`` gives the
  spec documents that may be taken over unread;
- ``reuse``: inside the output folder's lock, what the renderers may keep (``Kept``): the
  files still exactly as the last build wrote them, by the key of what they show, the roles a
  change can reach, and the pieces of whole-organisation outputs;
- ``record_build``: after publishing, the build index and the two caches beside it.

All the hashing is here: a renderer names the values a file shows (``Kept.key``) and never
hashes anything itself.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import CONFIG_FILE, Config
from ..diagnostics import Severity
from ..paths import folder_inside
from ..publish import Published, read_manifest
from ..render.context import Pieces, SourceDateProblem, source_date
from . import fragment_store
from . import index as build_index
from .fragments import Fragments
from .index import BuildIndex, Stamp, fingerprint, shown_text

if TYPE_CHECKING:  # the pipeline's types only: a no-op build imports no part of it
    from ..pipeline import CheckResult
    from .known import KnownDocuments


@dataclass(frozen=True)
class LastBuild:
    """The index of the last build into the output folder a build is about to write."""

    project: Path
    config: Config
    out_dir: Path
    index: BuildIndex
    _inputs: dict[str, Mapping[str, tuple[Stamp, str]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def inputs(self) -> Mapping[str, tuple[Stamp, str]]:
        """The input files (specs, orgc.yaml, templates) with their stamps and digests, as they are
        when first asked, before the check reads them: what the build records it read (see
        ``record_build``). Raises OSError when one cannot be read."""
        if "found" not in self._inputs:
            files = _input_files(self.project, self.config)
            self._inputs["found"] = build_index.source_digests(files, self.index)
        return self._inputs["found"]

    def inputs_seen(self) -> Mapping[str, tuple[Stamp, str]] | None:
        """``inputs()`` if it was asked for, else None."""
        return self._inputs.get("found")


def last_build(project: Path, config: Config, out_dir: Path) -> LastBuild | None:
    """None when there is no last build to learn from, or its index is not to be trusted."""
    index = build_index.load(out_dir)
    return LastBuild(project, config, out_dir, index) if index else None


def nothing_changed(
    last: LastBuild, languages: tuple[str, ...], today: date | None, pdf: bool = False
) -> bool:
    """Whether no input changed since the last build and every file it wrote is as it left it.

    Costs one ``lstat`` of every input file and output (reading only the inputs whose
    stamps changed); anything unexpected means "build as usual".
    """
    project, config, out_dir, index = last.project, last.config, last.out_dir, last.index
    try:
        sources = last.inputs()
        languages = tuple(dict.fromkeys(languages)) or config.languages
        inputs = input_fingerprint(sources, languages, today, source_date(project), pdf)
        return index.inputs == inputs and build_index.all_intact(index, out_dir, read_manifest(out_dir))
    except (OSError, SourceDateProblem):  # the build proper reports a bad SOURCE_DATE_EPOCH
        return False


def known_documents(last: LastBuild | None) -> KnownDocuments | None:
    """The spec documents the last build read, to be taken over where their files are unchanged."""
    if last is None:
        return None
    from . import documents  # 6 ms (orjson, spec discovery) a no-op build does without

    with contextlib.suppress(OSError):  # an input that cannot be read: the check says so
        last.inputs()  # as they are before the check reads them
    return documents.load(last.out_dir, last.index)


def input_fingerprint(
    sources: Mapping[str, tuple[Stamp, str]],
    languages: tuple[str, ...],
    today: date | None,
    when: datetime | None,
    pdf: bool = False,
) -> str:
    """Everything a build reads: specs, orgc.yaml, templates, orgc itself, the languages and the
    dates; and whether PDFs were asked for (``--pdf``), which orgc.yaml alone does not say."""
    return fingerprint(
        build_index.code_fingerprint(),
        ",".join(languages),
        (today or date.today()).isoformat(),
        when.isoformat() if when else "-",
        *(f"{name}\0{digest}" for name, (_stamp, digest) in sorted(sources.items())),
        *(("pdf",) if pdf else ()),
    )


def document_setting(project: Path, config: Config) -> str:
    """What every job description depends on besides what it shows: orgc, templates and fonts."""
    return fingerprint(
        build_index.code_fingerprint(),
        templates_print(project, config),
        config.east_asian_font,
        config.latin_font,
    )


def shared_fingerprint(project: Path, setting: str, date_text: str) -> str:
    """What every output depends on besides the spec documents: the setting, orgc.yaml and the date."""
    config = project / CONFIG_FILE
    config_print = build_index.files_fingerprint(project, [config]) if os.path.lexists(config) else "-"
    return fingerprint(setting, config_print, date_text)


@dataclass(frozen=True)
class Kept:
    """What the last build left that this one may keep (``render.context.Reuse``).

    ``kept`` is path -> content key of every file still as the last build wrote it;
    ``affected`` the roles whose job descriptions a change since then can reach (see
    ``affected.py``), None meaning any role's; ``units`` likewise the units whose files it
    can reach (``affected_units.py``); ``fragments`` the pieces of whole-organisation
    outputs the last build used (``fragments.py``), and which output used which.
    """

    setting: str = ""
    outputs: Mapping[str, str] = field(default_factory=dict)
    affected: frozenset[str] | None = None
    fragments: fragment_store.Stored = field(default_factory=fragment_store.Stored)
    units: frozenset[str] | None = None
    parties: frozenset[str] = frozenset()  # the roles through which ``units`` are reached
    whole_volume: bool = True  # whether a change can reach what only the general volume shows

    def key(self, *shown: object) -> str | None:
        return fingerprint(self.setting, *map(shown_text, shown))

    def kept(self, paths: Sequence[str], key: str | None) -> bool:
        return key is not None and all(self.outputs.get(path) == key for path in paths)

    def untouched(self, role_id: str, paths: Sequence[str]) -> list[str] | None:
        if self.affected is None or role_id in self.affected:
            return None
        return self._intact(paths)

    def untouched_units(
        self, units: Iterable[str], paths: Sequence[str], roles: Iterable[str] = (), whole: bool = False
    ) -> list[str] | None:
        if self.units is None or self.affected is None or (whole and self.whole_volume):
            return None
        roles = set(roles)
        if not self.units.isdisjoint(units) or not roles.isdisjoint(self.affected | self.parties):
            return None
        return self._intact(paths)

    def _intact(self, paths: Sequence[str]) -> list[str] | None:
        keys = [self.outputs.get(path) for path in paths]
        return None if None in keys else keys  # type: ignore[return-value]

    def last(self, path: str) -> str | None:
        return self.outputs.get(path)

    def pieces(self) -> Pieces:
        return Fragments(self.fragments.pieces)

    def carried(self, path: str) -> tuple[tuple[str, bytes], ...] | None:
        keys = self.fragments.owners.get(path)
        pieces = self.fragments.pieces
        if keys is None or not all(key in pieces for key in keys):
            return None
        return tuple((key, pieces[key]) for key in keys)


@dataclass(frozen=True)
class Plan:
    """This build's reuse of the last one, and what it needs to record the next index."""

    out_dir: Path
    result: CheckResult
    kept: Kept
    shared: str
    index: BuildIndex | None
    known: KnownDocuments | None
    inputs: Mapping[str, tuple[Stamp, str]] | None = None  # as they were before the check


def reuse(
    last: LastBuild | None, out_dir: Path, result: CheckResult, known: KnownDocuments | None, date_text: str
) -> Plan:
    """What may be kept from the last build into ``out_dir`` (call inside its lock).

    The index is read again unless its file is the one ``last`` was read from; ``known``
    (the documents the check took over) counts only if it came with that same build.
    """
    # 7 ms (spec discovery) a no-op build does without
    from .affected import changes, roles_reached
    from .affected_units import units_reached, whole_volume_reached

    index = build_index.load(out_dir, last.index if last else None)
    setting = document_setting(result.project, result.config)
    shared = shared_fingerprint(result.project, setting, date_text)
    outputs = build_index.unchanged_outputs(index, out_dir) if index and index.setting == setting else {}
    if known and (index is None or index.saved_ns != known.build):
        known = None  # another build finished meanwhile: its outputs do not go with these documents
    fragments = fragment_store.load(out_dir, index, setting)
    changed = changes(known, result.read, shared)
    roles = roles_reached(*changed) if changed else None
    reach = units_reached(*changed) if changed else None
    units, parties = reach if reach else (None, frozenset[str]())
    whole = whole_volume_reached(changed[1]) if changed else True
    kept = Kept(setting, outputs, roles, fragments, units, parties, whole)
    inputs = last.inputs_seen() if last is not None else None
    return Plan(out_dir, result, kept, shared, index, known, inputs)


def record_build(
    plan: Plan,
    published: Published,
    recorded: Mapping[str, str | None],
    pieces: fragment_store.Stored,
    languages: tuple[str, ...],
    today: date | None,
    when: datetime | None,
    pdf: bool = False,
) -> None:
    """Write the build index and the caches beside it, for the next build (call inside the lock).

    ``recorded`` is path -> content key of every file published, ``pieces`` the pieces they used.
    """
    from . import documents  # 6 ms a no-op build does without (see known_documents)

    out_dir, result, index, setting = plan.out_dir, plan.result, plan.index, plan.kept.setting
    saved = time.time_ns()
    # The inputs as they were before the check read them, where the last build's index let them be
    # looked at then: an input edited while this build ran is then seen as changed by the next one.
    sources = plan.inputs
    if sources is None:
        read = {doc.file: (Stamp(*doc.stamp), doc.digest) for doc in result.read if doc.stamp is not None}
        sources = build_index.source_digests(_input_files(result.project, result.config), index, read)
    inputs = input_fingerprint(sources, languages, today, when, pdf)
    linked = {p: index.outputs[p][1] for p in published.linked if p in index.outputs} if index else {}
    stamps = build_index.stamps(out_dir, recorded, linked)
    caches = documents.save(out_dir, result.read, plan.shared, plan.known)
    caches.update(fragment_store.save(out_dir, pieces, setting, plan.kept.fragments))
    warnings = result.count(Severity.WARNING)
    build_index.save(out_dir, BuildIndex(inputs, setting, warnings, stamps, sources, saved, caches))


def templates_print(project: Path, config: Config) -> str:
    """The project's templates, when they are its own folder: one outside it is never read."""
    folder = folder_inside(project, config.templates)
    return build_index.tree_fingerprint(folder) if folder else "-"


def _input_files(project: Path, config: Config) -> list[tuple[str, str]]:
    templates = config.templates if folder_inside(project, config.templates) else None
    return build_index.input_files(project, CONFIG_FILE, templates)
