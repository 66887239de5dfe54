"""The public corrections log: a `corrections:` section, checked like every other section and exported as JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from stances.domain.validate import check_folder
from stances.export import to_json

SAMPLE = Path("tests/data/sample")
SOURCES = ("telegraphindia-amodei-statement", "newrepublic-parnell-x")

LOG = """\
corrections:
  - id: statement-date
    date: 2026-03-02
    what: The statement was dated 2026-02-28.
    now: It is dated 2026-02-26.
    why: The outlet's date line gives Thursday 26 February.
    sources: [{first}]
    file: parties/anthropic.yaml
    record: anthropic / surveillance / 2026-02-26
  - id: parnell-wording
    date: 2026-03-05
    what: The summary paraphrased the post.
    now: The summary matches the quoted words.
    why: The quote says less than the summary did.
    sources: [{second}]
"""


def _folder_with_log(tmp_path: Path, log: str) -> Path:
    folder = tmp_path / "positions"
    shutil.copytree(SAMPLE, folder)
    (folder / "corrections.yaml").write_text(log, encoding="utf-8")
    return folder


def test_a_valid_log_loads_newest_first(tmp_path: Path) -> None:
    folder = _folder_with_log(tmp_path, LOG.format(first=SOURCES[0], second=SOURCES[1]))
    dataset, problems = check_folder(folder)
    assert problems == []
    assert [c.id for c in dataset.corrections] == ["parnell-wording", "statement-date"]
    assert dataset.corrections[1].record == "anthropic / surveillance / 2026-02-26"


def test_a_dangling_source_is_reported_with_file_and_line(tmp_path: Path) -> None:
    folder = _folder_with_log(tmp_path, LOG.format(first=SOURCES[0], second="no-such-source"))
    dataset, problems = check_folder(folder)
    assert dataset is None
    assert [p.render() for p in problems] == [
        "corrections.yaml:15: corrections[1].sources[0]: unknown source 'no-such-source'"
    ]


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (
            "    sources: []\n",
            "corrections.yaml:7: corrections[0].sources: needs at least 1 entry, has 0",
        ),
        (
            "    date: 2027-01-01\n",
            "corrections.yaml:3: corrections[0].date: date 2027-01-01 is in the future (today is 2026-12-04)",
        ),
    ],
)
def test_a_log_entry_needs_a_source_and_a_past_date(tmp_path: Path, broken: str, expected: str) -> None:
    entry = LOG.format(first=SOURCES[0], second=SOURCES[1]).splitlines(keepends=True)
    field = broken.split(":")[0]
    first_entry_line = next(i for i, line in enumerate(entry) if line.startswith(field))
    entry[first_entry_line] = broken
    folder = _folder_with_log(tmp_path, "".join(entry))
    _, problems = check_folder(folder)
    assert [p.render() for p in problems] == [expected]


def test_the_json_export_carries_the_log(tmp_path: Path) -> None:
    folder = _folder_with_log(tmp_path, LOG.format(first=SOURCES[0], second=SOURCES[1]))
    dataset, _ = check_folder(folder)
    exported = json.loads(to_json(dataset))["corrections"]
    assert [c["id"] for c in exported] == ["parnell-wording", "statement-date"]
    assert exported[1] == {
        "id": "statement-date",
        "date": "2026-03-02",
        "what": "The statement was dated 2026-02-28.",
        "now": "It is dated 2026-02-26.",
        "why": "The outlet's date line gives Thursday 26 February.",
        "sources": [SOURCES[0]],
        "file": "parties/anthropic.yaml",
        "record": "anthropic / surveillance / 2026-02-26",
    }
