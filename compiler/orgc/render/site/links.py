"""Where each page of the site lives, as a path in ``out/site/`` with '/'; links between pages are relative."""

from __future__ import annotations

from ...writers.html import relative

SITE = "site"  # the site's folder in the output folder
ASSETS = "assets"  # the stylesheet and scripts, one copy for every language
SEARCH = "search"  # the search index: search/<lang>/…


def output_path(page: str) -> str:
    """The page's path in the output folder."""
    return f"{SITE}/{page}"


def home(lang: str | None = None) -> str:
    """The home page: ``index.html`` in the first language, and one in each language's folder."""
    return f"{lang}/index.html" if lang else "index.html"


def role(lang: str, role_id: str) -> str:
    return f"{lang}/roles/{role_id}.html"


def unit(lang: str, unit_id: str) -> str:
    return f"{lang}/units/{unit_id}.html"


def process(lang: str, process_id: str, step: str | None = None) -> str:
    return f"{lang}/processes/{process_id}.html" + (f"#step-{step}" if step else "")


def policy(lang: str, policy_id: str) -> str:
    return f"{lang}/policies/{policy_id}.html"


def kpis(lang: str, kpi_id: str | None = None) -> str:
    return f"{lang}/kpis.html" + (f"#kpi-{kpi_id}" if kpi_id else "")


def units(lang: str) -> str:
    return f"{lang}/units/index.html"


def processes(lang: str) -> str:
    return f"{lang}/processes/index.html"


def policies(lang: str) -> str:
    return f"{lang}/policies/index.html"


def chart(lang: str) -> str:
    """The interactive chart: linked from every page, written by its own renderer."""
    return f"{lang}/chart.html"


def asset(name: str) -> str:
    return f"{ASSETS}/{name}"


def in_language(page: str, lang: str) -> str:
    """The same page in another language (the home page ``index.html`` has one in each folder)."""
    if "/" not in page:
        return home(lang)
    return f"{lang}/{page.split('/', 1)[1]}"


def href(from_page: str, to: str) -> str:
    """The link from ``from_page`` to ``to``, relative."""
    return relative(from_page, to)
