"""The build index (``out/.orgc/build-index.json``): what the last build read and wrote.

A rebuild uses it in two ways, and trusts it in neither:

- **nothing changed**: when every input (specs, orgc.yaml, templates, orgc's own
  code, the languages, the dates) hashes to what the last build read, and every
  file it wrote is still there with the size, modification time and inode it
  had, the build is skipped;
- **reuse**: a job description whose content fingerprint (a hash of everything
  it shows) is unchanged is not rendered again, provided its file in out/ is
  still exactly as the last build left it; it is linked into the new output.

The index is JSON, never pickle (out/ may come from a pull request), carries
its own checksum, and is ignored as a whole when anything about it is off:
wrong format, wrong checksum, unsafe paths. Its folder holds a ``.gitignore``,
so teams that commit out/ never see it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NamedTuple

from ..load.clutter import clutter
from ..load.text import content_digest
from ..publish import safe_path
from ..resources import data_dir

FOLDER = ".orgc"
INDEX = "build-index.json"
FORMAT = 3  # 3: SHA-256 checksums


class Stamp(NamedTuple):
    """What identifies a file's current content without reading it.

    A tuple: a build compares tens of thousands of them, and a tuple is made and compared
    several times faster than a dataclass.
    """

    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, path: Path | str) -> Stamp | None:
        try:
            info = os.lstat(path)
        except OSError:
            return None
        return cls(info.st_size, info.st_mtime_ns, info.st_ino)


@dataclass(frozen=True)
class BuildIndex:
    inputs: str  # fingerprint of everything the build read
    setting: str  # fingerprint of what every document depends on besides its content
    warnings: int
    outputs: Mapping[str, tuple[str | None, Stamp]]  # path -> (content fingerprint, stamp)
    sources: Mapping[str, tuple[Stamp, str]] = field(default_factory=dict)  # input -> (stamp, digest)
    saved_ns: int = 0  # when the index was written
    caches: Mapping[str, Stamp] = field(default_factory=dict)  # file in FOLDER -> its stamp when written
    stamp: Stamp | None = field(default=None, compare=False)  # the index file's own, when it was read


# A file whose stamp is unchanged is taken as unchanged only if it was last modified this long
# before the index was written: an edit within the same clock tick could keep its stamp.
TRUST_AFTER_NS = 2_000_000_000


def source_digests(
    files: Iterable[tuple[str, str]],
    index: BuildIndex | None = None,
    read: Mapping[str, tuple[Stamp, str]] | None = None,
) -> dict[str, tuple[Stamp, str]]:
    """(name, path) of input files -> (stamp, digest of the content).

    A file in ``read`` (the check's: its stamp and digest as the check read it) is taken as
    that, even if it changed since: the outputs show what was read. A file whose stamp is what
    ``index`` recorded, from well before it was saved, is not read again; any other file is read
    and hashed (see ``_content``).
    """
    known = index.sources if index else {}
    trusted_before = index.saved_ns - TRUST_AFTER_NS if index else 0
    read = read or {}
    found = {}
    for name, path in files:
        checked = read.get(name)
        if checked is not None:
            found[name] = checked
            continue
        stamp = Stamp.of(path)
        if stamp is None:
            continue
        previous = known.get(name)
        if previous and previous[0] == stamp and stamp.mtime_ns < trusted_before:
            found[name] = previous
            continue
        found[name] = (stamp, content_digest(_content(path)))
    return found


def input_files(project: Path, config_name: str, templates: str | None) -> list[tuple[str, str]]:
    """(name relative to the project, path) of orgc.yaml and every file below specs/ and templates/.

    ``templates`` is None when the project's templates are not a folder of its own.
    """
    top = str(project)
    files = [(config_name, os.path.join(top, config_name))] if os.path.lexists(project / config_name) else []
    for folder in ("specs", *([templates] if templates else [])):
        if (project / folder).is_dir():
            files += (
                (path[len(top) + 1 :].replace(os.sep, "/"), path) for path in _files_below(f"{top}/{folder}")
            )
    return files


def fingerprint(*parts: str | bytes) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def shown_text(value: object) -> str | bytes:
    """A value a file or piece shows, as fingerprinted: text and bytes as they are, anything else its repr."""
    return value if isinstance(value, str | bytes) else repr(value)


def files_fingerprint(root: Path, files: Iterable[Path | str]) -> str:
    """One hash over the names and contents of ``files`` (below ``root``).

    A link is hashed as the path it points to (see ``_content``).
    """
    digest = hashlib.blake2b(digest_size=20)
    prefix = len(str(root)) + 1
    for path in files:
        name = str(path)[prefix:].replace(os.sep, "/").encode("utf-8")
        data = _content(path)
        digest.update(len(name).to_bytes(8, "little") + name + len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _content(path: Path | str) -> bytes:
    """A file's bytes; a link's are the path it points to (never followed: it may be a device)."""
    if os.path.islink(path):
        return b"link:" + os.fsencode(os.readlink(path))
    with open(path, "rb") as handle:
        return handle.read()


def tree_fingerprint(folder: Path) -> str:
    """Every file and link below ``folder`` (none if it does not exist), in a fixed order."""
    if not folder.is_dir():
        return "-"
    return files_fingerprint(folder, _files_below(str(folder)))


def _files_below(top: str) -> list[str]:
    """Regular files and links below ``top``, sorted; sockets, devices and pipes are left out,
    and so are the files programs leave behind (``Thumbs.db``, ``~$x.docx``, ``x.yaml~`` …),
    which no build reads: opening a spec in an editor does not make the next build a new one.

    A linked folder is listed as a link, not entered (the build decides about links).
    """
    found = []
    try:
        entries = sorted(os.scandir(top), key=lambda e: e.name)
    except OSError:
        return found
    for entry in entries:
        if clutter(entry.name) is not None and not entry.is_dir(follow_symlinks=False):
            continue
        if entry.is_symlink() or entry.is_file(follow_symlinks=False):
            found.append(entry.path)
        elif entry.is_dir(follow_symlinks=False):
            found += _files_below(entry.path)
    return found


@cache
def code_fingerprint() -> str:
    """orgc's own code, schemas and built-in templates: a new orgc renders everything anew."""
    package = Path(__file__).resolve().parents[1]  # orgc/, not this module's folder
    code = files_fingerprint(package, [p for p in _files_below(str(package)) if p.endswith(".py")])
    return fingerprint(code, tree_fingerprint(data_dir("schema")), tree_fingerprint(data_dir("templates")))


def load(out_dir: Path, known: BuildIndex | None = None) -> BuildIndex | None:
    """The index of the last build into ``out_dir``, or None when there is none to trust.

    ``known`` is an index read earlier: when the file is still the one it was read from, it is
    taken as it is.
    """
    path = out_dir / FOLDER / INDEX
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            stamp = Stamp(info.st_size, info.st_mtime_ns, info.st_ino)
            if known is not None and known.stamp == stamp:
                return known
            text = _checked_body(handle.read(), FORMAT)
    except OSError:
        return None
    if text is None:
        return None
    try:
        body = json.loads(text.tobytes())
        outputs = {
            path: (content, Stamp(int(size), int(mtime_ns), int(inode)))
            for path, (content, size, mtime_ns, inode) in body["outputs"].items()
            if (content is None or type(content) is str) and safe_path(path)
        }
        if len(outputs) != len(body["outputs"]):
            return None
        sources = {
            name: (Stamp(int(entry[0]), int(entry[1]), int(entry[2])), str(entry[3]))
            for name, entry in body["sources"].items()
        }
        caches = {str(name): Stamp(int(e[0]), int(e[1]), int(e[2])) for name, e in body["caches"].items()}
        return BuildIndex(
            str(body["inputs"]),
            str(body["setting"]),
            int(body["warnings"]),
            outputs,
            sources,
            int(body["saved_ns"]),
            caches,
            stamp,
        )
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def save(out_dir: Path, index: BuildIndex) -> None:
    """Write the index beside the outputs, atomically; a failure only costs the next build time."""
    body = {
        "inputs": index.inputs,
        "setting": index.setting,
        "warnings": index.warnings,
        "outputs": {
            path: [content, stamp.size, stamp.mtime_ns, stamp.inode]
            for path, (content, stamp) in sorted(index.outputs.items())
        },
        "sources": {
            name: [stamp.size, stamp.mtime_ns, stamp.inode, digest]
            for name, (stamp, digest) in sorted(index.sources.items())
        },
        "saved_ns": index.saved_ns,
        "caches": {
            name: [stamp.size, stamp.mtime_ns, stamp.inode] for name, stamp in sorted(index.caches.items())
        },
    }
    import orjson  # 10 times json's speed; reading the index (a no-op build) does without it

    write_checked(out_dir / FOLDER / INDEX, FORMAT, orjson.dumps(body))


def write_checked(path: Path, format_number: int, body: bytes) -> bool:
    """Write a header line (format and checksum of the body), then the body, atomically, into
    the index's folder (made with its ``.gitignore``). False when it could not be written: that
    only costs the next build time."""
    folder = path.parent
    temporary = folder / f".{path.name}.{os.getpid()}"
    # a header line, then the body, so that checking the checksum needs no second encoding
    header = json.dumps({"format": format_number, "checksum": checksum(body)}).encode("utf-8")
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.is_file():
            ignore.write_text("# orgc's build index: local to this machine\n*\n", encoding="utf-8")
        for stale in folder.glob(f".{path.name}.*"):  # left by a build killed while saving
            stale.unlink(missing_ok=True)
        temporary.write_bytes(header + b"\n" + body)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        return False
    return True


def read_cache(out_dir: Path, index: BuildIndex | None, name: str, format_number: int) -> memoryview | None:
    """The body of the cache file ``name`` beside the index, only when its stamp is the one ``index``
    recorded after writing it: a copy that arrived any other way (a pull request) is never read."""
    path = out_dir / FOLDER / name
    if index is None or index.caches.get(name) is None or Stamp.of(path) != index.caches[name]:
        return None
    return read_checked(path, format_number)


def write_cache(out_dir: Path, name: str, format_number: int, body: bytes) -> Stamp | None:
    """Write the cache file ``name`` beside the index; its stamp, for the index to record."""
    path = out_dir / FOLDER / name
    return Stamp.of(path) if write_checked(path, format_number, body) else None


def read_checked(path: Path, format_number: int) -> memoryview | None:
    """The body written by ``write_checked``, or None when the file is missing, foreign or damaged."""
    try:
        return _checked_body(path.read_bytes(), format_number)
    except OSError:
        return None


def _checked_body(data: bytes, format_number: int) -> memoryview | None:
    """The body after the header line, as a view of ``data``: a cache is tens of megabytes,
    which a copy would take as long to make as checking them."""
    end = data.find(b"\n")
    if end < 0:
        return None
    try:
        head = json.loads(data[:end])
    except ValueError:
        return None
    if not isinstance(head, dict) or head.get("format") != format_number:
        return None
    body = memoryview(data)[end + 1 :]
    return body if head.get("checksum") == checksum(body) else None


def body_lines(body: memoryview) -> Iterator[memoryview]:
    """The lines of a body ``read_checked`` gave, as views: none of them is copied."""
    data = body.obj  # the file's bytes, of which the body is the end
    assert isinstance(data, bytes)
    offset = len(data) - len(body)  # where the body starts in them
    position = offset
    while (stop := data.find(b"\n", position)) >= 0:
        yield body[position - offset : stop - offset]
        position = stop + 1
    yield body[position - offset :]


def checksum(body: bytes | memoryview) -> str:
    """What tells a cache file's body is the one written: SHA-256, which processors hash two to
    three times as fast as BLAKE2 (the caches are tens of megabytes, read and written by every
    rebuild). It tells a damaged file; that a file is the one the last build wrote, its stamp
    does (``read_cache``)."""
    return hashlib.sha256(body).hexdigest()


def stamps(
    out_dir: Path, outputs: Mapping[str, str | None], known: Mapping[str, Stamp] | None = None
) -> dict[str, tuple[str | None, Stamp]]:
    """The stamps of the files just published, with their content fingerprints.

    ``known`` holds the stamps of files that are hard links to the last build's: a link
    has its file's size, modification time and inode, so those are not looked up again.
    """
    known = known or {}
    found = {}
    top = str(out_dir)
    for path, content in outputs.items():
        stamp = known.get(path) or Stamp.of(f"{top}/{path}")
        if stamp is not None:
            found[path] = (content, stamp)
    return found


def unchanged_outputs(index: BuildIndex, out_dir: Path) -> dict[str, str]:
    """path -> content fingerprint, for every file of the last build still exactly as it was written."""
    top = str(out_dir)
    lstat = os.lstat
    found = {}
    for path, (content, stamp) in index.outputs.items():
        if content is None:
            continue
        try:
            info = lstat(f"{top}/{path}")
        except OSError:
            continue
        if (info.st_size, info.st_mtime_ns, info.st_ino) == stamp:  # a Stamp is that tuple
            found[path] = content
    return found


def all_intact(index: BuildIndex, out_dir: Path, manifest: Iterable[str]) -> bool:
    """Every file of the last build is there as written, and the manifest lists exactly those."""
    top = str(out_dir)
    return set(manifest) == set(index.outputs) and all(
        Stamp.of(f"{top}/{path}") == stamp for path, (_fingerprint, stamp) in index.outputs.items()
    )
