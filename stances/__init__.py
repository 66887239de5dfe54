"""Curated policy positions: schema, validation, queries and export. Never imports streamlit."""

from .dataset import CellVersion, Dataset
from .problems import DataError, Problem
from .validate import check_folder, load_dataset

__all__ = ["CellVersion", "DataError", "Dataset", "Problem", "check_folder", "load_dataset"]
