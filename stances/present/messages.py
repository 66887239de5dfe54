"""The interface's message catalogue: extract every reader-facing string with Babel, and update a language's `.po`.

    python -m stances.present.messages de    # adds new messages to locale/de/LC_MESSAGES/messages.po

A translator then fills in the empty `msgstr` lines; `tests/test_i18n.py` fails while any is missing.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("stances", "ui", "pages")
LOCALES = Path(__file__).resolve().parent / "locale"
# words("…"), w("…") in templates, N_("…") for tables translated later,
# self("…") inside Words, and words.count(n, "{n} thing", "{n} things") for plurals.
KEYWORDS = {"words": None, "w": None, "N_": None, "self": None, "count": (2, 3)}
METHODS = [
    ("**/templates/**.html", "jinja2"),
    ("**/templates/**.svg", "jinja2"),
    ("**.py", "python"),
]
OPTIONS = {"**/templates/**.html": {"trim_blocks": "true", "lstrip_blocks": "true"}}


def extract() -> Catalog:
    """Every message of the interface, with where it is used."""
    catalog = Catalog(project="stances", domain="messages")
    for folder in FOLDERS:
        found = extract_from_dir(ROOT / folder, METHODS, keywords=KEYWORDS, options_map=OPTIONS)
        for filename, lineno, message, _comments, _context in found:
            if isinstance(message, tuple) and not all(message):
                continue
            if not message:
                continue
            catalog.add(message, locations=[(f"{folder}/{filename}", lineno)])
    return catalog


def catalogue_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / "messages.po"


def update(language: str) -> Path:
    """Merge the extracted messages into the language's catalogue, keeping every translation already made."""
    template = extract()
    path = catalogue_path(language)
    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        catalog.update(template, no_fuzzy_matching=True)
    else:
        catalog = Catalog(locale=language, project="stances", domain="messages")
        catalog.update(template, no_fuzzy_matching=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=120, omit_header=False, ignore_obsolete=True, sort_output=True)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    languages = list(argv if argv is not None else sys.argv[1:])
    if not languages:
        print("usage: python -m stances.present.messages LANGUAGE [LANGUAGE …]", file=sys.stderr)
        return 2
    for language in languages:
        print(f"updated {update(language)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
