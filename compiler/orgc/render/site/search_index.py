"""``search/<lang>/``: the index the search box of every page loads, a few small files at a time.

Chinese has no spaces between words, so the index is of character n-grams, not words: every
two neighbouring characters (a bigram) of a text leads to the documents (roles, units,
processes, policies, KPIs) that hold it, and a query matches where all its bigrams do —
inside a word as well as at its start. A single character is looked up among titles only
(its lists would be as long as the organisation). Titles also carry their pinyin initials
(客服专员 → kfzy), so that ``kfzy`` finds the role.

The files are scripts that call a registration function (``orgcSearch.grams(…)``), loaded by
adding ``<script src>`` elements: a page opened from a folder (file://) may not ``fetch()``
files beside it in Chromium, but it may run them. Three kinds:

- ``meta.js``: how many documents and shards there are;
- ``g<n>.js``: the bigrams whose hash falls in shard n, each with two lists of document
  numbers (in titles; anywhere), delta-encoded;
- ``d<n>.js``: documents ``n * DOCS_PER_SHARD`` onwards: kind, id, title, unit, initials and
  their text lines, to confirm a match and show the line that matched.

A query loads meta.js, one gram shard per distinct bigram (a handful) and the document
shards of the results it shows: at 10,000 roles a search reads a few hundred kilobytes, and
a page that is never searched reads none. ``search.js`` holds the same normalisation
(NFKC, lower case) and hash (FNV-1a over code points).
"""

from __future__ import annotations

import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ...model.entities import Text
from ...writers.html import js_call
from ..context import OutputFile, RenderContext
from ..jd.punctuation import full_width
from . import links

DOCS_PER_SHARD = 32
SHARD_BYTES = 48 * 1024  # the gram shards' aim: as many as give about this much each
MAX_GRAM_SHARDS = 4096
REGISTER = "orgcSearch"


@dataclass(frozen=True)
class Doc:
    kind: str  # r role, u unit, p process, o policy, k KPI
    id: str
    title: str
    unit: str  # a role's unit's name; "" for others
    keys: tuple[str, ...]  # what else names it: code, pinyin initials
    lines: tuple[str, ...]  # its text, as shown in results


def normal(text: str) -> str:
    """Text as the index and the query compare it (``search.js`` does the same)."""
    return unicodedata.normalize("NFKC", text).lower()


def fnv(gram: str) -> int:
    """FNV-1a, 32 bits, over the gram's code points (as ``search.js``)."""
    found = 2166136261
    for char in gram:
        found = ((found ^ ord(char)) * 16777619) & 0xFFFFFFFF
    return found


def _bigrams(text: str) -> set[str]:
    found: set[str] = set()
    for word in text.split():
        found.update(map(str.__add__, word, word[1:]))  # each character and the next
    return found


def initials(title: str) -> str:
    """Pinyin initials of the Chinese characters of ``title`` (客服专员 → kfzy); "" without pypinyin."""
    if not any("\u4e00" <= char <= "\u9fff" for char in title):
        return ""
    try:
        from pypinyin import Style, lazy_pinyin  # 150 ms: only for a project with Chinese titles
    except ImportError:  # pragma: no cover - a dependency of orgc
        return ""
    letters = lazy_pinyin(title, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(x for x in letters if x.isascii() and x.isalnum()).lower()


def documents(ctx: RenderContext, lang: str) -> list[Doc]:
    """Every searchable document, units first, then roles in org-chart order, processes, policies, KPIs."""
    org = ctx.org
    t = lambda value: ctx.t(value, lang)  # noqa: E731
    zh = lang.startswith("zh")
    said: dict[str, str] = {}  # title -> its initials: titles repeat (many roles share one)

    def pinyin(title: str) -> str:
        if not zh:
            return ""
        found = said.get(title)
        if found is None:
            found = said[title] = initials(title)
        return found

    docs: list[Doc] = []
    for unit in org.units.values():
        if unit.external or unit.party:
            continue
        title = t(unit.name)
        docs.append(Doc("u", unit.id, title, "", _keys(pinyin(title)), _lines(t(unit.description))))
    if zh:  # a role's texts as its page shows them: the JD's full-width punctuation
        shown: dict[Text, str] = {}  # shared duties recur in every role that includes them

        def t(value: Text | None) -> str:
            if value is None:
                return ""
            found = shown.get(value)
            if found is None:
                found = shown[value] = full_width(ctx.t(value, lang))
            return found

    for role in ctx.graph.roles():
        title = t(role.title)
        lines = [t(role.purpose)]
        for duty in org.duties_of(role):
            lines += [t(duty.title), *(t(x) for x in duty.tasks), *(t(x) for x in duty.deliverables)]
        lines += [t(x) for x in (*role.accountabilities, *role.challenges)]
        unit = org.units.get(role.unit or "")
        keys = _keys(role.code or "", pinyin(title))
        docs.append(Doc("r", role.id, title, t(unit.name) if unit else "", keys, _lines(*lines)))
    t = lambda value: ctx.t(value, lang)  # noqa: E731
    for process in org.processes.values():
        title = t(process.title)
        lines = [t(process.description)]
        for step in process.steps:
            lines += [t(step.title), t(step.description)]
        docs.append(Doc("p", process.id, title, "", _keys(pinyin(title)), _lines(*lines)))
    for policy in org.policies.values():
        title = t(policy.title)
        lines = []
        for section in policy.sections:
            lines += [t(section.title), *t(section.body).split("\n")]
        docs.append(Doc("o", policy.id, title, "", _keys(policy.number or "", pinyin(title)), _lines(*lines)))
    for kpi in org.kpis.values():
        title = t(kpi.name)
        docs.append(Doc("k", kpi.id, title, "", _keys(pinyin(title)), _lines(t(kpi.definition))))
    return docs


def _keys(*keys: str) -> tuple[str, ...]:
    return tuple(k for k in keys if k)


def _lines(*lines: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(" ".join(line.split()) for line in lines if line and line.strip()))


def render(ctx: RenderContext, lang: str) -> Iterator[OutputFile]:
    """The index files of one language."""
    docs = documents(ctx, lang)
    # Postings as arrays of 4-byte numbers and each bigram one string object: at 10,000 roles the
    # lists of ints and the bigrams made anew for every line held some 700 MB at once.
    titles: dict[str, array[int]] = {}
    anywhere: dict[str, array[int]] = {}
    strings: dict[str, str] = {}
    shared = {
        line for line, times in Counter(line for doc in docs for line in doc.lines).items() if times > 1
    }
    of_line: dict[str, frozenset[str]] = {}  # the bigrams of a line many roles share (a shared duty's)

    def grams_of(text: str) -> set[str]:
        return {strings.setdefault(gram, gram) for gram in _bigrams(normal(text))}

    def line_grams(line: str) -> Iterable[str]:
        if line not in shared:
            return grams_of(line)
        found = of_line.get(line)
        if found is None:
            found = of_line[line] = frozenset(grams_of(line))
        return found

    for number, doc in enumerate(docs):
        named = normal(" ".join((doc.title, doc.id, *doc.keys)))
        in_title = grams_of(named)
        for gram in in_title:
            titles.setdefault(gram, array("I")).append(number)
        for char in {c for c in named if not c.isspace()}:  # single characters: in titles only
            titles.setdefault(char, array("I")).append(number)
        for gram in in_title.union(line_grams(doc.unit), *map(line_grams, doc.lines)):
            anywhere.setdefault(gram, array("I")).append(number)
    of_line.clear()  # no longer needed while the files are made
    strings.clear()
    grams = sorted(set(titles).union(anywhere))
    size = sum(len(g) * 3 + 8 + 3 * (len(titles.get(g, ())) + len(anywhere.get(g, ()))) for g in grams)
    shards = 1
    while shards < MAX_GRAM_SHARDS and size / shards > SHARD_BYTES:
        shards *= 2
    in_shard: list[list[str]] = [[] for _ in range(shards)]
    for gram in grams:
        in_shard[fnv(gram) % shards].append(gram)
    folder = f"{links.SEARCH}/{lang}"
    meta = {"docs": len(docs), "docShard": DOCS_PER_SHARD, "gramShards": shards}
    yield _file(ctx, f"{folder}/meta.js", js_call(f"{REGISTER}.meta", lang, meta))
    for n, names in enumerate(in_shard):  # one shard's lists at a time
        found = {gram: [_deltas(titles.get(gram, ())), _deltas(anywhere.get(gram, ()))] for gram in names}
        yield _file(ctx, f"{folder}/g{n}.js", js_call(f"{REGISTER}.grams", lang, n, found))
    for n in range(0, max(len(docs), 1), DOCS_PER_SHARD):
        chunk = [
            [d.kind, d.id, d.title, d.unit, list(d.keys), list(d.lines)] for d in docs[n : n + DOCS_PER_SHARD]
        ]
        yield _file(
            ctx,
            f"{folder}/d{n // DOCS_PER_SHARD}.js",
            js_call(f"{REGISTER}.docs", lang, n // DOCS_PER_SHARD, chunk),
        )


def _deltas(numbers: Iterable[int]) -> list[int]:
    found, last = [], 0
    for number in numbers:
        found.append(number - last)
        last = number
    return found


def _file(ctx: RenderContext, page: str, script: str) -> OutputFile:
    path = links.output_path(page)
    data = script.encode("utf-8")
    key = ctx.reuse.key("search", data)
    if ctx.reuse.kept((path,), key):
        return OutputFile(path, b"", key, kept=True)
    return OutputFile(path, data, key)
