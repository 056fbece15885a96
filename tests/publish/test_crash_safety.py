"""A build killed anywhere, two builds at once, an unwritable or full disk: out/ is never half written.

Every scene starts from an out/ that holds a complete build of the old specs (and a
README someone added). A build of changed specs then runs as a process and is
SIGKILLed: after a delay, at twenty-odd points spread over its run, or exactly at a
point of publishing (``ORGC_PAUSE_AT``, see compiler/orgc/publish.py). Whatever
happened, out/ must be byte for byte the old build or the complete new one, and the
next build must clean up and finish. The build index in ``out/.orgc/`` is a cache
that is checked before it is trusted, so it is left out of the comparisons.
"""

from __future__ import annotations

import errno
import fcntl
import os
import resource
import select
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import ROOT, TESTS, copy_good, edit, published_tree, run_cli, write
from orgc import publish
from orgc.render.context import OutputFile

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="signals, flock, renameat2, rlimits")

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONHASHSEED": "0"}
ENV.pop("ORGC_PAUSE_AT", None)
KILL_POINTS = 22
Tree = dict[str, bytes]


def leftovers(out: Path) -> list[str]:
    """Staging or previous folders a build left beside ``out``."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.orgc-"))


def start(project: Path, *options: str, pause: str | None = None, jobs: int = 1) -> subprocess.Popen[str]:
    env = {**ENV, "ORGC_PAUSE_AT": pause} if pause else ENV
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "orgc",
            "build",
            str(project),
            "--jobs",
            str(jobs),
            "--messages",
            "en",
            *options,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_pause(process: subprocess.Popen[str], point: str) -> None:
    """Until ``process`` has printed that it pauses at ``point`` and has stopped."""
    assert process.stderr is not None
    line = process.stderr.readline()
    assert line.strip() == f"orgc: paused at {point}", line
    _, status = os.waitpid(process.pid, os.WUNTRACED)
    assert os.WIFSTOPPED(status)


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    _stdout, stderr = process.communicate(timeout=120)
    return process.returncode, stderr


def rebuild(project: Path, monkeypatch: pytest.MonkeyPatch, *options: str) -> None:
    """The next build, in-process: it must succeed and leave nothing beside out/."""
    for name, value in ENV.items():
        if name in ("SOURCE_DATE_EPOCH", "PYTHONHASHSEED"):
            monkeypatch.setenv(name, value)
    result = run_cli("build", project, "--jobs", "1", *options)
    assert result.exit_code == 0, result.output


@dataclass(frozen=True)
class Scene:
    old: Tree  # out/ after building the old specs, with a README someone added
    new: Tree  # the same out/ after a complete build of the new specs
    newer: Tree  # ... and after a further build of other specs
    old_out: Path
    new_sources: Path
    newer_sources: Path
    rendering: float  # seconds from start until the first file is in the staging folder
    duration: float  # seconds for a whole build


def _sources(dest: Path) -> Path:
    dest.mkdir(parents=True)
    shutil.copytree(ROOT / "specs", dest / "specs")
    shutil.copy(ROOT / "orgc.yaml", dest / "orgc.yaml")
    return dest


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _prepared(scene_sources: Path, out: Path, dest: Path) -> Path:
    """A project with ``scene_sources``' specs and a copy of ``out`` as its out/."""
    shutil.copytree(scene_sources, dest)
    shutil.copytree(out, dest / "out", symlinks=True)
    return dest


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Scene:
    base = tmp_path_factory.mktemp("crash")
    old_project = _sources(base / "old")
    done = subprocess.run(
        [sys.executable, "-m", "orgc", "build", str(old_project)], env=ENV, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    (old_project / "out" / "README.txt").write_text("ours, not orgc's\n", encoding="utf-8")

    # the new specs: a role retitled (its files, the chart, the matrices and the handbooks change)
    new_sources = _sources(base / "new-sources")
    agent = Path("specs/roles/cs-agent.yaml")
    _edit(
        new_sources / agent,
        "title: {zh: 一线客服, en: First-line agent}",
        "title: {zh: 热线客服, en: Hotline agent}",
    )
    # and the newer ones, for the second of two builds at once: retitled again
    newer_sources = _sources(base / "newer-sources")
    _edit(
        newer_sources / agent,
        "title: {zh: 一线客服, en: First-line agent}",
        "title: {zh: 值班客服, en: Duty agent}",
    )

    new_project = _prepared(new_sources, old_project / "out", base / "new")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "orgc", "build", str(new_project)], env=ENV, capture_output=True
    )
    duration = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    newer_project = _prepared(newer_sources, new_project / "out", base / "newer")
    done = subprocess.run(
        [sys.executable, "-m", "orgc", "build", str(newer_project)], env=ENV, capture_output=True
    )
    assert done.returncode == 0, done.stderr

    timing = _prepared(new_sources, old_project / "out", base / "timing")
    started = time.perf_counter()
    process = start(timing, pause="render")
    wait_for_pause(process, "render")
    rendering = time.perf_counter() - started
    process.kill()
    finish(process)

    old, new, newer = (
        published_tree(old_project / "out"),
        published_tree(new_project / "out"),
        published_tree(newer_project / "out"),
    )
    assert old != new != newer and "README.txt" in new and "README.txt" in newer
    return Scene(old, new, newer, old_project / "out", new_sources, newer_sources, rendering, duration)


# -- killed at many points ---------------------------------------------------------------------------


def _delay(scene: Scene, point: int) -> float:
    """Two points while orgc starts and checks, the rest spread over rendering and publishing."""
    if point < 2:
        return scene.rendering * (0.2 + 0.4 * point)
    first, last = scene.rendering * 0.9, scene.duration * 1.05
    return first + (last - first) * (point - 2) / (KILL_POINTS - 3)


@pytest.mark.parametrize("point", range(KILL_POINTS))
def test_a_build_killed_at_any_moment_leaves_old_or_new(
    scene: Scene, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, point: int
) -> None:
    project = _prepared(scene.new_sources, scene.old_out, tmp_path / "project")
    out = project / "out"
    process = start(project, jobs=1 + point % 2)  # every other one renders in forked workers
    time.sleep(_delay(scene, point))
    process.kill()
    finish(process)
    found = published_tree(out)
    assert found in (scene.old, scene.new), sorted(set(found.items()) ^ set(scene.new.items()))[:3]
    publish.recover(out)  # what the next build does first
    assert leftovers(out) == []
    assert published_tree(out) == found
    if point % 7 == 0:  # and now and then the whole next build
        rebuild(project, monkeypatch)
        assert published_tree(out) == scene.new and leftovers(out) == []


# -- killed exactly where it matters -------------------------------------------------------------------


@pytest.mark.parametrize(("point", "expected"), [("render", "old"), ("swap", "old"), ("swapped", "new")])
def test_a_build_killed_at_each_step_of_publishing(
    scene: Scene, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, point: str, expected: str
) -> None:
    project = _prepared(scene.new_sources, scene.old_out, tmp_path / "project")
    out = project / "out"
    process = start(project, pause=point)
    wait_for_pause(process, point)
    process.kill()
    finish(process)
    assert published_tree(out) == {"old": scene.old, "new": scene.new}[expected]
    rebuild(project, monkeypatch)
    assert published_tree(out) == scene.new and leftovers(out) == []


def test_a_first_build_killed_before_its_swap_leaves_no_out(
    scene: Scene, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = shutil.copytree(scene.new_sources, tmp_path / "project")
    process = start(project, pause="swap")
    wait_for_pause(process, "swap")
    process.kill()
    finish(process)
    assert not (project / "out").exists()
    rebuild(project, monkeypatch)
    assert published_tree(project / "out") == {k: v for k, v in scene.new.items() if k != "README.txt"}


class _Killed(BaseException):
    """Stands for SIGKILL inside the test process: nothing catches it."""


def test_killed_between_the_two_renames_where_an_atomic_exchange_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    publish.publish(out, [OutputFile("a.md", b"old a\n"), OutputFile("b.md", b"old b\n")])
    before = published_tree(out)
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)  # e.g. not Linux
    renames: list[tuple[str, str]] = []
    real_rename = os.rename

    def rename(a: os.PathLike[str], b: os.PathLike[str]) -> None:
        renames.append((str(a), str(b)))
        if len(renames) == 2:
            raise _Killed
        real_rename(a, b)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(_Killed):
        publish.publish(out, [OutputFile("a.md", b"new a\n")])
    monkeypatch.setattr(os, "rename", real_rename)
    assert not out.exists() and leftovers(out) == [".out.orgc-previous"]
    publish.recover(out)
    assert published_tree(out) == before and leftovers(out) == []


# -- two builds at once --------------------------------------------------------------------------------


def _read_until(process: subprocess.Popen[str], needle: str, timeout: float = 60) -> str:
    assert process.stderr is not None
    seen = ""
    deadline = time.monotonic() + timeout
    while needle not in seen:
        ready, _, _ = select.select([process.stderr], [], [], max(0.0, deadline - time.monotonic()))
        assert ready, f"no {needle!r} within {timeout} s; got {seen!r}"
        line = process.stderr.readline()
        assert line, f"the process ended without saying {needle!r}: {seen!r}"
        seen += line
    return seen


@pytest.mark.parametrize("first_ends", ["finishes", "is killed"])
def test_a_second_build_waits_for_the_first_and_names_it(
    scene: Scene, tmp_path: Path, first_ends: str
) -> None:
    project = _prepared(scene.new_sources, scene.old_out, tmp_path / "project")
    other = shutil.copytree(scene.newer_sources, tmp_path / "other")
    out = project / "out"
    first = start(project, pause="swap")
    wait_for_pause(first, "swap")
    second = start(other, "-o", str(out))
    said = _read_until(second, "waiting for")
    assert f"orgc build (pid {first.pid})" in said and str(out) in said
    assert published_tree(out) == scene.old  # the second one wrote nothing while it waited
    if first_ends == "finishes":
        os.kill(first.pid, signal.SIGCONT)
        assert finish(first)[0] == 0
    else:
        first.kill()
        finish(first)
    code, stderr = finish(second)
    assert code == 0, stderr
    # the second build is complete and its own: nothing of the first is mixed in
    assert published_tree(out) == scene.newer and leftovers(out) == []


def test_render_workers_do_not_hold_the_lock_after_their_build_ends(tmp_path: Path) -> None:
    out = tmp_path / "out"
    go_read, go_write = os.pipe()
    ready_read, ready_write = os.pipe()
    with publish.locked(out):
        child = os.fork()
        if child == 0:  # a forked render worker that outlives its build for a moment
            os.write(ready_write, b"r")
            os.read(go_read, 1)
            os._exit(0)
        assert os.read(ready_read, 1) == b"r"  # the worker is running
    try:
        handle = os.open(tmp_path, os.O_RDONLY)
        try:
            # before: the worker's copy of the descriptor kept the flock, and the next
            # build waited for a build that no longer existed
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(handle)
    finally:
        os.write(go_write, b"g")
        os.waitpid(child, 0)
        for end in (go_read, go_write, ready_read, ready_write):
            os.close(end)


# -- an output folder that cannot be written -------------------------------------------------------


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    done = subprocess.run(["unshare", "-rm", "true"], capture_output=True, check=False)
    return done.returncode == 0


def _in_namespace(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` (sh) as root of a new user and mount namespace: mounts vanish with it."""
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, "sh", *args],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_read_only_output_folder_exits_2_and_keeps_out(scene: Scene, tmp_path: Path) -> None:
    project = _prepared(scene.new_sources, scene.old_out, tmp_path / "project")
    command = f'"{sys.executable}" -m orgc build "$1" --messages en'
    if _unshare_works():  # a read-only bind mount: refused whoever runs it, root included
        done = _in_namespace(
            f'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" && {command}', str(project)
        )
    elif os.geteuid() != 0:
        project.chmod(0o555)
        try:
            done = subprocess.run(
                ["sh", "-c", command, "sh", str(project)], env=ENV, capture_output=True, text=True
            )
        finally:
            project.chmod(0o755)
    else:
        pytest.skip("root, and no user namespaces for a read-only mount: chmod would not stop root")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "read-only" in done.stderr and "Traceback" not in done.stderr
    assert published_tree(project / "out") == scene.old and leftovers(project / "out") == []


@pytest.mark.parametrize("where", ["under a file", "under /proc"])
def test_an_output_folder_that_cannot_exist_exits_2(scene: Scene, tmp_path: Path, where: str) -> None:
    project = shutil.copytree(scene.new_sources, tmp_path / "project")
    (project / "notes.txt").write_text("a file\n", encoding="utf-8")
    target = project / "notes.txt" / "out" if where == "under a file" else Path("/proc/orgc-test/out")
    done = subprocess.run(
        [sys.executable, "-m", "orgc", "build", str(project), "-o", str(target), "--messages", "en"],
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "cannot create the output folder" in done.stderr and "Traceback" not in done.stderr
    if where == "under a file":
        assert "notes.txt is a file, not a folder" in done.stderr


def test_a_full_disk_exits_2_and_keeps_out(scene: Scene, tmp_path: Path) -> None:
    project = _prepared(scene.new_sources, scene.old_out, tmp_path / "project")

    def small_files() -> None:  # every file written by the build may hold at most 8 KB
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))

    done = subprocess.run(
        [sys.executable, "-m", "orgc", "build", str(project), "--messages", "en"],
        env=ENV,
        capture_output=True,
        text=True,
        preexec_fn=small_files,
        check=False,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "disk is full" in done.stderr and "Traceback" not in done.stderr
    assert published_tree(project / "out") == scene.old and leftovers(project / "out") == []


CHECK_TMPFS = """
import json, shutil, subprocess, sys
from pathlib import Path
sys.path[:0] = [sys.argv[4], str(Path(sys.argv[4]) / "publish")]
from helpers import published_tree
from test_crash_safety import leftovers
disk, old, project = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
shutil.copytree(old, disk / "out", symlinks=True)
before = published_tree(disk / "out")
done = subprocess.run([sys.executable, "-m", "orgc", "build", str(project), "-o", str(disk / "out"),
                       "--messages", "en"],
                      capture_output=True, text=True)
print(json.dumps({"code": done.returncode, "stderr": done.stderr,
                  "kept": published_tree(disk / "out") == before, "leftovers": leftovers(disk / "out")}))
"""


def test_a_really_full_disk_exits_2_and_keeps_out(scene: Scene, tmp_path: Path) -> None:
    if not _unshare_works():
        pytest.skip("no user namespaces to mount a small tmpfs in")
    import json

    disk, project = tmp_path / "disk", shutil.copytree(scene.new_sources, tmp_path / "project")
    disk.mkdir()
    old_files = [path for path in scene.old_out.rglob("*") if path.is_file() and not path.is_symlink()]
    pages = sum(-(-path.stat().st_size // 4096) * 4096 for path in old_files)
    size = pages + 128 * 1024  # the old build (with its index), and less room than the new files need
    done = _in_namespace(
        f'mount -t tmpfs -o size={size} orgc-test "$1" && "{sys.executable}" -c "$2" "$1" "$3" "$4" "$5"',
        str(disk),
        CHECK_TMPFS,
        str(scene.old_out),
        str(project),
        str(TESTS),
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["code"] == 2, result["stderr"]
    assert "no space left" in result["stderr"].lower() and "Traceback" not in result["stderr"]
    assert result["kept"] and result["leftovers"] == []


# -- what publish refuses, and file systems without hard links -------------------------------------


def _outputs(*pairs: tuple[str, bytes]) -> Iterator[OutputFile]:
    return (OutputFile(path, data) for path, data in pairs)


def test_an_output_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "out").symlink_to(real, target_is_directory=True)
    with pytest.raises(publish.PublishError, match="is a link"):
        publish.publish(tmp_path / "out", _outputs(("a.md", b"a\n")))
    # before: the link itself was swapped for the new tree, the build reported a failure,
    # and a staging "folder" that was really a link blocked every later build
    assert (tmp_path / "out").is_symlink() and list(real.iterdir()) == []
    assert leftovers(tmp_path / "out") == []


def test_a_folder_of_someone_elses_files_is_not_taken_over(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents" / "thesis.docx").write_bytes(b"years of work")
    (home / ".ssh").mkdir(mode=0o700)
    (home / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = published_tree(home)
    with pytest.raises(publish.PublishError, match="files orgc did not write"):
        publish.publish(home, _outputs(("org.json", b"{}\n"), ("jd/zh/a.md", b"a\n")))
    assert published_tree(home) == before and (home / ".ssh").stat().st_mode & 0o777 == 0o700
    assert leftovers(home) == []


def test_an_unmanifested_folder_of_orgcs_own_outputs_is_rebuilt(tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish.publish(out, _outputs(("org.json", b"{}\n"), ("jd/zh/a.md", b"a\n")))
    (out / publish.MANIFEST).unlink()  # e.g. out/ committed without its dot-files
    (out / ".gitkeep").write_text("", encoding="utf-8")
    publish.publish(out, _outputs(("org.json", b"{ }\n"), ("jd/zh/b.md", b"b\n")))
    assert sorted(published_tree(out)) == [
        ".gitkeep",
        publish.MANIFEST,
        "jd/zh/a.md",
        "jd/zh/b.md",
        "org.json",
    ]


def test_without_hard_links_unchanged_files_are_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    publish.publish(out, _outputs(("a.md", b"a\n"), ("b.md", b"b\n")))
    (out / "mine.txt").write_text("mine\n", encoding="utf-8")

    def no_links(*_args: object, **_kwargs: object) -> None:  # FAT, exFAT, some network shares
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    result = publish.publish(out, _outputs(("a.md", b"a\n"), ("b.md", b"b2\n")))
    assert (result.written, result.unchanged) == (1, 1)
    assert published_tree(out) == {
        publish.MANIFEST: published_tree(out)[publish.MANIFEST],
        "a.md": b"a\n",
        "b.md": b"b2\n",
        "mine.txt": b"mine\n",
    }


def test_foreign_folders_and_links_in_out_are_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish.publish(
        out,
        _outputs(
            ("jd/zh/a.md", b"a\n"),
        ),
    )
    (out / "drafts").mkdir()  # an empty folder of the user's
    (out / "latest").symlink_to("jd/zh", target_is_directory=True)  # and a link to one of orgc's
    publish.publish(
        out,
        _outputs(
            ("jd/zh/a.md", b"a2\n"),
        ),
    )
    assert (out / "drafts").is_dir() and os.readlink(out / "latest") == "jd/zh"


@pytest.mark.parametrize("kind", ["link", "file"])
def test_recover_removes_a_staging_entry_that_is_not_a_folder(tmp_path: Path, kind: str) -> None:
    out, victim = tmp_path / "out", tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("keep\n", encoding="utf-8")
    staging = publish.staging_for(out)
    if kind == "link":
        staging.symlink_to(victim, target_is_directory=True)  # e.g. committed into the repository
    else:
        staging.write_text("x\n", encoding="utf-8")
    publish.publish(
        out,
        _outputs(
            ("a.md", b"a\n"),
        ),
    )
    assert (out / "a.md").read_bytes() == b"a\n" and (victim / "keep.txt").is_file()
    assert leftovers(out) == []


def test_the_output_folder_keeps_its_mode_and_owner(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    assert run_cli("build", project, "--jobs", "1").exit_code == 0
    out = project / "out"
    out.chmod(0o700)
    if os.geteuid() == 0:
        os.chown(out, 65534, 65534)  # nobody
    edit(project, "specs/roles/cs-agent.yaml", "headcount: 40", "headcount: 41")
    assert run_cli("build", project, "--jobs", "1").exit_code == 0
    info = out.stat()
    assert stat.S_IMODE(info.st_mode) == 0o700
    if os.geteuid() == 0:
        assert (info.st_uid, info.st_gid) == (65534, 65534)


def test_a_folder_of_hidden_files_is_not_taken_over(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    home = tmp_path / "home"
    write(home, ".bashrc", "alias ls='ls -F'\n")
    write(home, ".ssh/id_rsa", "secret\n")
    (home / ".ssh").chmod(0o700)
    before = {p: p.stat().st_mode for p in home.rglob("*")}
    result = run_cli("build", project, "-o", home, "--messages", "en")
    assert result.exit_code == 2
    assert ".bashrc" in result.stderr
    assert {p: p.stat().st_mode for p in home.rglob("*")} == before
    assert sorted(p.name for p in home.iterdir()) == [".bashrc", ".ssh"]
