"""The one registry of pages: the app's scripts and URL paths, the static site's files, titles and icons.

The app's frame, the static site, the tests and the benchmarks all read this list; there is no second one.
"""

from __future__ import annotations

from dataclasses import dataclass

from .wording import N_


@dataclass(frozen=True)
class PageSpec:
    key: str
    script: str  # the Streamlit page script, from the app root
    title: str  # an English message id; translate with Words
    icon: str
    url_path: str  # the app's URL path ("" is the root)
    site_file: str | None  # the static site's page, if it has one


ENTRY = PageSpec("overview", "dashboard.py", N_("Overview"), ":material/grid_view:", "", "index.html")
# The Overview link targets pages/overview.py: a link to the entry script carries only "?query",
# which a browser resolves against the current page ("Open in new tab" on /compare would reopen /compare).
PAGES = (
    PageSpec("overview", "pages/overview.py", N_("Overview"), ":material/grid_view:", "overview", "index.html"),
    PageSpec("compare", "pages/compare.py", N_("Compare"), ":material/view_column:", "compare", None),
    PageSpec("changes", "pages/changes.py", N_("What changed"), ":material/update:", "changes", "changes.html"),
    PageSpec(
        "disagreements",
        "pages/disagreements.py",
        N_("Disagreements"),
        ":material/compare_arrows:",
        "disagreements",
        "disagreements.html",
    ),
    PageSpec("movement", "pages/movement.py", N_("Movement"), ":material/show_chart:", "movement", "movement.html"),
    PageSpec("pair", "pages/pair.py", N_("Pairs"), ":material/join_inner:", "pair", "pairs/index.html"),
    PageSpec("timeline", "pages/timeline.py", N_("Timeline"), ":material/timeline:", "timeline", "timeline.html"),
    PageSpec("sources", "pages/sources.py", N_("Sources"), ":material/menu_book:", "sources", "sources.html"),
    PageSpec("about", "pages/about.py", N_("About & method"), ":material/info:", "about", "about.html"),
)
BY_SCRIPT = {p.script: p for p in (ENTRY, *PAGES)}
BY_KEY = {p.key: p for p in PAGES}
SITE_NAV = tuple(p for p in PAGES if p.site_file)
