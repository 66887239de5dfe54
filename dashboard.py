"""Overview: the party × issue matrix of the latest (or as-of) positions. Entry point of the app."""

from ui.overview import render_overview

render_overview("dashboard.py")
