"""``orgc import``: roles from an HR roster (CSV or XLSX) into specs, all or nothing."""

from ..i18n import Message


class ImportProblem(Exception):
    """The import cannot run at all: an unreadable roster, a bad option, a file in the way (exit code 2).

    ``message`` says why in either language; ``str()`` in English.
    """

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message
