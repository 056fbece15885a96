"""Benchmark orgc on generated organisations, against the floor of merely parsing the YAML.

    python bench/run.py                  # N = 1,000 and 10,000, 3 runs each
    python bench/run.py --sizes 1000 --runs 5 --json figures.json

For each size it generates an organisation (bench/generate.py, seed 1) and
measures, as medians of several runs of the real command line:

- floor: PyYAML's C loader over every spec file, in this process;
- check: `orgc check`;
- full build: `orgc build --lang zh` into an empty output folder;
- no-op rebuild: the same build again, nothing changed;
- one-role edit: the build after changing one duty title of one role;
- peak memory: the largest resident set of any orgc process above.

Every figure is also given as a ratio to the floor measured in the same run, so
figures from a busy or a faster machine stay comparable.
"""

from __future__ import annotations

import argparse
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

from generate import Generator  # noqa: E402

EDITED_ROLE = "r42"


@dataclass
class Figures:
    roles: int
    files: int
    floor: list[float] = field(default_factory=list)
    check: list[float] = field(default_factory=list)
    build: list[float] = field(default_factory=list)
    noop: list[float] = field(default_factory=list)
    edit: list[float] = field(default_factory=list)
    peak_mib: float = 0.0

    def median(self, name: str) -> float:
        return statistics.median(getattr(self, name))


def parse_floor(project: Path) -> float:
    files = sorted((project / "specs").rglob("*.yaml"))
    start = time.perf_counter()
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def orgc(figures: Figures, *args: str | Path) -> float:
    """Wall time of one orgc command; its peak memory is kept in ``figures``."""
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
    return elapsed


def edit_one_role(project: Path, run: int) -> None:
    """Reword one duty title of one role, differently on every run."""
    path = project / "specs" / "roles" / f"{EDITED_ROLE}.yaml"
    original = _ORIGINALS.setdefault(path, path.read_text(encoding="utf-8"))
    path.write_text(original.replace("(岗位代号", f"(修订{run + 1}·岗位代号", 1), encoding="utf-8")


_ORIGINALS: dict[Path, str] = {}


def measure(roles: int, runs: int, work: Path) -> Figures:
    project = work / f"org-{roles}"
    out = work / f"out-{roles}"
    Generator(roles, seed=1).write(project)
    figures = Figures(roles, sum(1 for _ in (project / "specs").rglob("*.yaml")))
    parse_floor(project)  # warm the page cache once
    for run in range(runs):
        figures.floor.append(parse_floor(project))
        figures.check.append(orgc(figures, "check", project, "--today", "2026-06-01"))
        shutil.rmtree(out, ignore_errors=True)
        figures.build.append(orgc(figures, "build", project, "-o", out, "--lang", "zh"))
        figures.noop.append(orgc(figures, "build", project, "-o", out, "--lang", "zh"))
        edit_one_role(project, run)
        figures.edit.append(orgc(figures, "build", project, "-o", out, "--lang", "zh"))
        print(f"  N={roles} run {run + 1}/{runs} done", file=sys.stderr)
    return figures


ROWS = (
    ("floor", "YAML floor (PyYAML C loader)"),
    ("check", "`orgc check`"),
    ("build", "full `orgc build` (zh)"),
    ("noop", "no-op rebuild"),
    ("edit", "rebuild after editing one role"),
)


def table(all_figures: list[Figures]) -> str:
    head = "| | " + " | ".join(f"N = {f.roles:,} ({f.files:,} files)" for f in all_figures) + " |"
    lines = [head, "|---|" + "---|" * len(all_figures)]
    for name, label in ROWS:
        cells = []
        for f in all_figures:
            value = f.median(name)
            ratio = value / f.median("floor")
            cells.append(f"{value:.2f} s" + ("" if name == "floor" else f" ({ratio:.2f}×)"))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append("| peak memory | " + " | ".join(f"{f.peak_mib:.0f} MiB" for f in all_figures) + " |")
    return "\n".join(lines) + "\n"


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="orgc-bench-") as temporary:
        work = args.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        results = [measure(n, args.runs, work) for n in args.sizes]
    print(f"medians of {args.runs} runs; ratios to the YAML floor of the same run; {machine()}\n")
    print(table(results), end="")
    if args.json:
        args.json.write_text(json.dumps([f.__dict__ for f in results], indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
