"""``orgc import``: roles from an HR roster (CSV or XLSX) into specs, all or nothing."""


class ImportProblem(Exception):
    """The import cannot run at all: an unreadable roster, a bad option, a file in the way (exit code 2)."""
