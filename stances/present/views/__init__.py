"""Typed view models of everything a reader sees, one module per page kind. Both skins (the Streamlit app and the
static site) only draw these.

A view model holds finished reader words (from `wording.Words`) and semantic link targets (`Target`); each skin
turns a target into its own kind of link. Nothing here escapes text: escaping is the skins' job, done by Jinja2's
autoescape on the site and by `md_escape` in the app.

The names below are loaded on first use (`lazy_loader`, PEP 562): a package whose `__init__` imports its own submodules
takes the import locks in the opposite order to a thread importing one of those submodules directly, and
concurrent cold sessions then fail with `_DeadlockError` (README, Reliability).
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "matrix_view": [
            "CHANGED_MARK",
            "DISPUTED_MARK",
            "words_for",
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
        ],
        "reply_views": [
            "speaker_name",
            "NO_REPLY",
            "REPLY_INTRO",
            "PartyReplies",
            "ReplyView",
            "party_replies",
            "replies",
            "replies_by_party",
        ],
        "cell_views": [
            "CellView",
            "HistoryView",
            "QuoteView",
            "StripItem",
            "VersionView",
            "cell_marks",
            "cell_view",
            "cells",
            "disputed_cells",
            "quote_view",
            "version_view",
        ],
        "common": [
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
        ],
        "disagreement_views": [
            "DisagreementView",
            "SideView",
            "disagreement_view",
            "disagreements",
            "side_view",
        ],
        "meta": [
            "CorrectionView",
            "PageMeta",
            "corrections",
            "page_meta",
        ],
        "sources": [
            "MAX_CITED_BY",
            "CitedBy",
            "ExcerptView",
            "RelayView",
            "SourceRecordView",
            "citations",
            "cited_by",
            "source_record",
            "source_records",
        ],
        "timeline": [
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
        ],
        "trust": [
            "EvidenceList",
            "EvidenceView",
            "TrustLineView",
            "TrustPart",
            "evidence_filter_text",
            "evidence_view",
            "trust_line",
        ],
    },
)
