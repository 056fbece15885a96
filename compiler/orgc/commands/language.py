"""The language a run speaks before it has read a project, or when it has none to read.

The rule (docs/messages.md): ``--messages`` when given; else, for ``show`` and ``diff``,
``--lang`` when it is zh or en; else the first language of the project the command works on
(its PATH, ``--path``, the folder ``init`` writes into; the current folder when it names none,
as for ``explain`` and ``schema``) when that folder holds orgc.yaml or specs/; else, for ``init`` and ``import``, the
first language ``--lang`` names; else English. Commands that read a project then speak its
language (``check.messages_language``); this rule decides the words said before that, click's
usage errors among them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from ..i18n import LANGUAGES, default_language

# Where each command finds its project: a positional argument (its index) or an option.
_PROJECT_ARGUMENT = {"check": 0, "build": 0, "init": 0}
_PROJECT_OPTION = {"show": "--path", "diff": "--path", "import": "--path", "staffing": "--path"}
_LANG_SAYS_MESSAGES = ("show", "diff")  # --lang is the language of what these print
_LANG_NAMES_THE_PROJECT = ("init", "import")  # --lang is the language of the project they write


def run_language(
    command: str | None, options: Mapping[str, str] | None = None, arguments: Sequence[str] = ()
) -> str:
    """The language of a run of ``command`` with these option values and positional arguments."""
    options = options or {}
    messages = options.get("--messages")
    if messages in LANGUAGES:
        return messages
    lang = (options.get("--lang") or "").split(",")[0].strip()
    if command in _LANG_SAYS_MESSAGES and lang in LANGUAGES:
        return lang
    folder = "."
    if command in _PROJECT_ARGUMENT and len(arguments) > _PROJECT_ARGUMENT[command]:
        folder = arguments[_PROJECT_ARGUMENT[command]]
    elif command in _PROJECT_OPTION:
        folder = options.get(_PROJECT_OPTION[command], ".")
    found = project_language(Path(folder))
    if found is not None:
        return found
    if command in _LANG_NAMES_THE_PROJECT and lang in LANGUAGES:
        return lang
    return "en"


def project_language(folder: Path) -> str | None:
    """The language of messages for the project in ``folder``; None when it is not one."""
    from ..config import CONFIG_FILE, load_config  # the YAML and schema readers: only when asked

    try:
        if not (folder / CONFIG_FILE).is_file() and not (folder / "specs").is_dir():
            return None
        config, _problems = load_config(folder)
    except (OSError, ValueError):
        return None
    return default_language(config.languages)
