"""Atom feeds of what changed (RFC 4287), written with `feedgen`: the whole record, one per party, one per issue.

One entry per position version, event, dated source and correction, newest first. Entry ids are URNs made of the
dataset's title and the change's own key (`urn:stances:<dataset>:version:<party>:<issue>:<as_of>`), so they stay
the same from build to build; `updated` is the change's own date, never the build time. feedgen escapes all text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import quote

from feedgen.feed import FeedGenerator

from ..domain.dataset import Dataset
from ..domain.ids import url_segment
from ..domain.view_state import ViewState
from ..present import views
from ..present.changes import ChangeEntry, change_entries
from ..present.facts import attribution_line
from ..present.views import Target

EPOCH = date(2000, 1, 1)


@dataclass(frozen=True)
class FeedSpec:
    path: str  # from the site root
    title: str
    state: ViewState


def feed_path(kind: str, ident: str) -> str:
    return f"feeds/{kind}-{url_segment(ident)}.xml"


def feed_specs(dataset: Dataset) -> list[FeedSpec]:
    words = views.words_for(dataset)
    title = views.page_meta(dataset).site_title
    specs = [FeedSpec("feed.xml", words("{title}: what changed", title=title), ViewState())]
    specs += [
        FeedSpec(
            feed_path("party", p.id), words("{title}: {name}", title=title, name=p.name), ViewState(parties=(p.id,))
        )
        for p in dataset.parties.values()
    ]
    specs += [
        FeedSpec(
            feed_path("issue", i.id), words("{title}: {name}", title=title, name=i.title), ViewState(issues=(i.id,))
        )
        for i in dataset.issues.values()
    ]
    return specs


def dataset_slug(dataset: Dataset) -> str:
    title = dataset.info.title if dataset.info else "positions"
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "positions"


def entry_id(dataset: Dataset, entry: ChangeEntry) -> str:
    return f"urn:stances:{dataset_slug(dataset)}:{quote(entry.key, safe=':')}"


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def entry_text(entry: ChangeEntry) -> str:
    parts = []
    if entry.after:
        parts.append(f"{entry.before.text} → {entry.after.text}" if entry.before else entry.after.text)
    if entry.note:
        parts.append(entry.note)
    parts += [f"“{q.text}” {attribution_line(q)}" for q in entry.quotes]
    parts += [f"{s.outlet.label}{f': {s.title}' if s.title else ''} ({s.published})" for s in entry.sources]
    return "\n".join(parts)


def feed_xml(dataset: Dataset, spec: FeedSpec, url: Callable[[str], str], href: Callable[[Target], str]) -> bytes:
    """One feed. `url(path)` makes a site path into the link written; `href(target)` a view-model target."""
    meta = views.page_meta(dataset)
    entries = change_entries(dataset, spec.state, None, None)
    fg = FeedGenerator()
    fg.id(f"urn:stances:{dataset_slug(dataset)}:feed:{quote(spec.path, safe='/')}")
    fg.title(spec.title)
    fg.subtitle(meta.description or spec.title)
    fg.author({"name": meta.publisher or meta.site_title})
    fg.link(href=url(spec.path), rel="self", type="application/atom+xml")
    fg.link(href=url("changes.html"), rel="alternate", type="text/html")
    fg.language(meta.language)
    if meta.license:
        fg.rights(meta.license)
    fg.updated(_moment(max((e.day for e in entries), default=EPOCH)))
    for entry in entries:
        fe = fg.add_entry(order="append")
        fe.id(entry_id(dataset, entry))
        fe.title(f"{entry.when}: {entry.title}")
        fe.updated(_moment(entry.day))
        fe.link(href=href(entry.target), rel="alternate", type="text/html")
        fe.summary(entry_text(entry) or entry.title)
    return fg.atom_str(pretty=True)
