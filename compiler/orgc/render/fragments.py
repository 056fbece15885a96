"""Pieces of a whole-organisation output kept from the last build, by the fingerprint of what they show.

A piece is a part of a document made from a small part of the organisation: in the handbook,
one unit's responsibility matrix, one process's steps, the org chart or the position index.
It is looked up by the
fingerprint of everything it is made from; when the last build made a piece from the same
inputs, that piece is taken as it is, otherwise it is made. Either way the output that used
it carries it back (``OutputFile.fragments``), and the pieces a build used are what the next
one may take (``fragment_cache``).

Pieces are kept compressed: those of a large handbook are tens of megabytes of XML.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping

from ..build_index import fingerprint


class Fragments:
    """Where one output's pieces come from: the last build's, or made now."""

    def __init__(self, previous: Mapping[str, bytes] | None = None) -> None:
        self._previous = previous or {}
        self._used: dict[str, bytes] = {}

    def piece(self, make: Callable[[], str], *inputs: str) -> str:
        """The piece made by ``make`` from ``inputs`` (everything it depends on, as text)."""
        key = fingerprint(*inputs)
        packed = self._previous.get(key)
        text = _unpacked(packed) if packed is not None else None
        if text is None:
            text = make()
            packed = zlib.compress(text.encode("utf-8"), 1)
        self._used[key] = packed
        return text

    @property
    def used(self) -> tuple[tuple[str, bytes], ...]:
        """key -> compressed piece, for every piece asked for, in the order first asked."""
        return tuple(self._used.items())


def _unpacked(packed: bytes) -> str | None:
    try:
        return zlib.decompress(packed).decode("utf-8")
    except (zlib.error, UnicodeDecodeError):
        return None
