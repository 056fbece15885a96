"""``out/.orgc/documents-NN.json``: the spec documents the last build read, for the next one.

See ``load/known.py`` for when a document is taken over. The files are JSON, never
pickle, each with a checksum and orgc's code fingerprint (another orgc may type
documents differently). Each is used only when its own stamp is the one the build
index recorded after writing it, so a copy that arrived any other way (committed
in a pull request, say) is never trusted; without every one of them, no document is.

The documents are spread over ``SHARDS`` files by their file names, so that a rebuild
after an edit of a few documents writes the few files that hold them, not the whole
record (37 MB at 10,000 roles); every file is read by every rebuild.
"""

from __future__ import annotations

import contextlib
import time
import zlib
from collections.abc import Sequence
from pathlib import Path

import orjson

from .index import (
    FOLDER,
    TRUST_AFTER_NS,
    BuildIndex,
    Stamp,
    body_lines,
    code_fingerprint,
    read_cache,
    write_cache,
)
from .known import KnownDocuments, ReadDocument

SHARDS = 16
FILES = tuple(f"documents-{shard:02}.json" for shard in range(SHARDS))
FORMAT = 3  # a header line, then one line per document; 3: SHA-256 checksums


def shard_of(file: str) -> int:
    """Which of ``FILES`` holds the document of ``file``."""
    return zlib.crc32(file.encode("utf-8")) % SHARDS


def load(out_dir: Path, index: BuildIndex | None) -> KnownDocuments | None:
    """The documents of the last build into ``out_dir``, or None when there are none to trust."""
    if index is None:
        return None
    documents: dict[str, ReadDocument] = {}
    records: dict[str, bytes | memoryview] = {}
    saved: list[int] = []
    shared: set[str] = set()
    for name in FILES:
        body = read_cache(out_dir, index, name, FORMAT)
        if body is None:
            return None
        try:
            lines = body_lines(body)
            content = orjson.loads(next(lines))
            if content["code"] != code_fingerprint():
                return None
            saved.append(int(content["saved_ns"]))
            shared.add(str(content["shared"]))
            for line in lines:
                file, kind, size, mtime_ns, inode, digest, data, mentions = orjson.loads(line)
                stamp = None if size is None else (int(size), int(mtime_ns), int(inode))
                found = frozenset(map(str, mentions))
                name = str(file)
                documents[name] = ReadDocument(name, str(kind), stamp, str(digest), data, found)
                records[name] = line
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
    if len(shared) != 1:
        return None
    # a file left as it was keeps the time it was written: the oldest says what a stamp proves
    trusted_before = min(saved) - TRUST_AFTER_NS
    return KnownDocuments(documents, trusted_before, shared.pop(), index.saved_ns, records)


def save(
    out_dir: Path, read: Sequence[ReadDocument], shared: str, previous: KnownDocuments | None
) -> dict[str, Stamp]:
    """Write the documents beside the build index; the files' stamps, for the index to record.

    ``shared`` fingerprints what the outputs depend on besides the documents. A file whose
    documents are all the ones ``previous`` held there, with the same ``shared``, is left as it
    is; otherwise a document ``previous`` held is written as it was read (one line each). A file
    that could not be written is left out: the next build then takes over no document.
    """
    with contextlib.suppress(OSError):  # where an earlier orgc kept them all
        (out_dir / FOLDER / "documents.json").unlink(missing_ok=True)
    shards: list[list[ReadDocument]] = [[] for _ in FILES]
    for document in read:
        shards[shard_of(document.file)].append(document)
    held = _held(previous, shared)
    head = orjson.dumps({"code": code_fingerprint(), "saved_ns": time.time_ns(), "shared": shared})
    stamps = {}
    for shard, (name, documents) in enumerate(zip(FILES, shards, strict=True)):
        stamp = None
        if previous is not None and held is not None and _taken_over(documents, previous, held[shard]):
            stamp = Stamp.of(out_dir / FOLDER / name)
        if stamp is None:
            lines = [head, *(_record(document, previous) for document in documents)]
            stamp = write_cache(out_dir, name, FORMAT, b"\n".join(lines))
        if stamp is not None:
            stamps[name] = stamp
    return stamps


def _held(previous: KnownDocuments | None, shared: str) -> list[int] | None:
    """How many documents each file of ``previous`` holds; None when none is to be left as it is."""
    if previous is None or previous.shared != shared:
        return None
    counts = [0] * SHARDS
    for file in previous.documents:
        counts[shard_of(file)] += 1
    return counts


def _taken_over(documents: Sequence[ReadDocument], previous: KnownDocuments, held: int) -> bool:
    """Whether ``documents`` are all, and only, the ones ``previous`` held in their file."""
    known = previous.documents
    return len(documents) == held and all(known.get(document.file) is document for document in documents)


def _record(document: ReadDocument, previous: KnownDocuments | None) -> bytes | memoryview:
    """The document's line: as the last build wrote it, when it is the document ``previous`` held."""
    if previous is not None and previous.documents.get(document.file) is document:
        record = previous.records.get(document.file)
        if record is not None:
            return record
    stamp = document.stamp or (None, None, None)
    entry = [document.file, document.kind, *stamp, document.digest, document.data]
    return orjson.dumps([*entry, sorted(document.mentions)])
