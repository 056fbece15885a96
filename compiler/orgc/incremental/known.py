"""Spec documents an earlier build read, taken over where their files are unchanged.

A document is known when its file still has the stamp it had when it was read
(size, modification time and inode, from well before the record was made: an
edit within the same clock tick could keep a stamp), or when its bytes hash to
the same digest. Only documents that were read without any problem are known,
so taking one over skips reading, parsing and validating and loses no diagnostic.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..ids import ID
from ..load.discover import SpecFile
from ..model.frozen import quick_init


@quick_init  # a rebuild takes over tens of thousands of them
@dataclass(frozen=True, slots=True)
class ReadDocument:
    """A spec document read without any problem: its typed data and what identifies its bytes."""

    file: str  # relative to the project, with '/'
    kind: str
    stamp: tuple[int, int, int] | None  # size, modification time, inode
    digest: str
    data: Any
    # every text in it that could be an id (see ``mentions_in``); None: not yet looked for, as
    # `orgc check` never needs them (``mentions`` finds them when first asked)
    found: frozenset[str] | None = field(default=None, compare=False)

    @property
    def mentions(self) -> frozenset[str]:
        """Every text in the document that could be an id."""
        found = self.found
        if found is None:
            found = mentions_in(self.data)
            object.__setattr__(self, "found", found)  # derived from ``data``: the value stays the same
        return found


@dataclass(frozen=True)
class KnownDocuments:
    documents: Mapping[str, ReadDocument]
    trusted_before_ns: int  # a stamp proves nothing about a file modified after this
    shared: str = ""  # fingerprint of what the documents were rendered with besides themselves
    build: int = 0  # when the build that read them saved its index: which outputs they go with
    # file -> the document as the cache holds it, to be written again as it is when it is taken over
    records: Mapping[str, bytes | memoryview] = field(default_factory=dict, repr=False)

    def unchanged(self, spec: SpecFile) -> ReadDocument | None:
        """The known document of a regular file whose stamp is as recorded; nothing is read."""
        known = self.documents.get(spec.rel)
        if known is None or known.kind != spec.kind or known.stamp is None:
            return None
        try:
            info = os.lstat(spec.path)
        except OSError:
            return None
        stamp = (info.st_size, info.st_mtime_ns, info.st_ino)
        if (
            not stat.S_ISREG(info.st_mode)
            or stamp != known.stamp
            or info.st_mtime_ns >= self.trusted_before_ns
        ):
            return None
        return known

    def same_content(
        self, spec: SpecFile, stamp: tuple[int, int, int] | None, digest: str
    ) -> ReadDocument | None:
        """The known document of a file just read whose bytes are the ones recorded."""
        known = self.documents.get(spec.rel)
        if known is None or known.kind != spec.kind or known.digest != digest:
            return None
        return known if known.stamp == stamp else replace(known, stamp=stamp)


def mentions_in(data: Any) -> frozenset[str]:
    """Every string value in ``data`` that could be an id: the entities a document refers to.

    A superset by design (``daily`` or ``bachelor`` count too): whatever the document
    refers to, in any field, now or in a later version of orgc, is in it.
    """
    found: set[str] = set()
    stack = [data]
    fullmatch = ID.fullmatch
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is str:
            # isascii() is known without reading the text: most texts are Chinese
            if value.isascii() and fullmatch(value):
                found.add(value)
        elif kind is dict:
            stack += value.values()
        elif kind is list:
            stack += value
        elif isinstance(value, str):
            if fullmatch(value):
                found.add(value)
        elif isinstance(value, dict):
            stack += value.values()
        elif isinstance(value, list):
            stack += value
    return frozenset(found)
