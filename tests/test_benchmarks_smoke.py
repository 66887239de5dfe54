"""The benchmark tools work: generated data is valid and the size asked for; the browser-free parts run on 1x data.

Correctness only: no timing is asserted here (timings live in benchmarks/results/results.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import run
from bench_common import PAGES
from bench_report import _mb, _ms

from stances import synthetic
from stances.domain.validate import check_folder


@pytest.fixture(scope="module")
def bench_data(tmp_path_factory) -> Path:
    """Where the benchmark runs of this module keep the datasets they generate (once, then reused)."""
    return tmp_path_factory.mktemp("bench-generated")


@pytest.mark.parametrize("scale", [1, 10])
def test_generated_data_validates_with_the_expected_counts(scale, generated, run_cli):
    out, counts = generated(scale).folder, generated(scale).counts
    shape = synthetic.SHAPES[scale]

    dataset, problems = check_folder(out)
    assert problems == []
    assert dataset is not None
    expected = {
        "parties": shape.parties,
        "issues": shape.issues,
        "versions": shape.versions,
        "sources": shape.sources,
        "disagreements": shape.disagreements,
        "events": shape.events,
    }
    assert {key: counts[key] for key in expected} == expected
    assert len(dataset.parties) == shape.parties
    assert len(dataset.issues) == shape.issues
    assert len(dataset.versions) == shape.versions
    assert len(dataset.sources) == shape.sources
    assert len(dataset.disagreements) == shape.disagreements
    assert len(dataset.events) == shape.events
    assert len(dataset.history) == shape.parties * shape.issues  # every party × issue cell is present
    assert counts["quotes"] > 0
    assert sorted(p.name for p in out.iterdir()) == [
        "dataset.yaml",
        "disagreements.yaml",
        "issues.yaml",
        "parties",
        "sources.yaml",
        "timeline.yaml",
    ]

    result = run_cli("validate", str(out))
    assert result.returncode == 0, result.stderr
    assert f"{shape.versions} position versions" in result.stdout


def test_the_wide_shape_is_minimal_german_and_valid(generated, run_cli):
    out, counts = generated("wide").folder, generated("wide").counts
    shape = synthetic.WIDE_SHAPE

    dataset, problems = check_folder(out)
    assert problems == []
    assert (len(dataset.parties), len(dataset.issues)) == (30, 40)
    assert len(dataset.history) == 30 * 40
    assert len(dataset.versions) == counts["versions"] == shape.versions
    assert dataset.info.language == "de"
    assert "abschaffung-von-zöllen" in dataset.issues and "grüne-union" in dataset.parties
    assert [levels for levels, _ in dataset.distinct_scales] == [tuple(dataset.issues["bargeld-erhalten"].scale)]
    assert not dataset.has_tiers
    assert all(p.kind is None for p in dataset.parties.values())
    assert all(i.question is None for i in dataset.issues.values())
    assert all(level.meaning is None for i in dataset.issues.values() for level in i.scale)
    assert all(
        v.summary is None and v.claim_type is None and v.basis is None and v.binding is None
        for v in (cell.version for cell in dataset.versions)
    )
    assert all(s.outlet is None and s.published is None for s in dataset.sources.values())
    same_day = [h for h in dataset.history.values() if len(h) == 2 and h[0].as_of == h[1].as_of]
    assert same_day and all([v.order for v in h] == [1, 2] for h in same_day)

    result = run_cli("validate", str(out))
    assert result.returncode == 0, result.stderr
    assert "30 parties, 40 issues, 1200 party × issue cells" in result.stdout


def test_generator_is_deterministic():
    assert synthetic.build(1) == synthetic.build(1)
    assert synthetic.build(1, seed=1) != synthetic.build(1, seed=2)
    assert synthetic.build("wide") == synthetic.build("wide")


def test_generator_will_not_replace_a_folder_it_did_not_make(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(SystemExit):
        synthetic.generate(1, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_browser_free_benchmarks_run_on_1x_data(tmp_path, capsys, bench_data):
    out = tmp_path / "results.md"
    argv = ["--quick", "--only", "b,c", "--scales", "1", "--rounds", "1", "--generated", str(bench_data)]
    assert run.main([*argv, "--out", str(out)]) == 0
    text = out.read_text()
    assert text.strip() in capsys.readouterr().out  # printed as well as written
    for page in PAGES:
        assert f"| {page} | default |" in text
        assert f"| {page} | filtered |" in text
    assert "| 1× | 11 |" in text  # 11 files read once on the first run, then 0 on reruns
    assert "| no re-parse on a rerun with files unchanged | 0 reads | met |" in text
    raw = json.loads(out.with_suffix(".json").read_text())
    reparse = raw["reparse"]["1"]
    assert reparse["first_run_reads"] == 11
    assert reparse["rerun_reads"] == 0
    assert reparse["reads_after_warm_load"] == 0
    assert raw["load"]["1×"]["versions"] == synthetic.SHAPES[1].versions
    assert "site" not in raw and "cold" not in raw and "sessions" not in raw  # only the parts asked for


def test_the_wide_shape_runs_in_the_benchmark_beside_a_static_site_measurement(tmp_path, bench_data):
    out = tmp_path / "results.md"
    argv = ["--quick", "--only", "b,e", "--scales", "wide", "--rounds", "1", "--generated", str(bench_data)]
    assert run.main([*argv, "--site-no-images", "--out", str(out)]) == 0
    text = out.read_text()
    assert "| page | view | wide |" in text
    raw = json.loads(out.with_suffix(".json").read_text())
    overview = raw["reruns"]["wide"]["pages"]["dashboard.py"]
    assert "error" not in overview, overview
    assert f"| dashboard.py | default | {_ms(overview['default'])} |" in text
    site = raw["site"]["wide"]
    assert site["pages"] >= 1 + 30 + 40  # at least the overview, a page per party and one per issue
    assert site["largest_page_bytes"] <= site["largest_file_bytes"] <= site["bytes"]
    assert f"| wide | {site['pages']} | {_mb(site['bytes'])} |" in text
    assert "| shipped `positions/` |" in text
    assert "load" not in raw and "reparse" not in raw  # only the parts asked for


def test_an_edited_file_is_read_again(tmp_path, monkeypatch):
    """The other side of 'no re-parse': a changed file changes the fingerprint, so the cache reloads."""
    import os

    from stances.domain.validate import folder_fingerprint

    out = tmp_path / "x1"
    synthetic.generate(1, out, validate=False)
    before = folder_fingerprint(out)
    path = out / "issues.yaml"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert folder_fingerprint(out) != before
