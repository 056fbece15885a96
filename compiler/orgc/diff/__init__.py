"""``orgc diff``: what changed in the organisation between two git revisions or two folders.

revisions (a side → a project folder) → pipeline.check on each side → renames (renamed role
files) → compare (two models → ``OrgChanges``) → markdown or json_out.
"""

from __future__ import annotations

from .changes import OrgChanges
from .compare import compare
from .revisions import DiffProblem, Side

__all__ = ["DiffProblem", "OrgChanges", "Side", "compare"]
