"""The frame of every page of the site: head, header, navigation, language switch and search box.

A page renderer makes its ``<main>`` and gives it to ``page``; everything around it is
here, so that every page links, searches and prints alike. The page is self-contained:
its stylesheet and scripts are files of the site (``assets/``), named by relative links,
and its Content-Security-Policy lets the browser load nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ...i18n.documents import label
from ...writers.html import text
from ..context import RenderContext
from . import links

# Nothing but the site's own files: no inline script or style, no request to any other
# address, no form, no frame. 'self' is the page's own origin; opened from a folder
# (file://) Chromium counts the folder's files as 'self' too, which the browser tests check.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'none'; font-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
)

# Every page's stylesheet and scripts (a page may add its own: ``Frame.scripts``).
STYLES = ("site.css",)
SCRIPTS = ("site.js", "search.js")

# A language's own name, for the switch to it; any other code is shown as it is.
ENDONYMS = {"zh": "中文", "zh-Hans": "简体中文", "zh-Hant": "繁體中文", "en": "English"}

# The navigation: (section, its page in a language, the label's key).
SECTIONS = (
    ("home", links.home, "site.home"),
    ("units", links.units, "site.units"),
    ("kpis", links.kpis, "site.kpis"),
    ("processes", links.processes, "site.processes"),
    ("policies", links.policies, "site.policies"),
    ("chart", links.chart, "site.chart"),
)


@dataclass(frozen=True)
class Frame:
    """One page as ``page`` frames it.

    ``path`` is the page's place in the site (``zh/roles/cs-agent.html``); ``section`` the
    navigation entry it belongs to (one of ``SECTIONS``, or "" for none); ``main`` the HTML
    inside ``<main>``, already escaped; ``scripts`` and ``styles`` more asset files by name.
    """

    lang: str
    path: str
    title: str
    main: str
    section: str = ""
    scripts: tuple[str, ...] = ()
    styles: tuple[str, ...] = ()
    body_class: str = ""


def page(ctx: RenderContext, frame: Frame) -> bytes:
    """The whole HTML document of ``frame``, in UTF-8."""
    return render(frame, _site_name(ctx, frame.lang), site_languages(ctx)).encode("utf-8")


def site_languages(ctx: RenderContext) -> tuple[str, ...]:
    """The languages the site has: every language of the organisation, so that a page links to
    the same page in each (a build of fewer languages with ``--lang`` links to pages it left out)."""
    return tuple(dict.fromkeys((*ctx.languages, *ctx.org.languages)))


def render(frame: Frame, site_name: str, languages: Sequence[str]) -> str:
    """``page`` from its parts, for a page that knows them without a context."""
    folder = frame.path.rpartition("/")[0]
    start, middle, end, after = _frame(
        frame.lang, folder, frame.section, frame.body_class, frame.scripts, frame.styles, site_name
    )
    title = f"{text(frame.title)} · {text(site_name)}" if frame.title else text(site_name)
    return f"{start}{title}{middle}{_languages(frame, languages)}{end}\n{frame.main}\n{after}"


@lru_cache(maxsize=64)
def _frame(
    lang: str,
    folder: str,
    section: str,
    body_class: str,
    scripts: tuple[str, ...],
    styles: tuple[str, ...],
    site_name: str,
) -> tuple[str, str, str, str]:
    """What every page of a folder shares, around its title and language switch: its links are
    relative to the folder, so it is made once per folder (10,000 role pages share one)."""
    path = f"{folder}/_" if folder else "_"  # any page of the folder: links to others are the same
    L = lambda key: text(label(key, lang))  # noqa: E731
    to = lambda target: text(links.href(path, target))  # noqa: E731
    start = "\n".join(
        (
            "<!doctype html>",
            f'<html lang="{text(lang)}">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>",
        )
    )
    root = links.href(path, "index.html")[: -len("index.html")]
    classes = f' class="{text(body_class)}"' if body_class else ""
    middle = "\n".join(
        (
            "</title>",
            *(f'<link rel="stylesheet" href="{to(links.asset(name))}">' for name in (*STYLES, *styles)),
            *(f'<script src="{to(links.asset(name))}" defer></script>' for name in (*SCRIPTS, *scripts)),
            "</head>",
            f'<body{classes} data-root="{text(root)}" data-lang="{text(lang)}">',
            f'<a class="skip" href="#main">{L("site.skip")}</a>',
            '<header class="site-header">',
            '<div class="bar">',
            f'<a class="site-name" href="{to(links.home(lang))}">{text(site_name)}</a>',
            _search(lang),
            "",
        )
    )
    current = lambda entry: ' aria-current="page"' if entry == section else ""  # noqa: E731
    end = "\n".join(
        (
            "",
            "</div>",
            f'<nav class="site-nav" aria-label="{L("site.navigation")}"><ul>',
            *(
                f'<li><a href="{to(target(lang))}"{current(entry)}>{L(key)}</a></li>'
                for entry, target, key in SECTIONS
            ),
            "</ul></nav>",
            "</header>",
            '<main id="main">',
        )
    )
    after = f'</main>\n<footer class="site-footer"><p>{L("site.footer")}</p></footer>\n</body>\n</html>\n'
    return start, middle, end, after


def _site_name(ctx: RenderContext, lang: str) -> str:
    return ctx.t(ctx.org.name, lang) or ctx.org.id


def _search(lang: str) -> str:
    """The search box; ``search.js`` loads the index on first use and lists results under it."""
    L = lambda key: text(label(key, lang))  # noqa: E731
    words = {
        "loading": "site.search_loading",
        "none": "site.search_none",
        "count": "site.search_count",
        "more": "site.search_more",
        "failed": "site.search_failed",
        "unit": "site.kind_unit",
        "role": "site.kind_role",
        "process": "site.kind_process",
        "policy": "site.kind_policy",
        "kpi": "site.kind_kpi",
    }
    said = " ".join(f'data-{name}="{L(key)}"' for name, key in words.items())
    return (
        f'<div class="search" role="search" {said}>'
        f'<label class="visually-hidden" for="site-search">{L("site.search")}</label>'
        f'<input type="search" id="site-search" placeholder="{L("site.search_hint")}" '
        'autocomplete="off" spellcheck="false" aria-controls="search-results" aria-describedby="search-status">'
        '<p id="search-status" class="search-status visually-hidden" role="status" aria-live="polite"></p>'
        '<ol id="search-results" class="search-results" hidden></ol>'
        "</div>"
    )


def _languages(frame: Frame, languages: Sequence[str]) -> str:
    others = [lang for lang in languages if lang != frame.lang]
    if not others:
        return ""
    items = "".join(
        f'<li><a href="{text(links.href(frame.path, links.in_language(frame.path, other)))}" '
        f'hreflang="{text(other)}" lang="{text(other)}">{text(ENDONYMS.get(other, other))}</a></li>'
        for other in others
    )
    return f'<nav class="languages" aria-label="{text(label("site.languages", frame.lang))}"><ul>{items}</ul></nav>'
