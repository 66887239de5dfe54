"""Both skins draw the same view models: what each app page hands to its fragments equals what the site renders.

The app is run for real (AppTest, through the entry script); every fragment it draws is recorded. The site's pages
are built by the same code `stances site` runs. Then the view models are compared, page kind by page kind.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from apptest_support import html_text, open_page
from bs4 import BeautifulSoup

from stances.domain.validate import check_folder
from stances.present import wording
from stances.present.permalinks import issue_path
from stances.site import build

REPO = Path(__file__).resolve().parent.parent
FOLDERS = {"sample": REPO / "tests" / "data" / "sample", "positions": REPO / "positions"}


@pytest.fixture
def drawn(monkeypatch):
    """Run an app page and return the fragments it drew: macro name -> list of keyword arguments."""
    import ui.html

    def run(folder: Path, page: str, query: dict | None = None) -> dict[str, list[dict]]:
        seen: dict[str, list[dict]] = {}
        real = ui.html.fragment

        def record(macro, words, state, passthrough, **args):
            seen.setdefault(macro, []).append(args)
            real(macro, words, state, passthrough, **args)

        monkeypatch.setattr(ui.html, "fragment", record)
        monkeypatch.setenv("POSITIONS_DIR", str(folder))
        at = open_page(page, query)
        assert not at.exception, at.exception
        return seen

    return run


def site_pages(folder: Path) -> dict[str, build.Page]:
    dataset, problems = check_folder(folder)
    assert dataset is not None, problems
    return {page.path: page for page in build.pages(dataset)}


@pytest.mark.parametrize("name", FOLDERS)
def test_overview_matrix_is_the_site_index_matrix(name, drawn):
    app = drawn(FOLDERS[name], "dashboard.py")
    assert app["matrix"][0]["m"] == site_pages(FOLDERS[name])["index.html"].context["matrix"]


@pytest.mark.parametrize("name", FOLDERS)
def test_compare_cells_and_disagreements_are_the_site_issue_pages(name, drawn):
    pages = site_pages(FOLDERS[name])
    dataset, _ = check_folder(FOLDERS[name])
    for issue_id in dataset.issues:
        app = drawn(FOLDERS[name], "pages/compare.py", {"issue": issue_id})
        page = pages[issue_path(issue_id)].context
        assert app["cells_grid"][0]["cells"] == page["cells"], issue_id
        assert [d for call in app.get("disagreement_list", []) for d in call["items"]] == page["disagreements"]
        assert len(page["cells"]) == len(dataset.parties)


@pytest.mark.parametrize("name", FOLDERS)
def test_disagreements_timeline_sources_about_match_the_site(name, drawn):
    folder, pages = FOLDERS[name], site_pages(FOLDERS[name])
    app = drawn(folder, "pages/disagreements.py")
    site_items = [d for _, items in pages["disagreements.html"].context["groups"] for d in items]
    assert [d for call in app["disagreement_list"] for d in call["items"]] == site_items

    events, shown = pages["timeline.html"].context["timeline"].events, []
    for number in range(1, -(-len(events) // 25) + 1):  # the app pages events by 25
        whole = {"since": "2000-01-01", "until": "2100-01-01", "page": str(number)}
        app = drawn(folder, "pages/timeline.py", whole)
        shown += app["events"][0]["items"]
    assert shown == list(events)
    assert app["positions_list"][0]["items"] == pages["timeline.html"].context["timeline"].positions

    app = drawn(folder, "pages/sources.py")
    site_records = [r for _, _, records in pages["sources.html"].context["groups"] for r in records]
    by_id = {r.line.id: r for r in site_records}
    shown = app["source_records"][0]["items"]
    assert len(shown) == min(len(site_records), 100)  # the app pages sources by 100
    assert [by_id[r.line.id] for r in shown] == list(shown)

    app = drawn(folder, "pages/about.py")
    assert app["legends"][0]["items"] == pages["about.html"].context["legends"]
    assert app["corrections"][0]["items"] == pages["about.html"].context["corrections"]


def every_word_folder(tmp_path: Path) -> Path:
    """A copy of the sample whose versions use every claim type, basis, binding and special stance."""
    folder = tmp_path / "every-word"
    shutil.copytree(FOLDERS["sample"], folder)
    path = folder / "parties" / "anthropic.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    template = data["positions"][0]["versions"][-1]
    combos = list(zip(wording.CLAIM_TYPES, ["direct", "reported", "direct", "reported", "direct"], strict=True))
    bindings = [*wording.BINDING, "yes", "no"]
    versions = []
    for day, ((claim, basis), binding) in enumerate(zip(combos, bindings, strict=True), start=1):
        version = {**template, "as_of": template["as_of"].replace(day=day), "claim_type": claim}
        version.pop("basis", None)
        version.pop("binding", None)
        if basis:
            version["basis"] = basis
        if binding:
            version["binding"] = binding
        versions.append(version)
    versions.append({**template, "as_of": template["as_of"].replace(day=9), "stance": "unclear"})
    data["positions"][0]["versions"] = versions
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    path = folder / "sources.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["sources"][0]["published"] = "unknown"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


def test_every_label_reads_the_same_in_the_app_and_on_the_site(tmp_path, drawn, monkeypatch):
    import ui.html

    folder = every_word_folder(tmp_path)
    bodies: list[str] = []
    real = ui.html.render
    monkeypatch.setattr(ui.html, "render", lambda *a, **k: bodies.append(real(*a, **k)) or bodies[-1])
    drawn(folder, "pages/compare.py", {"issue": "surveillance"})
    app_text = " ".join(html_text(b) for b in bodies)
    dataset, problems = check_folder(folder)
    assert dataset is not None, problems
    site = build.render_pages(dataset)
    site_text = BeautifulSoup(site["issues/surveillance.html"], "html.parser").get_text(" ")
    expected = [
        *wording.CLAIM_TYPES.values(),
        *wording.BASIS.values(),
        *wording.BINDING.values(),
        *wording.SPECIAL_STANCE_LABELS.values(),
        wording.UNKNOWN_PUBLICATION,
    ]
    for label in expected:
        assert label in app_text, f"app lacks {label!r}"
        assert label in site_text, f"site lacks {label!r}"


@pytest.mark.parametrize("name", FOLDERS)
def test_movement_page_draws_the_site_movement_view(name, drawn):
    app = drawn(FOLDERS[name], "pages/movement.py")
    site = site_pages(FOLDERS[name])["movement.html"].context["view"]
    assert [call["im"] for call in app["move_list"]] == list(site.issues)
    assert app["party_key"][0]["styles"] == site.styles


@pytest.mark.parametrize("name", FOLDERS)
def test_pair_page_draws_the_site_pair_view_and_matrix(name, drawn):
    app = drawn(FOLDERS[name], "pages/pair.py", {"a": "anthropic", "b": "dod"})
    pages = site_pages(FOLDERS[name])
    assert app["pair_issues"][0]["p"] == pages["pairs/anthropic/dod.html"].context["p"]
    assert app["agreement_table"][0]["m"] == pages["pairs/index.html"].context["matrix"]
