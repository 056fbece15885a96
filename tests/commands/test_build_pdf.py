"""orgc build --pdf: a PDF of every JD and handbook through LibreOffice, kept while its
document is unchanged, and nothing written when LibreOffice is missing or fails.

The tests that convert need LibreOffice (`soffice` on PATH) and are skipped without it.
A stand-in `soffice` before the real one on PATH notes how many documents each run was
given, so that a test can tell which PDFs were made again.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import GOOD, ROOT, edit, write
from orgc.commands import build as build_command
from orgc.writers import pdf as pdf_writer

OFFICE = shutil.which("soffice")
needs_office = pytest.mark.skipif(OFFICE is None, reason="LibreOffice (soffice) is not installed")
ROLES = sorted(path.stem for path in (GOOD / "specs" / "roles").glob("*.yaml"))
NO_OFFICE_ZH = "生成 PDF（--pdf，或 orgc.yaml 中的 `pdf: true`）需要 LibreOffice，但本机没有安装"
NO_OFFICE_EN = "PDFs (--pdf, or `pdf: true` in orgc.yaml) are made by LibreOffice, which is not installed"
INSTALL = "sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk"


def orgc(*args: str | Path, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "orgc", *map(str, args)], env=env, capture_output=True, text=True, check=False
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(GOOD, target)
    return target


def stand_in(folder: Path, body: str) -> str:
    """A PATH whose `soffice` is ``body`` (a shell script), then the system's PATH."""
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return f"{folder}{os.pathsep}{os.environ['PATH']}"


def counting_office(tmp_path: Path) -> tuple[str, Path]:
    """A PATH whose soffice is the real one, noting the .docx files of each run in the log."""
    log = tmp_path / "office.log"
    body = f'for a in "$@"; do case "$a" in *.docx) echo "$a" >> {log};; esac; done\nexec {OFFICE} "$@"'
    return stand_in(tmp_path / "bin", body), log


def converted(log: Path) -> int:
    return len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder``, the build index and caches too."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.slow
@needs_office
def test_pdf_makes_a_pdf_of_every_jd_and_handbook_and_a_one_role_edit_converts_that_role_again(
    project: Path, tmp_path: Path
) -> None:
    path, log = counting_office(tmp_path)
    done = orgc("build", project, "--pdf", path=path)
    assert done.returncode == 0, done.stderr
    out = project / "out"
    expected = {f"pdf/{lang}/{role}.pdf" for lang in ("zh", "en") for role in ROLES}
    expected |= {"pdf/zh/handbook.pdf", "pdf/en/handbook.pdf"}
    assert {p.relative_to(out).as_posix() for p in (out / "pdf").rglob("*.pdf")} == expected
    for name in expected:
        data = (out / name).read_bytes()
        assert data.startswith(b"%PDF-"), name
        assert (1 <= pages(data) <= 8) if "handbook" not in name else (10 <= pages(data) <= 80), name
    assert converted(log) == len(expected)  # each document once, in runs of many documents

    before = {name: (out / name).stat().st_ino for name in expected}
    edit(project, "specs/roles/cs-agent.yaml", "zh: 解答客户咨询并处理投诉", "zh: 解答客户咨询，处理客户投诉")
    done = orgc("build", project, "--pdf", path=path)
    assert done.returncode == 0, done.stderr
    # that role's JD in the language edited, and the handbook holding it: nothing else
    assert converted(log) == len(expected) + 2
    again = {name for name in expected if (out / name).stat().st_ino != before[name]}
    assert again == {"pdf/zh/cs-agent.pdf", "pdf/zh/handbook.pdf"}

    unchanged = orgc("build", project, "--pdf", path=path)
    assert unchanged.returncode == 0 and "没有任何改动" in unchanged.stdout
    assert converted(log) == len(expected) + 2
    # --check compares no PDF: LibreOffice writes the time into them
    assert orgc("build", project, "--check").returncode == 0
    assert orgc("build", project, "--check", "--pdf").returncode == 0


@pytest.mark.slow
@needs_office
def test_pdf_true_in_orgc_yaml_works_like_the_option(project: Path, tmp_path: Path) -> None:
    edit(project, "orgc.yaml", "languages: [zh, en]", "languages: [zh, en]\npdf: true")
    path, log = counting_office(tmp_path)
    done = orgc("build", project, "--lang", "en", path=path)
    assert done.returncode == 0, done.stderr
    made = sorted(p.name for p in (project / "out" / "pdf" / "en").iterdir())
    assert made == sorted([*(f"{role}.pdf" for role in ROLES), "handbook.pdf"])
    assert converted(log) == len(made) and not (project / "out" / "pdf" / "zh").exists()


def test_pdf_requested_without_libreoffice_says_how_to_install_it_and_writes_nothing(
    project: Path, tmp_path: Path
) -> None:
    assert orgc("build", project).returncode == 0
    before = tree(project / "out")
    empty = tmp_path / "empty-path"
    empty.mkdir()
    zh = orgc("build", project, "--pdf", path=str(empty))
    assert zh.returncode == 2
    assert NO_OFFICE_ZH in zh.stderr and INSTALL in zh.stderr and "未写入任何文件" in zh.stderr
    assert "Error" not in zh.stderr and "LibreOffice, which" not in zh.stderr
    en = orgc("build", project, "--pdf", "--messages", "en", path=str(empty))
    assert en.returncode == 2
    assert NO_OFFICE_EN in en.stderr and INSTALL in en.stderr and "Nothing was written." in en.stderr
    assert "https://www.libreoffice.org/download/" in en.stderr
    write(project, "orgc.yaml", "languages: [zh, en]\npdf: true\n")
    assert orgc("build", project, path=str(empty)).returncode == 2  # pdf: true asks the same
    assert tree(project / "out") == before


def test_a_libreoffice_that_fails_leaves_the_output_folder_as_it_was(project: Path, tmp_path: Path) -> None:
    assert orgc("build", project).returncode == 0
    before = tree(project / "out")
    done = orgc("build", project, "--pdf", "--messages", "en", path=stand_in(tmp_path / "bin", "exit 81"))
    assert done.returncode == 2
    assert "LibreOffice stopped with exit code 81 while making PDFs; nothing was written." in done.stderr
    assert tree(project / "out") == before
    assert not list(tmp_path.glob(".out.orgc-staging*")) and not (project / ".out.orgc-staging").exists()


def test_a_libreoffice_that_makes_no_pdf_is_reported_by_document(project: Path, tmp_path: Path) -> None:
    done = orgc("build", project, "--pdf", path=stand_in(tmp_path / "bin", "exit 0"))
    assert done.returncode == 2
    assert re.search(
        r"LibreOffice 未能把 (jd/(zh|en)/[a-z-]+\.docx|handbook/\w+\.docx) 转换为 PDF", done.stderr
    )
    assert not (project / "out").exists()


def test_a_libreoffice_that_hangs_is_stopped(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_writer, "START_SECONDS", 1)
    monkeypatch.setattr(pdf_writer, "SECONDS_PER_DOCUMENT", 0)
    monkeypatch.setattr(pdf_writer, "SECONDS_PER_MEGABYTE", 0)
    started = tmp_path / "started.pid"
    # it starts a process of its own that would outlive it, as soffice does with soffice.bin
    monkeypatch.setenv("PATH", stand_in(tmp_path / "bin", f"sleep 60 &\necho $! > {started}\nsleep 60"))
    options = build_command.BuildOptions(project, pdf=True, messages="en", jobs=1)
    with pytest.raises(build_command.BuildProblem, match="still making PDFs after 1 seconds"):
        build_command.build(options)
    assert not (project / "out").exists()
    assert not running(int(started.read_text(encoding="utf-8")))  # what it started was stopped with it


def running(pid: int) -> bool:
    """Whether the process runs: killed but not yet reaped by init (a zombie) is not running."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@needs_office
def test_documents_of_the_same_name_in_two_languages_are_both_converted() -> None:
    docx = (ROOT / "out" / "jd" / "zh" / "cs-agent.docx").read_bytes()
    english = (ROOT / "out" / "jd" / "en" / "cs-agent.docx").read_bytes()
    assert OFFICE is not None
    with pdf_writer.Conversion(OFFICE) as conversion:
        conversion.add("jd/zh/cs-agent.docx", docx)
        conversion.add("jd/en/cs-agent.docx", english)
        zh_pdf, en_pdf = conversion.pdfs()
        folder = conversion.folder
    assert zh_pdf.startswith(b"%PDF") and en_pdf.startswith(b"%PDF") and zh_pdf != en_pdf
    assert not folder.exists()  # the documents and LibreOffice's profile went with it
