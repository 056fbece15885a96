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

from .build_index import (
    FOLDER,
    TRUST_AFTER_NS,
    BuildIndex,
    Stamp,
    code_fingerprint,
    read_checked,
    write_checked,
)
from .load.known import KnownDocuments, ReadDocument

FILE = "documents.json"
FORMAT = 1


def load(out_dir: Path, index: BuildIndex | None) -> KnownDocuments | None:
    """The documents of the last build into ``out_dir``, or None when there are none to trust."""
    path = out_dir / FOLDER / FILE
    if index is None or index.caches.get(FILE) is None or Stamp.of(path) != index.caches[FILE]:
        return None
    body = read_checked(path, FORMAT)
    if body is None:
        return None
    try:
        content = orjson.loads(body)
        if content["code"] != code_fingerprint():
            return None
        documents = {}
        for file, kind, size, mtime_ns, inode, digest, data, mentions in content["documents"]:
            stamp = None if size is None else (int(size), int(mtime_ns), int(inode))
            found = frozenset(map(str, mentions))
            documents[str(file)] = ReadDocument(str(file), str(kind), stamp, str(digest), data, found)
        trusted_before = int(content["saved_ns"]) - TRUST_AFTER_NS
        return KnownDocuments(documents, trusted_before, str(content["shared"]), index.saved_ns)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def save(
    out_dir: Path, read: Sequence[ReadDocument], shared: str, previous: KnownDocuments | None
) -> Stamp | None:
    """Write the documents beside the build index; their file's stamp, for the index to record.

    ``shared`` fingerprints what the outputs depend on besides the documents. When
    every document is the one ``previous`` held, with the same ``shared``, the file is left as it is.
    """
    path = out_dir / FOLDER / FILE
    if previous is not None and previous.shared == shared and _all_taken_over(read, previous):
        return Stamp.of(path)
    content = {
        "code": code_fingerprint(),
        "saved_ns": time.time_ns(),
        "shared": shared,
        "documents": [
            [d.file, d.kind, *(d.stamp or (None, None, None)), d.digest, d.data, sorted(d.mentions)]
            for d in read
        ],
    }
    return Stamp.of(path) if write_checked(path, FORMAT, orjson.dumps(content)) else None


def _all_taken_over(read: Sequence[ReadDocument], previous: KnownDocuments | None) -> bool:
    return (
        previous is not None
        and len(read) == len(previous.documents)
        and all(previous.documents.get(document.file) is document for document in read)
    )
