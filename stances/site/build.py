"""`stances site`: every view of the dataset as plain, self-contained HTML that opens offline.

Pages are rendered from the shared view models (`stances.present.views`) through Jinja2 templates with autoescape,
shipped as package data. Permalinks: `issues/<issue>.html#<party>`, `parties/<party>.html#<issue>`,
`disagreements.html#<id>`, `timeline.html#<event>`, `sources.html#<source>`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment
from markupsafe import Markup

from ..domain.dataset import Dataset
from ..domain.model import Issue, Party
from ..domain.queries import cell, sources
from ..domain.view_state import ViewState
from ..present import svg, templating, views
from ..present.pages import SITE_NAV
from ..present.views import Target
from ..present.wording import METHOD, TERMS, Words

EVERYTHING = ViewState()
STATIC = (files("stances.site") / "static", files("stances.present") / "static")
# Defence in depth: even a missed escape could not load or send anything off the site.
CSP = (
    "default-src 'self'; script-src 'none'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'none'; object-src 'none'; frame-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)


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
    anchor = f"#{quote(target.anchor, safe='')}" if target.anchor else ""
    return up + quote(path) + anchor


def environment() -> Environment:
    env = templating.environment("stances.site")
    env.globals["csp"] = CSP
    return env


@dataclass(frozen=True)
class Page:
    """One page to write: its path from the site root, its template and what the template needs."""

    path: str
    template: str
    title: str
    description: str
    context: dict


class Renderer:
    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.words: Words = views.words_for(dataset)
        self.meta = views.page_meta(dataset)

    def render(self, page: Page) -> str:
        up = "../" * page.path.count("/")
        href: Callable[[Target], str] = lambda target: site_href(target, up)  # noqa: E731
        return (
            environment()
            .get_template(page.template)
            .render(
                meta=self.meta,
                w=self.words,
                up=up,
                href=href,
                nav=[{"file": p.site_file, "title": p.title} for p in SITE_NAV],
                active=page.path,
                title=page.title,
                description=page.description,
                head_meta=page.context.pop("head_meta", ()),
                canonical=page.context.pop("canonical", None),
                feeds=(),
                **page.context,
            )
        )


def index_page(dataset: Dataset, words: Words) -> Page:
    matrix = views.matrix(dataset, EVERYTHING)
    return Page("index.html", "index.html", words("Overview"), views.page_meta(dataset).description, {"matrix": matrix})


def issue_page(dataset: Dataset, words: Words, issue: Issue) -> Page:
    state = EVERYTHING.with_(issues=(issue.id,))
    return Page(
        issue_path(issue.id),
        "issue.html",
        issue.title,
        issue.question or issue.title,
        {
            "issue": issue,
            "tier": words.tier(issue.tier) if dataset.has_tiers else "",
            "cells": views.cells(dataset, state),
            "disagreements": views.disagreements(dataset, state),
            "legends": views.legends(dataset, [issue]),
        },
    )


def party_page(dataset: Dataset, words: Words, party: Party) -> Page:
    disputed = views.disputed_cells(dataset)
    cells = [
        views.cell_view(words, dataset, cell(dataset, party, issue, None), None, disputed, by_issue=True)
        for issue in dataset.issues.values()
    ]
    speakers = [(views.speaker_name(dataset, s.id), s.note) for s in party.speakers]
    return Page(
        party_path(party.id),
        "party.html",
        party.name,
        party.description or party.name,
        {"party": party, "cells": cells, "speakers": speakers},
    )


def disagreements_page(dataset: Dataset, words: Words) -> Page:
    items = views.disagreements(dataset, EVERYTHING)
    groups: dict[str, list] = {}
    for d in items:
        groups.setdefault(d.issue_title, []).append(d)
    return Page(
        "disagreements.html",
        "disagreements.html",
        words("Disagreements"),
        words("What exactly is disputed, by whom, with each side’s own words and sources."),
        {"groups": list(groups.items())},
    )


def timeline_page(dataset: Dataset, words: Words) -> Page:
    timeline = views.timeline_view(dataset, EVERYTHING)
    chart = Markup(svg.timeline_svg(timeline, words)) if timeline.marks else None
    return Page(
        "timeline.html",
        "timeline.html",
        words("Timeline"),
        words("Events and recorded positions over time."),
        {"timeline": timeline, "chart": chart, "chart_caption": svg.timeline_caption(timeline, words)},
    )


def sources_page(dataset: Dataset, words: Words) -> Page:
    shown = sources(dataset, EVERYTHING)
    records = views.source_records(dataset, shown)
    primary = [r for r in records if r.line.kind == "primary"]
    other = [r for r in records if r.line.kind != "primary"]
    groups = [
        (
            words("Primary sources ({n})", n=len(primary)),
            words("The party’s own documents, posts and statements."),
            primary,
        ),
        (
            words("Secondary sources ({n})", n=len(other)),
            words("Reporting about the parties; a relay chain shows whom it relays."),
            other,
        ),
    ]
    summary = words(
        "{n} sources cited: {primary} primary, {secondary} secondary. Oldest first; undated sources last.",
        n=len(records),
        primary=len(primary),
        secondary=len(other),
    )
    return Page(
        "sources.html",
        "sources.html",
        words("Sources"),
        summary,
        {"groups": groups, "summary": summary},
    )


def cited_by_pages(dataset: Dataset, words: Words) -> list[Page]:
    """A page of its own for each source cited more often than its card on sources.html lists."""
    long = [r.line.id for r in views.source_records(dataset, list(dataset.sources.values())) if r.all_cited]
    records = views.source_records(dataset, [dataset.sources[s] for s in long], limit=None)
    return [
        Page(
            source_path(r.line.id),
            "source.html",
            r.line.outlet.label,
            words("Every record that cites this source."),
            {"record": r},
        )
        for r in records
    ]


def about_page(dataset: Dataset, words: Words) -> Page:
    return Page(
        "about.html",
        "about.html",
        words("About & method"),
        words("How the record is kept, and what each stance means."),
        {
            "method": [(words(h), words(t)) for h, t in METHOD],
            "terms": [(words(h), words(t)) for h, t in TERMS],
            "legends": views.legends(dataset, list(dataset.issues.values())),
            "corrections": views.corrections(dataset),
        },
    )


def pages(dataset: Dataset) -> list[Page]:
    words = views.words_for(dataset)
    out = [
        index_page(dataset, words),
        disagreements_page(dataset, words),
        timeline_page(dataset, words),
        sources_page(dataset, words),
        about_page(dataset, words),
    ]
    out += [issue_page(dataset, words, i) for i in dataset.issues.values()]
    out += [party_page(dataset, words, p) for p in dataset.parties.values()]
    return out + cited_by_pages(dataset, words)


def render_pages(dataset: Dataset) -> dict[str, str]:
    """Every page, by its path from the site root."""
    renderer = Renderer(dataset)
    return {page.path: renderer.render(page) for page in pages(dataset)}


def write_assets(outdir: Path) -> None:
    assets = outdir / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    for folder in STATIC:
        for item in folder.iterdir():
            (assets / item.name).write_bytes(item.read_bytes())


def build_site(dataset: Dataset, outdir: Path) -> list[Path]:
    """Write the site into `outdir` (created if missing) and return the pages written."""
    outdir = Path(outdir)
    write_assets(outdir)
    written = []
    for relative, text in render_pages(dataset).items():
        path = outdir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
