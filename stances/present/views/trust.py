"""Trust the reader can see: the evidence under a cell in words, and the trust line with its counts and links.

The facts come from the domain (`evidence.CellEvidence`, `quote_checks`); here they only get reader words.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...domain import queries
from ...domain.dataset import Dataset
from ...domain.evidence import OWN_WORDS, REPORTING_ONLY, SINGLE_OUTLET, CellEvidence, TrustCounts, trust_counts
from ...domain.quote_checks import count_checks
from ...domain.view_state import ViewState
from ..cache import per_view
from ..wording import N_, Words, words_for
from .common import Target

EVIDENCE_MARKS = {OWN_WORDS: "❝", REPORTING_ONLY: "≈"}  # a sign beside the words, never alone


@dataclass(frozen=True)
class EvidenceView:
    code: str  # own_words, reporting_only, or "" for a cell with no position
    sign: str  # EVIDENCE_MARKS[code], or ""
    mark: str  # "own words" / "reporting only": the mark's text label
    outlets_mark: str  # "1 outlet" / "3 outlets"
    single_outlet: bool
    facts: tuple[str, ...]  # in full sentences, for Compare


def evidence_view(words: Words, evidence: CellEvidence) -> EvidenceView:
    if not evidence.has_position:
        return EvidenceView(code="", sign="", mark="", outlets_mark="", single_outlet=False, facts=())
    code = OWN_WORDS if evidence.own_words else REPORTING_ONLY
    facts = [
        words("Rests on the party’s own words: a direct quote.")
        if evidence.own_words
        else words("Reporting only: no direct quote from the party."),
        words("A source is the party’s own document.")
        if evidence.party_document
        else words("A source relays a copy of the party’s own document.")
        if evidence.party_document_copy
        else words("No source is the party’s own document."),
        words("A single outlet.")
        if evidence.single_outlet
        else words.count(evidence.outlets, "{n} distinct outlet.", "{n} distinct outlets."),
    ]
    return EvidenceView(
        code=code,
        sign=EVIDENCE_MARKS[code],
        mark=words("own words") if evidence.own_words else words("reporting only"),
        outlets_mark=words.count(evidence.outlets, "{n} outlet", "{n} outlets"),
        single_outlet=evidence.single_outlet,
        facts=tuple(facts),
    )


FILTER_TEXTS = {
    OWN_WORDS: N_("Showing only the cells that rest on the party’s own words (a direct quote)."),
    REPORTING_ONLY: N_("Showing only the cells that rest on reporting only, with no direct quote from the party."),
    SINGLE_OUTLET: N_("Showing only the cells that rest on a single outlet."),
}


def evidence_filter_text(dataset: Dataset, code: str) -> str:
    """What Compare says while an evidence filter from the trust line is on."""
    return words_for(dataset)(FILTER_TEXTS[code])


@dataclass(frozen=True)
class TrustPart:
    text: str
    target: Target | None  # Compare with an evidence filter in the app, the list on About on the site
    joiner: str = " · "  # what stands before it; a space for an aside in brackets


@dataclass(frozen=True)
class EvidenceList:
    """The cells one trust-line count counts, for the About page of the static site."""

    code: str
    anchor: str
    heading: str
    items: tuple[tuple[str, Target], ...]


@dataclass(frozen=True)
class TrustLineView:
    counts: TrustCounts
    label: str
    parts: tuple[TrustPart, ...]
    lists: tuple[EvidenceList, ...]


def evidence_anchor(code: str) -> str:
    return "evidence-" + code.replace("_", "-")


def all_evidence(dataset: Dataset) -> list[tuple[queries.Cell, CellEvidence]]:
    """Every cell of the whole record as it stands, with its evidence."""
    return [(c, c.evidence(dataset)) for c in queries.cells(dataset, ViewState())]


@per_view
def trust_line(dataset: Dataset) -> TrustLineView:
    """The whole record's trust line: quotes matched, cells on own words, cells on reporting only and on one outlet."""
    words = words_for(dataset)
    quotes = [q for cell in dataset.versions for q in cell.version.quotes]
    checked = count_checks(dataset.quote_checks, quotes)
    cells = all_evidence(dataset)
    counts = trust_counts(checked.matched, checked.total, [e for _, e in cells])
    parts = (
        TrustPart(
            words("{n} of {m} quotes match a stored excerpt word for word", n=counts.quotes_matched, m=counts.quotes),
            None,
        ),
        TrustPart(
            words("{k} of {c} cells rest on the party’s own words", k=counts.own_words, c=counts.cells),
            Target("compare", evidence=OWN_WORDS),
        ),
        TrustPart(
            text=words("({n} on reporting only)", n=counts.reporting_only),
            target=Target("compare", evidence=REPORTING_ONLY),
            joiner=" ",
        ),
        TrustPart(
            words.count(counts.single_outlet, "{n} cell rests on a single outlet", "{n} cells rest on a single outlet"),
            Target("compare", evidence=SINGLE_OUTLET),
        ),
    )
    headings = {
        OWN_WORDS: words("Cells that rest on the party’s own words"),
        REPORTING_ONLY: words("Cells that rest on reporting only"),
        SINGLE_OUTLET: words("Cells that rest on a single outlet"),
    }
    lists = tuple(
        EvidenceList(
            code=code,
            anchor=evidence_anchor(code),
            heading=heading,
            items=tuple(
                (
                    words("{party} on {issue}", party=c.party.name, issue=c.issue.title),
                    Target("compare", c.issue.id, c.party.id, c.party.id),
                )
                for c, e in cells
                if e.matches(code)
            ),
        )
        for code, heading in headings.items()
    )
    return TrustLineView(counts=counts, label=words("How strong the record is"), parts=parts, lists=lists)
