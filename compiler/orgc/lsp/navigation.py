"""Go to definition, find references and rename, for every id a spec file defines or names."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path

from ..ids import ID
from ..load.yaml_doc import Document
from .positions import Lines
from .symbols import BLOCK, POLICY, PROCESS, ROLE, Place, Symbol, symbol_of
from .workspace import Project

# kinds whose file is named after the id it defines (specs/roles/<id>.yaml …)
_NAMED_FILES = (ROLE, BLOCK, PROCESS, POLICY)


class RenameRefused(Exception):
    pass


def place_range(place: Place, document: Document, lines: Lines) -> types.Range:
    """Where the id of a place is written, its quotes left out."""
    line, column = document.marks.value(place.path)
    if lines.line(line - 1)[column - 1 : column] in ("'", '"'):
        column += 1
    return lines.range_of(line, column, column + len(place.id))


class Navigator:
    """The places of a project's last check, with their ranges in the texts the editor holds."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.documents = project.documents()
        self._lines: dict[str, Lines] = {}

    def lines(self, file: str) -> Lines:
        if file not in self._lines:
            self._lines[file] = Lines(self.project.text(file))
        return self._lines[file]

    def range_of(self, place: Place) -> types.Range:
        return place_range(place, self.documents[place.file][1], self.lines(place.file))

    def location(self, place: Place) -> types.Location:
        return types.Location(uri(self.project.root / place.file), self.range_of(place))

    def at(self, file: str, position: types.Position) -> Place | None:
        """The place under the cursor."""
        if file not in self.documents:
            return None
        for place in self.project.index.in_file(file):
            found = self.range_of(place)
            if (
                found.start.line == position.line
                and found.start.character <= position.character <= found.end.character
            ):
                return place
        return None

    def symbol(self, place: Place) -> Symbol:
        assert self.project.result is not None
        return symbol_of(place, self.project.result.org)

    def places_of(self, symbol: Symbol) -> list[Place]:
        """Every place that names ``symbol``, its definition first, then in file order."""
        assert self.project.result is not None
        org = self.project.result.org
        found = [
            place
            for place in self.project.index.places()
            if place.id == symbol.id and symbol.kind in place.kinds and symbol_of(place, org) == symbol
        ]
        return sorted(found, key=self._order)

    def _order(self, place: Place) -> tuple[bool, str, int, int]:
        start = self.range_of(place).start
        return not place.definition, place.file, start.line, start.character

    def definition(self, file: str, position: types.Position) -> list[types.Location]:
        place = self.at(file, position)
        if place is None:
            return []
        return [self.location(p) for p in self.places_of(self.symbol(place)) if p.definition]

    def references(self, file: str, position: types.Position, declaration: bool) -> list[types.Location]:
        place = self.at(file, position)
        if place is None:
            return []
        places = self.places_of(self.symbol(place))
        return [self.location(p) for p in places if declaration or not p.definition]

    def prepare_rename(self, file: str, position: types.Position) -> types.Range | None:
        place = self.at(file, position)
        return self.range_of(place) if place else None

    def rename(
        self, file: str, position: types.Position, new_id: str, resource_operations: bool
    ) -> types.WorkspaceEdit | None:
        """Every place of the id under the cursor renamed; the file named after it renamed with it."""
        place = self.at(file, position)
        if place is None:
            return None
        if not ID.fullmatch(new_id):
            raise RenameRefused(new_id)
        symbol = self.symbol(place)
        edits: dict[str, list[types.TextEdit]] = {}
        for found in self.places_of(symbol):
            edits.setdefault(found.file, []).append(types.TextEdit(self.range_of(found), new_id))
        renamed = self._renamed_file(symbol, new_id)
        if not resource_operations:
            return types.WorkspaceEdit(
                changes={uri(self.project.root / f): e for f, e in sorted(edits.items())}
            )
        changes: list[types.TextDocumentEdit | types.RenameFile] = [
            types.TextDocumentEdit(
                types.OptionalVersionedTextDocumentIdentifier(uri(self.project.root / f), None), list(e)
            )
            for f, e in sorted(edits.items())
        ]
        if renamed:
            old, new = renamed
            changes.append(types.RenameFile(kind="rename", old_uri=uri(old), new_uri=uri(new)))
        return types.WorkspaceEdit(document_changes=changes)

    def _renamed_file(self, symbol: Symbol, new_id: str) -> tuple[Path, Path] | None:
        if symbol.kind not in _NAMED_FILES:
            return None
        for place in self.places_of(symbol):
            path = self.project.root / place.file
            if place.definition and place.path == ("id",) and path.stem == symbol.id:
                target = path.with_name(new_id + path.suffix)
                return (path, target) if not target.exists() else None
        return None


def uri(path: Path) -> str:
    return from_fs_path(str(path)) or path.as_uri()
