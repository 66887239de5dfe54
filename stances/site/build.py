"""`stances site`: every view of the dataset as plain, self-contained HTML that opens offline.

Pages are rendered from the shared view models (`stances.present.views`) through Jinja2 templates with autoescape,
shipped as package data. Permalinks: `issues/<issue>.html#<party>`, `parties/<party>.html#<issue>`,
`disagreements.html#<id>`, `timeline.html#<event>`, `sources.html#<source>`.

Beside the pages it writes the Atom feeds (`feed.xml`, `feeds/`), the images for articles (`images/matrix.svg`,
`images/matrix.png`, `images/issues/`) and 1200×630 link-preview images (`images/og/`, `images/cells/`). Given a
`base_url`, every page carries a canonical URL and Open Graph and Twitter tags with absolute URLs; without one,
those tags are left out and the site works offline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from jinja2 import Environment
from markupsafe import Markup

from ..domain.dataset import Dataset
from ..domain.ids import url_segment
from ..domain.model import Issue
from ..domain.queries import sources
from ..domain.view_state import ViewState
from ..present import images, svg, templating, views
from ..present.changes import changes as changes_view
from ..present.changes import in_pages
from ..present.citation import CitationView, cell_citation, dataset_citation, disagreement_citation
from ..present.pages import ROUTES, SITE_NAV
from ..present.party import party_view
from ..present.permalinks import issue_path, party_path, site_href, source_path
from ..present.views import Target
from ..present.wording import AGREEMENT_METHOD, METHOD, TERMS, Words
from . import chart_pages, feeds
from .chart_pages import (
    analysis_files,
    movement_page,
    pair_page,
    pairs_index_page,
    site_pair_ids,
    split_movement_pages,
)
from .page import Page, absolute, cited_page

EVERYTHING = ViewState()
STATIC = (files("stances.site") / "static", files("stances.present") / "static")
# Defence in depth: even a missed escape could not load or send anything off the site.
CSP = (
    "default-src 'self'; script-src 'none'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'none'; object-src 'none'; frame-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)


def environment() -> Environment:
    env = templating.environment("stances.site")
    env.globals["csp"] = CSP
    return env


def head_meta(page: Page, site_title: str, base_url: str | None) -> list[tuple[tuple[str, str], str]]:
    """Open Graph and Twitter tags; the ones that need an absolute URL only with a base URL."""
    title = f"{page.title} · {site_title}"
    tags = [
        (("property", "og:title"), title),
        (("property", "og:description"), page.description),
        (("property", "og:type"), "website"),
        (("property", "og:site_name"), site_title),
        (("name", "twitter:card"), "summary_large_image"),
        (("name", "twitter:title"), title),
        (("name", "twitter:description"), page.description),
    ]
    if base_url:
        image = absolute(base_url, page.image)
        tags += [
            (("property", "og:url"), absolute(base_url, page.path)),
            (("property", "og:image"), image),
            (("property", "og:image:width"), str(images.OG_SIZE[0])),
            (("property", "og:image:height"), str(images.OG_SIZE[1])),
            (("property", "og:image:alt"), title),
            (("name", "twitter:image"), image),
        ]
    return tags


class Renderer:
    def __init__(self, dataset: Dataset, base_url: str | None = None):
        self.dataset = dataset
        self.words: Words = views.words_for(dataset)
        self.meta = views.page_meta(dataset)
        self.base_url = base_url
        self.feed_titles = {spec.path: spec.title for spec in feeds.feed_specs(dataset)}

    def render(self, page: Page) -> str:
        up = "../" * page.path.count("/")
        href: Callable[[Target], str] = lambda target: site_href(target, up)  # noqa: E731
        page_feeds = [(path, self.feed_titles[path]) for path in ("feed.xml", *page.feeds)]
        return (
            environment()
            .get_template(page.template)
            .render(
                meta=self.meta,
                w=self.words,
                up=up,
                href=href,
                nav=[{"file": r.site_file, "title": r.title} for r in SITE_NAV],
                active=page.path,
                title=page.title,
                description=page.description,
                head_meta=[*head_meta(page, self.meta.site_title, self.base_url), *page.context.get("head_meta", ())],
                canonical=absolute(self.base_url, page.path) if self.base_url else None,
                feeds=page_feeds,
                citations=page.context.get("citations", ()),
                **{k: v for k, v in page.context.items() if k not in ("head_meta", "canonical", "citations")},
            )
        )


def og_image(kind: str, ident: str) -> str:
    return f"images/og/{kind}/{url_segment(ident)}.png"


def cell_image(issue_id: str, party_id: str, kind: str = "png") -> str:
    return f"images/cells/{url_segment(issue_id)}/{url_segment(party_id)}.{kind}"


# A card per cell is written as SVG; as PNG too up to this many cells (resvg takes about 70 ms a card, so the
# 1,200 cards of a 30 × 40 dataset would add 85 s to every build).
CARD_PNGS_UP_TO = 300


def index_page(dataset: Dataset, words: Words, base_url: str | None = None) -> Page:
    matrix = views.matrix(dataset, EVERYTHING)
    description = views.page_meta(dataset).description
    trust = views.trust_line(dataset)
    return cited_page(
        dataset, base_url, "index.html", "index.html", words("Overview"), description, matrix=matrix, trust=trust
    )


def issue_citations(dataset: Dataset, issue: Issue, base_url: str | None) -> list[CitationView]:
    page = issue_path(issue.id)
    cells = [
        cell_citation(dataset, p, issue.id, absolute(base_url, f"{page}#{url_segment(p)}")) for p in dataset.parties
    ]
    disputes = [
        disagreement_citation(dataset, d, absolute(base_url, f"disagreements.html#{url_segment(d.id)}"))
        for d in dataset.disagreements
        if d.issue == issue.id
    ]
    return cells + disputes


def issue_page(dataset: Dataset, words: Words, issue_id: str, base_url: str | None = None) -> Page:
    issue = dataset.issues[issue_id]
    state = EVERYTHING.with_(issues=(issue.id,))
    return Page(
        path=issue_path(issue.id),
        template="issue.html",
        title=issue.title,
        description=issue.question or issue.title,
        context={
            "issue": issue,
            "tier": words.tier(issue.tier) if dataset.has_tiers else "",
            "cells": views.cells(dataset, state),
            "disagreements": views.disagreements(dataset, state),
            "legends": views.legends(dataset, [issue]),
            "citations": issue_citations(dataset, issue, base_url),
        },
        image=og_image("issues", issue.id),
        feeds=(feeds.feed_path("issue", issue.id),),
    )


def party_page(dataset: Dataset, words: Words, party_id: str, base_url: str | None = None) -> Page:
    view = party_view(dataset, party_id)
    return Page(
        path=party_path(party_id),
        template="party.html",
        title=view.name,
        description=view.description or view.name,
        context={"view": view},
        image=og_image("parties", party_id),
        feeds=(feeds.feed_path("party", party_id),),
    )


def disagreements_page(dataset: Dataset, words: Words, base_url: str | None = None) -> Page:
    items = views.disagreements(dataset, EVERYTHING)
    groups: dict[str, list] = {}
    for d in items:
        groups.setdefault(d.issue_title, []).append(d)
    return Page(
        path="disagreements.html",
        template="disagreements.html",
        title=words("Disagreements"),
        description=words("What exactly is disputed, by whom, with each side’s own words and sources."),
        context={
            "groups": list(groups.items()),
            "citations": [
                disagreement_citation(dataset, d, absolute(base_url, f"disagreements.html#{url_segment(d.id)}"))
                for d in dataset.disagreements
            ],
        },
    )


def timeline_page(dataset: Dataset, words: Words, base_url: str | None = None) -> Page:
    timeline = views.timeline_view(dataset, EVERYTHING)
    # The chart opens on the dense period, as the app's does; the lists below hold every entry.
    start, end = timeline.start, timeline.end
    chart = Markup(svg.timeline_svg(timeline, words, start, end)) if timeline.marks else None
    return Page(
        path="timeline.html",
        template="timeline.html",
        title=words("Timeline"),
        description=words("Events and recorded positions over time."),
        context={
            "timeline": timeline,
            "chart": chart,
            "chart_caption": svg.timeline_caption(timeline, words, start, end),
            "window": words(
                "Showing {start} to {end}, where the record is dense.", start=words.day(start), end=words.day(end)
            )
            if start and end
            else "",
        },
    )


def sources_page(dataset: Dataset, words: Words, base_url: str | None = None) -> Page:
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
        path="sources.html",
        template="sources.html",
        title=words("Sources"),
        description=summary,
        context={"groups": groups, "summary": summary},
    )


def long_cited_sources(dataset: Dataset) -> list[str]:
    """The sources cited more often than their card on sources.html lists: each gets a page of its own."""
    return [r.line.id for r in views.source_records(dataset, list(dataset.sources.values())) if r.all_cited]


def source_page(dataset: Dataset, words: Words, source_id: str, base_url: str | None = None) -> Page:
    (record,) = views.source_records(dataset, [dataset.sources[source_id]], limit=None)
    return Page(
        path=source_path(source_id),
        template="source.html",
        title=record.line.outlet.label,
        description=words("Every record that cites this source."),
        context={"record": record},
    )


def changes_page(dataset: Dataset, words: Words, base_url: str | None = None) -> Page:
    """The default window; a long one shows its newest days here, and the feed holds every entry."""
    view = changes_view(dataset, EVERYTHING)
    newest = in_pages(view)[0]
    shown, total = len(newest.entries), len(view.entries)
    more = words("Showing the newest {shown} of {total}; the feed holds them all.", shown=shown, total=total)
    return Page(
        path="changes.html",
        template="changes.html",
        title=words("What changed"),
        description=view.heading + ". " + view.summary,
        context={"changes": newest, "more": more if shown < total else None},
    )


def about_page(dataset: Dataset, words: Words, base_url: str | None = None) -> Page:
    return Page(
        path="about.html",
        template="about.html",
        title=words("About & method"),
        description=words("How the record is kept, and what each stance means."),
        context={
            "method": [(words(h), words(t)) for h, t in METHOD],
            "terms": [(words(h), words(t)) for h, t in TERMS],
            "agreement": [words(p) for p in AGREEMENT_METHOD],
            "legends": views.legends(dataset, list(dataset.issues.values())),
            "corrections": views.corrections(dataset),
            "trust": views.trust_line(dataset),
            "replies": views.replies_by_party(dataset),
            "reply_intro": views.REPLY_INTRO,
            "citations": [dataset_citation(dataset, absolute(base_url, "index.html"))],
        },
    )


SITE_PAGES: dict[str, Callable[[Dataset, Words, str | None], Page]] = {
    "overview": index_page,
    "changes": changes_page,
    "disagreements": disagreements_page,
    "timeline": timeline_page,
    "sources": sources_page,
    "about": about_page,
    "movement": movement_page,
    "pair": pairs_index_page,
}
ENTITY_PAGES: dict[str, Callable[[Dataset, Words, Any, str | None], Page]] = {
    "issue": issue_page,
    "party": party_page,
    "source": source_page,
    "pair": pair_page,
}
ENTITIES: dict[str, Callable[[Dataset], Iterable[Any]]] = {
    "issue": lambda dataset: dataset.issues,
    "party": lambda dataset: dataset.parties,
    "source": long_cited_sources,
    "pair": site_pair_ids,
}


def pages(dataset: Dataset, base_url: str | None = None) -> list[Page]:
    """Every page of the route table that the site holds: each navigation page once, each entity page per entity."""
    words = views.words_for(dataset)
    out = []
    for route in ROUTES:
        if route.site_file:
            out.append(SITE_PAGES[route.key](dataset, words, base_url))
        if route.entity:
            build = ENTITY_PAGES[route.entity]
            out += [build(dataset, words, entity, base_url) for entity in ENTITIES[route.entity](dataset)]
    return out


def render_pages(dataset: Dataset, base_url: str | None = None) -> dict[str, str]:
    """Every page, by its path from the site root."""
    renderer = Renderer(dataset, base_url)
    out = {page.path: renderer.render(page) for page in pages(dataset, base_url)}
    if len(out.get("movement.html", "").encode("utf-8")) > chart_pages.PAGE_LIMIT:
        out.update({p.path: renderer.render(p) for p in split_movement_pages(dataset, renderer.words, base_url)})
    return out


def render_feeds(dataset: Dataset, base_url: str | None = None) -> dict[str, bytes]:
    """Every Atom feed, by its path; links are absolute under `base_url`, else relative to the feed itself."""
    out = {}
    for spec in feeds.feed_specs(dataset):
        up = "../" * spec.path.count("/")
        url = lambda path, up=up: absolute(base_url, path) if base_url else up + path  # noqa: E731
        href = lambda target, url=url: url(site_href(target))  # noqa: E731
        out[spec.path] = feeds.feed_xml(dataset, spec, url, href)
    return out


def render_images(dataset: Dataset, base_url: str | None = None, png: bool = True) -> dict[str, bytes]:
    """The matrix for articles (SVG and PNG, whole and per issue) and a 1200×630 preview image for every page.

    Without `png`, only the SVGs: PNG rendering is most of a build's time.
    """
    out: dict[str, bytes] = {}

    def matrix(state: ViewState, page: str, natural: str | None, og: str) -> None:
        view, link = views.matrix(dataset, state), absolute(base_url, page)
        if natural:
            svg_text = images.matrix_svg(dataset, view, link)
            out[f"{natural}.svg"] = svg_text.encode("utf-8")
            if png:
                out[f"{natural}.png"] = images.png(svg_text)
        if png:
            out[og] = images.png(images.matrix_svg(dataset, view, link, frame=images.OG_SIZE))

    matrix(EVERYTHING, "index.html", "images/matrix", "images/og/index.png")
    for issue in dataset.issues.values():
        page = issue_path(issue.id)
        matrix(
            EVERYTHING.with_(issues=(issue.id,)),
            page,
            f"images/issues/{url_segment(issue.id)}",
            og_image("issues", issue.id),
        )
        for c in views.cells(dataset, EVERYTHING.with_(issues=(issue.id,))):
            link = absolute(base_url, f"{page}#{url_segment(c.party_id)}")
            card = images.card_svg(dataset, c, link)
            out[cell_image(issue.id, c.party_id, "svg")] = card.encode("utf-8")
            if png and len(dataset.issues) * len(dataset.parties) <= CARD_PNGS_UP_TO:
                out[cell_image(issue.id, c.party_id)] = images.png(card)
    for party in dataset.parties.values():
        matrix(EVERYTHING.with_(parties=(party.id,)), party_path(party.id), None, og_image("parties", party.id))
    return out


def write_assets(outdir: Path) -> None:
    assets = outdir / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    for folder in STATIC:
        for item in folder.iterdir():
            (assets / item.name).write_bytes(item.read_bytes())


def _write(outdir: Path, files: dict[str, bytes]) -> None:
    """Files named by their URL path (ids percent-encoded), written under their real names."""
    for relative, data in files.items():
        path = outdir / unquote(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def build_site(dataset: Dataset, outdir: Path, base_url: str | None = None, with_images: bool = True) -> list[Path]:
    """Write the site into `outdir` (created if missing) and return the pages written.

    With `base_url` (where the site will be served), pages carry absolute canonical, Open Graph and Twitter URLs.
    Without `with_images`, the PNG images are not rendered (the pages, feeds and SVGs are the same).
    """
    outdir = Path(outdir)
    write_assets(outdir)
    written = []
    for relative, text in render_pages(dataset, base_url).items():
        path = outdir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    _write(outdir, analysis_files(dataset))
    _write(outdir, render_feeds(dataset, base_url))
    _write(outdir, render_images(dataset, base_url, png=with_images))
    return written
