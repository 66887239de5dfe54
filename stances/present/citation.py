"""'Cite this': a plain-text and a BibTeX citation of the dataset, a cell, a disagreement or any view.

Each skin passes the permalink of the view in its own form (a site URL or an app URL); everything else comes
from the dataset: publisher, title, the dataset's date, and the day it was accessed (`clock.today()`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..domain.clock import today
from ..domain.dataset import Dataset
from ..domain.model import Disagreement
from ..domain.view_state import ViewState
from .facts import dataset_date
from .views import words_for

BIBTEX_SPECIAL = re.compile(r"([\\{}%&#_$^~])")


@dataclass(frozen=True)
class CitationView:
    subject: str | None  # what is cited within the dataset; None for the dataset as a whole
    text: str
    bibtex: str


def bibtex_value(text: str) -> str:
    """Data text made inert inside a BibTeX field: every character BibTeX or LaTeX would read is escaped."""
    return BIBTEX_SPECIAL.sub(lambda m: "\\" + m.group(1) if m.group(1) not in "\\^~" else " ", text)


def _key(*parts: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(parts).lower()).strip("-")
    return slug[:60] or "dataset"


def citation(dataset: Dataset, subject: str | None, url: str, accessed: date | None = None) -> CitationView:
    words = words_for(dataset)
    info = dataset.info
    title = info.title if info else words("Positions")
    publisher = (info.publisher or info.curator) if info else None
    day = accessed or today()
    date_text = dataset_date(words, dataset)
    whole = f"{subject}. {title}" if subject else title
    lead = f"{publisher.rstrip('.')}. " if publisher else ""
    text = words(
        "{lead}{whole}. Dataset version of {date}. {url} (accessed {accessed}).",
        lead=lead,
        whole=whole,
        date=date_text,
        url=url,
        accessed=words.day(day),
    )
    fields = [
        ("author", "{" + bibtex_value(publisher) + "}" if publisher else None),
        ("title", bibtex_value(whole)),
        ("year", str(dataset.dataset_date.year) if dataset.dataset_date else None),
        ("howpublished", "\\url{" + url.replace("}", "%7D").replace("{", "%7B") + "}"),
        ("note", bibtex_value(words("Dataset version of {date}; accessed {accessed}", date=date_text, accessed=day))),
        ("urldate", day.isoformat()),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    key = _key(title, subject or "", dataset.dataset_date.isoformat() if dataset.dataset_date else "")
    return CitationView(subject, text, f"@misc{{{key},\n{body}\n}}")


def dataset_citation(dataset: Dataset, url: str) -> CitationView:
    return citation(dataset, None, url)


def cell_subject(dataset: Dataset, party: str, issue: str) -> str:
    words = words_for(dataset)
    return words("{party} on {issue}", party=dataset.parties[party].name, issue=dataset.issues[issue].title)


def cell_citation(dataset: Dataset, party: str, issue: str, url: str) -> CitationView:
    return citation(dataset, cell_subject(dataset, party, issue), url)


def disagreement_citation(dataset: Dataset, d: Disagreement, url: str) -> CitationView:
    words = words_for(dataset)
    names = words(" vs ").join(dataset.parties[p].name for p in d.parties)
    subject = words("Disagreement: {names} on {issue}", names=names, issue=dataset.issues[d.issue].title)
    return citation(dataset, subject, url)


def view_citation(dataset: Dataset, state: ViewState, page_title: str | None, url: str) -> CitationView:
    """A citation of whatever the view shows: one cell, or the page's title, or the dataset as a whole."""
    if len(state.issues) == 1 and len(state.parties) == 1:
        return cell_citation(dataset, state.parties[0], state.issues[0], url)
    return citation(dataset, page_title, url)
