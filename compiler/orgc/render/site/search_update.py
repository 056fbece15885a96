"""The search index made from the last build's, changing only what an edit changed.

A document is looked at again only when a change can reach it: a role whose page no change
can reach (``Reuse.untouched``) is the document it was, unread; units, processes, policies and
KPIs are made again (a few per cent of the documents) and compared with their last entries. Then:

- a document's number is its place, so when no document came, went or moved every number
  stays, and only the lists of the bigrams a changed document gained or lost change; only
  their shards are read back and written again, and the document shards that hold a change;
- otherwise every list is renumbered, and every shard from the first moved document on is
  written again (still without reading a text of an unchanged document again).

The number of gram shards follows the index's size; when an edit moves it past a power of two,
every bigram is placed again. Either way the files are the bytes a build from nothing writes.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from ..context import OutputFile, RenderContext
from . import role_page
from .search_docs import Doc, Documents, grams, sources
from .search_files import (
    DOCS_PER_SHARD,
    Postings,
    deltas,
    doc_path,
    doc_shard_count,
    docs_script,
    fnv,
    gram_path,
    gram_size,
    grams_script,
    meta_path,
    meta_script,
    numbers,
    shard_count,
)
from .search_store import LastIndex, State, Unsure, made_file, same_file

# gram -> [in titles, anywhere] the numbers to take out (last build's), then those to put in (this one's)
Changes = dict[str, tuple[set[int], set[int], list[int], list[int]]]


def updated(
    ctx: RenderContext, lang: str, documents: Documents, last: LastIndex
) -> tuple[list[OutputFile], State]:
    """The index's files in order (meta.js, g…, d…) and its state; ``Unsure``: to be made anew."""
    state = last.state
    found = sources(ctx)
    ids = [(kind, entity.id) for kind, entity in found]
    before = {doc: number for number, doc in enumerate(state.docs)}
    if len(before) != len(state.docs) or len(set(ids)) != len(ids):
        raise Unsure
    if documents.zh and len(state.initials) != len(state.docs):
        raise Unsure
    old_of = [before.get(doc, -1) for doc in ids]  # each document's last number, -1 for a new one
    changed, initials = _changed(ctx, lang, documents, last, found, old_of)
    if old_of == list(range(len(state.docs))):
        lists = _Lists(_in_place(last, changed), None, set())
    else:
        gone = {old_of[n] for n in changed if old_of[n] >= 0}
        gone.update(set(range(len(state.docs))).difference(old_of))
        lists = _Lists(_moved(changed), _renumbered(old_of, len(state.docs)), gone)
    gram_files, size = _gram_files(ctx, lang, last, lists)
    files = [made_file(ctx, meta_path(lang), meta_script(lang, len(ids), len(gram_files)))]
    files += gram_files
    files += _doc_files(ctx, lang, last, old_of, changed)
    return files, State(ids, initials, size)


def _changed(
    ctx: RenderContext,
    lang: str,
    documents: Documents,
    last: LastIndex,
    found: list[tuple[str, Any]],
    old_of: list[int],
) -> tuple[dict[int, Doc], list[str]]:
    """The documents that are not what they were, by this build's number (new ones too), and
    every document's initials."""
    changed: dict[int, Doc] = {}
    initials: list[str] = []
    zh, last_initials = documents.zh, last.state.initials
    for number, (kind, entity) in enumerate(found):
        old = old_of[number]
        if old >= 0 and kind == "r" and _untouched(ctx, entity.id, lang):
            if zh:
                initials.append(last_initials[old])
            continue
        entry = last.entry(old) if old >= 0 else None
        doc = documents.make(kind, entity, (entry[2], last_initials[old]) if entry and zh else None)
        if zh:
            initials.append(doc.initials)
        if entry != doc.entry():
            changed[number] = doc
    return changed, initials


def _untouched(ctx: RenderContext, role_id: str, lang: str) -> bool:
    """Whether no change since the last build can reach the role (what its page shows)."""
    return ctx.reuse.untouched(role_id, [role_page.path_of(role_id, lang)]) is not None


def _in_place(last: LastIndex, changed: dict[int, Doc]) -> Changes:
    """What changed documents, each at its last number, took out of lists and put in."""
    changes: Changes = {}
    for number, doc in changed.items():
        old_titles, old_anywhere = grams(Doc.of_entry(last.entry(number)))
        new_titles, new_anywhere = grams(doc)
        for gram in old_titles - new_titles:
            _change(changes, gram)[0].add(number)
        for gram in old_anywhere - new_anywhere:
            _change(changes, gram)[1].add(number)
        for gram in new_titles - old_titles:
            _change(changes, gram)[2].append(number)
        for gram in new_anywhere - old_anywhere:
            _change(changes, gram)[3].append(number)
    return changes


def _moved(changed: dict[int, Doc]) -> Changes:
    """What changed and new documents put in, by their new numbers (what they take out goes with
    their old numbers: ``gone``)."""
    changes: Changes = {}
    for number, doc in changed.items():
        in_titles, anywhere = grams(doc)
        for gram in in_titles:
            _change(changes, gram)[2].append(number)
        for gram in anywhere:
            _change(changes, gram)[3].append(number)
    return changes


def _change(changes: Changes, gram: str) -> tuple[set[int], set[int], list[int], list[int]]:
    found = changes.get(gram)
    if found is None:
        found = changes[gram] = (set(), set(), [], [])
    return found


def _renumbered(old_of: list[int], old_count: int) -> list[int]:
    """Last build's number -> this build's (-1: gone)."""
    found = [-1] * old_count
    for number, old in enumerate(old_of):
        if old >= 0:
            found[old] = number
    return found


class _Lists:
    """The new lists of a gram from its last ones, and how much the index's size changed by."""

    def __init__(self, changes: Changes, renumbered: list[int] | None, gone: set[int]) -> None:
        self.changes, self.renumbered, self.gone = changes, renumbered, gone
        kept = [n for n in renumbered if n >= 0] if renumbered is not None else []
        self.in_order = all(a < b for a, b in pairwise(kept))
        self.size = 0  # added to the last build's

    def of(self, gram: str, old: list[list[int]] | None) -> list[list[int]] | None:
        """[in titles, anywhere], delta-encoded; None when no document holds the gram any more."""
        change = self.changes.get(gram)
        if change is None and self.renumbered is None:
            return old
        new = []
        for index in (0, 1):
            listed = numbers(old[index]) if old else []
            if self.renumbered is not None:
                renumbered, gone = self.renumbered, self.gone
                listed = [renumbered[n] for n in listed if n not in gone]
            elif change and change[index]:
                listed = [n for n in listed if n not in change[index]]
            came = change[2 + index] if change else []
            if came or not self.in_order:
                listed = sorted(listed + came)  # type: ignore[operator]
            new.append(listed)
        if old:
            self.size -= gram_size(gram, len(old[0]), len(old[1]))
        if not new[0] and not new[1]:
            return None
        self.size += gram_size(gram, len(new[0]), len(new[1]))
        return [deltas(new[0]), deltas(new[1])]


def _gram_files(
    ctx: RenderContext, lang: str, last: LastIndex, lists: _Lists
) -> tuple[list[OutputFile], int]:
    """The gram shards, made again where their lists changed; and the index's new size."""
    shards = len(last.gram_keys)
    came: dict[int, list[str]] = {}  # shard -> the grams of the changes that fall in it
    for gram in lists.changes:
        came.setdefault(fnv(gram) % shards, []).append(gram)
    read = range(shards) if lists.renumbered is not None else sorted(came)
    new: dict[int, Postings] = {}
    for shard in read:
        old = last.grams(shard)
        names = sorted(old.keys() | came.get(shard, ()))
        made = {gram: lists.of(gram, old.get(gram)) for gram in names}
        new[shard] = {gram: found for gram, found in made.items() if found is not None}
    size = last.state.size + lists.size
    count = shard_count(size)
    if count != shards:  # every gram to its place among the new number of shards
        every: Postings = {}
        for shard in range(shards):
            every.update(new[shard] if shard in new else last.grams(shard))
        placed: list[Postings] = [{} for _ in range(count)]
        for gram in sorted(every):
            placed[fnv(gram) % count][gram] = every[gram]
        files = [made_file(ctx, gram_path(lang, n), grams_script(lang, n, p)) for n, p in enumerate(placed)]
        return files, size
    files = []
    for shard in range(shards):
        path = gram_path(lang, shard)
        postings = new.get(shard)
        if postings is None or postings == last.grams(shard):
            files.append(same_file(ctx, path, last.gram_keys[shard]))
        else:
            files.append(made_file(ctx, path, grams_script(lang, shard, postings)))
    return files, size


def _doc_files(
    ctx: RenderContext, lang: str, last: LastIndex, old_of: list[int], changed: dict[int, Doc]
) -> list[OutputFile]:
    """The document shards, made again where one of their documents changed or moved."""
    count, old_count = len(old_of), len(last.state.docs)
    files = []
    for shard in range(doc_shard_count(count)):
        span = range(shard * DOCS_PER_SHARD, min(count, (shard + 1) * DOCS_PER_SHARD))
        was = max(0, min(DOCS_PER_SHARD, old_count - shard * DOCS_PER_SHARD))
        if (
            shard < len(last.doc_keys)
            and len(span) == was
            and all(n not in changed and old_of[n] == n for n in span)
        ):
            files.append(same_file(ctx, doc_path(lang, shard), last.doc_keys[shard]))
            continue
        entries: list[list[Any]] = [
            changed[n].entry() if n in changed else last.entry(old_of[n]) for n in span
        ]
        files.append(made_file(ctx, doc_path(lang, shard), docs_script(lang, shard, entries)))
    return files
