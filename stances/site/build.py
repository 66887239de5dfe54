"""`stances site`: every view of the dataset as plain, self-contained HTML that opens offline.

All curated text passes through `esc` (html.escape); a link is made only from an http(s) URL (`safe_href`)
and carries rel="noopener noreferrer". Permalinks: `issues/<issue>.html#<party>`, `parties/<party>.html#<issue>`,
`disagreements.html#<id>`, `timeline.html#<event>`, `sources.html#<source>`.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..domain import queries
from ..domain.dataset import Dataset
from ..domain.model import (
    NO_PUBLIC_POSITION,
    UNCLEAR,
    Disagreement,
    Event,
    Issue,
    Party,
    PositionVersion,
    Quote,
    Source,
)
from ..domain.queries import Cell, TimelineEntry, cell, scale_index, sources, timeline, uncurated_gaps
from ..domain.view_state import ViewState
from ..present.dates import event_when, published_text, written
from ..present.text import count, plural, safe_href
from .templates_legacy import CSS, Frame, esc, layout

EVERYTHING = ViewState()
PLOTLY_JS = "assets/plotly.min.js"
# Okabe–Ito colours (see site_templates.CSS), spread from one pole of the scale to the other.
PALETTES = {
    2: ("blue", "orange"),
    3: ("blue", "purple", "orange"),
    4: ("blue", "green", "purple", "orange"),
}


@dataclass(frozen=True)
class Ctx:
    """The dataset and where the page sits: `up` is "" at the site root, "../" one folder down."""

    dataset: Dataset
    up: str = ""

    def href(self, path: str, anchor: str | None = None) -> str:
        return esc(self.up + path + (f"#{anchor}" if anchor else ""))

    def link(self, label: str, path: str, anchor: str | None = None) -> str:
        return f'<a href="{self.href(path, anchor)}">{esc(label)}</a>'

    def frame(self) -> Frame:
        info = self.dataset.info
        return Frame(info.title if info else "Positions", self.dataset.date_text, self.up)


def issue_path(issue_id: str) -> str:
    return f"issues/{issue_id}.html"


def party_path(party_id: str) -> str:
    return f"parties/{party_id}.html"


# --- small pieces ------------------------------------------------------------------------------------------------


def ext_link(label: str, url: str | None) -> str:
    """A link only for an http(s) URL; anything else (javascript:, data:, garbage) becomes the escaped label."""
    href = safe_href(url) if url else None
    if href is None:
        return esc(label)
    return f'<a class="ext" href="{esc(href)}" rel="noopener noreferrer">{esc(label)}</a>'


def permalink(anchor: str, what: str) -> str:
    return f'<a class="permalink" href="#{esc(anchor)}" title="Permalink to {esc(what)}">Permalink</a>'


def muted(text: str) -> str:
    return f'<p class="muted">{esc(text)}</p>'


def label(text: str) -> str:
    return f'<p class="label">{esc(text)}</p>'


def stance_colour(issue: Issue, stance: str) -> str:
    if stance == UNCLEAR:
        return "unclear"
    return queries.stance_colour(issue, stance, PALETTES) or "grey"


def stance_badge(dataset: Dataset, issue: Issue, stance: str, href: str | None = None) -> str:
    """The stance in words, its place on the scale, and (only as a repeat) its colour. `href` must be escaped."""
    index = scale_index(issue, stance)
    position = f' <span class="scale-pos">({index + 1}/{len(issue.scale)})</span>' if index is not None else ""
    tag, target = ("a", f' href="{href}"') if href else ("span", "")
    meaning = esc(dataset.stance_meaning(issue.id, stance))
    return (
        f'<{tag} class="stance s-{stance_colour(issue, stance)}"{target} title="{meaning}">'
        f'<span class="stance-label">{esc(dataset.stance_label(issue.id, stance))}</span>{position}</{tag}>'
    )


def legend(dataset: Dataset, issue: Issue) -> str:
    stances = [level.id for level in issue.scale] + [NO_PUBLIC_POSITION, UNCLEAR]
    rows = (
        f"<dt>{stance_badge(dataset, issue, s)}</dt><dd>{esc(dataset.stance_meaning(issue.id, s))}</dd>"
        for s in stances
    )
    return f'<dl class="legend">{"".join(rows)}</dl>'


def source_line(ctx: Ctx, source: Source) -> str:
    """Outlet (linked), title, date, primary/secondary, relay chain, archive, and the source's own record."""
    parts = [ext_link(source.outlet, source.url)]
    if source.title:
        parts.append(f"<cite>{esc(source.title)}</cite>")
    parts.append(esc(published_text(source)))
    parts.append(f'<span class="kind kind-{esc(source.kind)}">{esc(source.kind)}</span>')
    if source.via:
        parts.append("via " + " → ".join(esc(relay.outlet) for relay in source.via))
    if source.archive_url:
        parts.append(ext_link("archived copy", source.archive_url))
    parts.append(f'<a class="record" href="{ctx.href("sources.html", source.id)}">source record</a>')
    return " · ".join(parts)


def source_list(ctx: Ctx, source_ids: Iterable[str]) -> str:
    items = "".join(f"<li>{source_line(ctx, ctx.dataset.sources[s])}</li>" for s in source_ids)
    return f'<ul class="sources">{items}</ul>'


def speaker_name(dataset: Dataset, speaker_id: str) -> str:
    speaker = dataset.speakers.get(speaker_id)
    if speaker is None:
        return speaker_id
    return speaker.name + (f", {speaker.role}" if speaker.role else "")


# --- one party on one issue: the same rendering on issue and party pages -----------------------------------------


def quote_html(dataset: Dataset, quote: Quote) -> str:
    source = dataset.sources[quote.source]
    where = f"{ext_link(source.outlet, source.url)}, {esc(published_text(source))}"
    if quote.direct and quote.speaker:
        by, kind = f"— {esc(speaker_name(dataset, quote.speaker))} · quoted in {where}", "quote"
    else:
        by, kind = f'<span class="reported-flag">Reporting, not the party’s own words:</span> {where}', "quote reported"
    return blockquote(quote.text, by, quote.note, kind)


def blockquote(text: str, footer: str, note: str | None, kind: str) -> str:
    """Verbatim words in `.quote-text`; `footer` is escaped HTML saying whose words they are."""
    extra = f'<p class="note">Note: {esc(note)}</p>' if note else ""
    return (
        f'<blockquote class="{kind}"><p class="quote-text">{esc(text)}</p><footer>{footer}</footer>{extra}</blockquote>'
    )


def version_meta(version: PositionVersion) -> str:
    if version.stance == NO_PUBLIC_POSITION:
        pairs = [("Recorded", version.as_of.isoformat())]
    else:
        pairs = [
            ("As of", version.as_of.isoformat()),
            ("Basis", version.basis or "not recorded"),
            ("Claim type", (version.claim_type or "not recorded").replace("_", " ")),
            ("Binding", version.binding or "not recorded"),
        ]
    return '<dl class="meta">' + "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in pairs) + "</dl>"


def version_body(ctx: Ctx, issue: Issue, version: PositionVersion) -> str:
    dataset = ctx.dataset
    parts = [stance_badge(dataset, issue, version.stance)]
    if version.change:
        parts.append(f'<p class="change">What changed in this version: {esc(version.change)}</p>')
    parts += [label("Curator’s summary"), f'<p class="summary">{esc(version.summary)}</p>']
    if version.gap:
        parts.append(f'<p class="gap">What was searched: {esc(version.gap)}</p>')
    if version.quotes:
        parts.append(label("In their words" if any(q.direct for q in version.quotes) else "As reported"))
        parts.extend(quote_html(dataset, q) for q in version.quotes)
    parts.append(version_meta(version))
    if version.sources:
        parts.append(label("Sources") + source_list(ctx, version.sources))
    return "".join(parts)


def history_html(ctx: Ctx, issue: Issue, earlier: tuple[PositionVersion, ...]) -> str:
    if not earlier:
        return ""
    items = []
    for old in earlier:
        links = " · ".join(ext_link(ctx.dataset.sources[s].outlet, ctx.dataset.sources[s].url) for s in old.sources)
        change = f'<p class="change">What changed then: {esc(old.change)}</p>' if old.change else ""
        items.append(
            f"<li><p><time>{old.as_of.isoformat()}</time> {stance_badge(ctx.dataset, issue, old.stance)}</p>"
            f'<p class="summary">{esc(old.summary)}</p>{change}<p class="meta-line">{links}</p></li>'
        )
    summary = f"History: {count(len(earlier), 'earlier version')}"
    return f'<details class="history"><summary>{summary}</summary><ol>{"".join(items)}</ol></details>'


def position_cell(ctx: Ctx, c: Cell, heading: str, anchor: str) -> str:
    """One party × issue cell. `heading` is escaped HTML; `anchor` is the element id readers link to."""
    if c.current is None:
        body = stance_badge(ctx.dataset, c.issue, NO_PUBLIC_POSITION) + muted("No position is recorded.")
    else:
        body = version_body(ctx, c.issue, c.current)
    return (
        f'<article class="cell" id="{esc(anchor)}" data-party="{esc(c.party.id)}" data-issue="{esc(c.issue.id)}">'
        f'<div class="cell-head"><h3 class="cell-title">{heading}</h3>{permalink(anchor, "this position")}</div>'
        f"{body}{history_html(ctx, c.issue, c.earlier)}</article>"
    )


def disagreement_list(ctx: Ctx, items: list[Disagreement]) -> str:
    rows = []
    for d in items:
        names = " vs ".join(esc(ctx.dataset.parties[p].name) for p in d.parties)
        link = f'<a href="{ctx.href("disagreements.html", d.id)}">sources on each side</a>'
        rows.append(f"<li><strong>{names}</strong>: {esc(d.crux)} ({link})</li>")
    return f'<ul class="plain-list">{"".join(rows)}</ul>'


# --- pages -------------------------------------------------------------------------------------------------------


def counts_html(dataset: Dataset) -> str:
    items = "".join(
        f"<li><strong>{n}</strong><span>{esc(plural(noun).capitalize())}</span></li>"
        for noun, n in dataset.counts.items()
    )
    return f'<ul class="counts">{items}</ul>'


def matrix_cell(ctx: Ctx, issue: Issue, party: Party) -> str:
    c = cell(ctx.dataset, party, issue, None)
    versions = len(c.earlier) + (1 if c.current else 0)
    badge = stance_badge(ctx.dataset, issue, c.stance, href=ctx.href(issue_path(issue.id), party.id))
    return f'<td>{badge}<span class="versions">{count(versions, "version")}</span></td>'


def index_page(dataset: Dataset) -> str:
    ctx = Ctx(dataset)
    parties = list(dataset.parties.values())
    head = "".join(f'<th scope="col">{ctx.link(p.name, party_path(p.id))}</th>' for p in parties)
    rows = "".join(
        f'<tr><th scope="row">{ctx.link(issue.title, issue_path(issue.id))}<span class="tier">{esc(issue.tier)}</span>'
        f'<p class="muted">{esc(issue.question)}</p></th>'
        + "".join(matrix_cell(ctx, issue, p) for p in parties)
        + "</tr>"
        for issue in dataset.issues.values()
    )
    description = f'<p class="lead">{esc(dataset.info.description)}</p>' if dataset.info else ""
    body = (
        f"<h1>Overview</h1>{description}{counts_html(dataset)}"
        f'<p class="muted">Dataset date: latest source published {esc(dataset.date_text)}. Each cell is the '
        "party’s latest recorded position. Stances are written out in words; colour only repeats them. Open a "
        "cell for the curator’s summary, the party’s own words, the sources and the history.</p>"
        f'<div class="table-scroll"><table class="matrix"><thead><tr><th scope="col">Issue</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )
    return layout(ctx.frame(), "Overview", body, active="index.html")


def issue_page(dataset: Dataset, issue: Issue) -> str:
    ctx = Ctx(dataset, "../")
    cells_ = "".join(
        position_cell(ctx, cell(dataset, p, issue, None), ctx.link(p.name, party_path(p.id)), p.id)
        for p in dataset.parties.values()
    )
    related = [d for d in dataset.disagreements if d.issue == issue.id]
    description = f"<p>{esc(issue.description)}</p>" if issue.description else ""
    body = (
        f'<p class="breadcrumb">{ctx.link("Overview", "index.html")} › Issue</p>'
        f'<h1>{esc(issue.title)}<span class="tier">{esc(issue.tier)} issue</span></h1>'
        f'<p class="lead">{esc(issue.question)}</p>{description}'
        f"<h2>What the stances mean</h2>{legend(dataset, issue)}"
        f'<h2>The parties side by side</h2><div class="grid">{cells_}</div>'
        "<h2>Where they disagree</h2>"
        + (disagreement_list(ctx, related) if related else muted("No curated disagreement on this issue."))
    )
    return layout(ctx.frame(), issue.title, body)


def party_page(dataset: Dataset, party: Party) -> str:
    ctx = Ctx(dataset, "../")
    cells_ = "".join(
        position_cell(ctx, cell(dataset, party, i, None), ctx.link(i.title, issue_path(i.id)), i.id)
        for i in dataset.issues.values()
    )
    aka = f"<p>Also known as: {esc(', '.join(party.also_known_as))}</p>" if party.also_known_as else ""
    description = f'<p class="lead">{esc(party.description)}</p>' if party.description else ""
    speakers = "".join(
        f"<li>{esc(speaker_name(dataset, s.id))}" + (f" — {esc(s.note)}" if s.note else "") + "</li>"
        for s in party.speakers
    )
    body = (
        f'<p class="breadcrumb">{ctx.link("Overview", "index.html")} › Party</p>'
        f'<h1>{esc(party.name)}<span class="tier">{esc(party.kind)}</span></h1>{description}{aka}'
        + (f'<h2>Speakers quoted</h2><ul class="plain-list">{speakers}</ul>' if speakers else "")
        + f'<h2>On every issue</h2><div class="grid">{cells_}</div>'
    )
    return layout(ctx.frame(), party.name, body)


def disagreement_card(ctx: Ctx, d: Disagreement) -> str:
    names = " vs ".join(esc(ctx.dataset.parties[p].name) for p in d.parties)
    note = f'<p class="note">{esc(d.note)}</p>' if d.note else ""
    sides = "".join(
        f'<div class="side"><h3>{ctx.link(ctx.dataset.parties[s.party].name, party_path(s.party))}</h3>'
        f"<p>{esc(s.claim)}</p>{source_list(ctx, s.sources)}</div>"
        for s in d.sides
    )
    issue = ctx.dataset.issues[d.issue]
    return (
        f'<article class="card" id="{esc(d.id)}"><div class="cell-head"><h3>{names}</h3>'
        f"{permalink(d.id, 'this disagreement')}</div>"
        f'<p class="crux"><strong>Crux:</strong> {esc(d.crux)}</p>{note}'
        f'<p class="meta-line">Issue: {ctx.link(issue.title, issue_path(issue.id))}</p><div class="sides">{sides}</div>'
        "</article>"
    )


def gaps_html(ctx: Ctx) -> str:
    gaps = uncurated_gaps(ctx.dataset, EVERYTHING)
    if not gaps:
        return muted("Every far-apart pair has a curated note.")
    items = "".join(
        f"<li><strong>{esc(g.issue.title)}:</strong> {esc(g.a.name)} "
        f"{stance_badge(ctx.dataset, g.issue, g.stance_a, ctx.href(issue_path(g.issue.id), g.a.id))} and "
        f"{esc(g.b.name)} {stance_badge(ctx.dataset, g.issue, g.stance_b, ctx.href(issue_path(g.issue.id), g.b.id))}"
        "</li>"
        for g in gaps
    )
    return f'<ul class="plain-list stack">{items}</ul>'


def disagreements_page(dataset: Dataset) -> str:
    ctx = Ctx(dataset)
    sections = []
    for issue_id in dict.fromkeys(d.issue for d in dataset.disagreements):
        cards = "".join(disagreement_card(ctx, d) for d in dataset.disagreements if d.issue == issue_id)
        sections.append(f'<h2>{esc(dataset.issues[issue_id].title)}</h2><div class="stack">{cards}</div>')
    body = (
        "<h1>Disagreements</h1>"
        '<p class="lead">What exactly is disputed, by whom, with the sources on each side.</p>'
        + ("".join(sections) or muted("No curated disagreement."))
        + "<h2>Far apart, not yet written up</h2>"
        '<p class="muted">Pairs of parties at opposite ends of an issue’s scale with no curated disagreement note. '
        "No public position is never counted as disagreement.</p>" + gaps_html(ctx)
    )
    return layout(ctx.frame(), "Disagreements", body, active="disagreements.html")


# --- timeline ----------------------------------------------------------------------------------------------------


def chart_html(dataset: Dataset, entries: list[TimelineEntry]) -> str:
    from ..present.figures import timeline_figure

    figure = timeline_figure(dataset, entries)
    div = figure.to_html(
        full_html=False, include_plotlyjs=False, div_id="timeline-chart", config={"displaylogo": False}
    )
    return f'<div class="timeline-chart">{div}</div>'


def sources_inline(ctx: Ctx, source_ids: Iterable[str]) -> str:
    return "; ".join(source_line(ctx, ctx.dataset.sources[s]) for s in source_ids)


def dates_and_accounts(ctx: Ctx, event: Event) -> str:
    """Each date outlets give and each account of what happened, with the sources behind it."""
    items = [
        f"<li><time>{written(d.date, event.date_kind)}</time>{f' ({esc(d.label)})' if d.label else ''}: "
        f"{sources_inline(ctx, d.sources)}</li>"
        for d in event.dates
    ]
    items += [f"<li>Account: {esc(a.claim)} — {sources_inline(ctx, a.sources)}</li>" for a in event.accounts]
    return f'<ul class="plain-list">{"".join(items)}</ul>' if items else ""


def event_card(ctx: Ctx, event: Event) -> str:
    dataset = ctx.dataset
    flags = '<span class="flag">Dates conflict</span>' if event.date_kind == "conflict" else ""
    date_note = f'<p class="date-note">Date: {esc(event.date_note)}</p>' if event.date_note else ""
    description = f"<p>{esc(event.description)}</p>" if event.description else ""
    who = [ctx.link(dataset.parties[p].name, party_path(p)) for p in event.parties if p in dataset.parties]
    what = [ctx.link(dataset.issues[i].title, issue_path(i)) for i in event.issues if i in dataset.issues]
    return (
        f'<article class="card" id="{esc(event.id)}"><div class="cell-head"><h3><time>{esc(event_when(event))}</time> '
        f"{flags} {esc(event.title)}</h3>{permalink(event.id, 'this event')}</div>{description}{date_note}"
        + dates_and_accounts(ctx, event)
        + (f'<p class="meta-line">Parties: {", ".join(who)}</p>' if who else "")
        + (f'<p class="meta-line">Issues: {", ".join(what)}</p>' if what else "")
        + label("Sources")
        + source_list(ctx, event.sources)
        + "</article>"
    )


def position_entry(ctx: Ctx, entry: TimelineEntry) -> str:
    assert entry.cell is not None
    c = entry.cell
    change = f' <span class="muted">What changed: {esc(c.version.change)}</span>' if c.version.change else ""
    return (
        f"<li><time>{entry.date.isoformat()}</time> · "
        f'<a href="{ctx.href(issue_path(c.issue), c.party)}">{esc(entry.title)}</a>{change}</li>'
    )


def timeline_page(dataset: Dataset) -> str:
    ctx = Ctx(dataset)
    entries = timeline(dataset, EVERYTHING)
    events = list({e.event.id: e.event for e in entries if e.event is not None}.values())
    positions = [e for e in entries if e.cell is not None]
    body = (
        "<h1>Timeline</h1>"
        '<p class="lead">Events and recorded positions over time. Where outlets disagree on a date, both dates are '
        "shown, each with its sources.</p>"
        + (chart_html(dataset, entries) if entries else muted("Nothing dated in the dataset."))
        + '<h2>Events</h2><div class="stack">'
        + ("".join(event_card(ctx, e) for e in events) or muted("No events."))
        + '</div><h2>Positions recorded</h2><ol class="positions-list">'
        + "".join(position_entry(ctx, e) for e in positions)
        + "</ol>"
    )
    return layout(ctx.frame(), "Timeline", body, active="timeline.html", scripts=(PLOTLY_JS,) if entries else ())


# --- sources -----------------------------------------------------------------------------------------------------


def cited_by(ctx: Ctx) -> dict[str, list[str]]:
    """For each source id, links to the positions, disagreements and events that cite it."""
    dataset, out = ctx.dataset, {}
    for source_id, versions in dataset.citations.items():
        out[source_id] = [
            ctx.link(
                f"{dataset.parties[c.party].name} / {dataset.issues[c.issue].title} ({c.version.as_of.isoformat()})",
                issue_path(c.issue),
                c.party,
            )
            for c in versions
        ]
    for d in dataset.disagreements:
        for s in dict.fromkeys(s for side in d.sides for s in side.sources):
            out.setdefault(s, []).append(ctx.link(f"Disagreement: {d.crux}", "disagreements.html", d.id))
    for e in dataset.events:
        refs = [*e.sources, *(s for d in e.dates for s in d.sources), *(s for a in e.accounts for s in a.sources)]
        for s in dict.fromkeys(refs):
            out.setdefault(s, []).append(ctx.link(f"Event: {e.title}", "timeline.html", e.id))
    return out


def relay_html(ctx: Ctx, source: Source) -> str:
    items = []
    for relay in source.via:
        target = f" (source record {ctx.link(relay.source, 'sources.html', relay.source)})" if relay.source else ""
        note = f": {esc(relay.note)}" if relay.note else ""
        items.append(f"<li>Relays {ext_link(relay.outlet, relay.url)}{target}{note}</li>")
    return label("Relay chain") + f'<ul class="plain-list">{"".join(items)}</ul>' if items else ""


def excerpt_html(source: Source) -> str:
    blocks = []
    for excerpt in source.excerpts:
        who = f"— {esc(excerpt.speaker)}" if excerpt.speaker else "— the outlet’s narration"
        kind = "quote" if excerpt.direct else "quote reported"
        flag = "" if excerpt.direct else '<span class="reported-flag">Reporting:</span> '
        blocks.append(blockquote(excerpt.text, flag + who, excerpt.note, kind))
    return label("Excerpts") + "".join(blocks) if blocks else ""


def source_card(ctx: Ctx, source: Source, citing: list[str]) -> str:
    accessed = source.accessed.isoformat() if isinstance(source.accessed, date) else "unknown"
    archive = f" · {ext_link('archived copy', source.archive_url)}" if source.archive_url else ""
    date_note = f'<p class="date-note">Date: {esc(source.date_note)}</p>' if source.date_note else ""
    title = f"<p><cite>{esc(source.title)}</cite></p>" if source.title else ""
    cites = (
        label("Cited by") + f'<ul class="plain-list">{"".join(f"<li>{c}</li>" for c in citing)}</ul>'
        if citing
        else muted("Not cited by any position, disagreement or event.")
    )
    return (
        f'<article class="card" id="{esc(source.id)}"><div class="cell-head"><h3>{ext_link(source.outlet, source.url)}'
        f"</h3>{permalink(source.id, 'this source')}</div>{title}"
        f'<p class="meta-line">Published {esc(published_text(source))} · accessed {esc(accessed)} · '
        f'<span class="kind kind-{esc(source.kind)}">{esc(source.kind)}</span> · id <code>{esc(source.id)}</code>'
        f'{archive}</p><p><code class="url">{esc(source.url)}</code></p>{date_note}'
        f"{relay_html(ctx, source)}{excerpt_html(source)}{cites}</article>"
    )


def sources_page(dataset: Dataset) -> str:
    ctx = Ctx(dataset)
    shown, citing = sources(dataset, EVERYTHING), cited_by(ctx)
    sections = []
    for kind, heading, blurb in (
        ("primary", "Primary sources", "The party’s own documents, posts and statements."),
        ("secondary", "Secondary sources", "Reporting about the parties; a relay chain shows whom it relays."),
    ):
        group = [s for s in shown if s.kind == kind]
        cards = "".join(source_card(ctx, s, citing.get(s.id, [])) for s in group)
        sections.append(
            f'<h2>{heading} ({len(group)})</h2>{muted(blurb)}<div class="stack">{cards or muted("None.")}</div>'
        )
    primary = sum(1 for s in shown if s.kind == "primary")
    body = (
        "<h1>Sources</h1>"
        f'<p class="lead">{count(len(shown), "source")} cited: {primary} primary, {len(shown) - primary} secondary. '
        "Oldest first; undated sources last.</p>" + "".join(sections)
    )
    return layout(ctx.frame(), "Sources", body, active="sources.html")


# --- about -------------------------------------------------------------------------------------------------------

METHOD = (
    "<strong>Their words apart from ours.</strong> Each cell shows the curator’s one-sentence summary, labelled as "
    "such, and separately the party’s own words, quoted verbatim from the cited source with the speaker named.",
    "<strong>Every claim carries its sources</strong>: outlet, title, publication date (or “date unknown”), link, "
    "whether it is primary (the party’s own document) or secondary (reporting), and the chain when one outlet "
    "relays another.",
    "<strong>Basis</strong> says whether a position rests on the party’s own words (direct) or on reporting "
    "(reported). <strong>Claim type</strong> says what it is: statement, policy, contract term, action or report. "
    "<strong>Binding</strong> says whether it commits the party (yes, no or unknown).",
    "<strong>No public position found</strong> is a state of its own. It means no source here records a position; "
    "it is never read as opposition.",
    "<strong>History.</strong> A position has dated versions; earlier versions stay visible with what changed.",
    "<strong>Conflicts are kept.</strong> Where outlets give different dates or accounts, both are shown with their "
    "sources.",
    "<strong>Checked like code.</strong> Every file is validated against a schema, with cross-file checks, before "
    "this site is generated.",
)


def about_page(dataset: Dataset) -> str:
    ctx, info = Ctx(dataset), dataset.info
    stances = "".join(
        f"<h3>{ctx.link(i.title, issue_path(i.id))}</h3><p><em>{esc(i.question)}</em> ({esc(i.tier)} issue)</p>"
        + (f'<p class="muted">{esc(i.description)}</p>' if i.description else "")
        + legend(dataset, i)
        for i in dataset.issues.values()
    )
    credits = [f"Curator: {esc(info.curator)}"] if info and info.curator else []
    credits += [f"Licence: {esc(info.license)}"] if info and info.license else []
    body = (
        "<h1>About &amp; method</h1>"
        + (f'<p class="lead">{esc(info.description)}</p>' if info else "")
        + f"<p><strong>Dataset date:</strong> latest source published {esc(dataset.date_text)}.</p>"
        + counts_html(dataset)
        + "".join(f"<p>{c}</p>" for c in credits)
        + '<h2>Method</h2><ul class="plain-list stack">'
        + "".join(f"<li>{m}</li>" for m in METHOD)
        + f"</ul><h2>What the stances mean</h2>{stances}"
        + '<h2 id="corrections">Report a correction</h2>'
        + f"<p>{esc(info.corrections) if info else 'Contact the curators.'}</p>"
    )
    return layout(ctx.frame(), "About & method", body, active="about.html")


# --- the whole site ----------------------------------------------------------------------------------------------


def plotly_js() -> Path:
    import plotly

    return Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


def write_assets(outdir: Path) -> None:
    assets = outdir / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    (assets / "site.css").write_text(CSS.lstrip(), encoding="utf-8")
    shutil.copyfile(plotly_js(), outdir / PLOTLY_JS)


def render_pages(dataset: Dataset) -> dict[str, str]:
    """Every page, by its path from the site root."""
    pages = {
        "index.html": index_page(dataset),
        "disagreements.html": disagreements_page(dataset),
        "timeline.html": timeline_page(dataset),
        "sources.html": sources_page(dataset),
        "about.html": about_page(dataset),
    }
    pages.update({issue_path(i.id): issue_page(dataset, i) for i in dataset.issues.values()})
    pages.update({party_path(p.id): party_page(dataset, p) for p in dataset.parties.values()})
    return pages


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
