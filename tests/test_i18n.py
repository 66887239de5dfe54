"""The interface in the dataset's language: a complete German catalogue, a German app chrome, German dates."""

from __future__ import annotations

import shutil
import string
from datetime import date
from pathlib import Path

import pytest
from apptest_support import REPO, open_page
from babel.messages.pofile import read_po

from stances.present.messages import catalogue_path, extract
from stances.present.wording import Words

SAMPLE = REPO / "tests" / "data" / "sample"


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def german_catalogue() -> dict[object, object]:
    with catalogue_path("de").open("rb") as handle:
        catalog = read_po(handle, locale="de")
    return {message.id: message.string for message in catalog if message.id}


def test_every_interface_message_has_a_german_translation_with_the_same_placeholders() -> None:
    german = german_catalogue()
    problems = []
    for message in extract():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        where = ", ".join(f"{file}:{line}" for file, line in message.locations)
        translation = german.get(message.id)
        strings = translation if isinstance(translation, tuple) else (translation,)
        if not all(strings) or len(strings) != len(ids):
            problems.append(f"{where}: {ids[0]!r} has no German translation")
            continue
        for text in strings:
            if placeholders(text) != placeholders(ids[0]):
                problems.append(f"{where}: {ids[0]!r} → {text!r}: placeholders differ")
    assert not problems, "\n".join(problems)


def test_german_plurals_follow_the_count() -> None:
    words = Words("de")
    assert words.count(1, "{n} version", "{n} versions") == "1 Version"
    assert words.count(3, "{n} version", "{n} versions") == "3 Versionen"


def test_a_german_date_reads_the_babel_way() -> None:
    assert Words("de").day(date(2026, 3, 2)) == "02.03.2026"
    assert Words("de").published(date(2026, 3, 2)) == "veröffentlicht am 02.03.2026"
    assert Words("en").day(date(2026, 3, 2)) == "2026-03-02"


@pytest.fixture
def german_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "sample-de"
    shutil.copytree(SAMPLE, folder)
    dataset = folder / "dataset.yaml"
    dataset.write_text(dataset.read_text(encoding="utf-8") + "  language: de\n", encoding="utf-8")
    monkeypatch.setenv("POSITIONS_DIR", str(folder))
    return folder


def chrome(at) -> dict[str, object]:
    """What frames every page: title, navigation links, filter labels and URL notices."""
    return {
        "title": at.title[0].value,
        "links": {el.proto.label for el in at.get("page_link")},
        "filters": {m.label for m in at.multiselect} | {d.label for d in at.date_input},  # sidebar and phone panel
        "notices": [w.value for w in at.warning],
    }


def test_with_language_de_the_app_chrome_is_german(german_sample: Path) -> None:
    at = open_page("pages/compare.py", {"issue": "nope"})
    assert not at.exception, at.exception
    seen = chrome(at)
    assert seen["title"] == "Vergleich"
    assert {"Übersicht", "Vergleich", "Streitpunkte", "Zeitleiste", "Quellen", "Hintergrund & Methode"} <= seen["links"]
    assert seen["filters"] == {"Themen", "Akteure", "Positionen mit Stand vom"}
    assert seen["notices"] == ["Unbekannten Wert 'nope' für den Parameter „issue“ ignoriert\\."]  # Markdown-escaped
    assert [s.value for s in at.subheader][:1] == ["Filter"]


def test_without_a_language_the_same_page_stays_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POSITIONS_DIR", str(SAMPLE))
    at = open_page("pages/compare.py", {"issue": "nope"})
    assert not at.exception, at.exception
    seen = chrome(at)
    assert seen["title"] == "Compare"
    assert {"Overview", "Compare", "Disagreements", "Timeline", "Sources", "About & method"} <= seen["links"]
    assert seen["filters"] == {"Issues", "Parties", "Positions as they stood on"}
    assert seen["notices"] == ["Ignored unknown issue 'nope'\\."]


def test_a_german_as_of_date_shows_in_german_on_the_page(german_sample: Path) -> None:
    at = open_page("dashboard.py", {"as_of": "2026-03-01"})
    assert not at.exception, at.exception
    expected = "Positionen mit Stand vom **01.03.2026**. Spätere Versionen sind ausgeblendet."
    assert [i.value for i in at.info] == [expected]
