"""Reading a built site back: every link and every reference to a resource, to check them."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            if name in (
                "href",
                "src",
                "action",
                "data",
                "poster",
                "srcset",
                "formaction",
                "xlink:href",
                "background",
            ):
                self.refs.append((tag, name, value))
            if name == "content" and tag == "meta" and "url=" in value.lower():
                self.refs.append((tag, name, value))
            if name == "style":
                self.refs += [(tag, "style", url) for url in _CSS_URL.findall(value)]


_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def page_refs(path: Path) -> tuple[list[tuple[str, str, str]], set[str]]:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.refs, parser.ids


def css_refs(path: Path) -> list[str]:
    return [a or b for a, b in _CSS_URL.findall(path.read_text(encoding="utf-8"))]


def broken_links(site: Path) -> list[str]:
    """Every link of every page whose file (or #fragment in it) does not exist."""
    ids: dict[Path, set[str]] = {}
    problems = []
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        ids[page] = page_refs(page)[1]
    for page in pages:
        for tag, attribute, value in page_refs(page)[0]:
            parts = urlsplit(value)
            if parts.scheme or parts.netloc:
                problems.append(f"{page.relative_to(site)}: {tag} {attribute}={value} is not relative")
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path))
            target = Path(posixpath.normpath(target.as_posix()))
            if site not in target.parents and target != site:
                problems.append(f"{page.relative_to(site)}: {value} leads out of the site")
            elif not target.is_file():
                problems.append(f"{page.relative_to(site)}: {value} has no file")
            elif parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = page_refs(target)[1]
                if unquote(parts.fragment) not in ids[target]:
                    problems.append(f"{page.relative_to(site)}: {value} has no #{parts.fragment}")
    return problems


_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//|^\s*(?:https?|ftp|ws|wss):", re.I)


def remote_references(site: Path) -> list[str]:
    """Every reference that would make a browser ask another address: src/href/url()/@import,
    and in scripts any fetch, import or URL string — never the text a page shows."""
    found = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        shown = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            for tag, attribute, value in page_refs(path)[0]:
                if _REMOTE.match(value) or value.strip().lower().startswith(
                    ("javascript:", "data:text/html")
                ):
                    found.append(f"{shown}: {tag} {attribute}={value}")
        elif path.suffix == ".css":
            found += [f"{shown}: {url}" for url in css_refs(path) if _REMOTE.match(url)]
        elif path.suffix == ".js" and path.parent.name == "assets":
            text = path.read_text(encoding="utf-8")
            found += [
                f"{shown}: {m[0]}" for m in re.finditer(r"https?://[^\s'\"]+", text) if "w3.org" not in m[0]
            ]
            found += [
                f"{shown}: {m[0]}"
                for m in re.finditer(
                    r"\b(?:fetch|XMLHttpRequest|WebSocket|EventSource|importScripts|sendBeacon)\b", text
                )
            ]
    return found
