"""Event-rsvp and Event-date-flexible (CONTENT-MODEL.md): their forms, wrong forms with the
editor's exact message, and the rule that binds Event-rsvp: none to no deadline."""

import pytest

from support import article_with_event

RSVP_FORM = "Oczekiwano: required, optional albo none."
FLEXIBLE_FORM = "Oczekiwano: yes albo no."


def event(**fields):
    found = article_with_event(**fields)
    assert found.event_problems == [], [str(p) for p in found.event_problems]
    return found.event


def problems(**fields):
    return [str(problem) for problem in article_with_event(**fields).event_problems]


def test_defaults_are_a_required_sign_up_and_a_fixed_date():
    found = event()
    assert (found.rsvp, found.date_flexible) == ("required", False)


@pytest.mark.parametrize("written, read", [
    ("required", "required"), ("optional", "optional"), ("none", "none"), ("NONE", "none"),
    (" Optional ", "optional")])
def test_rsvp_modes_are_read_in_any_case(written, read):
    assert event(event_rsvp=written).rsvp == read


@pytest.mark.parametrize("written, read", [("yes", True), ("no", False), ("Yes", True)])
def test_date_flexible_reads_yes_and_no(written, read):
    assert event(event_date_flexible=written).date_flexible is read


@pytest.mark.parametrize("wrong", ["tak", "obowiązkowe", "required optional",
                                   "1"])
def test_a_wrong_rsvp_mode_names_the_three_forms(wrong):
    found = problems(event_rsvp=wrong)
    assert len(found) == 1
    assert "pole Event-rsvp" in found[0] and found[0].endswith(RSVP_FORM)


@pytest.mark.parametrize("wrong", ["tak", "nie", "true", "y"])
def test_a_wrong_date_flexible_names_yes_and_no(wrong):
    assert problems(event_date_flexible=wrong) == [
        f"content/wydarzenia/spotkanie.md: pole Event-date-flexible: „{wrong}” – tu "
        f"wpisuje się yes albo no. {FLEXIBLE_FORM}"]


def test_no_sign_up_with_a_deadline_is_an_error_naming_both_ways_out():
    found = problems(event_rsvp="none", event_rsvp_deadline="2025-03-04 12:00")
    assert len(found) == 1
    assert "pole Event-rsvp-deadline: „2025-03-04 12:00” – przy Event-rsvp: none nie ma " \
        "zapisów, więc nie ma też terminu zgłoszeń. Oczekiwano: usunięcie pola " \
        "Event-rsvp-deadline albo Event-rsvp: required." in found[0]


def test_optional_sign_up_may_have_a_deadline():
    assert event(event_rsvp="optional",
                 event_rsvp_deadline="2025-03-04 12:00").rsvp_deadline is not None
