"""Benchmark `orgc lsp`: how long after an edit to one role the editor hears the whole project's diagnostics.

    python bench/lsp.py                        # N = 1,000 and 10,000, 7 edits each
    python bench/lsp.py --sizes 1000 --edits 11

For each size it generates an organisation (bench/generate.py, seed 1), starts
`orgc lsp` through pygls's language client, as an editor would, opens one role
and waits for its first diagnostics (the server's first check, cold), then sends
edits of that role's text one at a time (each rewords one duty title; every other
one also names an unknown supervisor, so that a diagnostic comes and goes) and
times each from the didChange notification to the publishDiagnostics that
answers it. The server's debounce (50 ms) is part of what is timed.

It reports the median and the slowest edit, the processor time the server used
for an edit (user and system, from /proc: less moved than the wall time by other
work on a shared machine), the first check, and the server's peak resident memory
(VmHWM, read from /proc when the server has finished).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import Generator  # noqa: E402

PAUSE = 0.3  # between edits, longer than the debounce: every edit is checked on its own


def cpu_seconds(pid: int) -> float:
    """The processor time a process has used, in user and system mode (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure(project: Path, edits: int) -> dict[str, float]:
    client = LanguageClient("orgc-bench", "1")
    heard: asyncio.Queue[tuple[float, types.PublishDiagnosticsParams]] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _published(params: types.PublishDiagnosticsParams) -> None:
        heard.put_nowait((time.perf_counter(), params))

    await client.start_io(sys.executable, "-m", "orgc", "lsp")
    server = client._server  # the process, for its memory
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=project.as_uri())
    )
    client.initialized(types.InitializedParams())

    role = sorted((project / "specs" / "roles").glob("*.yaml"))[
        len(list((project / "specs" / "roles").glob("*.yaml"))) // 2
    ]
    uri = role.as_uri()
    original = role.read_text(encoding="utf-8")

    async def answer(since: float) -> tuple[float, list[types.Diagnostic]]:
        while True:
            at, params = await asyncio.wait_for(heard.get(), timeout=120)
            if params.uri == uri:
                return at - since, list(params.diagnostics)

    start = time.perf_counter()
    item = types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=original)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
    first, shown = await answer(start)
    assert shown == [], [d.message for d in shown]

    times, cpu_times = [], []
    for edit in range(edits):
        await asyncio.sleep(PAUSE)
        while not heard.empty():
            heard.get_nowait()
        text = original.replace("(岗位代号", f"(修订{edit + 1}·岗位代号", 1)
        broken = edit % 2 == 1
        if broken:
            text = text.replace("reports_to: ", "reports_to: no-such-", 1)
        change = types.TextDocumentContentChangeWholeDocument(text=text)
        params = types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=edit + 2),
            content_changes=[change],
        )
        cpu = cpu_seconds(server.pid)
        start = time.perf_counter()
        client.text_document_did_change(params)
        elapsed, shown = await answer(start)
        cpu_times.append(cpu_seconds(server.pid) - cpu)
        assert [d.code for d in shown] == (["ORG001"] if broken else []), [d.message for d in shown]
        times.append(elapsed)

    status = Path(f"/proc/{server.pid}/status").read_text()
    peak_kib = int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1])
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {
        "first": first,
        "median": statistics.median(times),
        "slowest": max(times),
        "fastest": min(times),
        "cpu": statistics.median(cpu_times),
        "peak_mib": peak_kib / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        work = args.keep or Path(temporary)
        for roles in args.sizes:
            project = work / f"org-{roles}"
            if not (project / "specs").is_dir():
                Generator(roles, seed=1).write(project)
            figures = asyncio.run(measure(project, args.edits))
            rows.append((roles, figures))
            print(f"  N={roles} done", file=sys.stderr)
    print(
        "| roles | edit → diagnostics, median | slowest | server CPU per edit, median | first check (open) | peak memory |"
    )
    print("|---|---|---|---|---|---|")
    for roles, f in rows:
        print(
            f"| {roles:,} | {f['median'] * 1000:.0f} ms | {f['slowest'] * 1000:.0f} ms | {f['cpu'] * 1000:.0f} ms"
            f" | {f['first']:.2f} s | {f['peak_mib']:.0f} MiB |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
