"""Hostile links: every page survives oversized, numerous, repeated, unicode, traversal, script and NUL parameters.

For each class of hostile query string, AppTest opens the overview with it and then switches to every
other page (the query string stays, as in a shared link). Each page must render without an exception,
show the default view or the valid subset, say so in a notice, and keep every notice short, escaped
and free of the raw payload. One browser test opens a hostile URL on a real server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from apptest_support import PAGES, REPO, texts
from streamlit.testing.v1 import AppTest

from stances.serve import streamlit_server

SAMPLE = REPO / "tests" / "data" / "sample"
TITLES = {
    "dashboard.py": "Overview",
    "pages/overview.py": "Overview",
    "pages/compare.py": "Compare",
    "pages/disagreements.py": "Disagreements",
    "pages/changes.py": "What changed",
    "pages/movement.py": "Movement",
    "pages/pair.py": "Pairs",
    "pages/timeline.py": "Timeline",
    "pages/sources.py": "Sources",
    "pages/about.py": "About & method",
    "pages/party.py": "Party",
}

LONG = "A" * 20_000
SCRIPT = "<script>alert(1)</script>"
MAX_NOTICE_CHARS = 400
MAX_NOTICES = 30


@dataclass(frozen=True)
class Case:
    query: dict[str, str | list[str]]
    issues: list[str] = field(default_factory=list)  # what the filters must hold afterwards
    parties: list[str] = field(default_factory=list)
    as_of: str | None = None
    notices: tuple[str, ...] = ()  # substrings some notice must contain (compared with escapes removed)
    notice_expected: bool = True  # False where Streamlit itself drops the whole query string
    forbidden: tuple[str, ...] = ()  # raw payloads that neither a notice nor the page text may contain


CASES = {
    "20kB_value": Case(
        {"issue": LONG, "party": "dod"},
        parties=["dod"],
        notices=("over-long value for issue",),
        forbidden=(LONG[:300],),
    ),
    "20kB_in_every_filter": Case(
        {"issue": LONG, "party": LONG, "as_of": LONG, "kind": LONG, "q": LONG},
        notices=("over-long value for issue", "over-long value for party", "over-long value for as_of"),
        forbidden=(LONG[:300],),
    ),
    "990_params": Case(
        {"issue": "surveillance", **{f"p{i}": str(i) for i in range(990)}},
        issues=["surveillance"],
        notices=("parameters; only the known ones were read", "Ignored unknown parameter 'p0'"),
    ),
    "990_params_valid_one_last": Case(  # known keys are read wherever they stand; unknown ones are only counted
        {**{f"p{i}": "x" * 50 for i in range(990)}, "party": "dod"},
        parties=["dod"],
        notices=("The link has 991 parameters; only the known ones were read", "Ignored unknown parameter 'p0'"),
    ),
    # Streamlit 1.67 drops a query string of more than 1000 fields or 512 Ki characters before the app
    # sees it (query_params.sanitize_query_string, with a server-log warning): default view, no notice.
    "3000_params": Case(
        {"issue": "surveillance", **{f"p{i}": str(i) for i in range(3000)}},
        notice_expected=False,
    ),
    "600kB_query": Case({"issue": ["surveillance", "C" * 600_000]}, notice_expected=False),
    "repeated_keys": Case(
        {
            "issue": ["surveillance", "surveillance", "nope", "autonomous_weapons", "surveillance"],
            "party": ["anthropic"] * 150,
            "as_of": ["2026-03-01", "2026-04-01"],
        },
        issues=["surveillance", "autonomous_weapons"],
        as_of="2026-03-01",
        notices=("Ignored unknown issue 'nope'", "Too many party values (150)", "Several values for as_of"),
    ),
    "unicode": Case(
        {
            "issue": ["surveillance\u200b", "ｓｕｒｖｅｉｌｌａｎｃｅ", "🛰️"],
            "party": ["\u202eanthropic", "dod\u200f", "ａｎｔｈｒｏｐｉｃ"],
            "as_of": "２０２６-０３-０１",
            "kind": "primary\u200b",
            "\u202eevil\u200b": "\u202e",
        },
        notices=("Ignored unknown issue", "Ignored unknown party", "Ignored malformed as_of"),
        forbidden=("\u202e", "\u200b", "\u200f"),
    ),
    "path_traversal": Case(
        {
            "issue": "../../etc/passwd",
            "party": ["%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%5c..%5cwindows%5cwin.ini"],
            "as_of": "../../../../etc/passwd",
            "kind": "/etc/shadow",
            "q": "../../etc/passwd",
            "../../etc/passwd": "1",
        },
        notices=("Ignored unknown issue", "Ignored unknown party", "Ignored malformed as_of"),
        forbidden=("root:x:0:0", "/bin/bash", "../../etc/passwd"),
    ),
    "script_payloads": Case(
        {
            "issue": SCRIPT,
            "party": ["javascript:alert(1)", "<img src=x onerror=alert(2)>"],
            "as_of": "<svg onload=alert(3)>",
            "kind": '"><script>alert(4)</script>',
            "q": SCRIPT,
            SCRIPT: SCRIPT,
            "[x](javascript:alert(5))": "![y](http://127.0.0.1:9/y.png)",
        },
        notices=("Ignored unknown issue", "Ignored unknown party", "Ignored malformed as_of"),
        forbidden=(SCRIPT, "<img src=x", "javascript:", "<svg onload=", "![y]"),
    ),
    "pair_ids": Case(
        {"a": [SCRIPT, "dod"], "b": "../../etc/passwd\x00", "evidence": "bogus"},
        notices=("Ignored unknown party", "Several values for a", "Ignored unknown evidence 'bogus'"),
        forbidden=(SCRIPT, "../../etc/passwd", "\x00"),
    ),
    "null_bytes": Case(
        {
            "issue": ["surveillance\x00", "\x00"],
            "party": ["dod", "\x00anthropic"],
            "as_of": "2026-03-01\x00",
            "kind": "primary\x00",
            "q": "a\x00b",
            "\x00": "\x00",
        },
        parties=["dod"],
        notices=("Ignored unknown issue", "Ignored unknown party", "Ignored malformed as_of"),
        forbidden=("\x00",),
    ),
}

UNESCAPE = re.compile(r"\\(.)")
UNESCAPED = [
    re.compile(r"(?<!\\)<"),  # any '<' in a notice is escaped, so no HTML can start
    re.compile(r"(?<!\\)\]\("),  # no markdown link or image
    re.compile(r"javascript:", re.IGNORECASE),  # md_escape turns ':' into '\:'
]


def _open(query: dict[str, str | list[str]]) -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _check_page(at: AppTest, page: str, case: Case) -> None:
    where = f"{page}"
    assert not at.exception, (where, [e.value for e in at.exception])
    assert at.title and at.title[0].value == TITLES[page], where
    assert at.multiselect(key="w_issues").value == case.issues, where
    assert at.multiselect(key="w_parties").value == case.parties, where
    as_of = at.date_input(key="w_as_of").value
    assert (str(as_of) if as_of else None) == case.as_of, where
    if page == "pages/sources.py":
        assert at.selectbox(key="w_kind").value is None, where
        assert len(at.text_input(key="w_q").value or "") <= 100, where

    notices = [w.value for w in at.warning]
    if not case.notice_expected:
        assert notices == [], (where, notices)
    assert notices or not case.notice_expected, f"{where}: no notice for a hostile link"
    assert len(notices) <= MAX_NOTICES, f"{where}: {len(notices)} notices"
    joined = "\n".join(notices)
    plain = UNESCAPE.sub(r"\1", joined)
    for expected in case.notices:
        assert expected in plain, (where, expected, notices)
    for notice in notices:
        assert len(notice) <= MAX_NOTICE_CHARS, (where, notice[:100], len(notice))
        for pattern in UNESCAPED:
            assert not pattern.search(notice), (where, pattern.pattern, notice)
    page_text = texts(at)  # includes the share link, which is URL-encoded
    for payload in case.forbidden:
        assert payload not in joined, (where, "a notice echoes", payload[:40])
        assert payload not in page_text, (where, "the page echoes", payload[:40])


def _share(at: AppTest) -> str:
    return at.code[0].value if at.code else ""


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_query_on_every_page(name, monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(SAMPLE))
    case = CASES[name]
    at = _open(case.query)
    _check_page(at, "dashboard.py", case)
    for page in PAGES[1:]:
        at.switch_page(page).run()
        _check_page(at, page, case)


def test_share_link_carries_only_the_clean_view(monkeypatch):
    """The link offered for sharing is rebuilt from the parsed view, never from the raw query string."""
    monkeypatch.setenv("POSITIONS_DIR", str(SAMPLE))
    at = _open({"issue": ["surveillance", SCRIPT], "party": LONG, "\x00": "1", "as_of": "2026-03-01"})
    assert not at.exception
    share = _share(at)
    assert share == "/?issue=surveillance&as_of=2026-03-01", share


@pytest.mark.parametrize("value", ["0001-01-01", "1900-01-01", "9999-12-31"])
def test_as_of_far_from_the_data_is_shown_in_the_widget_or_refused(value, monkeypatch):
    """The date widget and the view never disagree: an applied as_of shows in the widget, else a notice."""
    monkeypatch.setenv("POSITIONS_DIR", str(SAMPLE))
    at = _open({"as_of": value})
    assert not at.exception
    shown = at.date_input(key="w_as_of").value
    applied = any(value in i.value for i in at.info)
    assert (str(shown) == value) == applied, (shown, [i.value for i in at.info])
    if not applied:
        assert at.warning, "an ignored as_of needs a notice"


# ---------------------------------------------------------------------------------------------- browser


@pytest.mark.browser
def test_browser_hostile_url_shows_a_notice_not_a_crash(chromium):
    from urllib.parse import quote

    params = [("issue", "surveillance"), ("issue", "b" * 20_000), ("party", SCRIPT), ("as_of", "<img src=x>")]
    params += [(f"p{i}", str(i)) for i in range(800)]
    query = "&".join(f"{quote(k)}={quote(v)}" for k, v in params)
    with streamlit_server(REPO, SAMPLE, env={"NOW": "2026-12-01"}) as server:
        context = chromium.new_context()
        try:
            page = context.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            response = page.goto(f"{server.url}/compare?{query}", timeout=60_000)
            assert response is not None and response.ok, response and response.status
            page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
            page.wait_for_selector("[data-testid=stStatusWidget]", state="detached", timeout=60_000)
            page.wait_for_timeout(300)
            warnings = page.locator("[data-testid=stAlertContentWarning]")
            assert warnings.count() >= 1
            text = "\n".join(warnings.all_inner_texts())
            assert "parameters; only the known ones were read" in text
            assert "over-long value for issue" in text
            assert "b" * 100 not in text
            assert len(text) < MAX_NOTICES * MAX_NOTICE_CHARS
            assert page.locator("[data-testid=stException]").count() == 0
            assert dialogs == []
            assert page.get_by_role("heading", name="Domestic surveillance").count() == 1
            assert page.get_by_role("heading", name="Autonomous weapons").count() == 0
        finally:
            context.close()
