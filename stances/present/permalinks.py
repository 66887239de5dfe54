"""The static site's page for an app view: the closest permalink the site holds for the same view."""

from __future__ import annotations

from ..domain.view_state import ViewState
from .pages import BY_KEY
from .views import Target


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
    from ..site.build import site_href

    return f"{site_url.rstrip('/')}/{site_href(site_target(page_key, state))}"
