"""Paths a project names, confined to the project: no '..', no absolute path, no symbolic link on the way.

A pull request can commit a symbolic link (`specs/roles -> /etc`) or write a path
into orgc.yaml; every reader or writer of such a path goes through ``inside``
before it opens anything, so nothing outside the project is read or written.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath


class OutsideProject(Exception):
    """A path leaves the project or passes through a symbolic link; ``rel`` is the part at fault."""

    def __init__(self, rel: str, link: bool) -> None:
        super().__init__(rel)
        self.rel, self.link = rel, link


def inside(root: Path, rel: str | PurePosixPath) -> Path:
    """``root / rel``, after checking that no part of ``rel`` is '..' or a symbolic link.

    Parts that do not exist yet are fine (they will be made as real folders and files).
    """
    parts = PurePosixPath(rel).parts
    if not parts or PurePosixPath(rel).is_absolute() or ".." in parts:
        raise OutsideProject(str(rel), link=False)
    path = root
    for index, part in enumerate(parts):
        path = path / part
        if os.path.islink(path):
            raise OutsideProject("/".join(parts[: index + 1]), link=True)
    return path


def folder_inside(root: Path, rel: str) -> Path | None:
    """``root / rel`` when it is a folder of the project itself (see ``inside``), else None."""
    try:
        path = inside(root, rel)
    except OutsideProject:
        return None
    return path if path.is_dir() else None
