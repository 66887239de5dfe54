"""Overview at /overview: the target of the app's own "Overview" link, whose share link is canonical `/`."""

from ui.overview import render_overview

render_overview("pages/overview.py")
