"""The files of the search index (``search_index``): their names, how the bigrams are spread
over shards, and their scripts, written and read back."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate, chain
from operator import sub
from typing import Any

import orjson

from ...writers.html import js_call
from . import links

DOCS_PER_SHARD = 32
SHARD_BYTES = 48 * 1024  # the gram shards' aim: as many as give about this much each
MAX_GRAM_SHARDS = 4096
REGISTER = "orgcSearch"

# gram -> [in titles, anywhere]: the numbers of the documents that hold it, each list delta-encoded
Postings = dict[str, list[list[int]]]


def fnv(gram: str) -> int:
    """FNV-1a, 32 bits, over the gram's code points (as ``search.js``)."""
    found = 2166136261
    for char in gram:
        found = ((found ^ ord(char)) * 16777619) & 0xFFFFFFFF
    return found


def gram_size(gram: str, in_titles: int, anywhere: int) -> int:
    """About what a gram with lists this long takes in its shard: the number of shards follows the sum."""
    return len(gram) * 3 + 8 + 3 * (in_titles + anywhere)


def shard_count(size: int) -> int:
    shards = 1
    while shards < MAX_GRAM_SHARDS and size / shards > SHARD_BYTES:
        shards *= 2
    return shards


def doc_shard_count(docs: int) -> int:
    return (max(docs, 1) + DOCS_PER_SHARD - 1) // DOCS_PER_SHARD


def meta_path(lang: str) -> str:
    return links.output_path(f"{links.SEARCH}/{lang}/meta.js")


def gram_path(lang: str, shard: int) -> str:
    return links.output_path(f"{links.SEARCH}/{lang}/g{shard}.js")


def doc_path(lang: str, shard: int) -> str:
    return links.output_path(f"{links.SEARCH}/{lang}/d{shard}.js")


def meta_script(lang: str, docs: int, shards: int) -> str:
    meta = {"docs": docs, "docShard": DOCS_PER_SHARD, "gramShards": shards}
    return js_call(f"{REGISTER}.meta", lang, meta)


def grams_script(lang: str, shard: int, postings: Postings) -> str:
    return js_call(f"{REGISTER}.grams", lang, shard, postings)


def docs_script(lang: str, shard: int, entries: list[list[Any]]) -> str:
    return js_call(f"{REGISTER}.docs", lang, shard, entries)


def arguments(script: bytes) -> list[Any]:
    """The arguments of a file's one call, as ``js_call`` wrote them."""
    start, end = script.index(b"("), script.rindex(b");")
    return orjson.loads(b"[%b]" % script[start + 1 : end])  # type: ignore[no-any-return]


def deltas(numbers: Sequence[int]) -> list[int]:
    """Ascending numbers as their differences, the first from 0."""
    return list(map(sub, numbers, chain((0,), numbers)))


def numbers(differences: list[int]) -> list[int]:
    return list(accumulate(differences))
