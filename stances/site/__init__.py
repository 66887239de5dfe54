"""The static site: view models rendered through Jinja2 templates shipped as package data."""

from .build import build_site, render_pages

__all__ = ["build_site", "render_pages"]
