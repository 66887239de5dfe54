"""The one Jinja2 environment: autoescape on for every template and every string, undefined names fail loudly."""

from __future__ import annotations

import re
from functools import cache

from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from .facts import CHANGED_MARK, DISPUTED_MARK, attribution_line
from .markers import DASHARRAYS, marker_path
from .views import Target

# A date as the interface writes it: ISO (2026-02-26) or German (26.02.2026).
DATE_TOKEN = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}")


def unbroken_dates(text: object) -> Markup:
    """The text, escaped, with each date in a `<span class="date">` that the stylesheet never breaks (a browser
    otherwise breaks 2026-02-|26 at a hyphen on a narrow card); a line still breaks between two dates."""
    return Markup(DATE_TOKEN.sub(lambda m: f'<span class="date">{m.group()}</span>', str(escape(text))))


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
        bytecode_cache=FileSystemBytecodeCache(),
    )
    env.globals.update(
        changed_mark=CHANGED_MARK,
        disputed_mark=DISPUTED_MARK,
        attribution_line=attribution_line,
        target=Target,
        marker_path=marker_path,
        dasharrays=DASHARRAYS,
    )
    env.filters["unbroken_dates"] = unbroken_dates
    return env
