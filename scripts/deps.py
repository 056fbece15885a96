"""Pinned, lowest and newest dependencies: write the CI lock, or test against one set.

    python3 scripts/deps.py lock            # requirements/ci.lock from the newest releases allowed
    python3 scripts/deps.py test lowest     # the suite on the lower bounds of pyproject.toml
    python3 scripts/deps.py test latest     # the suite on the newest releases pyproject.toml allows
    python3 scripts/deps.py test lock       # the suite on requirements/ci.lock (what CI runs)

Each run sets up its own virtual environment under .venv-deps/<name>/, so the
project's .venv is left alone. Extra arguments after the set's name go to pytest.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "ci.lock"
HEADER = """\
# Every package .ci/run installs, pinned: the tests and the byte-identical outputs
# do not change under the project's feet. Refresh with: python3 scripts/deps.py lock
"""


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _build_requirements() -> list[str]:
    return _project()["build-system"]["requires"]


def _requirements() -> list[str]:
    project = _project()
    test = project["project"]["optional-dependencies"]["test"]
    return [*_build_requirements(), *project["project"]["dependencies"], *test]


def _lowest() -> str:
    """A constraints file holding every lower bound of pyproject.toml exactly."""
    pins = []
    for requirement in _requirements():
        name, bound = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([^,;\s]+).*", requirement).groups()
        pins.append(f"{name}=={bound}")
    return "\n".join(pins) + "\n"


def _venv(name: str) -> Path:
    folder = ROOT / ".venv-deps" / name
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    return folder / "bin"


def _install(bin_dir: Path, constraints: Path | None, *options: str) -> None:
    env_constraint = {"PIP_CONSTRAINT": str(constraints) if constraints else ""}
    command = [str(bin_dir / "pip"), "install", "-q", *options, f"{ROOT}[test]"]
    subprocess.run(command, check=True, env={**os.environ, **env_constraint})


def lock() -> None:
    bin_dir = _venv("lock")
    _install(bin_dir, None, "--upgrade")
    # the build backend is installed into the build's own environment, never this one: add it
    subprocess.run([str(bin_dir / "pip"), "install", "-q", "--upgrade", *_build_requirements()], check=True)
    frozen = subprocess.run(
        [str(bin_dir / "pip"), "freeze", "--exclude", "orgc"], check=True, capture_output=True, text=True
    ).stdout
    LOCK.parent.mkdir(exist_ok=True)
    LOCK.write_text(
        HEADER
        + "".join(
            sorted(frozen.splitlines(keepends=True), key=lambda line: re.split("[=<>]", line)[0].lower())
        ),
        encoding="utf-8",
    )
    print(f"wrote {LOCK.relative_to(ROOT)}")


def test(name: str, pytest_args: list[str]) -> int:
    bin_dir = _venv(name)
    if name == "lowest":
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
            handle.write(_lowest())
        _install(bin_dir, Path(handle.name))
    elif name == "latest":
        _install(bin_dir, None, "--upgrade", "--upgrade-strategy", "eager")
    else:
        _install(bin_dir, LOCK)
    versions = subprocess.run([str(bin_dir / "pip"), "freeze"], capture_output=True, text=True).stdout
    print(f"-- {name}:", " ".join(line for line in versions.splitlines() if not line.startswith("orgc")))
    return subprocess.run([str(bin_dir / "python"), "-m", "pytest", *pytest_args], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    if argv[:1] == ["lock"]:
        lock()
        return 0
    if len(argv) >= 2 and argv[0] == "test" and argv[1] in ("lowest", "latest", "lock"):
        return test(argv[1], argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
