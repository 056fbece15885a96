"""Benchmark orgc on generated organisations, against the floor of merely parsing the YAML.

    python bench/run.py                  # both shapes, N = 1,000 and 10,000, 3 runs each
    python bench/run.py --sizes 1000 --shapes wide --runs 5 --json figures.json
    python bench/run.py --doc docs/performance.md   # also replace the figures block there

For each shape and size it generates an organisation (bench/generate.py, seed 1)
and measures, as medians of several runs of the real command line:

- floor: PyYAML's C loader over every spec file, in this process;
- check: `orgc check`;
- full build: `orgc build --lang zh` into an empty output folder;
- no-op rebuild: the same build again, nothing changed;
- one-role edit: the build after changing one duty title of one role;
- peak memory: the largest resident set of any orgc process above;
- out/: the total size of the files the full build wrote (without ``site/``, given
  apart when there is one), and the unit matrices' share of it.

Every figure is also given as a ratio to the floor measured in the same run, so
figures from a busy or a faster machine stay comparable.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import SHAPES, Generator  # noqa: E402

EDITED_ROLE = "r42"
MIB = 1024 * 1024


@dataclass
class Figures:
    roles: int
    files: int
    shape: str = "local"
    floor: list[float] = field(default_factory=list)
    check: list[float] = field(default_factory=list)
    build: list[float] = field(default_factory=list)
    noop: list[float] = field(default_factory=list)
    edit: list[float] = field(default_factory=list)
    peak_mib: float = 0.0
    out_mib: float = 0.0  # out/ after the full build, without site/
    matrices_mib: float = 0.0  # of which the units' matrices (raci/<unit>.md)
    site_mib: float = 0.0
    # processor time (user + system) of the same runs: steadier than wall time on a busy machine
    cpu: dict[str, list[float]] = field(default_factory=dict)

    def median(self, name: str) -> float:
        return statistics.median(getattr(self, name))


def parse_floor(project: Path, figures: Figures | None = None) -> float:
    files = sorted((project / "specs").rglob("*.yaml"))
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    if figures is not None:
        figures.cpu.setdefault("floor", []).append(time.process_time() - cpu)
    return time.perf_counter() - start


def orgc(figures: Figures, name: str, *args: str | Path) -> float:
    """Wall time of one orgc command; its processor time and peak memory are kept in ``figures``.

    The peak is the largest resident set of the command's processes (``ru_maxrss`` of the
    children it waited for counts as its own, as the kernel reports it for a process tree).
    """
    command = [sys.executable, "-m", "orgc", *map(str, args)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{error}")
    figures.peak_mib = max(figures.peak_mib, usage.ru_maxrss / 1024)
    figures.cpu.setdefault(name, []).append(usage.ru_utime + usage.ru_stime)
    return elapsed


def measure_out(figures: Figures, out: Path) -> None:
    """The size of what the full build wrote: out/ without site/, the units' matrices, the site."""
    total = matrices = site = 0
    for folder, _dirs, files in os.walk(out):
        rel = Path(folder).relative_to(out).as_posix()
        if rel == ".orgc" or rel.startswith(".orgc/"):
            continue  # what the next build reuses, not an output
        size = sum(os.lstat(os.path.join(folder, name)).st_size for name in files)
        if rel == "site" or rel.startswith("site/"):
            site += size
            continue
        total += size
        if rel == "raci":
            matrices += sum(
                os.lstat(os.path.join(folder, name)).st_size for name in files if name.endswith(".md")
            )
    figures.out_mib, figures.matrices_mib, figures.site_mib = total / MIB, matrices / MIB, site / MIB


def edit_one_role(project: Path, run: int) -> None:
    """Reword one duty title of one role, differently on every run."""
    path = project / "specs" / "roles" / f"{EDITED_ROLE}.yaml"
    original = _ORIGINALS.setdefault(path, path.read_text(encoding="utf-8"))
    path.write_text(original.replace("(岗位代号", f"(修订{run + 1}·岗位代号", 1), encoding="utf-8")


_ORIGINALS: dict[Path, str] = {}


def measure(roles: int, runs: int, work: Path, shape: str = "local") -> Figures:
    project = work / f"org-{shape}-{roles}"
    out = work / f"out-{shape}-{roles}"
    Generator(roles, seed=1, shape=shape).write(project)
    figures = Figures(roles, sum(1 for _ in (project / "specs").rglob("*.yaml")), shape)
    parse_floor(project)  # warm the page cache once
    for run in range(runs):
        figures.floor.append(parse_floor(project, figures))
        figures.check.append(orgc(figures, "check", "check", project, "--today", "2026-06-01"))
        shutil.rmtree(out, ignore_errors=True)
        figures.build.append(orgc(figures, "build", "build", project, "-o", out, "--lang", "zh"))
        if run == 0:
            measure_out(figures, out)
        figures.noop.append(orgc(figures, "noop", "build", project, "-o", out, "--lang", "zh"))
        edit_one_role(project, run)
        figures.edit.append(orgc(figures, "edit", "build", project, "-o", out, "--lang", "zh"))
        print(f"  {shape} N={roles} run {run + 1}/{runs} done", file=sys.stderr)
    shutil.rmtree(out, ignore_errors=True)  # a wide organisation's out/ can take gigabytes
    return figures


ROWS = (
    ("floor", "YAML floor (PyYAML C loader)"),
    ("check", "`orgc check`"),
    ("build", "full `orgc build` (zh)"),
    ("noop", "no-op rebuild"),
    ("edit", "rebuild after editing one role"),
)


def table(all_figures: list[Figures]) -> str:
    head = "| | " + " | ".join(f"{f.shape}, N = {f.roles:,} ({f.files:,} files)" for f in all_figures) + " |"
    lines = [head, "|---|" + "---|" * len(all_figures)]
    for name, label in ROWS:
        cells = []
        for f in all_figures:
            value = f.median(name)
            ratio = value / f.median("floor")
            cells.append(f"{value:.2f} s" + ("" if name == "floor" else f" ({ratio:.2f}×)"))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append("| peak memory | " + " | ".join(f"{f.peak_mib:.0f} MiB" for f in all_figures) + " |")
    lines.append(
        "| out/ after the full build (without site/) | "
        + " | ".join(f"{mib(f.out_mib)} ({mib(f.matrices_mib)} unit matrices)" for f in all_figures)
        + " |"
    )
    if any(f.site_mib for f in all_figures):
        lines.append("| out/site/ | " + " | ".join(mib(f.site_mib) for f in all_figures) + " |")
    return "\n".join(lines) + "\n"


def mib(value: float) -> str:
    return f"{value:,.0f} MiB" if value >= 10 else f"{value:.1f} MiB"


def cpu_line(all_figures: list[Figures]) -> str:
    """The processor-time ratios to the floor's, which a busy machine disturbs less than wall time."""
    parts = []
    for f in all_figures:
        floor = statistics.median(f.cpu["floor"])
        ratios = ", ".join(
            f"{name} {statistics.median(f.cpu[name]) / floor:.2f}×"
            for name in ("check", "build", "noop", "edit")
        )
        parts.append(f"{f.shape} N = {f.roles:,}: {ratios}")
    return "Processor time (user + system) as a ratio to the floor's: " + "; ".join(parts) + ".\n"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}"


def figures_block(results: list[Figures], command: str, runs: int, minutes: float) -> str:
    """What goes between the figures markers of docs/performance.md."""
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"`{command}`, on {datetime.date.today().isoformat()}, {machine()}; load average at the end "
        f"{load}; medians of {runs} run{'s' if runs > 1 else ''}, each time also as a ratio to the YAML floor of the same run; "
        f"{minutes:.0f} minutes in all:\n\n" + table(results) + "\n" + cpu_line(results)
    )


START, END = "<!-- figures:start -->", "<!-- figures:end -->"


def replace_block(doc: Path, block: str) -> None:
    text = doc.read_text(encoding="utf-8")
    head, start, rest = text.partition(START)
    _old, end, tail = rest.partition(END)
    if not start or not end:
        raise SystemExit(f"{doc}: no {START} … {END} block to replace")
    doc.write_text(f"{head}{START}\n{block}{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--shapes", nargs="+", choices=SHAPES, default=list(SHAPES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument(
        "--doc", type=Path, help="replace the figures block of this Markdown file (docs/performance.md)"
    )
    parser.add_argument(
        "--keep", type=Path, help="work in this folder and keep it (default: a temporary one)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="orgc-bench-") as temporary:
        work = args.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        results = [measure(n, args.runs, work, shape) for shape in args.shapes for n in args.sizes]
    command = "python bench/run.py" + (f" {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
    block = figures_block(results, command, args.runs, (time.perf_counter() - started) / 60)
    print(block, end="")
    if args.doc:
        replace_block(args.doc, block)
    if args.json:
        args.json.write_text(json.dumps([f.__dict__ for f in results], indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
