"""The URL contract: parsing is strict about ids, forgiving about form, and round-trips."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from stances.domain.view_state import (
    MAX_VALUE_CHARS,
    UNKNOWN_VALUE,
    Notice,
    ViewState,
    format_view,
    parse_view,
    query_string,
)
from stances.present.wording import Words

ISSUES = ["surveillance", "autonomous_weapons", "any_lawful_purpose", "who_decides"]
PARTIES = ["anthropic", "dod", "white_house", "openai", "google", "xai"]


def parse(query):
    return parse_view(query, issues=ISSUES, parties=PARTIES)


def english(notices: tuple[Notice, ...]) -> tuple[str, ...]:
    """The notices as an English reader reads them."""
    return tuple(Words().notice(n) for n in notices)


def ordered_subset(items):
    return st.sets(st.sampled_from(items)).map(lambda chosen: tuple(i for i in items if i in chosen))


states = st.builds(
    ViewState,
    issues=ordered_subset(ISSUES),
    parties=ordered_subset(PARTIES),
    as_of=st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    kind=st.sampled_from([None, "primary", "secondary"]),
    q=st.text(min_size=0, max_size=100).map(str.strip),
)


@given(states)
def test_parse_of_format_is_identity(state):
    parsed = parse(format_view(state))
    assert parsed.state == state
    assert parsed.notices == ()


@given(states)
def test_query_string_round_trips_through_urllib(state):
    from urllib.parse import parse_qs

    assert parse(parse_qs(query_string(state), keep_blank_values=True)).state == state


def test_public_contract_example():
    parsed = parse({"issue": ["surveillance"], "party": ["anthropic", "dod"], "as_of": ["2026-03-01"]})
    assert parsed.state == ViewState(("surveillance",), ("anthropic", "dod"), date(2026, 3, 1))
    assert query_string(parsed.state) == "issue=surveillance&party=anthropic&party=dod&as_of=2026-03-01"


def test_comma_separated_and_repeated_keys_mean_the_same():
    repeated = parse({"party": ["dod", "anthropic"]}).state
    commas = parse({"party": ["dod,anthropic"]}).state
    assert repeated == commas == ViewState(parties=("anthropic", "dod"))


def test_unknown_ids_are_dropped_with_a_notice():
    parsed = parse({"issue": ["surveillance", "Surveillance", "../../etc/passwd"], "party": ["dod,,nobody"]})
    assert parsed.state == ViewState(issues=("surveillance",), parties=("dod",))
    assert parsed.notices[0] == Notice(UNKNOWN_VALUE, key="issue", value="'Surveillance'")  # a code and facts
    assert english(parsed.notices) == (
        "Ignored unknown issue 'Surveillance'.",
        "Ignored unknown issue '../../etc/passwd'.",
        "Ignored unknown party 'nobody'.",
    )


def test_malformed_dates_are_dropped_with_a_notice():
    for bad in ["2026-02-30", "yesterday", "2026-3-1", "20260301", "2026-03-01T00:00"]:
        parsed = parse({"as_of": [bad]})
        assert parsed.state.as_of is None, bad
        assert english(parsed.notices) == (f"Ignored malformed as_of {bad!r} (expected YYYY-MM-DD).",)


def test_unknown_parameters_are_named_but_streamlit_embed_is_not():
    parsed = parse({"embed": ["true"], "utm_source": ["x"]})
    assert parsed.state == ViewState()
    assert english(parsed.notices) == ("Ignored unknown parameter 'utm_source'.",)


def test_hostile_values_are_bounded_and_never_echoed_in_full():
    huge = "<script>alert(1)</script>" * 1000
    parsed = parse({"issue": [huge], "party": ["x"] * 5000, huge: ["1"]})
    assert parsed.state == ViewState()
    assert all(len(n) < 200 for n in english(parsed.notices))
    assert any("over-long value for issue" in n for n in english(parsed.notices))
    assert "Too many party values (5000); showing all parties instead." in english(parsed.notices)


def test_thousands_of_parameters_give_one_notice_and_the_default_view():
    query = {f"p{i}": ["1"] for i in range(3000)}
    parsed = parse(query)
    assert parsed.state == ViewState()
    assert english(parsed.notices)[0] == "The link has 3000 parameters; only the known ones were read."
    assert len(parsed.notices) <= 11


def test_value_length_limit_is_exact():
    assert parse({"q": ["a" * MAX_VALUE_CHARS]}).notices == ()
    assert english(parse({"q": ["a" * (MAX_VALUE_CHARS + 1)]}).notices) == ("Ignored an over-long value for q.",)


def test_unicode_ids_are_unknown_not_errors():
    parsed = parse({"party": ["ａｎｔｈｒｏｐｉｃ", "dod\u0000"]})
    assert parsed.state == ViewState()
    assert len(parsed.notices) == 2
