"""One page of the static site to write, and the URLs written into it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain.dataset import Dataset
from ..present.citation import dataset_citation


@dataclass(frozen=True)
class Page:
    """One page to write: its path from the site root, its template and what the template needs."""

    path: str
    template: str
    title: str
    description: str
    context: dict
    image: str = "images/og/index.png"  # the page's 1200×630 link-preview image, from the site root
    feeds: tuple[str, ...] = ()  # the page's own feeds, besides the whole record's


def absolute(base_url: str | None, path: str) -> str:
    """A site path as the URL written into feeds, previews and citations: absolute under `base_url` if given."""
    return f"{base_url.rstrip('/')}/{path}" if base_url else path


def cited_page(
    dataset: Dataset, base_url: str | None, path: str, template: str, title: str, description: str, **context: Any
) -> Page:
    """A page that offers a citation of the whole dataset at the page's own URL."""
    citation = dataset_citation(dataset, absolute(base_url, path))
    return Page(path, template, title, description, {**context, "citations": [citation]})
