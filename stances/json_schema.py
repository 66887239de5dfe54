"""The JSON Schema of a data file, generated from the model, for editors that validate YAML as you type."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

from .domain.model import DataFile

SCHEMA_FILE_NAME = "positions.schema.json"
# Shipped as package data, found through importlib.resources (also in a non-editable install).
SCHEMA_PATH = Path(str(files("stances") / "schema" / SCHEMA_FILE_NAME))


def schema_text() -> str:
    schema = DataFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Curated positions file"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
