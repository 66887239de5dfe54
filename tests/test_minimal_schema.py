"""A minimal dataset is valid: parties with id and name, issues with id, title and a scale, positions with
stance, as_of and sources, sources with id and url. Nothing missing is filled in; every other rule still holds."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from datetime import date, time
from pathlib import Path

import pytest

from stances.domain.dataset import source_outlet
from stances.domain.ids import url_segment
from stances.domain.validate import check_folder
from stances.domain.view_state import ViewState
from stances.export import to_csv, to_json
from stances.present.permalinks import site_href
from stances.present.views import Target
from stances.site import build, feeds
from ui.html import app_href

REPO = Path(__file__).resolve().parent.parent
ISSUES = """\
scales:
  - id: agree3
    levels:
      - {id: agree, label: Stimme zu}
      - {id: neutral, label: Neutral}
      - {id: disagree, label: Stimme nicht zu}
issues:
  - id: zölle
    title: Abschaffung von Zöllen
    scale: agree3
  - id: tempolimit
    title: Tempolimit auf Autobahnen
    scale:
      - {id: ja, label: Ja}
      - {id: nein, label: Nein}
"""
SOURCES = """\
sources:
  - id: wahlprogramm-grüne
    url: https://www.example.org/programm.pdf
  - id: antwort-1
    url: https://antworten.example.net/2026/1
"""


def party_file(party: str, zoelle: str = "agree", extra: str = "") -> str:
    return f"""\
party:
  id: {party}
  name: Partei {party}
positions:
  - issue: zölle
    versions:
      - as_of: 2026-01-10
        stance: {zoelle}
        sources: [antwort-1]
{extra}  - issue: tempolimit
    versions:
      - as_of: 2026-01-10
        stance: ja
        sources: [wahlprogramm-grüne]
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def minimal(folder: Path, **overrides: str) -> Path:
    files = {
        "issues.yaml": ISSUES,
        "sources.yaml": SOURCES,
        "parties/grüne.yaml": party_file("grüne"),
        "parties/spd.yaml": party_file("spd", "neutral"),
        "parties/fdp.yaml": party_file("fdp", "disagree"),
    }
    return write(folder, {**files, **overrides})


def problems_of(folder: Path) -> list[str]:
    dataset, problems = check_folder(folder)
    assert (dataset is None) == bool(problems)
    return [p.render() for p in problems]


def test_a_minimal_three_party_folder_validates_without_filler(tmp_path: Path) -> None:
    dataset, problems = check_folder(minimal(tmp_path))
    assert problems == []
    assert sorted(dataset.parties) == ["fdp", "grüne", "spd"]
    party = dataset.parties["spd"]
    assert (party.kind, party.description) == (None, None)
    issue = dataset.issues["zölle"]
    assert (issue.tier, issue.question) == (None, None)
    assert not dataset.has_tiers
    version = dataset.history[("spd", "zölle")][0]
    assert (version.summary, version.claim_type, version.basis, version.binding) == (None, None, None, None)
    assert version.effective_basis is None  # no quotes: nothing to derive it from
    source = dataset.sources["antwort-1"]
    assert (source.outlet, source.published, source.accessed, source.kind) == (None, None, None, None)
    assert source_outlet(source) == "antworten.example.net"
    assert source_outlet(dataset.sources["wahlprogramm-grüne"]) == "example.org"
    assert dataset.scale_level("zölle", "neutral").meaning is None


def test_export_leaves_what_was_not_recorded_empty(tmp_path: Path) -> None:
    dataset, _ = check_folder(minimal(tmp_path))
    rows = list(csv.DictReader(io.StringIO(to_csv(dataset))))
    assert len(rows) == 6
    assert {(row["summary"], row["claim_type"], row["basis"], row["binding"]) for row in rows} == {("", "", "", "")}
    exported = json.loads(to_json(dataset))
    first = exported["positions"][0]
    assert [first[key] for key in ("summary", "claim_type", "basis", "binding")] == [None, None, None, None]
    assert "outlet" not in exported["sources"][0]  # left out, as any unset field is


def test_basis_is_derived_from_the_quotes_when_not_recorded(tmp_path: Path) -> None:
    quoted = """\
  - issue: zölle
    versions:
      - as_of: 2026-01-10
        stance: agree
        sources: [antwort-1]
        quotes:
          - {text: "Zölle schaden allen.", direct: false, source: antwort-1}
      - as_of: 2026-01-20
        stance: agree
        sources: [antwort-1]
        quotes:
          - {text: "Wir wollen keine Zölle.", direct: false, source: antwort-1}
          - {text: "Zölle abschaffen!", speaker: sprecherin, source: antwort-1}
      - as_of: 2026-01-30
        stance: agree
        basis: reported
        sources: [antwort-1]
        quotes:
          - {text: "Zölle abschaffen!", speaker: sprecherin, source: antwort-1}
"""
    party = (
        """\
party:
  id: linke
  name: Die Linke
  speakers:
    - {id: sprecherin, name: Sprecherin}
positions:
"""
        + quoted
        + """\
  - issue: tempolimit
    versions:
      - {as_of: 2026-01-10, stance: nein, sources: [antwort-1]}
"""
    )
    dataset, problems = check_folder(minimal(tmp_path, **{"parties/linke.yaml": party}))
    assert problems == []
    versions = dataset.history[("linke", "zölle")]
    assert [v.effective_basis for v in versions] == ["reported", "direct", "reported"]
    assert [v.basis for v in versions] == [None, None, "reported"]  # the derived value is never stored


def test_without_tiers_every_issue_needs_every_party(tmp_path: Path) -> None:
    gap = party_file("fdp").split("  - issue: tempolimit")[0]
    folder = minimal(tmp_path, **{"parties/fdp.yaml": gap})
    assert problems_of(folder) == [
        "parties/fdp.yaml:2: party.id: no position on issue 'tempolimit'; "
        "add one, or a version with stance no_public_position"
    ]


def test_complete_issues_in_dataset_yaml_names_the_issues_that_must_be_complete(tmp_path: Path) -> None:
    gap = party_file("fdp").split("  - issue: tempolimit")[0]
    info = """\
dataset:
  title: Wahl-O-Mat-artig
  description: Test
  corrections: Per E-Mail.
  language: de
  complete_issues: [zölle, tempolimt]
"""
    folder = minimal(tmp_path, **{"parties/fdp.yaml": gap, "dataset.yaml": info})
    assert problems_of(folder) == ["dataset.yaml:6: dataset.complete_issues[1]: unknown issue 'tempolimt'"]

    (folder / "dataset.yaml").write_text(info.replace("tempolimt", "zölle").replace(", zölle]", "]"), "utf-8")
    dataset, problems = check_folder(folder)
    assert problems == []
    assert dataset.info.language == "de"
    assert ("fdp", "tempolimit") not in dataset.history


def test_with_tiers_only_core_issues_must_be_complete(tmp_path: Path) -> None:
    tiered = ISSUES.replace("    title: Tempolimit", "    tier: secondary\n    title: Tempolimit")
    tiered = tiered.replace("    title: Abschaffung", "    tier: core\n    title: Abschaffung")
    no_zoelle = party_file("fdp").replace("  - issue: zölle", "  - issue: tempolimit", 1)
    no_zoelle = no_zoelle.split("  - issue: tempolimit", 2)
    no_zoelle = no_zoelle[0] + "  - issue: tempolimit" + no_zoelle[2]
    no_tempolimit = party_file("spd").split("  - issue: tempolimit")[0]
    folder = minimal(
        tmp_path, **{"issues.yaml": tiered, "parties/fdp.yaml": no_zoelle, "parties/spd.yaml": no_tempolimit}
    )
    assert problems_of(folder) == [
        "parties/fdp.yaml:2: party.id: no position on core issue 'zölle'; "
        "add one, or a version with stance no_public_position"
    ]


def test_unicode_ids_are_kept_and_percent_encoded_in_links(tmp_path: Path) -> None:
    dataset, _ = check_folder(minimal(tmp_path))
    assert "zölle" in dataset.issues and "wahlprogramm-grüne" in dataset.sources
    # What the product writes, in the site, its feeds and images, and the app's links:
    assert site_href(Target("compare", "zölle", "grüne", "grüne")) == "issues/z%C3%B6lle.html#gr%C3%BCne"
    assert site_href(Target("party", party="grüne"), "../") == "../parties/gr%C3%BCne.html"
    assert site_href(Target("disagreements", anchor="zölle-streit")) == "disagreements.html#z%C3%B6lle-streit"
    assert feeds.feed_path("party", "grüne") == "feeds/party-gr%C3%BCne.xml"
    assert build.og_image("issues", "zölle") == "images/og/issues/z%C3%B6lle.png"
    assert build.cell_image("zölle", "grüne", "svg") == "images/cells/z%C3%B6lle/gr%C3%BCne.svg"
    assert app_href(Target("timeline", anchor="grüne-wende"), ViewState(), {}).endswith("#gr%C3%BCne-wende")


def test_one_helper_percent_encodes_every_id_in_a_link() -> None:
    """Every id segment in a link goes through `url_segment`, which leaves nothing unencoded: not even '/'."""
    assert url_segment("a/b#c d") == "a%2Fb%23c%20d"
    own = []
    for folder in ("stances", "ui", "pages"):
        for path in sorted((REPO / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            if path.name != "ids.py" and re.search(r"safe=(''|\"\")", text):
                own.append(path.relative_to(REPO).as_posix())
    assert own == [], f"percent-encode ids with stances.domain.ids.url_segment, not quote(..., safe=''): {own}"


@pytest.mark.parametrize(
    ("written", "advice"),
    [
        (unicodedata.normalize("NFD", "zölle"), "not NFC: use 'zölle'"),
        (
            "Abschaffung von Zöllen",
            "upper-case 'A', 'Z': use 'a', 'z'; contains a space: use '-'; for example 'abschaffung-von-zöllen'",
        ),
        ("zölle/eu", "contains a slash: use '-'; for example 'zölle-eu'"),
        ("zölle.eu", "contains '.': use '-'; for example 'zölle-eu'"),
        ("-zölle", "starts with '-': start with a letter or a digit; for example 'zölle'"),
    ],
)
def test_a_bad_id_gets_exact_advice(tmp_path: Path, written: str, advice: str) -> None:
    folder = minimal(tmp_path, **{"issues.yaml": ISSUES.replace("  - id: tempolimit", f"  - id: '{written}'")})
    problems = problems_of(folder)
    assert f"issues.yaml:11: issues[1].id: {written!r} is not a valid id: {advice}" in problems


def test_issues_share_a_scale_by_id(tmp_path: Path) -> None:
    more = ISSUES + "  - {id: mindestlohn, title: Mindestlohn, scale: agree3}\n"
    cells = "  - issue: mindestlohn\n    versions:\n      - {as_of: 2026-01-10, stance: agree, sources: [antwort-1]}\n"
    parties = {f"parties/{p}.yaml": party_file(p, extra=cells) for p in ("grüne", "spd", "fdp")}
    dataset, problems = check_folder(minimal(tmp_path, **{"issues.yaml": more, **parties}))
    assert problems == []
    assert [level.label for level in dataset.issues["mindestlohn"].scale] == ["Stimme zu", "Neutral", "Stimme nicht zu"]
    assert dataset.issues["mindestlohn"].scale == dataset.issues["zölle"].scale
    groups = [[issue.id for issue in issues] for _, issues in dataset.distinct_scales]
    assert groups == [["zölle", "mindestlohn"], ["tempolimit"]]
    assert dataset.scale_level("mindestlohn", "disagree").label == "Stimme nicht zu"


def test_an_unknown_scale_or_a_stance_outside_the_shared_scale_is_named(tmp_path: Path) -> None:
    issues = ISSUES.replace("    scale: agree3", "    scale: agree5")
    assert problems_of(minimal(tmp_path / "a", **{"issues.yaml": issues})) == [
        "issues.yaml:10: issues[0].scale: unknown scale 'agree5'; declared scales: agree3"
    ]
    assert problems_of(minimal(tmp_path / "b", **{"parties/spd.yaml": party_file("spd", "ja")})) == [
        "parties/spd.yaml:8: positions[0].versions[0].stance: unknown stance 'ja' for issue 'zölle'; "
        "expected one of agree, neutral, disagree, no_public_position, unclear"
    ]


def same_day(first: str, second: str) -> str:
    versions = f"""\
      - {{as_of: 2026-01-10, stance: neutral, sources: [antwort-1]{first}}}
      - {{as_of: 2026-01-10, stance: disagree, sources: [antwort-1]{second}}}
"""
    return party_file("spd").replace(
        "      - as_of: 2026-01-10\n        stance: agree\n        sources: [antwort-1]\n", versions
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [(", order: 2", ", order: 1"), (", time: '16:30'", ", time: '09:15'"), (", time: '16:30'", ", time: 09:15")],
)
def test_two_versions_may_share_a_day_with_a_time_or_an_order(tmp_path: Path, first: str, second: str) -> None:
    dataset, problems = check_folder(minimal(tmp_path, **{"parties/spd.yaml": same_day(first, second)}))
    assert problems == []
    history = dataset.history[("spd", "zölle")]
    assert [v.stance for v in history] == ["disagree", "neutral"]  # the later time or order is the current one
    assert all(v.as_of == date(2026, 1, 10) for v in history)


def test_as_of_may_carry_the_time(tmp_path: Path) -> None:
    text = same_day("", "").replace("as_of: 2026-01-10, stance: neutral", "as_of: 2026-01-10T17:45, stance: neutral")
    text = text.replace("as_of: 2026-01-10, stance: disagree", "as_of: 2026-01-10T08:00, stance: disagree")
    dataset, problems = check_folder(minimal(tmp_path, **{"parties/spd.yaml": text}))
    assert problems == []
    history = dataset.history[("spd", "zölle")]
    assert [(v.as_of, v.time, v.stance) for v in history] == [
        (date(2026, 1, 10), time(8, 0), "disagree"),
        (date(2026, 1, 10), time(17, 45), "neutral"),
    ]


def test_a_time_written_without_quotes_is_read_as_that_time(tmp_path: Path) -> None:
    dataset, _ = check_folder(minimal(tmp_path, **{"parties/spd.yaml": same_day(", time: 16:30", ", time: 09:15")}))
    assert [v.time for v in dataset.history[("spd", "zölle")]] == [time(9, 15), time(16, 30)]


@pytest.mark.parametrize(
    ("first", "second", "advice"),
    [
        ("", "", "; to keep both, give each a `time` (HH:MM) or an `order`"),
        (", order: 1", "", "; to keep both, give each a `time` (HH:MM) or an `order`"),
        (", order: 1", ", order: 1", " with the same time and order; give each a different `time` or `order`"),
    ],
)
def test_the_same_day_twice_without_a_distinct_time_or_order_is_an_error(
    tmp_path: Path, first: str, second: str, advice: str
) -> None:
    assert problems_of(minimal(tmp_path, **{"parties/spd.yaml": same_day(first, second)})) == [
        "parties/spd.yaml:8: positions[0].versions[1].as_of: another version of spd × zölle already has as_of "
        f"2026-01-10 (at parties/spd.yaml:7){advice}"
    ]


def test_party_kinds_are_free_unless_dataset_yaml_declares_them(tmp_path: Path) -> None:
    kinded = party_file("spd").replace("  name: Partei spd\n", "  name: Partei spd\n  kind: Partei\n")
    folder = minimal(tmp_path, **{"parties/spd.yaml": kinded})
    assert problems_of(folder) == []

    info = "dataset:\n  title: T\n  description: D\n  corrections: C\n  party_kinds: [Regierungspartei, Opposition]\n"
    write(folder, {"dataset.yaml": info})
    assert problems_of(folder) == [
        "parties/spd.yaml:4: party.kind: unknown party kind 'Partei'; "
        "dataset.yaml:5 allows: Regierungspartei, Opposition"
    ]
    write(folder, {"parties/spd.yaml": kinded.replace("kind: Partei", "kind: Opposition")})
    assert problems_of(folder) == []


def test_dataset_yaml_gives_language_publisher_and_contact(tmp_path: Path) -> None:
    info = """\
dataset:
  title: T
  description: D
  corrections: C
  language: de-CH
  publisher: Redaktion Beispiel
  contact: redaktion@example.org
  corrections_url: https://example.org/korrekturen
  license: CC-BY-4.0
"""
    dataset, problems = check_folder(minimal(tmp_path, **{"dataset.yaml": info}))
    assert problems == []
    assert (dataset.info.language, dataset.info.publisher) == ("de-CH", "Redaktion Beispiel")
    assert dataset.info.corrections_url == "https://example.org/korrekturen"

    write(tmp_path, {"dataset.yaml": info.replace("de-CH", "Deutsch!")})
    assert problems_of(tmp_path) == [
        "dataset.yaml:5: dataset.language: not a BCP 47 language tag (e.g. en, de, de-CH), got 'Deutsch!'",
    ]
    write(tmp_path, {"dataset.yaml": info.replace("https://example.org/korrekturen", "javascript:alert(1)")})
    assert problems_of(tmp_path) == [
        "dataset.yaml:8: dataset.corrections_url: 'javascript:alert(1)' is not a valid http(s) URL",
    ]


def test_a_scale_is_a_list_of_levels_or_a_scale_id(tmp_path: Path) -> None:
    one_level = ISSUES.replace("      - {id: nein, label: Nein}\n", "")
    assert problems_of(minimal(tmp_path / "a", **{"issues.yaml": one_level})) == [
        "issues.yaml:13: issues[1].scale: needs at least 2 entries, has 1",
    ]
    a_number = ISSUES.replace("    scale: agree3", "    scale: 3")
    assert problems_of(minimal(tmp_path / "b", **{"issues.yaml": a_number})) == [
        "issues.yaml:10: issues[0].scale: expected a list of levels or the id of a shared scale, got 3; "
        "e.g. `scale: [{id: for, label: For}, {id: against, label: Against}]` or `scale: support`",
    ]
