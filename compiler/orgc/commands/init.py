"""``orgc init``: a new, valid project from the starter files in templates/init/, in the chosen languages."""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from .. import resources
from ..i18n import Message, os_reason, verbatim
from . import CommandProblem, Outcome
from .language import run_language

# The languages the starter project is written in, in the order its texts give them.
LANGUAGES = ("zh", "en")
# Where init puts copies of the package's JSON Schemas; every YAML file points at them.
SCHEMA_FOLDER = ".orgc/schema"
# Starter files stored under another name, so that they mean nothing where they are stored.
_RENAMED = {"gitignore": ".gitignore"}


class InitProblem(CommandProblem):
    """Bad options or a target that cannot be written (exit code 2); ``str()`` is the English."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


class TargetExists(InitProblem):
    """Files of the starter project already exist in the target; nothing was written."""

    def __init__(self, target: Path, existing: Sequence[str]) -> None:
        self.existing = tuple(existing)
        listed = verbatim("\n".join(f"  {rel}" for rel in self.existing))
        super().__init__(
            Message("init.files-exist", count=len(self.existing), folder=str(target), files=listed)
        )


@dataclass(frozen=True)
class Scaffold:
    """What init wrote: the project folder and its new files, relative, with '/'."""

    root: Path
    files: tuple[str, ...]


def run(
    directory: Path,
    lang: str,
    name: str | None,
    schemas_only: bool,
    lang_given: bool = True,
    messages: str | None = None,
) -> Outcome:
    """A new project in ``directory`` (or, ``schemas_only``, fresh editor schemas) and what to do next.

    Said in ``messages``, else in the language of the project already in ``directory``, else in
    the first language of ``--lang`` when it was written (``lang_given``), else in English.
    """
    options = {"--messages": messages or "", "--lang": lang if lang_given else ""}
    said = run_language("init", options, [str(directory)])
    try:
        if schemas_only:
            done = update_schemas(directory)
            folder = str(directory / ".orgc" / "schema")
            updated = Message("cli.schemas-updated", count=len(done.files), folder=folder)
            return Outcome(0, updated.render(said) + "\n")
        done = init_project(directory, parse_languages(lang), name)
    except InitProblem as exc:
        raise CommandProblem(exc.message.render(said), said) from None
    return Outcome(0, next_steps(done, str(directory), said))


def parse_languages(text: str) -> tuple[str, ...]:
    """``zh``, ``en``, ``zh,en`` or ``en,zh``: the content languages, the first the default."""
    languages = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [lang for lang in languages if lang not in LANGUAGES]
    if not languages or unknown or len(set(languages)) != len(languages):
        raise InitProblem(Message("init.bad-languages", text=text))
    return languages


def init_project(
    target: Path,
    languages: Sequence[str] = LANGUAGES,
    name: str | None = None,
    today: date | None = None,
) -> Scaffold:
    """Write the starter project into ``target`` (created if missing).

    Texts are kept in ``languages`` only, in that order; ``name`` replaces the
    organisation's name in every language; policies take effect ``today`` and are
    due for review a year later. Raises TargetExists, writing nothing, when any
    file of the starter project is already there.
    """
    languages = parse_languages(",".join(languages))
    if name is not None and not name.strip():
        raise InitProblem(Message("init.empty-name"))
    files = starter_files(languages, name.strip() if name else None, today or date.today())
    if target.exists() and not target.is_dir():
        raise InitProblem(Message("cli.not-a-folder", path=str(target)))
    existing = sorted({clash for rel in files for clash in _clashes(target, rel)})
    if existing:
        raise TargetExists(target, existing)
    _write_all(target, files, overwrite=False)
    return Scaffold(target, tuple(sorted(files)))


def update_schemas(target: Path) -> Scaffold:
    """Overwrite only the editor schemas in ``target``/.orgc/schema with this orgc's own."""
    if not (target / "orgc.yaml").is_file() and not (target / "specs").is_dir():
        raise InitProblem(Message("init.not-a-project", folder=str(target)))
    files = schema_files()
    for rel in files:
        for clash in _clashes(target, rel):
            if clash != rel or (target / rel).is_symlink() or not (target / rel).is_file():
                raise InitProblem(Message("init.in-the-way", path=str(target / clash), folder=SCHEMA_FOLDER))
    _write_all(target, files, overwrite=True)
    return Scaffold(target, tuple(sorted(files)))


def starter_dir() -> Path:
    """The starter project as stored in the package (templates/init)."""
    return resources.data_dir("templates") / "init"


def starter_files(languages: Sequence[str], name: str | None, today: date) -> dict[str, bytes]:
    """Every file of the new project, by relative path: the starter files and the schemas."""
    root = starter_dir()
    files: dict[str, bytes] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        stored = path.relative_to(root).as_posix()
        rel = _RENAMED.get(stored, stored)
        if _is_spec(rel):
            text = path.read_text(encoding="utf-8")
            files[rel] = localise(text, rel, languages, name, today).encode("utf-8")
        else:
            files[rel] = path.read_bytes()
    files.update(schema_files())
    return files


def schema_files() -> dict[str, bytes]:
    """The package's JSON Schemas, byte for byte, under .orgc/schema/."""
    folder = resources.data_dir("schema")
    return {f"{SCHEMA_FOLDER}/{n}": (folder / n).read_bytes() for n in resources.schema_names()}


def next_steps(scaffold: Scaffold, shown_as: str, lang: str = "en") -> str:
    """What to do after init, for the terminal, in ``lang``; ``shown_as`` is the folder as typed."""

    def say(message: Message) -> str:
        return message.render(lang)

    lines = [say(Message("init.created", folder=shown_as, count=len(scaffold.files)))]
    lines += [f"  {rel}" for rel in scaffold.files if not rel.startswith(f"{SCHEMA_FOLDER}/")]
    lines += [f"  {SCHEMA_FOLDER}/*.json  {say(Message('init.schemas'))}", "", say(Message("init.next"))]
    if Path(shown_as) != Path("."):
        lines.append(f"  cd {shlex.quote(shown_as)}")
    lines += [
        f"  orgc check                 {say(Message('init.step-check'))}",
        f"  orgc build                 {say(Message('init.step-build'))}",
        f"  orgc show cs-team-lead     {say(Message('init.step-show'))}",
        "",
        say(Message("init.advice", folder=SCHEMA_FOLDER)),
        say(Message("init.lsp")),
    ]
    return "\n".join(lines) + "\n"


def _is_spec(rel: str) -> bool:
    return rel == "orgc.yaml" or (rel.startswith("specs/") and rel.endswith((".yaml", ".yml")))


def _clashes(target: Path, rel: str) -> Iterator[str]:
    """``rel`` if it exists in ``target``, and any of its folders that is a file or a link."""
    parts = rel.split("/")
    for depth in range(1, len(parts)):
        folder = target.joinpath(*parts[:depth])
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            yield "/".join(parts[:depth])
            return
    path = target / rel
    if path.exists() or path.is_symlink():
        yield rel


def _write_all(target: Path, files: dict[str, bytes], overwrite: bool) -> None:
    """Write every file, or (when one cannot be written) remove the files written so far."""
    written: list[Path] = []
    try:
        for rel, content in sorted(files.items()):
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb" if overwrite else "xb") as handle:
                written.append(path)
                handle.write(content)
    except OSError as exc:
        if not overwrite:
            for path in written:
                path.unlink(missing_ok=True)
        where = str(exc.filename or target)
        raise InitProblem(Message("init.cannot-write", path=where, reason=os_reason(exc))) from None


# --- keeping the starter's texts in the chosen languages ---------------------------------


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


def localise(text: str, rel: str, languages: Sequence[str], name: str | None, today: date) -> str:
    """One starter spec file with its texts in ``languages`` and its settings filled in.

    Every text of the starter is a mapping with one entry per language of LANGUAGES
    (``{zh: 班组长, en: Team lead}``, flow or block style, one-line values). Each
    becomes a plain value in a single language, or a mapping in the chosen order;
    the source text of the values is kept as written, so quoting and comments survive.
    """
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        return text
    edits: dict[int, _Edit] = {}
    for key, node in _texts(root, None):
        sources = {lang: text[v.start_mark.index : v.end_mark.index] for lang, v in _entries(node)}
        edits[node.start_mark.index] = _text_edit(text, key, node, sources, languages)
    top = _top_level(root)
    if rel == "orgc.yaml" and "languages" in top:
        node = top["languages"][1]
        edits[node.start_mark.index] = _Edit(
            node.start_mark.index, node.end_mark.index, f"[{', '.join(languages)}]"
        )
    if rel == "specs/org.yaml" and name is not None and "name" in top:
        key, node = top["name"]
        quoted = {lang: json.dumps(name, ensure_ascii=False) for lang in LANGUAGES}
        edits[node.start_mark.index] = _text_edit(text, key, node, quoted, languages)
    if rel.startswith("specs/policies/"):
        dates = {"effective": today, "review_by": _a_year_after(today)}
        for field, when in dates.items():
            if field in top:
                node = top[field][1]
                edits[node.start_mark.index] = _Edit(node.start_mark.index, node.end_mark.index, f'"{when}"')
    for edit in sorted(edits.values(), key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def _texts(node: yaml.Node, key: yaml.Node | None) -> Iterator[tuple[yaml.Node | None, yaml.MappingNode]]:
    """Every text mapping in the document, with the key it is the value of (None in a list)."""
    if isinstance(node, yaml.MappingNode):
        if _is_text(node):
            yield key, node
            return
        for child_key, child in node.value:
            yield from _texts(child, child_key)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _texts(child, None)


def _is_text(node: yaml.MappingNode) -> bool:
    keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
    if not keys or len(keys) != len(node.value) or not set(keys) <= set(LANGUAGES):
        return False
    if sorted(keys) != sorted(LANGUAGES) or not all(isinstance(v, yaml.ScalarNode) for _, v in node.value):
        raise ValueError(
            f"a starter text must give one line in each of {', '.join(LANGUAGES)}: line {node.start_mark.line + 1}"
        )
    if any(v.style in ("|", ">") for _, v in node.value):
        raise ValueError(f"a starter text must not be a block scalar: line {node.start_mark.line + 1}")
    return True


def _entries(node: yaml.MappingNode) -> Iterator[tuple[str, yaml.ScalarNode]]:
    for k, v in node.value:
        yield k.value, v


def _text_edit(
    text: str,
    key: yaml.Node | None,
    node: yaml.MappingNode,
    sources: dict[str, str],
    languages: Sequence[str],
) -> _Edit:
    """Replace one text mapping by its values in ``languages``, keeping its flow or block style."""
    last_end = max(v.end_mark.index for _, v in node.value)
    if node.flow_style:
        if len(languages) == 1:
            new = sources[languages[0]]
        else:
            new = "{" + ", ".join(f"{lang}: {sources[lang]}" for lang in languages) + "}"
        return _Edit(node.start_mark.index, node.end_mark.index, new)
    indent = " " * node.start_mark.column
    block = f"\n{indent}".join(f"{lang}: {sources[lang]}" for lang in languages)
    if len(languages) > 1:
        return _Edit(node.start_mark.index, last_end, block)
    if key is None:  # a list item: `- zh: ...` becomes `- ...`
        return _Edit(node.start_mark.index, last_end, sources[languages[0]])
    return _Edit(key.end_mark.index, last_end, f": {sources[languages[0]]}")


def _top_level(root: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(root, yaml.MappingNode):
        return {}
    return {k.value: (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}


def _a_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)
