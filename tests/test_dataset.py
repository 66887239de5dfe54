"""What the curated dataset in positions/ holds: it validates clean (no warning either), it is complete, and
every quote can be checked.

The general record rules (a quote is verbatim in an excerpt, no source goes unused, ...) belong to the validator
and are tested in test_rules.py; here the validator is shown to catch a fault made in a copy of this data. What
else stays here is true of this dataset, not of every dataset, and is read straight off the real data.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError

from stances.domain.dataset import Dataset
from stances.domain.field_types import NO_PUBLIC_POSITION
from stances.domain.model import Event, Quote
from stances.domain.validate import validate_folder

POSITIONS = Path(__file__).resolve().parent.parent / "positions"
NOW = "2026-12-04"

PARTIES = {"anthropic", "dod", "white_house", "openai", "google", "xai"}
CORE = {"surveillance", "autonomous_weapons", "any_lawful_purpose"}
SECONDARY = {"supply_chain_risk", "federal_ban", "classified_deployment", "who_decides"}


@pytest.fixture(scope="module")
def dataset() -> Iterator[Dataset]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NOW", NOW)
        report = validate_folder(POSITIONS)
    assert not report.errors + report.warnings, "\n".join(p.render() for p in report.errors + report.warnings)
    assert report.dataset is not None
    yield report.dataset


# ---------------------------------------------------------------- rules of this dataset


def missing_cells(data: Dataset) -> list[tuple[str, str]]:
    return [(p, i) for p in sorted(data.parties) for i in sorted(data.issues) if not data.history.get((p, i))]


def quotes_from_sources_without_excerpts(data: Dataset) -> list[str]:
    """The validator checks a quote only against a source that records excerpts; here every quoted source does."""
    return [
        f"{c.party}/{c.issue}@{c.version.as_of}: {q.source}"
        for c in data.versions
        for q in c.version.quotes
        if not data.sources[q.source].excerpts
    ]


def disagreements_per_issue(data: Dataset) -> dict[str, int]:
    counts = dict.fromkeys(data.issues, 0)
    for d in data.disagreements:
        counts[d.issue] = counts.get(d.issue, 0) + 1
    return counts


def conflict_events(data: Dataset) -> list[Event]:
    return [e for e in data.events if e.date_kind == "conflict"]


# ---------------------------------------------------------------- the real dataset


def test_folder_validates_clean(dataset: Dataset) -> None:
    assert dataset.info is not None
    assert dataset.dataset_date is not None


def test_parties_and_issues(dataset: Dataset) -> None:
    assert set(dataset.parties) == PARTIES
    assert set(dataset.issues) == CORE | SECONDARY
    assert {i for i, issue in dataset.issues.items() if issue.tier == "core"} == CORE
    for issue in dataset.issues.values():
        assert 2 <= len(issue.scale) <= 4, issue.id


def test_every_cell_is_present(dataset: Dataset) -> None:
    assert missing_cells(dataset) == []
    assert len(dataset.history) == len(PARTIES) * (len(CORE) + len(SECONDARY))


def test_every_quote_can_be_checked_against_excerpts(dataset: Dataset) -> None:
    assert sum(len(c.version.quotes) for c in dataset.versions) > 0
    assert quotes_from_sources_without_excerpts(dataset) == []


def test_at_least_two_disagreements_per_core_issue(dataset: Dataset) -> None:
    counts = disagreements_per_issue(dataset)
    assert all(counts[issue] >= 2 for issue in CORE), counts


def test_timeline_keeps_a_date_conflict(dataset: Dataset) -> None:
    conflicts = conflict_events(dataset)
    assert conflicts
    for event in conflicts:
        assert len({entry.date for entry in event.dates}) >= 2, event.id
        assert all(entry.sources for entry in event.dates), event.id


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


# ---------------------------------------------------------------- the validator catches a fault in this data


def broken_copy(tmp_path: Path, change: Callable[[str], str]) -> Path:
    """A copy of positions/ with parties/xai.yaml changed as text (so every other line keeps its number)."""
    folder = tmp_path / "positions"
    shutil.copytree(POSITIONS, folder)
    xai = folder / "parties" / "xai.yaml"
    before = xai.read_text(encoding="utf-8")
    after = change(before)
    assert after != before
    xai.write_text(after, encoding="utf-8")
    return folder


def errors_of(folder: Path) -> list[str]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NOW", NOW)
        report = validate_folder(folder)
    return [p.render(folder.as_posix()).removeprefix(folder.as_posix() + "/") for p in report.errors]


def test_a_missing_core_cell_is_an_error_naming_the_party_file(tmp_path: Path) -> None:
    # xai.yaml lines 12-19 hold its only surveillance position; `id: xai` is on line 3.
    def drop_surveillance(text: str) -> str:
        return text[: text.index("- issue: surveillance")] + text[text.index("- issue: autonomous_weapons") :]

    folder = broken_copy(tmp_path, drop_surveillance)
    assert (
        "parties/xai.yaml:3: party.id: no position on core issue 'surveillance'; "
        "add one, or a version with stance no_public_position"
    ) in errors_of(folder)


def test_a_quote_changed_by_one_word_is_an_error_at_its_line(tmp_path: Path) -> None:
    # Line 39 of xai.yaml quotes source anews-axios-xai-monday, whose second excerpt reads "By contrast, xAI
    # agreed ..."; the two first differ at the first character ("I" against "B").
    folder = broken_copy(tmp_path, lambda text: text.replace("- text: By contrast, xAI", "- text: In contrast, xAI"))
    assert errors_of(folder) == [
        "parties/xai.yaml:39: positions[2].versions[0].quotes[0].text: not found word for word in any excerpt of "
        "source 'anews-axios-xai-monday'; nearest is its excerpt 2; they first differ at character 1, from the start: "
        "the quote has 'In contrast, xAI agreed to the…', the excerpt has 'By contrast, xAI agreed to the…'; copy the "
        "quote exactly as the excerpt has it (same characters, curly quotes included)"
    ]


def test_a_conflict_whose_outlets_agree_is_refused(dataset: Dataset) -> None:
    event = conflict_events(dataset)[0]
    agreed = [entry.model_dump() | {"date": event.dates[0].date} for entry in event.dates]
    with pytest.raises(ValidationError) as caught:
        Event.model_validate(event.model_dump() | {"dates": agreed})
    assert [(e["loc"], e["msg"]) for e in caught.value.errors()] == [
        (("date_kind",), "a conflict needs at least two different `dates`, each with sources")
    ]


def test_quote_model_defaults_to_direct() -> None:
    # The verbatim rules rely on an omitted `direct` meaning the party's own words.
    assert Quote(text="x", speaker="s", source="y").direct is True
