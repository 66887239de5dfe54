"""'Cite this': a plain-text and a BibTeX citation of the dataset, a cell, a disagreement or any view.

Each skin passes the permalink of the view in its own form (a site URL or an app URL); everything else comes
from the dataset: publisher, title, the dataset's date, and the day it was accessed (`clock.today()`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from ..domain.clock import today
from ..domain.dataset import Dataset
from ..domain.model import Disagreement
from ..domain.view_state import ViewState
from .facts import dataset_date
from .views import words_for

# Each character BibTeX or LaTeX would read, as a command that holds no unbalanced brace: BibTeX counts every brace,
# escaped or not, so `\{` alone would end (or open) a field. `@` is braced so no tool reads it as a new entry.
BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "@": "{@}",
}
SPECIAL = re.compile("[" + re.escape("".join(BIBTEX_SPECIAL)) + "]")
BREAKS = re.compile(r"\s+")
# In a URL, the characters that could end the field, start a comment, or read as a command, percent-encoded.
URL_SPECIAL = {"{": "%7B", "}": "%7D", "\\": "%5C", "@": "%40"}


@dataclass(frozen=True)
class CitationView:
    subject: str | None  # what is cited within the dataset; None for the dataset as a whole
    text: str
    bibtex: str


def bibtex_value(text: str) -> str:
    """Data text made inert inside a BibTeX field: every character BibTeX or LaTeX would read is replaced by a
    command that prints it, every brace stays balanced, and line breaks become spaces (one entry, one line a field)."""
    return SPECIAL.sub(lambda m: BIBTEX_SPECIAL[m.group()], BREAKS.sub(" ", text).strip())


def bibtex_url(url: str) -> str:
    """A URL inside `\\url{...}`: the characters that could close the field or start a comment, percent-encoded;
    a `%` already part of an escape (`%20`) is kept."""
    kept = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", url)
    return "".join(URL_SPECIAL.get(ch, ch) if ch != "%" else ch for ch in BREAKS.sub("", kept))


def _key(*parts: str) -> str:
    """A readable key that stays distinct when two citations share a long start (many cells under one title)."""
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(parts).lower()).strip("-")[:50].strip("-")
    digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:8]
    return f"{slug or 'dataset'}-{digest}"


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
        ("howpublished", "\\url{" + bibtex_url(url) + "}"),
        ("note", bibtex_value(words("Dataset version of {date}; accessed {accessed}", date=date_text, accessed=day))),
        ("urldate", day.isoformat()),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    key = _key(title, subject or "", dataset.dataset_date.isoformat() if dataset.dataset_date else "")
    return CitationView(subject=subject, text=text, bibtex=f"@misc{{{key},\n{body}\n}}")


def dataset_citation(dataset: Dataset, url: str) -> CitationView:
    return citation(dataset, None, url)


def cell_subject(dataset: Dataset, party: str, issue: str) -> str:
    words = words_for(dataset)
    return words("{party} on {issue}", party=dataset.parties[party].name, issue=dataset.issues[issue].title)


def cell_citation(dataset: Dataset, party: str, issue: str, url: str) -> CitationView:
    return citation(dataset, cell_subject(dataset, party, issue), url)


def disagreement_citation(dataset: Dataset, d: Disagreement, url: str) -> CitationView:
    words = words_for(dataset)
    names = d.title or words(" vs ").join(dataset.parties[p].name for p in d.parties)
    subject = words("Disagreement: {names} on {issue}", names=names, issue=dataset.issues[d.issue].title)
    return citation(dataset, subject, url)


def view_citation(dataset: Dataset, state: ViewState, page_title: str | None, url: str) -> CitationView:
    """A citation of whatever the view shows: one cell, or the page's title, or the dataset as a whole."""
    if len(state.issues) == 1 and len(state.parties) == 1:
        return cell_citation(dataset, state.parties[0], state.issues[0], url)
    return citation(dataset, page_title, url)
