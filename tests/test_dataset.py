"""Rules the curated dataset in positions/ must keep: it validates, it is complete, and every quote is on the record.

Each rule is a small function that returns the problems it finds. The tests run every rule on the real dataset
(expecting none) and, to show the rule can fail, on a copy with one deliberate fault (expecting exactly that fault).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from stances.domain.dataset import CellVersion, Dataset
from stances.domain.model import NO_PUBLIC_POSITION, Account, DisagreementSide, Quote
from stances.domain.validate import check_folder

POSITIONS = Path(__file__).resolve().parent.parent / "positions"
NOW = "2026-12-01"

PARTIES = {"anthropic", "dod", "white_house", "openai", "google", "xai"}
CORE = {"surveillance", "autonomous_weapons", "any_lawful_purpose"}
SECONDARY = {"supply_chain_risk", "federal_ban", "classified_deployment", "who_decides"}

# Text inside curly or straight double quotation marks.
QUOTED = re.compile(r"“([^”]*)”|\"([^\"]*)\"")


@pytest.fixture(scope="module")
def dataset() -> Iterator[Dataset]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NOW", NOW)
        data, problems = check_folder(POSITIONS)
    assert not problems, "\n".join(f"{p.file}:{p.line}: {p.field}: {p.message}" for p in problems)
    assert data is not None
    yield data


# ---------------------------------------------------------------- rules


def missing_cells(data: Dataset) -> list[tuple[str, str]]:
    return [(p, i) for p in sorted(data.parties) for i in sorted(data.issues) if not data.history.get((p, i))]


def quotes_with_uncited_source(data: Dataset) -> list[str]:
    return [
        f"{c.party}/{c.issue}@{c.version.as_of}: {q.source}"
        for c in data.versions
        for q in c.version.quotes
        if q.source not in c.version.sources
    ]


def quotes_not_verbatim(data: Dataset) -> list[str]:
    """A quote must be an exact substring of an excerpt of the source it cites."""
    bad = []
    for c in data.versions:
        for q in c.version.quotes:
            source = data.sources.get(q.source)
            excerpts = [e.text for e in source.excerpts] if source else []
            if not any(q.text in text for text in excerpts):
                bad.append(f"{c.party}/{c.issue}@{c.version.as_of}: {q.text[:60]!r} not in {q.source}")
    return bad


def quotes_claiming_direct_wrongly(data: Dataset) -> list[str]:
    """A quote marked direct must come from an excerpt the source records as the party's own words."""
    bad = []
    for c in data.versions:
        for q in c.version.quotes:
            if not q.direct:
                continue
            source = data.sources.get(q.source)
            matches = [e for e in (source.excerpts if source else []) if q.text in e.text]
            if matches and not any(e.direct for e in matches):
                bad.append(f"{c.party}/{c.issue}@{c.version.as_of}: {q.text[:60]!r}")
    return bad


def cited_source_ids(data: Dataset) -> set[str]:
    cited: set[str] = set()
    for c in data.versions:
        cited.update(c.version.sources)
    for d in data.disagreements:
        for side in d.sides:
            cited.update(side.sources)
    for e in data.events:
        cited.update(e.sources)
        for entry in e.dates:
            cited.update(entry.sources)
        for account in e.accounts:
            cited.update(account.sources)
    for s in data.sources.values():
        cited.update(r.source for r in s.via if r.source)
    return cited


def unused_sources(data: Dataset) -> list[str]:
    cited = cited_source_ids(data)
    return sorted(s for s in data.sources if s not in cited)


def unsourced_disagreement_sides(data: Dataset) -> list[str]:
    bad = []
    for d in data.disagreements:
        if len(d.sides) < 2:
            bad.append(f"{d.id}: fewer than two sides")
        for side in d.sides:
            if not side.sources:
                bad.append(f"{d.id}: side {side.party} has no source")
    return bad


def summaries_with_unbacked_quotation(data: Dataset) -> list[str]:
    """Words inside quotation marks in a summary must be found in one of that version's quotes."""
    bad = []
    for c in data.versions:
        for match in QUOTED.finditer(c.version.summary):
            inner = match.group(1) if match.group(1) is not None else match.group(2)
            if not any(inner in q.text for q in c.version.quotes):
                bad.append(f"{c.party}/{c.issue}@{c.version.as_of}: {inner!r}")
    return bad


def disagreements_per_issue(data: Dataset) -> dict[str, int]:
    counts = dict.fromkeys(data.issues, 0)
    for d in data.disagreements:
        counts[d.issue] = counts.get(d.issue, 0) + 1
    return counts


def conflict_events(data: Dataset) -> list[str]:
    return [e.id for e in data.events if e.date_kind == "conflict" and len({d.date for d in e.dates}) >= 2]


# ---------------------------------------------------------------- helpers to break a copy


def _replace_version(data: Dataset, index: int, **changes) -> Dataset:
    cell = data.versions[index]
    new_cell = CellVersion(cell.party, cell.issue, cell.version.model_copy(update=changes))
    versions = (*data.versions[:index], new_cell, *data.versions[index + 1 :])
    return dataclasses.replace(data, versions=versions)


def _first_quoted(data: Dataset) -> int:
    return next(i for i, c in enumerate(data.versions) if c.version.quotes)


# ---------------------------------------------------------------- the real dataset


def test_folder_validates_clean(dataset: Dataset) -> None:
    assert dataset.info is not None
    assert dataset.latest_source_date is not None


def test_parties_and_issues(dataset: Dataset) -> None:
    assert set(dataset.parties) == PARTIES
    assert set(dataset.issues) == CORE | SECONDARY
    assert {i for i, issue in dataset.issues.items() if issue.tier == "core"} == CORE
    for issue in dataset.issues.values():
        assert 2 <= len(issue.scale) <= 4, issue.id


def test_every_cell_is_present(dataset: Dataset) -> None:
    assert missing_cells(dataset) == []
    assert len(dataset.history) == len(PARTIES) * (len(CORE) + len(SECONDARY))


def test_quote_sources_are_cited_by_their_version(dataset: Dataset) -> None:
    assert quotes_with_uncited_source(dataset) == []


def test_quotes_are_verbatim_excerpts(dataset: Dataset) -> None:
    assert sum(len(c.version.quotes) for c in dataset.versions) > 0
    assert quotes_not_verbatim(dataset) == []


def test_direct_quotes_come_from_direct_excerpts(dataset: Dataset) -> None:
    assert quotes_claiming_direct_wrongly(dataset) == []


def test_no_source_goes_unused(dataset: Dataset) -> None:
    assert unused_sources(dataset) == []


def test_disagreements_have_sourced_sides(dataset: Dataset) -> None:
    assert dataset.disagreements
    assert unsourced_disagreement_sides(dataset) == []


def test_summaries_quote_only_what_the_version_quotes(dataset: Dataset) -> None:
    assert summaries_with_unbacked_quotation(dataset) == []


def test_at_least_two_disagreements_per_core_issue(dataset: Dataset) -> None:
    counts = disagreements_per_issue(dataset)
    assert all(counts[issue] >= 2 for issue in CORE), counts


def test_timeline_keeps_a_date_conflict(dataset: Dataset) -> None:
    assert conflict_events(dataset)


def test_no_public_position_versions_record_the_gap(dataset: Dataset) -> None:
    gaps = [c for c in dataset.versions if c.version.stance == NO_PUBLIC_POSITION]
    assert gaps
    assert all(c.version.gap for c in gaps)


def test_direct_basis_rests_on_a_direct_quote(dataset: Dataset) -> None:
    bad = [
        f"{c.party}/{c.issue}@{c.version.as_of}"
        for c in dataset.versions
        if c.version.basis == "direct" and not any(q.direct for q in c.version.quotes)
    ]
    assert bad == []


# ---------------------------------------------------------------- each rule can fail


def test_missing_cell_is_caught(dataset: Dataset) -> None:
    victim = dataset.versions[0]
    kept = tuple(c for c in dataset.versions if (c.party, c.issue) != (victim.party, victim.issue))
    assert missing_cells(dataclasses.replace(dataset, versions=kept)) == [(victim.party, victim.issue)]


def test_retyped_quote_is_caught(dataset: Dataset) -> None:
    index = _first_quoted(dataset)
    quotes = list(dataset.versions[index].version.quotes)
    quotes[0] = quotes[0].model_copy(update={"text": quotes[0].text.replace("’", "'") + " (retyped)"})
    broken = _replace_version(dataset, index, quotes=quotes)
    assert len(quotes_not_verbatim(broken)) == 1


def test_quote_from_uncited_source_is_caught(dataset: Dataset) -> None:
    index = _first_quoted(dataset)
    version = dataset.versions[index].version
    broken = _replace_version(dataset, index, sources=[s for s in version.sources if s != version.quotes[0].source])
    assert quotes_with_uncited_source(broken)


def test_reporting_passed_off_as_direct_is_caught(dataset: Dataset) -> None:
    index, quote = next((i, q) for i, c in enumerate(dataset.versions) for q in c.version.quotes if not q.direct)
    version = dataset.versions[index].version
    flipped = [q.model_copy(update={"direct": True}) if q is quote else q for q in version.quotes]
    assert quotes_claiming_direct_wrongly(_replace_version(dataset, index, quotes=flipped))


def test_unused_source_is_caught(dataset: Dataset) -> None:
    extra = next(iter(dataset.sources.values())).model_copy(update={"id": "orphan-source", "via": []})
    broken = dataclasses.replace(dataset, sources={**dataset.sources, "orphan-source": extra})
    assert unused_sources(broken) == ["orphan-source"]


def test_source_cited_only_by_an_account_counts_as_used(dataset: Dataset) -> None:
    extra = next(iter(dataset.sources.values())).model_copy(update={"id": "account-only", "via": []})
    event = dataset.events[0]
    events = (
        event.model_copy(update={"accounts": [Account(claim="x", sources=["account-only"])]}),
        *dataset.events[1:],
    )
    broken = dataclasses.replace(dataset, sources={**dataset.sources, "account-only": extra}, events=events)
    assert "account-only" not in unused_sources(broken)


def test_unsourced_disagreement_side_is_caught(dataset: Dataset) -> None:
    first = dataset.disagreements[0]
    lone = first.model_copy(update={"sides": [DisagreementSide(party=first.parties[0], claim="x", sources=["a"])]})
    broken = dataclasses.replace(dataset, disagreements=(lone, *dataset.disagreements[1:]))
    assert unsourced_disagreement_sides(broken) == [f"{first.id}: fewer than two sides"]


def test_summary_with_invented_quotation_is_caught(dataset: Dataset) -> None:
    index = _first_quoted(dataset)
    version = dataset.versions[index].version
    backed = version.quotes[0].text.split()[0]
    for summary, expected in (
        (version.summary + " It calls this “an outrage beyond words”.", 1),
        (version.summary + ' It says "no such words here at all".', 1),
        (version.summary + f" It says “{backed}”.", 0),
    ):
        broken = _replace_version(dataset, index, summary=summary)
        assert len(summaries_with_unbacked_quotation(broken)) == expected, summary


def test_too_few_core_disagreements_are_caught(dataset: Dataset) -> None:
    kept = tuple(d for d in dataset.disagreements if d.issue != "surveillance")
    assert disagreements_per_issue(dataclasses.replace(dataset, disagreements=kept))["surveillance"] == 0


def test_timeline_without_conflict_is_caught(dataset: Dataset) -> None:
    flat = tuple(e for e in dataset.events if e.date_kind != "conflict")
    assert conflict_events(dataclasses.replace(dataset, events=flat)) == []


def test_quote_model_defaults_to_direct() -> None:
    # The verbatim rules above rely on an omitted `direct` meaning the party's own words.
    assert Quote(text="x", speaker="s", source="y").direct is True
