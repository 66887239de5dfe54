"""Each fact is worded once, in `stances.present`, and the domain holds none of the words.

- the domain never imports the presentation layer, and the validator loads no translations;
- a quote's attribution line is the same under the quote, on the card image, in the feed and in the CSV;
- the dataset's date is one date, stated alike on the pages, in the citation and on the image;
- the app's Compare download is `stances export --format csv` of the view, header for header;
- the app's modules import each other without a cycle.
"""

from __future__ import annotations

import ast
import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from apptest_support import REPO, open_page, recorded_downloads
from bs4 import BeautifulSoup
from dataset_support import loaded
from dataset_support import sample as sample  # the fixture

from stances.domain import queries
from stances.domain.queries import cells, shown_versions
from stances.domain.view_state import ViewState
from stances.present import images, views
from stances.present.changes import change_entries
from stances.present.citation import citation
from stances.present.facts import attribution_line
from stances.present.templating import environment
from stances.present.wording import Words
from stances.site.feeds import entry_text
from stances.tables import disagreement_table, position_table, source_table, timeline_table

SAMPLE = REPO / "tests" / "data" / "sample"
EXPORT_HEADER = (
    "party issue as_of stance stance_label summary claim_type basis binding sources source_urls quotes change gap"
)
TIMELINE_HEADER = "date kind title date_kind conflict parties issues sources source_urls"
SOURCES_HEADER = "id outlet title published kind via url cited_by"
DISAGREEMENTS_HEADER = "id issue parties crux note sides"
PARNELL = "— Sean Parnell, chief Pentagon spokesman · said on 2026-02-26"


def imported_modules(path: Path, package: str) -> set[str]:
    """The absolute names a module imports, relative imports resolved against its package."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.add(module)
            names |= {f"{module}.{alias.name}" for alias in node.names}
    return names


def test_no_domain_module_imports_the_presentation_layer() -> None:
    domain = REPO / "stances" / "domain"
    modules = sorted(domain.rglob("*.py"))
    assert len(modules) >= 10
    offending = {
        str(path.relative_to(REPO)): sorted(n for n in imported_modules(path, "stances.domain") if "present" in n)
        for path in modules
    }
    assert {k: v for k, v in offending.items() if v} == {}


def test_the_rule_sees_a_relative_import_of_the_presentation_layer(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from ..present.wording import Words\n", encoding="utf-8")
    assert "stances.present.wording" in imported_modules(module, "stances.domain")


def test_the_validator_loads_no_translations() -> None:
    code = (
        "import sys, stances.domain.validate; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel' or m.startswith('stances.present')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, env={"PYTHONPATH": str(REPO)}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_app_modules_import_without_a_cycle() -> None:
    ui = REPO / "ui"
    graph = {
        path.stem: {n.split(".")[1] for n in imported_modules(path, "ui") if n.startswith("ui.") and n.count(".") >= 1}
        for path in ui.glob("*.py")
    }
    graph = {name: {d for d in deps if d in graph and d != name} for name, deps in graph.items()}
    assert "frame" in graph["overview"] and "data" in graph["frame"]  # the graph is read, not empty

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(d == goal or (d not in seen and reaches(d, goal, seen | {d})) for d in graph[start])

    assert [name for name in graph if reaches(name, name, {name})] == []


def test_one_attribution_line_under_the_quote_on_the_card_in_the_feed_and_in_the_csv(sample) -> None:
    cell = next(c for c in views.cells(sample, ViewState()) if (c.party_id, c.issue_id) == ("dod", "surveillance"))
    quote = cell.current.quotes[0]
    assert attribution_line(quote) == PARNELL
    assert PARNELL in images.card_svg(sample, cell, "https://example.org/x")
    entry = next(
        e for e in change_entries(sample, ViewState(), None, None) if any(q.text == quote.text for q in e.quotes)
    )
    assert f"“{quote.text}” {PARNELL}" in entry_text(entry)
    rows = list(
        csv.DictReader(io.StringIO(position_table(sample, shown_versions(cells(sample, ViewState()), True)).csv()))
    )
    dod = next(r for r in rows if (r["party"], r["issue"]) == ("dod", "surveillance"))
    assert dod["quotes"].startswith("Sean Parnell, chief Pentagon spokesman: The Department of War")


def test_the_fragment_draws_the_same_attribution_line(sample) -> None:
    cell = next(c for c in views.cells(sample, ViewState()) if (c.party_id, c.issue_id) == ("dod", "surveillance"))
    module = environment().get_template("fragments.html").make_module({"w": Words(), "href": lambda target: "#"})
    macro = module.quote  # type: ignore[attr-defined]
    html = str(macro(cell.current.quotes[0]))
    # as the reader reads it: the date sits in a span that keeps it whole on a narrow card
    assert PARNELL in BeautifulSoup(html, "html.parser").get_text()


def test_the_dataset_date_is_one_date(sample) -> None:
    assert sample.dataset_date.isoformat() == "2026-02-27"  # the latest source's publication date
    assert views.page_meta(sample).dataset_date == "2026-02-27"
    assert "Dataset version of 2026-02-27." in citation(sample, None, "https://example.org/x").text
    matrix = images.matrix_svg(sample, views.matrix(sample, ViewState()), "https://example.org/x")
    assert "Dataset of 2026-02-27." in matrix


def test_without_a_dated_source_the_date_is_unknown_everywhere(wide_data: Path) -> None:
    dataset = loaded(wide_data)
    assert dataset.dataset_date is None  # the generator writes no publication dates
    assert views.page_meta(dataset).dataset_date == "Datum unbekannt"
    assert "Datensatzversion vom Datum unbekannt." in citation(dataset, None, "https://example.org/x").text


def header(text: str) -> str:
    """A CSV's column names, space-separated."""
    return " ".join(next(csv.reader(io.StringIO(text))))


@pytest.mark.parametrize("folder", ["positions", "tests/data/sample"])
def test_the_compare_download_has_the_export_header(folder: str, run_cli, monkeypatch) -> None:
    deferred = recorded_downloads(monkeypatch)
    monkeypatch.setenv("POSITIONS_DIR", str(REPO / folder))
    at = open_page("pages/compare.py", {"party": "dod"})
    assert not at.exception, at.exception
    exported = run_cli("export", folder, "--format", "csv")
    assert exported.returncode == 0, exported.stderr
    assert header(deferred["compare.csv"]()) == header(exported.stdout) == EXPORT_HEADER


def test_every_download_keeps_its_columns_whatever_the_view_holds(sample) -> None:
    everything, nothing = ViewState(), ViewState(issues=("surveillance",), parties=("anthropic",), q="no such words")
    for view in (everything, nothing):
        assert header(position_table(sample, shown_versions(cells(sample, view), True)).csv()) == EXPORT_HEADER
        assert header(timeline_table(sample, queries.timeline(sample, view)).csv()) == TIMELINE_HEADER
        assert header(source_table(sample, queries.sources(sample, view)).csv()) == SOURCES_HEADER
        assert header(disagreement_table(queries.disagreements(sample, view)).csv()) == DISAGREEMENTS_HEADER
    assert len(source_table(sample, queries.sources(sample, nothing)).rows) == 0  # the header stands alone
