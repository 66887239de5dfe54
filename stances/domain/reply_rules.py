"""Cross-file checks of the `replies` section: the party, issue, speaker and source it names exist, and a reply's
words are found verbatim in an excerpt of its source (where the source stores excerpts)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import Reply, Source

if TYPE_CHECKING:
    from .cross_checks import Checker, Item


def check_reply(checker: Checker, item: Item) -> None:
    reply: Reply = item.model
    checker.exists("parties", reply.party, item, ("party",), "party")
    if reply.issue is not None:
        checker.exists("issues", reply.issue, item, ("issue",), "issue")
    if reply.speaker is not None:
        checker.exists("speakers", reply.speaker, item, ("speaker",), "speaker")
    if checker.exists("sources", reply.source, item, ("source",), "source") and reply.reply is not None:
        source = _source(checker, reply.source)
        if source is not None and source.excerpts and not any(reply.reply in x.text for x in source.excerpts):
            checker.problem(
                item,
                ("reply",),
                f"not found word for word in any excerpt of source {reply.source!r}; "
                "copy the reply exactly as the excerpt has it (same characters, curly quotes included)",
            )


def _source(checker: Any, ident: str) -> Source | None:
    return next((i.model for i in checker.items["sources"] if i.model.id == ident), None)
