"""The one Jinja2 environment: autoescape on for every template and every string, undefined names fail loudly."""

from __future__ import annotations

from functools import cache

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape

from .facts import CHANGED_MARK, DISPUTED_MARK, attribution_line
from .markers import DASHARRAYS, marker_path
from .views import Target


@cache
def environment(*skins: str) -> Environment:
    """The presentation layer's templates (shared fragments, SVG), after those of the skin packages named."""
    loaders = [PackageLoader(p, "templates") for p in skins] + [PackageLoader("stances.present", "templates")]
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(("html", "svg", "xml"), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        changed_mark=CHANGED_MARK,
        disputed_mark=DISPUTED_MARK,
        attribution_line=attribution_line,
        target=Target,
        marker_path=marker_path,
        dasharrays=DASHARRAYS,
    )
    return env
