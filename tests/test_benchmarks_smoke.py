"""The benchmark tools work: generated data is valid and the size asked for; the browser-free parts run on 1x data.

Correctness only: no timing is asserted here (timings live in benchmarks/results/results.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import generate  # noqa: E402
import run  # noqa: E402

from stances.domain.validate import check_folder  # noqa: E402


@pytest.mark.parametrize("scale", [1, 10])
def test_generated_data_validates_with_the_expected_counts(scale, tmp_path, run_cli):
    out = tmp_path / f"x{scale}"
    counts = generate.generate(scale, out)
    shape = generate.SHAPES[scale]

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


def test_generator_is_deterministic():
    assert generate.build(1) == generate.build(1)
    assert generate.build(1, seed=1) != generate.build(1, seed=2)


def test_generator_will_not_replace_a_folder_it_did_not_make(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(SystemExit):
        generate.generate(1, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_browser_free_benchmarks_run_on_1x_data(tmp_path, capsys):
    out = tmp_path / "results.md"
    assert run.main(["--quick", "--skip-browser", "--scales", "1", "--out", str(out)]) == 0
    text = out.read_text()
    assert text.strip() in capsys.readouterr().out  # printed as well as written
    for page in run.PAGES:
        assert f"| {page} | default |" in text
        assert f"| {page} | filtered |" in text
    assert "| 1× | 11 |" in text  # 11 files read once on the first run, then 0 on reruns
    assert "| no re-parse on a rerun with files unchanged | 0 reads | met |" in text
    raw = run.json.loads(out.with_suffix(".json").read_text())
    reparse = raw["reparse"]["1"]
    assert reparse["first_run_reads"] == 11
    assert reparse["rerun_reads"] == 0
    assert reparse["reads_after_warm_load"] == 0
    assert raw["load"]["1×"]["versions"] == generate.SHAPES[1].versions


def test_an_edited_file_is_read_again(tmp_path, monkeypatch):
    """The other side of 'no re-parse': a changed file changes the fingerprint, so the cache reloads."""
    import os

    from stances.domain.validate import folder_fingerprint

    out = tmp_path / "x1"
    generate.generate(1, out, validate=False)
    before = folder_fingerprint(out)
    path = out / "issues.yaml"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert folder_fingerprint(out) != before
