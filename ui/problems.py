"""What a page shows about the data folder: its problems, and that the last good version is shown meanwhile."""

from __future__ import annotations

import streamlit as st

from stances.domain.live import Shown
from stances.domain.problems import Problem, clip
from stances.present.wording import Words

PANEL_CHARS = 4_000  # the problem list a page sends to every reader stays a few kilobytes
PANEL_LINE_CHARS = 300


def render_problems(problems: tuple[Problem, ...], words: Words) -> None:
    """The problems, with paths relative to the data folder (a reader never sees where the server keeps it).

    Each problem is the validator's own `file:line: field: message`, as `stances validate` prints it."""
    st.error(
        words.count(
            len(problems),
            "The data folder did not validate: {n} problem.",
            "The data folder did not validate: {n} problems.",
        )
    )
    st.caption(words("Fix these in the YAML files; the page reloads the data when a file changes."))
    lines: list[str] = []
    used = 0
    for problem in problems:
        line = clip(problem.render(), PANEL_LINE_CHARS)
        if used + len(line) > PANEL_CHARS:
            break
        lines.append(line)
        used += len(line) + 1
    if len(lines) < len(problems):
        lines.append(
            words("… and {n} more; `python -m stances validate` lists them all.", n=len(problems) - len(lines))
        )
    st.code("\n".join(lines), language=None, wrap_lines=True)


def render_stale(shown: Shown, words: Words) -> None:
    """Above a page that shows the last good version: since when the folder has problems, and (folded) which."""
    if not shown.stale or shown.broken_since is None:
        return
    st.warning(words.stale_data(shown.broken_since), icon=":material/history:")
    label = words.count(
        len(shown.problems),
        "What is wrong with the data folder now ({n} problem)",
        "What is wrong with the data folder now ({n} problems)",
    )
    with st.expander(label):
        render_problems(shown.problems, words)
