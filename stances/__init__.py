"""Curated policy positions: schema, validation, queries and export. Never imports streamlit."""

from .domain.dataset import CellVersion, Dataset
from .domain.problems import DataError, Problem
from .domain.validate import check_folder, load_dataset

__all__ = ["CellVersion", "DataError", "Dataset", "Problem", "check_folder", "load_dataset"]
