"""``out/.orgc/documents.json``: the spec documents the last build read, for the next one.

See ``load/known.py`` for when a document is taken over. The file is JSON, never
pickle, with a checksum and orgc's code fingerprint (another orgc may type
documents differently). It is used only when its own stamp is the one the build
index recorded after writing it, so a copy that arrived any other way (committed
in a pull request, say) is never trusted.
"""

from __future__ import annotations

import time
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

FILE = "documents.json"
FORMAT = 3  # a header line, then one line per document; 3: SHA-256 checksums


def load(out_dir: Path, index: BuildIndex | None) -> KnownDocuments | None:
    """The documents of the last build into ``out_dir``, or None when there are none to trust."""
    body = read_cache(out_dir, index, FILE, FORMAT)
    if body is None:
        return None
    try:
        lines = body_lines(body)
        content = orjson.loads(next(lines))
        if content["code"] != code_fingerprint():
            return None
        documents = {}
        records = {}
        for line in lines:
            file, kind, size, mtime_ns, inode, digest, data, mentions = orjson.loads(line)
            stamp = None if size is None else (int(size), int(mtime_ns), int(inode))
            found = frozenset(map(str, mentions))
            documents[str(file)] = ReadDocument(str(file), str(kind), stamp, str(digest), data, found)
            records[str(file)] = line
        trusted_before = int(content["saved_ns"]) - TRUST_AFTER_NS
        return KnownDocuments(documents, trusted_before, str(content["shared"]), index.saved_ns, records)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def save(
    out_dir: Path, read: Sequence[ReadDocument], shared: str, previous: KnownDocuments | None
) -> Stamp | None:
    """Write the documents beside the build index; their file's stamp, for the index to record.

    ``shared`` fingerprints what the outputs depend on besides the documents. When
    every document is the one ``previous`` held, with the same ``shared``, the file is left as it is;
    otherwise a document ``previous`` held is written as it was read (one line each).
    """
    if previous is not None and previous.shared == shared and _all_taken_over(read, previous):
        return Stamp.of(out_dir / FOLDER / FILE)
    head = {"code": code_fingerprint(), "saved_ns": time.time_ns(), "shared": shared}
    lines: list[bytes | memoryview] = [orjson.dumps(head)]
    for document in read:
        record = _record_of(document, previous)
        if record is None:
            stamp = document.stamp or (None, None, None)
            entry = [document.file, document.kind, *stamp, document.digest, document.data]
            record = orjson.dumps([*entry, sorted(document.mentions)])
        lines.append(record)
    return write_cache(out_dir, FILE, FORMAT, b"\n".join(lines))


def _record_of(document: ReadDocument, previous: KnownDocuments | None) -> bytes | memoryview | None:
    if previous is None or previous.documents.get(document.file) is not document:
        return None
    return previous.records.get(document.file)


def _all_taken_over(read: Sequence[ReadDocument], previous: KnownDocuments | None) -> bool:
    return (
        previous is not None
        and len(read) == len(previous.documents)
        and all(previous.documents.get(document.file) is document for document in read)
    )
