"""The README tells the truth: its dataset counts match positions/, and it opens with exactly two commands."""

from __future__ import annotations

import re
from pathlib import Path

from stances.domain.validate import load_dataset

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def _count(label: str) -> int:
    match = re.search(rf"^\| {re.escape(label)} \| (\d+)", README, re.MULTILINE)
    assert match, f"README has no count for {label!r}"
    return int(match.group(1))


def test_about_the_data_counts_match_the_dataset():
    dataset = load_dataset(REPO / "positions")
    quotes = [q for cell in dataset.versions for q in cell.version.quotes]
    assert _count("parties") == len(dataset.parties)
    assert _count("issues") == len(dataset.issues)
    assert _count("party × issue cells") == len(dataset.history)
    assert _count("position versions") == len(dataset.versions)
    assert _count("quotes") == len(quotes)
    assert f"({sum(q.direct for q in quotes)} in the party's own words" in README
    assert _count("sources") == len(dataset.sources)
    assert _count("disagreements") == len(dataset.disagreements)
    assert _count("timeline events") == len(dataset.events)
    assert f"published on **{dataset.dataset_date.isoformat()}**" in README


def test_quickstart_has_exactly_two_commands_launch_then_test():
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)\n```", quickstart, re.DOTALL)
    assert len(blocks) == 2
    assert blocks[0].strip().endswith("streamlit run dashboard.py")
    assert blocks[1].strip().endswith("pytest")
    assert all("\n" not in block.strip() for block in blocks)
