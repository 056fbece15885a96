"""Word documents to PDF through LibreOffice, run headless: files in, PDFs out.

Many documents go to one ``soffice`` process (it converts every file it is given), with a
profile of its own in a temporary folder, so that two builds at once, or a LibreOffice the
user has open, do not share one and wait for each other. Nothing is written outside that
folder. A run that takes longer than its time limit is stopped, with everything it started.
LibreOffice is not part of orgc: where it is not installed, ``find_office`` says None.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..i18n import Message, os_reason, verbatim

OFFICE_COMMANDS = ("soffice", "libreoffice")
BATCH = 200  # documents per LibreOffice run: the command line stays short, a failure costs little
# LibreOffice takes a few seconds to start and about a second a job description, more on a
# loaded machine; a handbook of a few hundred pages takes a minute or two
START_SECONDS, SECONDS_PER_DOCUMENT, SECONDS_PER_MEGABYTE = 120, 30, 60


class PdfError(Exception):
    """LibreOffice did not make the PDFs; ``message`` says why, in either language."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


def find_office() -> str | None:
    """The LibreOffice command on PATH, or None."""
    return next((found for name in OFFICE_COMMANDS if (found := shutil.which(name))), None)


class Conversion:
    """A temporary folder of Word documents, converted together: ``add`` each, then take ``pdfs``.

    The documents wait on disk, not in memory (a large organisation's are gigabytes); the
    folder and all in it go when the ``with`` block ends, however it ends.
    """

    def __init__(self, office: str) -> None:
        self.office = office
        self._temporary = tempfile.TemporaryDirectory(prefix="orgc-pdf-")
        self.folder = Path(self._temporary.name)
        self.profile = (self.folder / "profile").as_uri()
        self.names: list[str] = []

    def __enter__(self) -> Conversion:
        return self

    def __exit__(self, *exc: object) -> None:
        self._temporary.cleanup()

    def add(self, name: str, data: bytes) -> None:
        """A document to convert; ``name`` only says which one failed."""
        # numbered files: jd/zh/cs-agent.docx and jd/en/cs-agent.docx would both become cs-agent.pdf
        (self.folder / f"{len(self.names):06d}.docx").write_bytes(data)
        self.names.append(name)

    def pdfs(self) -> Iterator[bytes]:
        """The PDF of each document, in the order they were added."""
        for first in range(0, len(self.names), BATCH):
            numbers = range(first, min(first + BATCH, len(self.names)))
            inputs = [self.folder / f"{number:06d}.docx" for number in numbers]
            outdir = self.folder / "pdf"
            command = [
                self.office,
                f"-env:UserInstallation={self.profile}",
                "--headless",
                "--invisible",
                "--nologo",
                "--nodefault",
                "--norestore",
                "--nolockcheck",
                "--convert-to",
                "pdf:writer_pdf_Export",
                "--outdir",
                str(outdir),
                *map(str, inputs),
            ]
            megabytes = sum(path.stat().st_size for path in inputs) / 1e6
            _run(
                command,
                self.folder,
                START_SECONDS + SECONDS_PER_DOCUMENT * len(inputs) + SECONDS_PER_MEGABYTE * megabytes,
            )
            for number, path in zip(numbers, inputs, strict=True):
                pdf = outdir / f"{path.stem}.pdf"
                try:
                    data = pdf.read_bytes()
                except OSError:
                    data = b""
                if not data.startswith(b"%PDF"):
                    raise PdfError(Message("pdf.not-converted", document=verbatim(self.names[number])))
                path.unlink()
                pdf.unlink()
                yield data


def _run(command: list[str], folder: Path, limit: float) -> None:
    """Run LibreOffice in a session of its own (it starts a second process), stopped at ``limit`` seconds.

    What it prints is not shown: it is in English whatever the run's language, and the
    document that failed and the exit code say enough to try it by hand."""
    environment = {**os.environ, "HOME": str(folder)}  # nothing of it lands in the user's home
    try:
        process = subprocess.Popen(
            command,
            cwd=folder,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        raise PdfError(
            Message("pdf.cannot-start", command=verbatim(command[0]), reason=os_reason(exc))
        ) from None
    try:
        process.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise PdfError(Message("pdf.timed-out", seconds=round(limit))) from None
    except BaseException:  # interrupted: LibreOffice goes too
        _stop(process)
        raise
    if process.returncode != 0:
        raise PdfError(Message("pdf.failed", code=process.returncode))


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop LibreOffice and the processes it started (its session), and wait for it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
