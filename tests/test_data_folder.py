"""Another dispute is another folder: `-- --data DIR`, POSITIONS_DIR, or positions/ by default."""

from __future__ import annotations

import shutil
import sys

from apptest_support import REPO, open_page, texts

from ui.data import chosen_folder

SAMPLE = REPO / "tests" / "data" / "sample"


def test_data_flag_after_double_dash_wins_over_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("POSITIONS_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "argv", ["dashboard.py", "--data", str(SAMPLE)])
    assert chosen_folder() == SAMPLE


def test_environment_variable_then_default(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "argv", ["dashboard.py"])
    monkeypatch.setenv("POSITIONS_DIR", str(tmp_path))
    assert chosen_folder() == tmp_path
    monkeypatch.delenv("POSITIONS_DIR")
    assert chosen_folder() == REPO / "positions"


def test_app_shows_another_dispute_unchanged(monkeypatch, tmp_path):
    other = tmp_path / "other-dispute"
    shutil.copytree(SAMPLE, other)
    info = other / "dataset.yaml"
    info.write_text(info.read_text().replace("Sample — military use of AI models", "Another dispute"))
    monkeypatch.delenv("POSITIONS_DIR", raising=False)
    monkeypatch.setattr(sys, "argv", ["dashboard.py", "--data", str(other)])
    at = open_page("dashboard.py")
    assert not at.exception
    assert "Another dispute" in texts(at)


def test_an_edited_file_shows_up_without_a_restart(monkeypatch, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(SAMPLE, folder)
    monkeypatch.setenv("POSITIONS_DIR", str(folder))
    monkeypatch.setattr(sys, "argv", ["dashboard.py"])
    assert "Seeks an explicit bar" in texts(open_page("dashboard.py"))
    issues = folder / "issues.yaml"
    issues.write_text(issues.read_text().replace("label: Seeks an explicit bar", "label: Wants a written bar"))
    assert "Wants a written bar" in texts(open_page("dashboard.py"))
