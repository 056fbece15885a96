"""One module per ``orgc`` command: what it does, called by ``cli.py`` with parsed options.

A command returns an ``Outcome`` (what to print, the exit code) or raises a ``CommandProblem``
(exit code 2). This module imports nothing of orgc's, so that ``cli.py`` can name both at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass


class CommandProblem(Exception):
    """The command cannot run: not a project, a bad option, a file in the way (exit code 2).

    ``str()`` is what is said, in ``lang`` (None: in the language the run speaks before reading a project).
    """

    def __init__(self, text: str, lang: str | None = None) -> None:
        super().__init__(text)
        self.lang = lang


@dataclass(frozen=True)
class Outcome:
    code: int  # the exit code
    output: str  # for stdout, printed as it is
    message: str = ""  # for stderr, printed as it is
