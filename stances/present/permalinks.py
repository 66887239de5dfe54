"""Where things live on the static site, from the route table: each entity's page, each view-model link, and the
closest permalink the site holds for an app view. Shared by the site build, the feeds and the app's share panel."""

from __future__ import annotations

from ..domain.view_state import ViewState
from .pages import BY_KEY, pair_path, site_path, site_target
from .views import Target


def _file(route_key: str, target: Target) -> str:
    entity_file = BY_KEY[route_key].entity_file
    path = entity_file(target) if entity_file else None
    assert path is not None
    return path


def issue_path(issue_id: str) -> str:
    """A page's file, from the site root; ids may hold Unicode letters (`site_href` percent-encodes links)."""
    return _file("issue", Target("issue", issue=issue_id))


def party_path(party_id: str) -> str:
    return _file("party", Target("party", party=party_id))


def source_path(source_id: str) -> str:
    return _file("source", Target("source", anchor=source_id))


__all__ = ["issue_path", "pair_path", "party_path", "site_href", "source_path", "static_permalink"]


def site_href(target: Target, up: str = "") -> str:
    """The static page (and anchor) a view-model link target opens, relative to a page `up` levels down."""
    return up + site_path(target)


def static_permalink(site_url: str, page_key: str, state: ViewState) -> str:
    return f"{site_url.rstrip('/')}/{site_href(site_target(page_key, state))}"
