"""Typed view models of everything a reader sees, one module per page kind. Both skins (the Streamlit app and the
static site) only draw these.

A view model holds finished reader words (from `wording.Words`) and semantic link targets (`Target`); each skin
turns a target into its own kind of link. Nothing here escapes text: escaping is the skins' job, done by Jinja2's
autoescape on the site and by `md_escape` in the app.

The names below are loaded on first use (PEP 562): a package whose `__init__` imports its own submodules
takes the import locks in the opposite order to a thread importing one of those submodules directly, and
concurrent cold sessions then fail with `_DeadlockError` (README, Reliability).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_HOMES: dict[str, tuple[str, ...]] = {
    "..facts": (
        "CHANGED_MARK",
        "DISPUTED_MARK",
        "speaker_name",
    ),
    "..wording": ("words_for",),
    ".cell_views": (
        "CellView",
        "QuoteView",
        "StripItem",
        "VersionView",
        "cell_marks",
        "cell_view",
        "cells",
        "disputed_cells",
        "quote_view",
        "version_view",
    ),
    ".common": (
        "COMPACT_ABOVE",
        "COMPACT_NOTE",
        "WORDS_NOTE",
        "LinkView",
        "SourceLine",
        "StanceView",
        "Target",
        "link",
        "source_line",
        "source_lines",
        "stance_view",
    ),
    ".disagreement_views": (
        "DisagreementView",
        "SideView",
        "disagreement_view",
        "disagreements",
        "side_view",
    ),
    ".matrix_view": (
        "CountView",
        "LegendItem",
        "LegendView",
        "MatrixCell",
        "MatrixRow",
        "MatrixView",
        "legends",
        "matrix",
        "uncurated_counts",
        "view_counts",
    ),
    ".meta": (
        "CorrectionView",
        "PageMeta",
        "corrections",
        "page_meta",
    ),
    ".reply_views": (
        "NO_REPLY",
        "REPLY_INTRO",
        "PartyReplies",
        "ReplyView",
        "party_replies",
        "replies",
        "replies_by_party",
    ),
    ".sources": (
        "MAX_CITED_BY",
        "CitedBy",
        "ExcerptView",
        "RelayView",
        "SourceRecordView",
        "citations",
        "cited_by",
        "source_record",
        "source_records",
    ),
    ".timeline": (
        "DatedSources",
        "EventView",
        "PositionStep",
        "TimelineMark",
        "TimelineView",
        "dense_period",
        "event_view",
        "event_when",
        "timeline_in_range",
        "timeline_range",
        "timeline_view",
    ),
    ".trust": (
        "EvidenceList",
        "EvidenceView",
        "TrustLineView",
        "TrustPart",
        "evidence_filter_text",
        "evidence_view",
        "trust_line",
    ),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}
__all__ = sorted(_HOME_OF)


def __getattr__(name: str) -> Any:
    if name not in _HOME_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOME_OF[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
