"""The language server: pygls's protocol, orgc's check and the features, wired together.

Every change schedules a check of its project a short while later (the debounce): a
burst of keystrokes is checked once. A request that needs the check's results runs a
pending check first, so that it answers about the text as it is.
"""

from __future__ import annotations

import asyncio
import gc
import os
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path, uri_scheme

from .. import __version__
from ..i18n import Message
from . import diagnostics
from .actions import code_actions
from .completion import complete
from .hover import describe
from .navigation import Navigator, RenameRefused, uri
from .workspace import Project, Workspace, spec_kind

DEBOUNCE_SECONDS = 0.05


class OrgcServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("orgc", __version__)
        self.projects = Workspace()
        self.pending: dict[Path, asyncio.TimerHandle] = {}

    def located(self, document_uri: str) -> tuple[Project, str] | None:
        """The project of a document and its path there, or None outside any project."""
        if uri_scheme(document_uri) != "file":
            return None
        found = to_fs_path(document_uri)
        if found is None:
            return None
        # as the editor names it: a project reached through a link keeps the editor's names
        path = Path(os.path.abspath(found))
        project = self.projects.project(path)
        return (project, project.rel(path)) if project else None

    def schedule(self, project: Project, delay: float = DEBOUNCE_SECONDS) -> None:
        handle = self.pending.pop(project.root, None)
        if handle is not None:
            handle.cancel()
        loop = asyncio.get_running_loop()
        self.pending[project.root] = loop.call_later(delay, self.run_check, project)

    def run_check(self, project: Project) -> None:
        handle = self.pending.pop(project.root, None)
        if handle is not None:
            handle.cancel()
        first = project.result is None
        result = project.check()
        found = diagnostics.by_file(result.diagnostics, project.text, project.language) if result else {}
        # open files hear after every check; the others when what they show changes
        for file in sorted(project.published.keys() | found.keys() | project.overlay.keys()):
            shown = found.get(file, [])
            if file in project.overlay or project.published.get(file) != shown:
                self.publish(project, file, shown)
        project.published = found
        _collect(frozen=first and result is not None)

    def publish(self, project: Project, file: str, shown: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri(project.root / file), diagnostics=shown)
        )

    def ready(self, document_uri: str) -> tuple[Project, str] | None:
        """The project of a document, checked with every change made so far."""
        found = self.located(document_uri)
        if found is None:
            return None
        project, _ = found
        if project.root in self.pending or project.result is None:
            self.run_check(project)
        return found if project.result is not None else None


def _collect(frozen: bool) -> None:
    """Free what the last check left in reference cycles.

    orgc runs with the cyclic collector off (cli.main); a server must collect, or every
    check leaves what it built in cycles behind. The documents
    and entities of a project's first check live as long as the server and are the bulk
    of what it holds: frozen, they are not scanned again, and a collection after an edit
    takes 20–80 ms at 10,000 roles instead of 1.5 s.
    """
    gc.collect()
    if frozen:
        gc.freeze()


server = OrgcServer()


def _changed(ls: OrgcServer, document_uri: str, delay: float = DEBOUNCE_SECONDS) -> None:
    found = ls.located(document_uri)
    if found is None:
        return
    project, rel = found
    project.overlay[rel] = ls.workspace.get_text_document(document_uri).source
    ls.schedule(project, delay)


@server.feature(types.INITIALIZED)
def initialized(ls: OrgcServer, _params: types.InitializedParams) -> None:
    """Ask to hear of spec files changed outside the editor (git pull, orgc import), where the client can."""
    workspace = ls.client_capabilities.workspace
    watching = workspace.did_change_watched_files if workspace else None
    if not (watching and watching.dynamic_registration):
        return
    watchers = [types.FileSystemWatcher(glob_pattern=g) for g in ("**/specs/**/*.{yaml,yml}", "**/orgc.yaml")]
    options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
    registration = types.Registration(
        id="orgc-specs", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
    )
    ls.client_register_capability(types.RegistrationParams(registrations=[registration]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: OrgcServer, params: types.DidOpenTextDocumentParams) -> None:
    _changed(ls, params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: OrgcServer, params: types.DidChangeTextDocumentParams) -> None:
    _changed(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: OrgcServer, params: types.DidSaveTextDocumentParams) -> None:
    _changed(ls, params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: OrgcServer, params: types.DidCloseTextDocumentParams) -> None:
    found = ls.located(params.text_document.uri)
    if found is not None:
        project, rel = found
        project.overlay.pop(rel, None)  # the file on disk counts again
        ls.schedule(project, 0)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: OrgcServer, params: types.DidChangeWatchedFilesParams) -> None:
    for change in params.changes:
        found = ls.located(change.uri)
        if found is not None and found[0].result is not None:
            ls.schedule(found[0])


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" ", "[", ",", "-"])
)
def completion(ls: OrgcServer, params: types.CompletionParams) -> types.CompletionList:
    found = ls.ready(params.text_document.uri)
    if found is None:
        return types.CompletionList(is_incomplete=False, items=[])
    project, rel = found
    kind = "config" if rel == "orgc.yaml" else spec_kind(rel)
    if kind is None:
        return types.CompletionList(is_incomplete=False, items=[])
    assert project.result is not None
    org = project.result.org
    items = complete(kind, project.text(rel), params.position, org, org.languages)
    return types.CompletionList(is_incomplete=False, items=items)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: OrgcServer, params: types.HoverParams) -> types.Hover | None:
    found = ls.ready(params.text_document.uri)
    if found is None:
        return None
    project, rel = found
    navigator = Navigator(project)
    place = navigator.at(rel, params.position)
    if place is None:
        return None
    assert project.result is not None
    text = describe(navigator.symbol(place), project.result.org, project.language)
    if text is None:
        return None
    content = types.MarkupContent(kind=types.MarkupKind.Markdown, value=text)
    return types.Hover(contents=content, range=navigator.range_of(place))


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: OrgcServer, params: types.DefinitionParams) -> list[types.Location]:
    found = ls.ready(params.text_document.uri)
    return Navigator(found[0]).definition(found[1], params.position) if found else []


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls: OrgcServer, params: types.ReferenceParams) -> list[types.Location]:
    found = ls.ready(params.text_document.uri)
    if found is None:
        return []
    return Navigator(found[0]).references(found[1], params.position, params.context.include_declaration)


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: OrgcServer, params: types.PrepareRenameParams) -> types.Range | None:
    found = ls.ready(params.text_document.uri)
    return Navigator(found[0]).prepare_rename(found[1], params.position) if found else None


@server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
def rename(ls: OrgcServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    found = ls.ready(params.text_document.uri)
    if found is None:
        return None
    project, rel = found
    capabilities = ls.client_capabilities.workspace
    edits = capabilities.workspace_edit if capabilities else None
    operations = bool(
        edits
        and edits.document_changes
        and types.ResourceOperationKind.Rename in (edits.resource_operations or ())
    )
    try:
        return Navigator(project).rename(rel, params.position, params.new_name, operations)
    except RenameRefused:
        message = Message("lsp.rename.not-an-id", name=params.new_name).render(project.language)
        raise ValueError(message) from None


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_action(ls: OrgcServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    found = ls.ready(params.text_document.uri)
    if found is None:
        return []
    project, rel = found
    assert project.result is not None
    mine = [d for d in project.result.diagnostics if d.location.file == rel]
    return code_actions(
        mine, params.range, project.text, lambda file: uri(project.root / file), project.language
    )


def serve() -> None:
    server.start_io()
