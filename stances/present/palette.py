"""The ordered palette of stance colours: one sequential scale, darkest at a scale's first place, lightest at its last.

Nine steps, evenly spaced in OKLab lightness from #08306b to #c6dbef (one blue hue, so no step reads as approval
or alarm). A scale of n levels spreads its places over the steps: the first place is always step 1 and the last
always step 9, so the same place has the same colour on every row, in both skins and in the images. Up to nine
levels each get their own step; on a longer scale neighbouring places may share a step, and the place ("4 of 12")
is always written beside the colour. Each step's ink is white or black, whichever contrasts more (at least 5.2:1).
`fragments.css` holds the same colours as classes `s-p1` … `s-p9`; a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    fill: str
    ink: str


WHITE, BLACK = "#ffffff", "#000000"
STEPS: tuple[Step, ...] = (
    Step("#08306b", WHITE),
    Step("#20447b", WHITE),
    Step("#36598c", WHITE),
    Step("#4d6e9c", WHITE),
    Step("#6483ad", BLACK),
    Step("#7b98bd", BLACK),
    Step("#94aece", BLACK),
    Step("#adc4de", BLACK),
    Step("#c6dbef", BLACK),
)


def step_of(place: int, of: int) -> int:
    """The 1-based palette step of a 0-based place on a scale of `of` levels."""
    if of <= 1:
        return 1
    return 1 + round(place * (len(STEPS) - 1) / (of - 1))


def tone_of(place: int, of: int) -> str:
    """The colour token of a place: `p1` … `p9`; each skin maps it to `STEPS`."""
    return f"p{step_of(place, of)}"
