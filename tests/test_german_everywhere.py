"""A German dataset shows no English interface words: every app page and every static page, checked against the
catalogue itself. Any message whose English text appears on a page where its German translation differs fails the
test, whether the message is missing from the catalogue or was never passed through the catalogue at all.

The datasets: the benchmark generator's wide one (30 parties × 40 issues, `language: de`), and the sample with
`language: de` added (it has quotes, events and disagreements, which the wide one lacks). Text that comes from the
data (names, titles, quotes, labels) and addresses are exempt: they are the curator's, in whatever language.
"""

from __future__ import annotations

import re
import shutil
from functools import cache
from pathlib import Path

import pytest
from apptest_support import PAGES, REPO, html_text, open_page
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from dataset_support import loaded, strings_in

from stances.export import to_dict
from stances.present.messages import catalogue_path
from stances.site.build import render_pages

SAMPLE = REPO / "tests" / "data" / "sample"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
MARKDOWN_ESCAPE = re.compile(r"\\([^\w\s])")
# A link's address (absolute, or a path in the app) is the site's or the source's, not reader words.
URL = re.compile(r"(?:https?://|(?<![\w/])/)[^\s\]\)}]+")
PROBLEM_LINE = re.compile(r"^[^\s:]+:\d+: ")
MIN_LITERAL = 4  # a message whose words outside its placeholders are shorter than this cannot be told from chance


@cache
def english_patterns() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """For each catalogue message whose German differs from its English: the message, its longest literal part
    (a quick first test), and a pattern of the English as shown, with a short run of text where a placeholder
    stands."""
    with catalogue_path("de").open("rb") as handle:
        catalog = read_po(handle, locale="de")
    patterns = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        german = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            if english in german or len(PLACEHOLDER.sub("", english).strip(" .,;:·()–-")) < MIN_LITERAL:
                continue
            literals = PLACEHOLDER.split(english)
            body = "[^\n]{0,120}?".join(re.escape(part) for part in literals)
            start = r"(?<!\w)" if english[:1].isalnum() else ""
            end = r"(?!\w)" if english[-1:].isalnum() else ""
            patterns.append((english, max(literals, key=len), re.compile(start + body + end)))
    return tuple(patterns)


def data_text(folder: Path) -> str:
    """Every text the dataset itself holds, one per line."""
    dataset = loaded(folder)
    found = set(strings_in(to_dict(dataset)))
    found |= {s.role for p in dataset.parties.values() for s in p.speakers if s.role}
    return "\n".join(sorted(found))


def english_shown(text: str, data: str) -> list[str]:
    """The catalogue's English messages that `text` shows, where the words matched are not the data's own text."""
    text = URL.sub(" ", MARKDOWN_ESCAPE.sub(r"\1", text))
    lines = text.splitlines()
    return [
        english
        for english, literal, pattern in english_patterns()
        if literal in text
        and any(match.group(0) not in data for line in lines if literal in line for match in pattern.finditer(line))
    ]


def app_text(at) -> str:
    """Everything a reader of an app page can read: bodies, headings, labels, placeholders, help, options."""
    parts: list[str] = []

    def visit(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            for field, value in proto.ListFields():
                if field.name == "body" and type(node).__name__ == "Html":
                    parts.append(html_text(value))
                elif field.name in ("body", "label", "placeholder", "help", "code_text"):
                    parts.append(str(value))
                elif field.name == "options":
                    parts.extend(str(v) for v in value)
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                visit(child)

    visit(at._tree)
    return "\n".join(parts)


def site_text(page: str) -> str:
    soup = BeautifulSoup(page, "html.parser")
    for hidden in soup.find_all(["style", "script"]):
        hidden.decompose()
    attributes = [
        str(tag[name]) for tag in soup.find_all(True) for name in ("aria-label", "title", "alt") if tag.has_attr(name)
    ]
    return "\n".join([soup.get_text("\n"), *attributes])


@pytest.fixture(scope="module")
def german_folders(wide_data: Path, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sample-de") / "data"
    shutil.copytree(SAMPLE, folder)
    dataset_file = folder / "dataset.yaml"
    dataset_file.write_text(dataset_file.read_text(encoding="utf-8") + "  language: de\n", encoding="utf-8")
    return {"wide": wide_data, "sample": folder}


# Each page as a reader opens it, and once more with what changes its chrome: a date, a bad link, the curator view.
QUERIES = ({}, {"as_of": "2026-03-01", "issue": "nope"}, {"curator": "1"})


@pytest.mark.parametrize("name", ["wide", "sample"])
def test_no_app_page_shows_english_on_a_german_dataset(name: str, german_folders, monkeypatch) -> None:
    folder = german_folders[name]
    monkeypatch.setenv("POSITIONS_DIR", str(folder))
    data = data_text(folder)
    found = {}
    for page in PAGES:
        for query in QUERIES:
            at = open_page(page, query)
            assert not at.exception, (page, query, at.exception)
            english = english_shown(app_text(at), data)
            if english:
                found[f"{page}?{query}"] = english
    assert not found, found


@pytest.mark.parametrize("name", ["wide", "sample"])
def test_no_site_page_shows_english_on_a_german_dataset(name: str, german_folders) -> None:
    folder = german_folders[name]
    dataset = loaded(folder)
    data = data_text(folder)
    pages = render_pages(dataset, "https://example.org/pos")
    assert len(pages) > 7
    found = {path: english for path, html in pages.items() if (english := english_shown(site_text(html), data))}
    assert not found, found


def test_a_broken_german_folder_says_so_in_german(german_folders, tmp_path: Path, monkeypatch) -> None:
    """The notice that the last good version is shown, and the problem panel under it, are German too."""
    folder = tmp_path / "data"
    shutil.copytree(german_folders["sample"], folder)
    monkeypatch.setenv("POSITIONS_DIR", str(folder))
    assert not open_page("pages/compare.py").warning
    (folder / "sources.yaml").write_text("sources: [\n", encoding="utf-8")
    at = open_page("pages/compare.py")
    assert not at.exception, at.exception
    assert at.warning[0].value.startswith("Der Datenordner hat seit ")
    # Each problem is the validator's own `file:line: field: message`, the words `stances validate` prints; the rest
    # of the panel is the reader's.
    panel = [line for line in app_text(at).splitlines() if not PROBLEM_LINE.match(line)]
    assert len(panel) < len(app_text(at).splitlines())  # the problem lines were there, and only they are left out
    assert english_shown("\n".join(panel), data_text(german_folders["sample"])) == []


def test_the_check_sees_an_english_message() -> None:
    """The check itself: an English message on a page is found, its German is not, and data text is exempt."""
    assert english_shown("Quellen in dieser Ansicht", "") == []
    assert set(english_shown("Sources in this view", "")) == {"Sources in this view", "Sources"}
    assert "Download CSV" in english_shown("x Download CSV y", "")
    assert "Showing {a}–{b} of {n} {what}." in english_shown("Showing 1–5 of 9 sources.", "")
    assert english_shown("Link: /sources?party=x", "") == []
    assert english_shown("A title: Sources in this view", "A title: Sources in this view") == []
