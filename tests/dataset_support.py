"""The sample dataset as a module-scoped fixture, a folder's dataset that must load, and every string a nested
structure (exported data, a plotly figure's JSON) holds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stances.domain.dataset import Dataset
from stances.domain.validate import check_folder

SAMPLE = Path(__file__).resolve().parent / "data" / "sample"


def loaded(folder: Path) -> Dataset:
    """The folder's dataset; a folder with errors fails the test, naming them."""
    dataset, problems = check_folder(folder)
    assert dataset is not None, problems
    return dataset


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return loaded(SAMPLE)


def strings_in(value: object) -> Iterator[str]:
    """Every string in nested dicts and lists, the dicts' values only."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
