"""What one build of the search index leaves the next, and how the next takes it back.

Every file of the index is kept as a piece of bytes (``Pieces.data``) by the key of what it
shows, and beside them the index's state: the documents in their order (a document's number is
its place), the pinyin initials of their titles and the size the number of gram shards follows.
The state is found by the keys of the last build's files (``Reuse.last``), so it is taken only
with exactly those files, still as the last build wrote them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

import orjson

from ..context import OutputFile, Pieces, RenderContext, Reuse
from .search_files import DOCS_PER_SHARD, Postings, arguments, doc_path, gram_path, meta_path

_REPLACED = "\ufffd".encode()  # what json_data writes for a character a page cannot hold


class Unsure(Exception):
    """The last build's index cannot be taken as it is here: the index is made anew."""


@dataclass(frozen=True)
class State:
    docs: list[tuple[str, str]]  # (kind, id) of every document, in the index's order
    initials: list[str]  # the pinyin initials of each one's title (Chinese only, else empty)
    size: int  # what the number of gram shards follows (``search_files.gram_size``)

    def dumps(self) -> bytes:
        return orjson.dumps({"docs": self.docs, "initials": self.initials, "size": self.size})

    @classmethod
    def loads(cls, data: bytes) -> State:
        found = orjson.loads(data)
        return cls([(kind, doc) for kind, doc in found["docs"]], found["initials"], found["size"])


def _shown(lang: str, keys: Sequence[str | None]) -> tuple[object, ...]:
    """What the state shows: the index's files, and the Unicode its grams were normalised with."""
    return ("search-index", lang, unicodedata.unidata_version, *keys)


class LastIndex:
    """The last build's index, its files read back as they are needed."""

    def __init__(self, reuse: Reuse, lang: str, meta: str, grams: list[str], docs: list[str]) -> None:
        self.lang, self.meta, self.gram_keys, self.doc_keys = lang, meta, grams, docs
        self._read = reuse.pieces()  # what is read here is not carried: the files made say what is
        self.state = State.loads(self._read.data(_missing, *_shown(lang, [meta, *grams, *docs])))
        self._grams: dict[int, Postings] = {}
        self._entries: dict[int, list[list[Any]]] = {}

    def grams(self, shard: int) -> Postings:
        found = self._grams.get(shard)
        if found is None:
            found = self._grams[shard] = self._data(self.gram_keys[shard], dict)
        return found

    def entries(self, shard: int) -> list[list[Any]]:
        found = self._entries.get(shard)
        if found is None:
            found = self._entries[shard] = self._data(self.doc_keys[shard], list)
        return found

    def entry(self, number: int) -> list[Any]:
        return self.entries(number // DOCS_PER_SHARD)[number % DOCS_PER_SHARD]

    def _data(self, key: str, kind: type) -> Any:
        """What the file with ``key`` registers: its call's third argument."""
        script = self._read.data(_missing, "search-file", key)
        if _REPLACED in script:  # the file does not show the text as it was: nothing to compare with
            raise Unsure
        try:
            found = arguments(script)[2]
        except (ValueError, IndexError):
            raise Unsure from None
        if not isinstance(found, kind):
            raise Unsure
        return found


def last_index(reuse: Reuse, lang: str) -> LastIndex | None:
    """The last build's index in ``lang``, when every one of its files is as it was written."""
    meta = reuse.last(meta_path(lang))
    grams = _keys(reuse, lambda n: gram_path(lang, n))
    docs = _keys(reuse, lambda n: doc_path(lang, n))
    if meta is None or not grams or not docs:
        return None
    try:
        return LastIndex(reuse, lang, meta, grams, docs)
    except (Unsure, ValueError, KeyError, TypeError):
        return None


def _keys(reuse: Reuse, path: Callable[[int], str]) -> list[str]:
    """The keys of the last build's files g0.js, g1.js… (or d…), as far as they go."""
    found = []
    while (key := reuse.last(path(len(found)))) is not None:
        found.append(key)
    return found


def _missing() -> NoReturn:
    raise Unsure


def made_file(ctx: RenderContext, path: str, script: str) -> OutputFile:
    """A file of the index made now, kept as it was when the last build made the same."""
    data = script.encode("utf-8")
    key = ctx.reuse.key("search", data)
    kept = ()
    if key is not None:
        pieces = ctx.reuse.pieces()
        pieces.data(lambda: data, "search-file", key)
        kept = pieces.used
    if ctx.reuse.kept((path,), key):
        return OutputFile(path, b"", key, kept=True, fragments=kept)
    return OutputFile(path, data, key, fragments=kept)


def same_file(ctx: RenderContext, path: str, key: str) -> OutputFile:
    """A file of the index that shows what the last build's file with ``key`` showed; ``Unsure``
    when that is no longer there to carry."""
    pieces = ctx.reuse.pieces()
    data = pieces.data(_missing, "search-file", key)
    if ctx.reuse.kept((path,), key):
        return OutputFile(path, b"", key, kept=True, fragments=pieces.used)
    return OutputFile(path, data, key, fragments=pieces.used)


def with_state(
    ctx: RenderContext, lang: str, files: Iterable[OutputFile], state: State
) -> Iterator[OutputFile]:
    """``files`` (the whole index in its order: meta.js, g…, d…), the last of them carrying the
    state for the next build."""
    keys: list[str | None] = []
    held = None
    for output in files:
        if held is not None:
            yield held
        keys.append(output.content)
        held = output
    if held is None:
        return
    if None not in keys:
        pieces: Pieces = ctx.reuse.pieces()
        pieces.data(state.dumps, *_shown(lang, keys))
        held = OutputFile(held.path, held.data, held.content, held.kept, (*held.fragments, *pieces.used))
    yield held
