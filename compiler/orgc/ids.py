"""The spec language's ids (``cs-team-lead``): one pattern for every stage, as the schemas write it."""

from __future__ import annotations

import re

ID = re.compile(r"[a-z][a-z0-9-]{0,62}")
