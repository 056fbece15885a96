"""Benchmark the site: what it adds to a full build, and how quickly its chart draws in Chromium.

    python bench/site.py                     # N = 10,000 roles, 3 runs
    python bench/site.py --roles 1000 --runs 5 --json figures.json

On an organisation of N roles (bench/generate.py, seed 1) it measures, as medians:

- floor: PyYAML's C loader over every spec file, in this process (as bench/run.py);
- build without the site: `orgc build --lang zh --no-site` into an empty folder;
- full build: `orgc build --lang zh` into an empty folder; the site's cost is the difference;
- first render: in headless Chromium, from the start of the navigation to zh/chart.html
  to the chart's `chart-rendered` mark (set after the first frame with its boxes);
- pan: a drag of 50 steps of 27 px, one per animation frame, as pointer events (far enough to
  bring new boxes into the page): the mean and the longest frame (16.7 ms is 60 frames a second);
- unfold everything: every subtree opened at once (all N roles on show), and the pan
  figures again in that state, the worst case a reader can make.

The browser figures need chromium, chromedriver and Selenium (as the browser tests do).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import Generator  # noqa: E402
from run import Figures, machine, orgc, parse_floor  # noqa: E402

PAN_STEPS = 50

# One drag of PAN_STEPS pointer moves, one per frame; calls back with the frames' lengths in ms.
PAN = """
const done = arguments[arguments.length - 1];
const view = document.getElementById('chart-view');
const rect = view.getBoundingClientRect();
let x = rect.left + 40, y = rect.top + 40, step = 0, last = null;
const frames = [];
const event = (type) => view.dispatchEvent(new PointerEvent(type, {
  bubbles: true, pointerId: 7, button: 0, buttons: type === 'pointerup' ? 0 : 1,
  clientX: x, clientY: y, isPrimary: true}));
event('pointerdown');
function frame(now) {
  if (last !== null) frames.push(now - last);
  last = now;
  if (step === STEPS) { event('pointerup'); done(frames); return; }
  x -= 24; y -= 12; step += 1;
  event('pointermove');
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
""".replace("STEPS", str(PAN_STEPS))

UNFOLD = """
const done = arguments[arguments.length - 1];
const chart = orgcChart.chart;
const start = performance.now();
chart.open.fill(1);
chart.render();
requestAnimationFrame(() => setTimeout(() => done([performance.now() - start,
  chart.layout.order.length]), 0));
"""


def browser() -> object | None:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return None
    programs = [shutil.which(name) for name in ("chromium", "chromedriver")]
    if not all(programs):
        return None
    options = webdriver.ChromeOptions()
    options.binary_location = programs[0]
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=programs[1]), options=options)
    driver.set_script_timeout(300)
    return driver


def first_render(driver: object, page: Path) -> float:
    """Milliseconds from the start of the navigation to the chart's first frame."""
    driver.get("about:blank")
    driver.get(page.as_uri())
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "(function wait() { const m = performance.getEntriesByName('chart-rendered');"
        " if (m.length) done(m[0].startTime); else setTimeout(wait, 10); })();"
    )


def pan(driver: object) -> tuple[float, float]:
    frames = driver.execute_async_script(PAN)
    return statistics.mean(frames), max(frames)


def measure(roles: int, runs: int, work: Path) -> dict[str, object]:
    project, out = work / f"org-{roles}", work / f"out-{roles}"
    Generator(roles, seed=1).write(project)
    figures = Figures(roles, sum(1 for _ in (project / "specs").rglob("*.yaml")))
    bare: list[float] = []
    parse_floor(project)  # warm the page cache once
    for run in range(runs):
        figures.floor.append(parse_floor(project))
        shutil.rmtree(out, ignore_errors=True)
        bare.append(orgc(figures, "build", project, "-o", out, "--lang", "zh", "--no-site"))
        shutil.rmtree(out, ignore_errors=True)
        figures.build.append(orgc(figures, "build", project, "-o", out, "--lang", "zh"))
        print(f"  N={roles} build {run + 1}/{runs} done", file=sys.stderr)
    result: dict[str, object] = {
        "roles": roles,
        "floor": figures.median("floor"),
        "build_no_site": statistics.median(bare),
        "build": figures.median("build"),
        "peak_mib": figures.peak_mib,
        "data_bytes": (out / "site/zh/chart-data.js").stat().st_size,
    }
    driver = browser()
    if driver is None:
        print("  no chromium, chromedriver or selenium: browser figures left out", file=sys.stderr)
        return result
    try:
        page = out / "site/zh/chart.html"
        first_render(driver, page)  # the first load warms Chromium's caches
        result["first_render_ms"] = statistics.median(first_render(driver, page) for _ in range(runs))
        result["roles_on_show"] = driver.execute_script(
            "return document.querySelectorAll('[data-role]').length"
        )
        result["pan_mean_ms"], result["pan_longest_ms"] = pan(driver)
        result["unfold_all_ms"], shown = driver.execute_async_script(UNFOLD)
        assert shown == roles, shown
        result["pan_all_mean_ms"], result["pan_all_longest_ms"] = pan(driver)
    finally:
        driver.quit()
    return result


def table(found: dict[str, object]) -> str:
    floor, bare, full = (float(found[key]) for key in ("floor", "build_no_site", "build"))
    lines = [
        f"| N = {found['roles']:,} | |",
        "|---|---|",
        f"| YAML floor | {floor:.2f} s |",
        f"| `orgc build --lang zh --no-site` | {bare:.2f} s ({bare / floor:.2f}×) |",
        f"| `orgc build --lang zh` | {full:.2f} s ({full / floor:.2f}×) |",
        f"| the site's share | {full - bare:.2f} s ({(full - bare) / floor:.2f}×, {(full - bare) / bare:.0%} more) |",
        f"| chart data (zh) | {int(found['data_bytes']) / 1024:.0f} KiB |",
    ]
    if "first_render_ms" in found:
        lines += [
            f"| chart: first render | {found['first_render_ms']:.0f} ms ({found['roles_on_show']} roles on show) |",
            f"| chart: pan, {PAN_STEPS} steps | {found['pan_mean_ms']:.1f} ms a frame, longest {found['pan_longest_ms']:.1f} ms |",
            f"| chart: unfold all {found['roles']:,} roles | {found['unfold_all_ms']:.0f} ms |",
            f"| chart: pan with all on show | {found['pan_all_mean_ms']:.1f} ms a frame, "
            f"longest {found['pan_all_longest_ms']:.1f} ms |",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument(
        "--keep", type=Path, help="work in this folder and keep it (default: a temporary one)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="orgc-bench-site-") as temporary:
        work = args.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        found = measure(args.roles, args.runs, work)
    print(f"medians of {args.runs} runs; ratios to the YAML floor of the same run; {machine()}\n")
    print(table(found), end="")
    if args.json:
        args.json.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
