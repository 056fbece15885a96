"""``pdf/<lang>/<role-id>.pdf`` and ``pdf/<lang>/handbook.pdf``: the Word documents as PDF.

The PDFs come after the documents: ``with_pdfs`` passes every output on as it comes and
keeps the JDs and handbooks aside; when all are rendered, the ones whose PDF the last build
cannot give are converted together (``writers.pdf``), in a temporary folder, and handed on
to be published with the rest. A conversion that fails raises ``PdfError`` before the
output folder is touched.

A PDF shows what its document shows: it is kept from the last build while the document's
content is the same (a job description by the key of what it shows, a handbook by its bytes,
which are the same on every run), so an edit to one role converts that role's PDFs alone.
LibreOffice writes the time into a PDF, so PDFs made again differ from the last ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..writers.pdf import Conversion
from .context import OutputFile, RenderContext

_DOCUMENTS = (
    (re.compile(r"jd/([^/]+)/([^/]+)\.docx"), "pdf/{0}/{1}.pdf"),
    (re.compile(r"handbook/([^/]+)\.docx"), "pdf/{0}/handbook.pdf"),
)


def pdf_path(path: str) -> str | None:
    """Where the PDF of the output ``path`` goes; None for an output that has none."""
    for pattern, target in _DOCUMENTS:
        found = pattern.fullmatch(path)
        if found:
            return target.format(*found.groups())
    return None


def with_pdfs(
    outputs: Iterator[OutputFile], ctx: RenderContext, out_dir: Path, office: str
) -> Iterator[OutputFile]:
    """``outputs``, then the PDF of every JD and handbook among them."""
    with Conversion(office) as conversion:
        pending: list[tuple[str, str | None]] = []  # (PDF path, key) of each document added
        for output in outputs:
            yield output
            target = pdf_path(output.path)
            if target is None:
                continue
            key = ctx.reuse.key("pdf", output.content if output.content is not None else output.data)
            if ctx.reuse.kept((target,), key):
                yield OutputFile(target, b"", key, kept=True)
                continue
            # a document kept from the last build is read from there: it is exactly as it was written
            conversion.add(output.path, (out_dir / output.path).read_bytes() if output.kept else output.data)
            pending.append((target, key))
        for (path, key), pdf in zip(pending, conversion.pdfs(), strict=True):
            yield OutputFile(path, pdf, key)
