"""Translations of the interface: gettext catalogues (`locale/<lang>/LC_MESSAGES/messages.po`) read with Babel.

The `.po` files are the only thing translators edit; they are compiled in memory on first use, so no binary
`.mo` file is kept in the repository. An unknown language falls back to the English message ids.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from importlib.resources import files
from io import BytesIO
from typing import Protocol

LOCALES = files("stances.present") / "locale"


class Translator(Protocol):
    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


def available_languages() -> list[str]:
    return sorted(p.name for p in LOCALES.iterdir() if (p / "LC_MESSAGES" / "messages.po").is_file())


@lru_cache(maxsize=8)
def translator(language: str) -> Translator:
    po = LOCALES / language / "LC_MESSAGES" / "messages.po"
    if language == "en" or not po.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo  # only for another language: English pages and the CLI skip Babel
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
