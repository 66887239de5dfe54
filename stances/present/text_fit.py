"""Fitting text into image boxes without cutting it: a conservative width estimate for DejaVu Sans, and word
wrapping that breaks only a word longer than a whole line (each character is still shown)."""

from __future__ import annotations

NARROW = set("iljtfrI.,:;!|'()[] ")
WIDE = set("mwMW@%")


def char_width(ch: str) -> float:
    """A character's advance in DejaVu Sans, in em, rounded up (bold is about 10 % wider)."""
    if ch in NARROW:
        return 0.4
    if ch in WIDE:
        return 1.0
    if ch.isupper() or ch.isdigit():
        return 0.75
    if ord(ch) > 0x2E7F:  # CJK and other full-width scripts
        return 1.0
    return 0.62


def text_width(text: str, size: float, bold: bool = False) -> float:
    return sum(char_width(ch) for ch in text) * size * (1.1 if bold else 1.0)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """`text` in lines no wider than `width`; a word wider than a line is split between characters."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for ch in word:
            if line and text_width(line + ch, size, bold) > width:
                lines.append(line)
                line = ""
            line += ch
    if line or not lines:
        lines.append(line)
    return lines
