"""The route table: every kind of page, where it lives in the app and on the static site, and how a link reaches it.

The app's navigation and link mapping, the static site's page list and link mapping, the tests and the benchmarks all
read this table; there is no second list. A navigation page is drawn once; a per-entity page (an issue, a party, a
source) is drawn for each of its entities. A view model names where a link goes with a `Target` whose `page` is a
route's key; `site_path` and `app_view` turn it into the site's file and the app's view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import quote

from ..domain.ids import url_segment
from ..domain.view_state import ViewState
from .views import Target
from .views.trust import evidence_anchor
from .wording import N_


def _entity_file(folder: str, field: str) -> Callable[[Target], str | None]:
    """A per-entity page's file, from the site root, for the target naming the entity in `field`; ids may hold
    Unicode letters (`site_path` percent-encodes)."""

    def file(target: Target) -> str | None:
        entity = getattr(target, field)
        return f"{folder}/{entity}.html" if entity else None

    return file


def pair_path(a: str, b: str) -> str:
    """A pair's page: the two ids in sorted order, a folder per first party (ids holding `--` cannot collide)."""
    first, second = sorted((a, b))
    return f"pairs/{first}/{second}.html"


def _pair_file(target: Target) -> str | None:
    return pair_path(target.party, target.other) if target.party and target.other else None


@dataclass(frozen=True)
class Route:
    key: str  # the page kind, as a `Target.page` names it
    title: str  # an English message id; translate with Words
    script: str | None  # the Streamlit page script, from the app root (None: the kind is shown on another page)
    url_path: str  # the app's URL path
    icon: str = ""
    intro: str = ""  # what the page shows, in one line under its title: an English message id
    nav: bool = False  # listed in the app's and the site's navigation
    site_file: str | None = None  # a navigation page's static file
    entity: str | None = None  # a per-entity page: the kind of record it shows ("issue", "party", "source", "pair")
    entity_file: Callable[[Target], str | None] | None = None  # the static file of the entity a link names
    anchor_field: str = "anchor"  # which field of a link target is the anchor on the page (None for an entity page)
    analysis: bool = False  # draws from pandas frames (`present/analysis.py`): the app loads pandas before drawing


def _page(
    key: str,
    title: str,
    icon: str,
    intro: str,
    site_file: str | None = None,
    *,
    nav: bool = True,
    entity: str | None = None,
    entity_file: Callable[[Target], str | None] | None = None,
    anchor_field: str = "anchor",
    analysis: bool = False,
) -> Route:
    """A page the app draws from `pages/<key>.py` at the URL path `<key>`; in the navigation unless `nav=False`."""
    return Route(
        key, title, f"pages/{key}.py", key, icon, intro, nav, site_file, entity, entity_file, anchor_field, analysis
    )


def _shown_elsewhere(key: str, title: str, *, on: str, entity: str, folder: str, field: str) -> Route:
    """A per-entity kind with no app page of its own: the app shows it on the page at URL path `on`, the site at
    `<folder>/<id>.html`, the id read from the link target's `field`."""
    return Route(key, title, None, on, entity=entity, entity_file=_entity_file(folder, field))


OVERVIEW = _page(
    "overview",
    N_("Overview"),
    ":material/grid_view:",
    N_("each party's stance on each issue; open a cell for their words, sources and history."),
    "index.html",
)
ROUTES: tuple[Route, ...] = (
    OVERVIEW,
    _page(
        "compare",
        N_("Compare"),
        ":material/view_column:",
        N_("parties side by side: their own words, the curator's summary, sources, history."),
    ),
    _page(
        "changes",
        N_("What changed"),
        ":material/update:",
        N_("what changed in the record between two dates, each with a link to it as it stood."),
        "changes.html",
    ),
    _page(
        "disagreements",
        N_("Disagreements"),
        ":material/compare_arrows:",
        N_("what exactly is disputed, by whom, with each side's words and sources."),
        "disagreements.html",
    ),
    _page(
        "movement",
        N_("Movement"),
        ":material/show_chart:",
        N_("who moved, when, and toward whom, issue by issue."),
        "movement.html",
        anchor_field="issue",
        analysis=True,
    ),
    _page(
        "pair",
        N_("Pairs"),
        ":material/join_inner:",
        N_("how far apart two parties stand, issue by issue and over time."),
        "pairs/index.html",
        entity="pair",
        entity_file=_pair_file,
        analysis=True,
    ),
    _page(
        "timeline",
        N_("Timeline"),
        ":material/timeline:",
        N_("events and position changes over time; where outlets disagree on a date, both."),
        "timeline.html",
    ),
    _page(
        "sources",
        N_("Sources"),
        ":material/menu_book:",
        N_("every source cited, with its relay chain and what cites it."),
        "sources.html",
        analysis=True,
    ),
    _page(
        "about",
        N_("About & method"),
        ":material/info:",
        N_("how the record is kept, and what each stance means."),
        "about.html",
    ),
    _shown_elsewhere("issue", N_("Issue"), on="compare", entity="issue", folder="issues", field="issue"),
    _page(
        "party",
        N_("Party"),
        ":material/groups:",
        N_("one party: who it is, whom the record quotes, its replies, and its stance on every issue."),
        nav=False,
        entity="party",
        entity_file=_entity_file("parties", "party"),
        analysis=True,
    ),
    _shown_elsewhere("source", N_("Source"), on="sources", entity="source", folder="sources", field="anchor"),
)
# The entry script draws the Overview. Links target pages/overview.py: a link to the entry script carries only
# "?query", which a browser resolves against the current page ("Open in new tab" on /compare would reopen /compare).
ENTRY = replace(OVERVIEW, script="dashboard.py", url_path="", nav=False)

BY_KEY = {r.key: r for r in ROUTES}
BY_SCRIPT = {r.script: r for r in (ENTRY, *ROUTES) if r.script}
NAV = tuple(r for r in ROUTES if r.nav)
SITE_NAV = tuple(r for r in NAV if r.site_file)
PAGES = tuple(r for r in ROUTES if r.script)  # every page the app draws, navigation or not


def route_of(target: Target) -> Route:
    """The page a link opens: a cell on Compare is its issue's page on the site; an unknown kind opens the Overview."""
    return BY_KEY.get(target.page, OVERVIEW)


def site_path(target: Target) -> str:
    """The static file a link opens, from the site root, percent-encoded, with its anchor."""
    if target.evidence:
        return f"{BY_KEY['about'].site_file}#{url_segment(evidence_anchor(target.evidence))}"
    route = route_of(target)
    if route.key == "compare" and target.issue:
        route = BY_KEY["issue"]
    entity_file = route.entity_file(target) if route.entity_file else None
    if entity_file and route.entity in ("source", "pair"):
        path, anchor = entity_file, None
    else:
        path = entity_file or route.site_file or OVERVIEW.site_file or "index.html"
        anchor = getattr(target, route.anchor_field) or target.anchor
    return quote(path) + (f"#{url_segment(anchor)}" if anchor else "")


def app_view(target: Target, current: ViewState) -> tuple[Route, ViewState, str | None]:
    """The app page a link opens, the view it opens on (keeping the reader's date), and its anchor."""
    route = route_of(target)
    view = ViewState(as_of=target.as_of or current.as_of)
    if target.issue:
        view = view.with_(issues=(target.issue,))
    if route.entity == "pair":
        view = view.with_(a=target.party, b=target.other)
    elif target.party:
        view = view.with_(parties=(target.party,))
    if target.evidence:
        view = view.with_(evidence=target.evidence)
    if route.key in ("disagreements", "timeline"):
        view = view.with_(issues=current.issues, parties=current.parties)
    if route.key in ("sources", "source"):
        return route, view.with_(q=target.anchor or ""), None
    return route, view, target.anchor


def site_target(page_key: str, state: ViewState) -> Target:
    """The static page closest to an app view: one issue opens its issue page (at the party, if one is chosen),
    one party its party page; else the page itself, or the Overview where the site has no such page."""
    if page_key in ("overview", "compare", "party"):
        if len(state.issues) == 1:
            party = state.parties[0] if len(state.parties) == 1 else None
            return Target("compare", state.issues[0], party, party)
        if len(state.parties) == 1:
            return Target("party", party=state.parties[0])
        return Target("overview")
    if page_key == "pair" and state.a and state.b and state.a != state.b:
        return Target("pair", party=state.a, other=state.b)
    if page_key == "movement" and len(state.issues) == 1:
        return Target("movement", issue=state.issues[0])
    route = BY_KEY.get(page_key)
    return Target(page_key) if route and route.site_file else Target("overview")
