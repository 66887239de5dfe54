"""Every reader-facing word about the record, in one place, for the app and the static site alike.

English strings are the message ids; other languages come from the gettext catalogues under `locale/`
(see `i18n.py`). Nothing here knows about Streamlit or HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from ..domain import view_state as url
from ..domain.field_types import NO_PUBLIC_POSITION, NOT_YET_RECORDED, UNCLEAR
from ..domain.model import Issue
from .i18n import Translator, translator
from .text import plural

if TYPE_CHECKING:
    from ..domain.dataset import Dataset


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "translated later"
    return message


SPECIAL_STANCE_LABELS = {NO_PUBLIC_POSITION: N_("No public position found"), UNCLEAR: N_("Unclear")}
SPECIAL_STANCE_MEANINGS = {
    NO_PUBLIC_POSITION: N_("No source records a position. Not opposition."),
    UNCLEAR: N_("Sources exist, but the position cannot be placed on the scale."),
}
# A cell's state in a view, not a stance of the record: no version of the cell on or before the view's date.
CELL_STATE_LABELS = {NOT_YET_RECORDED: N_("Not yet recorded")}
CELL_STATE_MEANINGS = {
    NOT_YET_RECORDED: N_("The record holds no version of this position on this date. It does not say there was none.")
}
CLAIM_TYPES = {
    "statement": N_("statement"),
    "policy": N_("policy document"),
    "contract_term": N_("contract wording"),
    "action": N_("action"),
    "report": N_("third-party report"),
}
BASIS = {"direct": N_("their own words"), "reported": N_("reported")}
BINDING = {"yes": N_("binding"), "no": N_("not binding"), "unknown": N_("binding: not known")}
SOURCE_KINDS = {"primary": N_("primary"), "secondary": N_("secondary")}
DATE_KINDS = {
    "exact": "",
    "inferred": N_("inferred"),
    "approximate": N_("approximate"),
    "month": N_("month only"),
    "range": N_("range"),
    "conflict": N_("dates conflict"),
}
TIERS = {"core": N_("core issue"), "secondary": N_("secondary issue")}
NOT_RECORDED = N_("not recorded")
NOT_RECORDED_MEANING = N_("Meaning not recorded.")
UNKNOWN_PUBLICATION = N_("publication date unknown")
UNKNOWN_DATE = N_("date unknown")
# Why part of a link was not applied, by the code `parse_view` gives (see domain/view_state.py).
NOTICES = {
    url.TOO_MANY_VALUES: N_("Too many {what} values ({n}); showing all {whats} instead."),
    url.UNKNOWN_VALUE: N_("Ignored unknown {what} {value}."),
    url.SEVERAL_VALUES: N_("Several values for {key}; using the first."),
    url.TOO_MANY_PARAMETERS: N_("The link has {n} parameters; only the known ones were read."),
    url.UNKNOWN_PARAMETER: N_("Ignored unknown parameter {value}."),
    url.OVER_LONG_VALUE: N_("Ignored an over-long value for {key}."),
    url.MALFORMED_DATE: N_("Ignored malformed {key} {value} (expected YYYY-MM-DD)."),
    url.BAD_PAGE: N_("Ignored page {value} (expected a page number)."),
    url.UNKNOWN_KIND: N_("Ignored unknown kind {value} (expected primary or secondary)."),
    url.UNKNOWN_EVIDENCE: N_("Ignored unknown evidence {value} (expected own_words, reporting_only or single_outlet)."),
}
STALE_DATA = N_("The data folder has problems since {since}; showing the last good version.")

# What each fact means, one click away from where it is shown.
DEFINITIONS = {
    "claim_type": N_(
        "What the position rests on: a statement, a policy document, contract wording, an action, or a "
        "third-party report."
    ),
    "basis": N_("Whether the position rests on the party's own words, or on reporting by others."),
    "binding": N_("Whether the position commits the party: binding, not binding, or not known."),
}


@dataclass(frozen=True)
class Words:
    """Reader words in one language: translated labels, counts with plurals, and dates."""

    language: str = "en"

    @property
    def _t(self) -> Translator:
        return translator(self.language)

    def __call__(self, message: str, **values: object) -> str:
        text = self._t.gettext(message)
        return text.format(**values) if values else text

    def count(self, n: int, singular: str, plural: str) -> str:
        """'1 version', '3 versions', in the dataset's language."""
        return self._t.ngettext(singular, plural, n).format(n=n)

    def day(self, value: date) -> str:
        """ISO in English, the locale's medium date elsewhere (Babel)."""
        if self.language == "en":
            return value.isoformat()
        from babel.dates import format_date

        return format_date(value, format="medium", locale=self.language)

    def month(self, value: date) -> str:
        if self.language == "en":
            return value.strftime("%Y-%m")
        from babel.dates import format_date

        return format_date(value, format="MMM y", locale=self.language)

    def stance_label(self, stance: str) -> str:
        return self(SPECIAL_STANCE_LABELS.get(stance) or CELL_STATE_LABELS.get(stance) or stance)

    def level_label(self, issue: Issue, stance: str) -> str:
        """The curator's label of a level of the issue's scale; for a stance off the scale, its label in words."""
        level = next((lvl for lvl in issue.scale if lvl.id == stance), None)
        return level.label if level is not None else self.stance_label(stance)

    def notice(self, notice: url.Notice) -> str:
        """Why part of a link was not applied, in reader words."""
        key = notice.key
        return self(NOTICES[notice.code], key=key, what=key, whats=plural(key), value=notice.value, n=notice.n)

    def stale_data(self, broken_since: datetime) -> str:
        """That the pages show the last good version of a data folder that has problems since a time."""
        return self(STALE_DATA, since=broken_since.astimezone(UTC).strftime("%H:%M UTC"))

    def stance_meaning(self, stance: str) -> str:
        return self(SPECIAL_STANCE_MEANINGS.get(stance) or CELL_STATE_MEANINGS.get(stance) or "")

    def claim_type(self, value: str | None, own: Mapping[str, str] | None = None) -> str:
        """The dataset's own label (from dataset.yaml's claim_types, in the data's language) where it gives one,
        else the built-in label, translated."""
        if not value:
            return self(NOT_RECORDED)
        if own and value in own:
            return own[value]
        return self(CLAIM_TYPES[value]) if value in CLAIM_TYPES else value

    def basis(self, value: str | None) -> str:
        return self(BASIS[value]) if value else self(NOT_RECORDED)

    def binding(self, value: str | None) -> str:
        return self(BINDING[value]) if value else self("binding: {value}", value=self(NOT_RECORDED))

    def source_kind(self, value: str | None) -> str:
        return self(SOURCE_KINDS[value]) if value else self(NOT_RECORDED)

    def tier(self, value: str | None) -> str:
        return self(TIERS[value]) if value else ""

    def published(self, value: date | str | None) -> str:
        """'published 2026-02-27' or 'publication date unknown'."""
        if isinstance(value, date):
            return self("published {day}", day=self.day(value))
        return self(UNKNOWN_PUBLICATION)

    def when(self, value: date, kind: str) -> str:
        return self.month(value) if kind == "month" else self.day(value)

    def date_kind(self, kind: str) -> str:
        word = DATE_KINDS[kind]
        return self(word) if word else ""


def words_for(dataset: Dataset) -> Words:
    """Reader words in the dataset's language (English where it names none)."""
    return Words(dataset.info.language if dataset.info and dataset.info.language else "en")


METHOD = (
    (
        N_("Their words first, ours apart."),
        N_(
            "Each position shows the party’s own words, quoted verbatim from the cited source with the speaker "
            "named, and separately a one-sentence summary by the curators, marked as theirs."
        ),
    ),
    (
        N_("Every claim carries its sources:"),
        N_(
            "outlet, title, publication date (or that it is unknown), link, whether it is primary (the party’s own "
            "document) or secondary (reporting), and the chain when one outlet relays another."
        ),
    ),
    (
        N_("No public position found"),
        N_("is a state of its own. It means no source here records a position; it is never read as opposition."),
    ),
    (
        N_("History."),
        N_(
            "A position has dated versions; earlier versions stay visible with what changed, and any view can be "
            "shown as the record stood on a date."
        ),
    ),
    (
        N_("Conflicts are kept."),
        N_("Where outlets give different dates or accounts, each is shown with its sources."),
    ),
    (
        N_("Quotes are checked by machine."),
        N_(
            "Before anything is published, every quote is compared, character for character, with a stored excerpt "
            "of the source it cites, and every file is checked against the record’s rules."
        ),
    ),
)
TERMS = (
    (N_("What it rests on"), DEFINITIONS["claim_type"]),
    (N_("Their own words or reported"), DEFINITIONS["basis"]),
    (N_("Binding"), DEFINITIONS["binding"]),
    (
        N_("Place on the scale"),
        N_(
            "“2 of 3” means the second of three stances, counted from one end of the issue’s "
            "scale to the other. Colour repeats it; the words always say it."
        ),
    ),
)

# How the Pairs page measures agreement: published on About, as Wahl-O-Mat publishes its model.
AGREEMENT_METHOD = (
    N_(
        "Agreement is measured on the curators’ ordinal scales. On one issue, the distance between two parties is "
        "|place A − place B| / (levels − 1): 0 when they hold the same stance, 1 when they stand at the two ends of "
        "the scale. On a three-level scale, one step apart is a distance of 0.5."
    ),
    N_(
        "Overall agreement = 1 − the mean distance over the comparable issues, shown as a percentage. An issue is "
        "not comparable when either party has no public position there, is unclear, or is not yet recorded (the "
        "date is before its first version); the page always says how many issues were not comparable."
    ),
    N_(
        "Agreement over time is recomputed at every date when either party recorded a version. A move is a "
        "version whose stance differs from the party’s previous version on that issue; a new version with the "
        "same stance is not a move."
    ),
    N_(
        "The scales order stances from one pole to the other; they do not say that every step is the same size. "
        "Read the figure as a summary of the table beside it, never instead of it."
    ),
)
