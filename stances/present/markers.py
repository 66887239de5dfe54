"""Marker shapes and line dashes as SVG, matching plotly's names, so a party looks the same in every skin."""

from __future__ import annotations

import math

DASHARRAYS = {"solid": "", "dash": "8 5", "dot": "2 4", "dashdot": "8 4 2 4"}


def marker_path(shape: str, x: float, y: float, r: float = 6) -> str:
    """An SVG path for the plotly marker `shape`, centred on (x, y)."""
    if shape == "square":
        return f"M{x - r} {y - r}h{2 * r}v{2 * r}h{-2 * r}Z"
    if shape == "diamond":
        return f"M{x} {y - r * 1.3}L{x + r * 1.3} {y}L{x} {y + r * 1.3}L{x - r * 1.3} {y}Z"
    if shape == "triangle-up":
        return f"M{x} {y - r * 1.2}L{x + r * 1.2} {y + r}L{x - r * 1.2} {y + r}Z"
    if shape == "triangle-down":
        return f"M{x} {y + r * 1.2}L{x + r * 1.2} {y - r}L{x - r * 1.2} {y - r}Z"
    if shape in ("x", "cross", "star"):
        turn = math.pi / 4 if shape == "x" else 0.0
        if shape == "star":
            outline = [(r * (1.3 if k % 2 == 0 else 0.55), math.pi / 2 + k * math.pi / 5) for k in range(10)]
            corners = [(rad * math.cos(a), -rad * math.sin(a)) for rad, a in outline]
        else:
            w = r / 2.5
            corners = [(-w, -r), (w, -r), (w, -w), (r, -w), (r, w), (w, w), (w, r), (-w, r), (-w, w), (-r, w),
                       (-r, -w), (-w, -w)]  # fmt: skip
        c, s_ = math.cos(turn), math.sin(turn)
        turned = [(x + px * c - py * s_, y + px * s_ + py * c) for px, py in corners]
        return "M" + "L".join(f"{px:.1f} {py:.1f}" for px, py in turned) + "Z"
    return f"M{x - r} {y}a{r} {r} 0 1 0 {2 * r} 0a{r} {r} 0 1 0 {-2 * r} 0Z"
