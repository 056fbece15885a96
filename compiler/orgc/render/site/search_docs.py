"""What the search index (``search_index``) holds of each document, and the grams that lead to it.

A document's entry is what ``d<n>.js`` gives for it: kind (r role, u unit, p process, o policy,
k KPI), id, title, unit (a role's), keys (a role's code or a policy's number, and the title's
pinyin initials) and its text lines as a result shows them. Its grams are taken from its text
after ``normal``: in titles, the bigrams of title, id and keys and their single characters; anywhere,
those bigrams and the bigrams of its unit and lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ...model.entities import Org, Role, Text
from ..context import RenderContext
from ..jd.punctuation import full_width


@dataclass(frozen=True)
class Doc:
    kind: str  # r role, u unit, p process, o policy, k KPI
    id: str
    title: str
    unit: str  # a role's unit's name; "" for others
    keys: tuple[str, ...]  # what else names it: code, pinyin initials
    lines: tuple[str, ...]  # its text, as shown in results
    initials: str = field(default="", compare=False)  # the title's, also among the keys

    def entry(self) -> list[Any]:
        """The document as ``d<n>.js`` gives it."""
        return [self.kind, self.id, self.title, self.unit, list(self.keys), list(self.lines)]

    @classmethod
    def of_entry(cls, entry: list[Any]) -> Doc:
        kind, doc_id, title, unit, keys, lines = entry
        return cls(kind, doc_id, title, unit, tuple(keys), tuple(lines))


def normal(text: str) -> str:
    """Text as the index and the query compare it (``search.js`` does the same)."""
    return unicodedata.normalize("NFKC", text).lower()


def bigrams(text: str) -> set[str]:
    """Every two neighbouring characters of each word of ``text``."""
    found: set[str] = set()
    for word in text.split():
        found.update(map(str.__add__, word, word[1:]))  # each character and the next
    return found


def grams(doc: Doc) -> tuple[set[str], set[str]]:
    """The grams that lead to ``doc``: in its title (with single characters), and anywhere."""
    named = normal(" ".join((doc.title, doc.id, *doc.keys)))
    pairs = bigrams(named)
    anywhere = set(pairs)
    for text in (doc.unit, *doc.lines):
        for word in normal(text).split():
            anywhere.update(map(str.__add__, word, word[1:]))
    return pairs.union("".join(named.split())), anywhere


def sources(ctx: RenderContext) -> list[tuple[str, Any]]:
    """(kind, entity) of every searchable document, in the index's order: units, roles in
    org-chart order, processes, policies, KPIs."""
    org = ctx.org
    found: list[tuple[str, Any]] = [("u", u) for u in org.units.values() if not (u.external or u.party)]
    found += [("r", role) for role in ctx.graph.roles()]
    found += [("p", process) for process in org.processes.values()]
    found += [("o", policy) for policy in org.policies.values()]
    found += [("k", kpi) for kpi in org.kpis.values()]
    return found


class Documents:
    """The documents of one language, made one at a time; what many share is made once."""

    def __init__(self, ctx: RenderContext, lang: str) -> None:
        self.ctx, self.lang = ctx, lang
        self.zh = lang.startswith("zh")
        self._printed: dict[str, str] = {}  # shared duties recur in every role that includes them
        self._initials = Initials()

    def make(self, kind: str, entity: Any, known: tuple[str, str] | None = None) -> Doc:
        """The document of ``entity``; ``known``: a title and its initials, taken for the same title."""
        org, t = self.ctx.org, self._t
        if kind == "r":
            return self._role(org, entity, known)
        if kind == "u":
            title = t(entity.name)
            return self._doc("u", entity.id, title, known, "", (), (t(entity.description),))
        if kind == "p":
            lines = [t(entity.description)]
            for step in entity.steps:
                lines += [t(step.title), t(step.description)]
            return self._doc("p", entity.id, t(entity.title), known, "", (), lines)
        if kind == "o":
            lines = []
            for section in entity.sections:
                lines += [t(section.title), *t(section.body).split("\n")]
            return self._doc("o", entity.id, t(entity.title), known, "", (entity.number or "",), lines)
        return self._doc("k", entity.id, t(entity.name), known, "", (), (t(entity.definition),))

    def _role(self, org: Org, role: Role, known: tuple[str, str] | None) -> Doc:
        t = self._shown  # a role's texts as its page shows them: the JD's full-width punctuation
        lines = [t(role.purpose)]
        for duty in org.duties_of(role):
            lines += [t(duty.title), *(t(x) for x in duty.tasks), *(t(x) for x in duty.deliverables)]
        lines += [t(x) for x in (*role.accountabilities, *role.challenges)]
        unit = org.units.get(role.unit or "")
        named = t(unit.name) if unit else ""
        return self._doc("r", role.id, t(role.title), known, named, (role.code or "",), lines)

    def _doc(
        self,
        kind: str,
        doc_id: str,
        title: str,
        known: tuple[str, str] | None,
        unit: str,
        names: tuple[str, ...],
        lines: Any,
    ) -> Doc:
        initials = ""
        if self.zh:
            initials = known[1] if known and known[0] == title else self._initials(title)
        keys = tuple(k for k in (*names, initials) if k)
        return Doc(kind, doc_id, title, unit, keys, _lines(lines), initials)

    def _t(self, value: Text | None) -> str:
        return self.ctx.t(value, self.lang)

    def _shown(self, value: Text | None) -> str:
        text = self.ctx.t(value, self.lang)
        if not self.zh:
            return text
        found = self._printed.get(text)  # by the text, whose hash Python keeps, not by the Text
        if found is None:
            found = self._printed[text] = full_width(text)
        return found


def _lines(lines: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(" ".join(line.split()) for line in lines if line and line.strip()))


_CHINESE = re.compile("[\u4e00-\u9fff]")
_NOT_ASCII = re.compile("[^\x00-\x7f]+")


class Initials:
    """Pinyin initials of the Chinese characters of titles (客服专员 → kfzy); "" without pypinyin.

    pypinyin converts each run of Chinese characters on its own and ignores everything else, so a
    title's initials are those of its runs of non-ASCII characters, joined; and titles repeat
    their words (数据分析员5769, 数据分析员5770), so each run is converted once.
    """

    def __init__(self) -> None:
        self._runs: dict[str, str] = {}

    def __call__(self, title: str) -> str:
        if not _CHINESE.search(title):
            return ""
        found = []
        for run in _NOT_ASCII.findall(title):
            letters = self._runs.get(run)
            if letters is None:
                letters = self._runs[run] = initials(run)
            found.append(letters)
        return "".join(found)


def initials(text: str) -> str:
    """Pinyin initials of ``text`` as pypinyin gives them, letters and digits only."""
    try:
        from pypinyin import Style, lazy_pinyin  # 150 ms: only for a project with Chinese titles
    except ImportError:  # pragma: no cover - a dependency of orgc
        return ""
    letters = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(x for x in letters if x.isascii() and x.isalnum()).lower()
