"""Files that file managers, Office and editors leave beside the specs: never specs, never inputs."""

from __future__ import annotations

import re

from ..i18n import Message

# A pattern over a file's whole name, and what such a file is. Windows and macOS compare
# names without case, so their files are matched so too.
_CLUTTER = (
    (re.compile(r"thumbs\.db", re.I), Message("clutter.thumbs")),
    (re.compile(r"desktop\.ini", re.I), Message("clutter.desktop-ini")),
    (re.compile(r"\.ds_store", re.I), Message("clutter.ds-store")),
    (re.compile(r"~\$.*", re.S), Message("clutter.office-lock")),
    (re.compile(r"\.~lock\..*#", re.S), Message("clutter.libreoffice-lock")),
    (re.compile(r"#.*#", re.S), Message("clutter.emacs-autosave")),
    (re.compile(r".*\.swp", re.I | re.S), Message("clutter.swap")),
    (re.compile(r".+~|.*\.bak", re.I | re.S), Message("clutter.backup")),
)


def clutter(name: str) -> Message | None:
    """What the file called ``name`` is, if it is one of those left behind; else None."""
    if name.endswith((".yaml", ".yml")) and not name.startswith("~$"):
        return None  # a spec's name, as nearly every name is: none of the patterns takes it
    for pattern, what in _CLUTTER:
        if pattern.fullmatch(name):
            return what
    return None
