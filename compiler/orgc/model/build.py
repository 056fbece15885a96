"""Validated documents to the frozen ``Org``, reporting duplicate ids (E103).

The builder is lenient: a field the schema already rejected is treated as absent,
so one mistake is reported once (as E102) and does not cascade into others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from ..diagnostics import Diagnostic, Location, Severity, Subject, Waiver
from ..i18n import Message
from ..ids import ID
from ..load.yaml_doc import Document
from .entities import (
    Authority,
    Duty,
    DutyBlock,
    Kpi,
    KpiTarget,
    Org,
    Policy,
    Process,
    Qualifications,
    Role,
    Section,
    Src,
    Step,
    Target,
    Text,
    Unit,
)
from .relative import TOKENS
from .targets import parse_target, parse_weight


@dataclass(frozen=True)
class SpecDocument:
    kind: str
    stem: str
    doc: Document


class Built:
    """The entities of one check's documents, for the next check to take over (``orgc lsp``).

    An entity is taken over when its document's data is the very object it was built from,
    as documents known from the last check are, and the languages are the same.
    """

    def __init__(self) -> None:
        self.languages: tuple[str, ...] = ()
        # (kind, file stem) -> (data, entity, problems found building it)
        self.entities: dict[tuple[str, str], tuple[Any, Any, tuple[Diagnostic, ...]]] = {}


def build_org(
    documents: Iterable[SpecDocument],
    languages: tuple[str, ...],
    unreadable: Iterable[str] = (),
    built: Built | None = None,
) -> tuple[Org, tuple[Diagnostic, ...]]:
    return _Builder(languages, built).build(list(documents), frozenset(unreadable))


class _Builder:
    def __init__(self, languages: tuple[str, ...], built: Built | None = None) -> None:
        self.lang = languages[0]
        self.languages = languages
        self.problems: list[Diagnostic] = []
        self.built = built
        if built is not None and built.languages != languages:
            built.languages, built.entities = languages, {}
        # roles, units, blocks, processes and policies share one namespace: references
        # such as `consulted: [x]` may name a role or a unit.
        self.names: dict[str, tuple[str, Src]] = {}
        self.valid: dict[str, bool] = {}  # text -> whether it is an id
        self.targets: dict[str, Target | None] = {}  # a KPI target as written -> as parsed
        self.weights: dict[str, float | None] = {}

    def build(
        self, documents: list[SpecDocument], unreadable: frozenset[str]
    ) -> tuple[Org, tuple[Diagnostic, ...]]:
        org_docs = [d for d in documents if d.kind == "org"]
        org_doc = org_docs[0].doc if org_docs else None
        data = _mapping(org_doc.data) if org_doc else {}
        org_src = Src(org_doc) if org_doc else None

        units: dict[str, Unit] = {}
        for index, raw in enumerate(_list(data.get("units"))):
            unit = self.unit(raw, Src(org_doc, ("units", index))) if org_doc else None
            if unit and self.claim(unit.id, "unit", unit.src):
                units[unit.id] = unit

        tables: dict[str, dict[str, Any]] = {"role": {}, "duties": {}, "process": {}, "policy": {}}
        kpis: dict[str, Kpi] = {}
        # Roles claim their ids first: when a block, process or policy takes a role's id, the
        # E103 belongs on the newcomer, and the role (which everything refers to) stays.
        for spec in sorted(documents, key=lambda d: _CLAIM_ORDER.get(d.kind, len(_CLAIM_ORDER))):
            if spec.kind == "kpis":
                for index, raw in enumerate(_list(_mapping(spec.doc.data).get("kpis"))):
                    self.add_kpi(kpis, raw, Src(spec.doc, ("kpis", index)))
            elif spec.kind in tables:
                entity = self.entity_again(spec)
                if entity and self.claim(entity.id, spec.kind, entity.src):
                    tables[spec.kind][entity.id] = entity

        org = Org(
            id=_id(data.get("id")) or "org",
            name=self.text(data.get("name"), org_src, "name") or Text(((self.lang, "Organisation"),)),
            version=_str(data.get("version")),
            description=self.text(data.get("description"), org_src, "description"),
            languages=self.languages,
            units=MappingProxyType(units),
            roles=MappingProxyType(tables["role"]),
            blocks=MappingProxyType(tables["duties"]),
            kpis=MappingProxyType(kpis),
            processes=MappingProxyType(tables["process"]),
            policies=MappingProxyType(tables["policy"]),
            unreadable=unreadable,
            src=org_src,
            families=MappingProxyType(self.families(data.get("families"), org_src)),
        )
        return org, tuple(self.problems)

    # -- identity -------------------------------------------------------------------------

    def claim(self, entity_id: str, kind: str, src: Src) -> bool:
        """Register an id; report E103 and refuse it when it is already taken."""
        if entity_id in self.names:
            other_kind, first_src = self.names[entity_id]
            where, first = src.at("id"), first_src.at("id")  # located only when reported
            if other_kind == kind:
                self.duplicate(where, Message("E103.id", id=entity_id, first=first))
            else:
                kind_word = _KIND_WORDS[other_kind]
                self.duplicate(where, Message("E103.id-of-kind", id=entity_id, kind=kind_word, first=first))
            return False
        self.names[entity_id] = (kind, src)
        return True

    def duplicate(self, where: Location, message: Message) -> None:
        self.problems.append(Diagnostic("E103", Severity.ERROR, message, where, Message("E103.hint")))

    # -- entities -------------------------------------------------------------------------

    def entity_again(self, spec: SpecDocument) -> Role | DutyBlock | Process | Policy | None:
        """``entity``, taken over from the last check when its document is the same."""
        if self.built is None:
            return self.entity(spec)
        key = (spec.kind, spec.stem)
        last = self.built.entities.get(key)
        if last is not None and last[0] is spec.doc.data:
            self.problems += last[2]
            return last[1]
        before = len(self.problems)
        entity = self.entity(spec)
        self.built.entities[key] = (spec.doc.data, entity, tuple(self.problems[before:]))
        return entity

    def entity(self, spec: SpecDocument) -> Role | DutyBlock | Process | Policy | None:
        data = _mapping(spec.doc.data)
        entity_id = _id(data.get("id"))
        if entity_id is None:
            return None
        src = Src(spec.doc)
        if spec.kind == "role":
            if entity_id != spec.stem:
                self.problems.append(
                    Diagnostic(
                        "E103",
                        Severity.ERROR,
                        Message("E103.file-name", id=entity_id, stem=spec.stem),
                        src.at("id"),
                        Message("E103.file-name.hint", id=entity_id, stem=spec.stem),
                    )
                )
            return self.role(entity_id, data, src)
        if spec.kind == "duties":
            return DutyBlock(
                id=entity_id,
                title=self.text(data.get("title"), src, "title") or _fallback(entity_id, self.lang),
                duties=self.duties(data.get("duties"), entity_id, src),
                waivers=self.waivers(data, src, "block", entity_id),
                src=src,
            )
        if spec.kind == "process":
            return self.process(entity_id, data, src)
        return self.policy(entity_id, data, src)

    def unit(self, raw: Any, src: Src) -> Unit | None:
        data = _mapping(raw)
        unit_id = _id(data.get("id"))
        if unit_id is None:
            return None
        return Unit(
            id=unit_id,
            name=self.text(data.get("name"), src, "name") or _fallback(unit_id, self.lang),
            parent=_id(data.get("parent")),
            head=_id(data.get("head")),
            # a party outside the company is not modelled either: everything that leaves out
            # departments without roles leaves it out too
            external=data.get("external") is True or data.get("party") is True,
            description=self.text(data.get("description"), src, "description"),
            src=src,
            party=data.get("party") is True,
        )

    def families(self, raw: Any, src: Src | None) -> dict[str, Text]:
        found: dict[str, Text] = {}
        for index, item in enumerate(_list(raw)):
            data = _mapping(item)
            family_id = _id(data.get("id"))
            if family_id and src is not None:
                name = self.text(data.get("name"), Src(src.doc, ("families", index)), "name")
                found.setdefault(family_id, name or _fallback(family_id, self.lang))
        return found

    def role(self, role_id: str, data: Mapping[str, Any], src: Src) -> Role:
        get, text, texts, ids = data.get, self.text, self.texts, self.ids
        headcount = get("headcount", 1)
        qual = _mapping(get("qualifications"))
        experience = _mapping(qual.get("experience"))
        years = experience.get("years")
        kpis = []
        for i, raw in enumerate(_list(get("kpis"))):
            if self.id(_mapping(raw).get("kpi")):
                kpis.append(self.kpi_target(raw, Src(src.doc, ("kpis", i))))
        authority = []
        for i, raw in enumerate(_list(get("authority"))):
            a = _mapping(raw)
            authority.append(
                Authority(
                    type=_str(a.get("type")) or "handle",
                    scope=text(a.get("scope"), src, "authority", i, "scope") or Text(((self.lang, ""),)),
                    limit=text(a.get("limit"), src, "authority", i, "limit"),
                )
            )
        return Role(
            id=role_id,
            title=text(get("title"), src, "title") or _fallback(role_id, self.lang),
            unit=self.id(get("unit")),
            reports_to=self.id(get("reports_to")),
            dotted_to=ids(get("dotted_to")),
            headcount=headcount if isinstance(headcount, int) and headcount >= 0 else 1,
            grade=_str(get("grade")),
            family=_str(get("family")),
            purpose=text(get("purpose"), src, "purpose"),
            includes=ids(get("include")),
            duties=self.duties(get("duties"), role_id, src),
            kpis=tuple(kpis),
            qualifications=Qualifications(
                education=_str(qual.get("education")),
                majors=texts(qual.get("majors"), src, "qualifications", "majors"),
                experience_years=years if isinstance(years, int | float) else None,
                experience_in=text(experience.get("in"), src, "qualifications", "experience", "in"),
                certifications=texts(qual.get("certifications"), src, "qualifications", "certifications"),
                skills=texts(qual.get("skills"), src, "qualifications", "skills"),
                competencies=texts(qual.get("competencies"), src, "qualifications", "competencies"),
            ),
            authority=tuple(authority),
            escalates_to=self.id(get("escalates_to")),
            career_next=ids(_mapping(get("career")).get("next")),
            environment=text(get("environment"), src, "environment"),
            waivers=self.waivers(data, src, "role", role_id),
            src=src,
            code=_str(get("code")),
            category=text(get("category"), src, "category"),
            location=text(get("location"), src, "location"),
            hours=text(get("hours"), src, "hours"),
            accountabilities=texts(get("accountabilities"), src, "accountabilities"),
            challenges=texts(get("challenges"), src, "challenges"),
            training=texts(get("training"), src, "training"),
            physical=text(get("physical"), src, "physical"),
            reports_to_external=text(get("reports_to_external"), src, "reports_to_external"),
        )

    def duties(self, raw: Any, owner: str, parent: Src) -> tuple[Duty, ...]:
        if not raw or not isinstance(raw, list):
            return ()
        result: list[Duty] = []
        seen: dict[str, Src] = {}
        text, texts, ids, lang = self.text, self.texts, self.ids, self.lang
        doc, path = parent.doc, (*parent.path, "duties")
        for index, item in enumerate(raw):
            data = _mapping(item)
            get = data.get
            duty_id = self.id(get("id"))
            if duty_id is None:
                continue
            src = Src(doc, (*path, index))
            if duty_id in seen:
                self.duplicate(
                    src.at("id"), Message("E103.duty", id=duty_id, owner=owner, first=seen[duty_id].at("id"))
                )
                continue
            seen[duty_id] = src
            accountable = get("accountable")
            result.append(
                Duty(
                    id=duty_id,
                    owner=owner,
                    title=text(get("title"), src, "title") or _fallback(duty_id, lang),
                    tasks=texts(get("tasks"), src, "tasks"),
                    frequency=_str(get("frequency")),
                    deliverables=texts(get("deliverables"), src, "deliverables"),
                    kpis=ids(get("kpis")),
                    collaborates=ids(get("collaborates")),
                    accountable=(accountable,) if self.id(accountable) else ids(accountable),
                    consulted=ids(get("consulted")),
                    informed=ids(get("informed")),
                    src=src,
                )
            )
        return tuple(result)

    def add_kpi(self, kpis: dict[str, Kpi], raw: Any, src: Src) -> None:
        data = _mapping(raw)
        kpi_id = _id(data.get("id"))
        if kpi_id is None:
            return
        if kpi_id in kpis:
            self.duplicate(src.at("id"), Message("E103.kpi", id=kpi_id, first=kpis[kpi_id].src.at("id")))
            return
        kpis[kpi_id] = Kpi(
            id=kpi_id,
            name=self.text(data.get("name"), src, "name") or _fallback(kpi_id, self.lang),
            definition=self.text(data.get("definition"), src, "definition"),
            unit=(_str(data.get("unit")) or "").strip().replace("％", "%"),
            direction=_str(data.get("direction")) or "higher-is-better",
            period=_str(data.get("period")),
            source=self.text(data.get("source"), src, "source"),
            src=src,
            bounds=self.bounds(data.get("range"), src),
        )

    def bounds(self, raw: Any, src: Src) -> tuple[float, float] | None:
        """A KPI's `range: [low, high]`; the schema has checked it is two numbers."""
        if not (isinstance(raw, list) and len(raw) == 2 and all(isinstance(v, int | float) for v in raw)):
            return None
        low, high = float(raw[0]), float(raw[1])
        if low > high:
            self.problems.append(
                Diagnostic(
                    "E102",
                    Severity.ERROR,
                    Message("E102.range-order", low=low, high=high),
                    src.at("range"),
                    Message("E102.range-order.hint", low=low, high=high),
                )
            )
            return None
        return low, high

    def kpi_target(self, raw: Any, src: Src) -> KpiTarget:
        data = _mapping(raw)
        text = data.get("target")
        text = text if isinstance(text, str) else ""
        weight = data.get("weight")
        # most roles' targets and weights are written alike (``>= 90%``, ``25%``): each parsed once
        target = self.targets.get(text, _UNPARSED)
        if target is _UNPARSED:
            target = self.targets[text] = parse_target(text)
        if isinstance(weight, str):
            value = self.weights.get(weight, _UNPARSED)
            if value is _UNPARSED:
                value = self.weights[weight] = parse_weight(weight)
        else:
            value = None
        return KpiTarget(kpi=data["kpi"], text=text, target=target, weight=value, src=src)

    def process(self, process_id: str, data: Mapping[str, Any], src: Src) -> Process:
        steps: list[Step] = []
        seen: dict[str, Src] = {}
        for index, item in enumerate(_list(data.get("steps"))):
            step = _mapping(item)
            step_id = _id(step.get("id"))
            if step_id is None:
                continue
            step_src = Src(src.doc, ("steps", index))
            if step_id in seen:
                self.duplicate(
                    step_src.at("id"), Message("E103.step", id=step_id, first=seen[step_id].at("id"))
                )
                continue
            seen[step_id] = step_src
            steps.append(
                Step(
                    id=step_id,
                    process=process_id,
                    title=self.text(step.get("title"), step_src, "title") or _fallback(step_id, self.lang),
                    description=self.text(step.get("description"), step_src, "description"),
                    responsible=_ids(step.get("responsible")),
                    accountable=_parties(step.get("accountable")),
                    consulted=_parties(step.get("consulted")),
                    informed=_parties(step.get("informed")),
                    sla=_str(step.get("sla")),
                    next=_ids(step.get("next")),
                    src=step_src,
                )
            )
        return Process(
            id=process_id,
            title=self.text(data.get("title"), src, "title") or _fallback(process_id, self.lang),
            description=self.text(data.get("description"), src, "description"),
            owner=_id(data.get("owner")),
            steps=tuple(steps),
            waivers=self.waivers(data, src, "process", process_id),
            src=src,
        )

    def policy(self, policy_id: str, data: Mapping[str, Any], src: Src) -> Policy:
        sections = []
        for i, raw in enumerate(_list(data.get("sections"))):
            section = _mapping(raw)
            title = self.text(section.get("title"), src, "sections", i, "title")
            body = self.text(section.get("body"), src, "sections", i, "body")
            if title and body:
                sections.append(Section(title, body))
        return Policy(
            id=policy_id,
            title=self.text(data.get("title"), src, "title") or _fallback(policy_id, self.lang),
            owner=_id(data.get("owner")),
            applies_to=_ids(data.get("applies_to")),
            effective=self.date(data.get("effective"), src, "effective"),
            review_by=self.date(data.get("review_by"), src, "review_by"),
            refers_to=_ids(data.get("refers_to")),
            sections=tuple(sections),
            waivers=self.waivers(data, src, "policy", policy_id),
            src=src,
            number=data["number"].strip() or None if isinstance(data.get("number"), str) else None,
            approver=self.text(data.get("approver"), src, "approver"),
        )

    # -- values ---------------------------------------------------------------------------

    def text(self, raw: Any, src: Src | None, *path: str | int) -> Text | None:
        # a quarter of a million texts at 10,000 roles: the shapes written nearly always
        # ({lang: text, …} with every text written, a plain string, nothing) take no call
        kind = type(raw)
        if kind is dict:
            values: tuple[tuple[str, str], ...] = tuple(raw.items())
            for value in raw.values():
                if type(value) is not str or not value:
                    values = _language_values(raw)
                    break
            if not values:  # nothing written in any language, `{}` too
                return None
        elif kind is str:
            if not raw:
                return None
            values = ((self.lang, raw),)
        elif raw is None:
            return None
        elif isinstance(raw, str):
            if not raw:
                return None
            values = ((self.lang, raw),)
        elif isinstance(raw, dict):
            values = _language_values(raw)
            if not values:
                return None
        else:
            return None
        return Text(values, Src(src.doc, src.path + path) if src is not None else None)

    def texts(self, raw: Any, src: Src, *path: str | int) -> tuple[Text, ...]:
        if not raw or not isinstance(raw, list):  # most optional lists are absent
            return ()
        text = self.text
        found = []
        for i, item in enumerate(raw):
            value = text(item, src, *path, i)
            if value is not None:
                found.append(value)
        return tuple(found)

    def date(self, raw: Any, src: Src, key: str) -> date | None:
        if not isinstance(raw, str):
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
                self.problems.append(
                    Diagnostic(
                        "E102",
                        Severity.ERROR,
                        Message("E102.not-a-date", key=key, value=raw),
                        src.at(key),
                        Message("E102.not-a-date.hint"),
                    )
                )
            return None

    def waivers(self, data: Mapping[str, Any], src: Src, kind: str, entity_id: str) -> tuple[Waiver, ...]:
        waive = data.get("waive")
        if not waive:  # nearly every entity waives nothing
            return ()
        subject = Subject(kind, entity_id)
        return tuple(
            Waiver(code, reason, src.key_at("waive", code), subject)
            for code, reason in _mapping(waive).items()
            if isinstance(reason, str)
        )

    def id(self, value: Any) -> str | None:
        """``_id``, each text matched once: the same few ids are written hundreds of thousands of times."""
        if type(value) is not str:
            return _id(value)
        valid = self.valid.get(value)
        if valid is None:
            valid = self.valid[value] = ID.fullmatch(value) is not None
        return value if valid else None

    def ids(self, value: Any) -> tuple[str, ...]:
        """``_ids``, through ``id``."""
        if not value or not isinstance(value, list):  # most reference lists are absent
            return ()
        found = self.id
        return tuple(v for v in value if found(v))


_UNPARSED: Any = object()

_CLAIM_ORDER = {"role": 0, "duties": 1, "process": 2, "policy": 3}

_KIND_WORDS = {
    "role": Message("kind.role"),
    "unit": Message("kind.unit"),
    "duties": Message("kind.duty-block"),
    "process": Message("kind.process"),
    "policy": Message("kind.policy"),
}


def _fallback(entity_id: str, lang: str) -> Text:
    return Text(((lang, entity_id),))


def _language_values(raw: dict[Any, Any]) -> tuple[tuple[str, str], ...]:
    """A text's (language, text) pairs; what is not a non-empty string was reported by the schema."""
    items = tuple(raw.items())
    for _, value in items:
        if not (isinstance(value, str) and value):
            return tuple((k, v) for k, v in items if isinstance(v, str) and v)
    return items


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _id(value: Any) -> str | None:
    return value if isinstance(value, str) and ID.fullmatch(value) else None


def _ids(value: Any) -> tuple[str, ...]:
    if not value:  # most reference lists are absent
        return ()
    return tuple(v for v in _list(value) if _id(v))


def _one_or_many(value: Any) -> tuple[str, ...]:
    return (value,) if _id(value) else _ids(value)


def _parties(value: Any) -> tuple[str, ...]:
    """A step's A, C or I: ids and relative parties (``@supervisor``), as written."""
    values = [value] if isinstance(value, str) else _list(value)
    return tuple(v for v in values if v in TOKENS or _id(v))
