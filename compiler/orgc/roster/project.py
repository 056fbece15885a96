"""What an import needs to know of the project it imports into: languages, units, roles, taken ids."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import CONFIG_FILE
from ..diagnostics import Diagnostic
from ..i18n import Message
from . import ImportProblem


class ProjectProblem(ImportProblem):
    """The target folder cannot be imported into (exit code 2)."""


@dataclass(frozen=True)
class KnownUnit:
    id: str
    names: tuple[str, ...]  # in every language written
    parent: str | None


@dataclass(frozen=True)
class KnownRole:
    id: str
    titles: tuple[str, ...]
    unit: str | None
    reports_to: str | None
    file: str  # relative to the project, with '/'


@dataclass(frozen=True)
class Project:
    root: Path
    exists: bool  # already an orgc project (orgc.yaml or specs/)
    org_file: str | None  # specs/org.yaml (or .yml) when it exists
    languages: tuple[str, ...]  # from orgc.yaml; () for a new project
    units: tuple[KnownUnit, ...] = ()
    roles: tuple[KnownRole, ...] = ()
    other_ids: frozenset[str] = frozenset()  # ids of shared blocks, processes and policies
    role_files: frozenset[str] = frozenset()  # stems of the files under specs/roles/
    baseline: tuple[Diagnostic, ...] = ()  # what `orgc check` reports before the import


def snapshot(root: Path) -> Project:
    """Read the project at ``root`` (checked as `orgc check` does), or describe a new one."""
    # 165 ms (the pipeline: jsonschema, the rules), which a new project or an unreadable roster does not need
    from ..pipeline import ProjectError, check

    if root.exists() and not root.is_dir():
        raise ProjectProblem(Message("import.path-is-a-file", path=str(root)))
    if not (root / "specs").is_dir() and not (root / CONFIG_FILE).is_file():
        return Project(root, exists=False, org_file=None, languages=())
    try:
        result = check(root)
    except ProjectError as exc:
        raise ProjectProblem(exc.message) from None
    org = result.org
    units = tuple(
        KnownUnit(u.id, tuple(text for _, text in u.name.values), u.parent) for u in org.units.values()
    )
    roles = tuple(
        KnownRole(r.id, tuple(text for _, text in r.title.values), r.unit, r.reports_to, r.src.file)
        for r in org.roles.values()
    )
    roles_dir = root / "specs" / "roles"
    stems = (
        {p.stem for p in roles_dir.rglob("*") if p.suffix in (".yaml", ".yml")}
        if roles_dir.is_dir()
        else set()
    )
    return Project(
        root=root,
        exists=True,
        org_file=next(
            (f"specs/{n}" for n in ("org.yaml", "org.yml") if (root / "specs" / n).is_file()), None
        ),
        languages=result.config.languages,
        units=units,
        roles=roles,
        other_ids=frozenset({*org.blocks, *org.processes, *org.policies}),
        role_files=frozenset(stems),
        baseline=result.diagnostics,
    )
