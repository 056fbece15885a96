"""``search/<lang>/``: the index the search box of every page loads, a few small files at a time.

Chinese has no spaces between words, so the index is of character n-grams, not words: every
two neighbouring characters (a bigram) of a text leads to the documents (roles, units,
processes, policies, KPIs) that hold it, and a query matches where all its bigrams do —
inside a word as well as at its start. A single character is looked up among titles only
(its lists would be as long as the organisation). Titles also carry their pinyin initials
(客服专员 → kfzy), so that ``kfzy`` finds the role.

The files are scripts that call a registration function (``orgcSearch.grams(…)``), loaded by
adding ``<script src>`` elements: a page opened from a folder (file://) may not ``fetch()``
files beside it in Chromium, but it may run them. Three kinds:

- ``meta.js``: how many documents and shards there are;
- ``g<n>.js``: the bigrams whose hash falls in shard n, each with two lists of document
  numbers (in titles; anywhere), delta-encoded;
- ``d<n>.js``: documents ``n * DOCS_PER_SHARD`` onwards: kind, id, title, unit, initials and
  their text lines, to confirm a match and show the line that matched.

A query loads meta.js, one gram shard per distinct bigram (a handful) and the document
shards of the results it shows: at 10,000 roles a search reads a few hundred kilobytes, and
a page that is never searched reads none. ``search.js`` holds the same normalisation
(NFKC, lower case) and hash (FNV-1a over code points).

A rebuild changes only what an edit changed (``search_update``): every file is kept for the
next build as a piece of bytes, beside the documents' order and their titles' initials
(``search_store``), so that after a one-role edit the few shards that hold what changed are
read back and written again and no other document is read. The parts: ``search_docs`` (the
documents and their bigrams), ``search_files`` (the files' names and scripts), ``search_store``
(what a build leaves the next) and ``search_update`` (a rebuild).
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterator
from functools import partial

from ..context import OutputFile, RenderContext
from . import search_update
from .search_docs import Documents, grams, sources
from .search_files import (
    DOCS_PER_SHARD,
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
    shard_count,
)
from .search_store import State, Unsure, last_index, made_file, with_state


def render(ctx: RenderContext, lang: str) -> Iterator[OutputFile]:
    """The index files of one language."""
    documents = Documents(ctx, lang)
    last = last_index(ctx.reuse, lang)
    if last is not None:
        try:
            files, state = search_update.updated(ctx, lang, documents, last)
        except Unsure:
            pass
        else:
            yield from with_state(ctx, lang, files, state)
            return
    state, made = _made(ctx, lang, documents)
    yield from with_state(ctx, lang, made, state)


def _made(ctx: RenderContext, lang: str, documents: Documents) -> tuple[State, Iterator[OutputFile]]:
    """The whole index made from the organisation, and its state."""
    docs = [documents.make(kind, entity) for kind, entity in sources(ctx)]
    # Postings as arrays of 4-byte numbers: at 10,000 roles lists of ints held some 700 MB at once.
    titles: defaultdict[str, array[int]] = defaultdict(partial(array, "I"))
    anywhere: defaultdict[str, array[int]] = defaultdict(partial(array, "I"))
    for number, doc in enumerate(docs):
        in_title, in_any = grams(doc)
        for gram in in_title:
            titles[gram].append(number)
        for gram in in_any:
            anywhere[gram].append(number)
    names = sorted(titles.keys() | anywhere.keys())
    size = sum(gram_size(g, len(titles.get(g, ())), len(anywhere.get(g, ()))) for g in names)
    shards = shard_count(size)
    in_shard: list[list[str]] = [[] for _ in range(shards)]
    for gram in names:
        in_shard[fnv(gram) % shards].append(gram)
    state = State([(d.kind, d.id) for d in docs], [d.initials for d in docs] if documents.zh else [], size)

    def files() -> Iterator[OutputFile]:
        yield made_file(ctx, meta_path(lang), meta_script(lang, len(docs), shards))
        for n, grams_in in enumerate(in_shard):  # one shard's lists at a time
            found = {g: [deltas(titles.get(g, ())), deltas(anywhere.get(g, ()))] for g in grams_in}
            yield made_file(ctx, gram_path(lang, n), grams_script(lang, n, found))
        for n in range(doc_shard_count(len(docs))):
            chunk = [d.entry() for d in docs[n * DOCS_PER_SHARD : (n + 1) * DOCS_PER_SHARD]]
            yield made_file(ctx, doc_path(lang, n), docs_script(lang, n, chunk))

    return state, files()
