"""Where things live on the static site: each page's file, each view-model link, and the closest permalink the site
holds for an app view. Shared by the site build, the feeds and the app's share panel."""

from __future__ import annotations

from urllib.parse import quote

from ..domain.ids import url_segment
from ..domain.view_state import ViewState
from .pages import BY_KEY
from .views import Target


def issue_path(issue_id: str) -> str:
    """A page's file, from the site root; ids may hold Unicode letters (`site_href` percent-encodes links)."""
    return f"issues/{issue_id}.html"


def party_path(party_id: str) -> str:
    return f"parties/{party_id}.html"


def source_path(source_id: str) -> str:
    return f"sources/{source_id}.html"


def site_href(target: Target, up: str = "") -> str:
    """The static page (and anchor) a view-model link target opens."""
    if target.page == "compare" and target.issue:
        path = issue_path(target.issue)
    elif target.page == "party" and target.party:
        path = party_path(target.party)
    elif target.page == "source" and target.anchor:
        return up + quote(source_path(target.anchor))
    elif target.page in ("compare", "overview"):
        path = "index.html"
    else:
        path = f"{target.page}.html"
    anchor = f"#{url_segment(target.anchor)}" if target.anchor else ""
    return up + quote(path) + anchor


def site_target(page_key: str, state: ViewState) -> Target:
    """One issue opens its issue page (at the party, if one is chosen); one party its party page; else the page."""
    if page_key in ("overview", "compare"):
        if len(state.issues) == 1:
            party = state.parties[0] if len(state.parties) == 1 else None
            return Target("compare", state.issues[0], party, party)
        if len(state.parties) == 1:
            return Target("party", party=state.parties[0])
        return Target("overview")
    spec = BY_KEY.get(page_key)
    return Target(page_key) if spec and spec.site_file else Target("overview")


def static_permalink(site_url: str, page_key: str, state: ViewState) -> str:
    return f"{site_url.rstrip('/')}/{site_href(site_target(page_key, state))}"
