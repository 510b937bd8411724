"""Every kind of event, not just the seed workshop: what Event-rsvp (required / optional /
none) and Event-date-flexible change on the page, the cards, the mails and the structured
data; cancelled and ended series; the easy-to-read page's part about the next meeting.

View and macro tests use tests/support.py's real Articles (no build); a few full builds of
the real site with a festival, office hours, a course series (cancelled) and a sewing series
(optional sign-up, ended by March) check whole pages at clocks before, during and after."""

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import EVENT_PAGE, builds_by_clock, soup
from support import article_with_event, clock
from events import links
from events.jsonld import event_jsonld
from events.view import PHASES, PHASES_BY_RSVP, EventView
from test_macros import render, words

DEADLINE = "2025-03-03 12:00"  # support's event: 5 March 2025, 17:00–19:00
BEFORE, DEADLINE_PASSED, DURING, AFTER = ("2025-03-01 12:00", "2025-03-04 12:00",
                                          "2025-03-05 18:00", "2025-03-06 12:00")


def view(now, lang="pl", **fields):
    return EventView(article_with_event(**fields), clock(now), lang)


def mail(href):
    """A mailto link -> (address, subject, body), decoded strictly."""
    parts = urlsplit(href)
    fields = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    return unquote(parts.path), fields["subject"], fields["body"].replace("\r\n", "\n")


# ---- Event-rsvp in the view: a table per kind, the phases' rows replaced where it matters

def test_every_kind_of_sign_up_has_a_row_for_every_phase():
    assert PHASES_BY_RSVP["required"] is PHASES
    for rows in PHASES_BY_RSVP.values():
        assert set(rows) == set(PHASES)
        for phase in ("past", "cancelled"):  # after the event, the kind no longer matters
            assert rows[phase] == PHASES[phase]


@pytest.mark.parametrize("rsvp, now, state, sign_up, card_link, heading", [
    ("required", BEFORE, "Zapisy do %(moment)s", True, "Szczegóły i zapisy",
     "Zgłoszenia i pytania przyjmują"),
    ("required", DEADLINE_PASSED,
     "<strong>Zgłoszenia zamknięte</strong> – zapytaj organizatorów: %(phone)s", False,
     "Szczegóły", "Chcesz przyjść? Zapytaj organizatorów"),
    ("optional", BEFORE,
     "<strong>Wstęp bez zapisów</strong> – możesz się zgłosić do %(moment)s", True,
     "Szczegóły", "Zgłoszenia i pytania przyjmują"),
    ("optional", DEADLINE_PASSED, "<strong>Wstęp bez zapisów</strong> – pytania: %(phone)s",
     False, "Szczegóły", "Pytania o spotkanie"),
    ("none", BEFORE, "<strong>Wstęp bez zapisów</strong> – wystarczy przyjść", False,
     "Szczegóły", "Pytania o spotkanie"),
    ("none", DURING, "<strong>Wstęp bez zapisów</strong> – wystarczy przyjść", False,
     "Szczegóły", "Pytania o spotkanie"),
])
def test_each_kind_of_sign_up_says_its_own_state(rsvp, now, state, sign_up, card_link, heading):
    deadline = DEADLINE if rsvp != "none" else None
    v = view(now, event_rsvp=rsvp, event_rsvp_deadline=deadline)
    assert v.state == state
    assert (v.sign_up_contact is not None) == sign_up == (v.rsvp_closes is not None)
    assert v.shows.card_link == card_link
    assert v.shows.contacts_heading == heading


def test_without_a_phone_the_state_line_names_none():
    v = view(DEADLINE_PASSED, event_rsvp="optional", event_rsvp_deadline=DEADLINE,
             event_contacts=["a@b.pl"])
    assert v.state == "<strong>Wstęp bez zapisów</strong>"
    assert view(DURING, event_rsvp="none", event_contacts=["a@b.pl"]).state == (
        "<strong>Wstęp bez zapisów</strong> – wystarczy przyjść")


@pytest.mark.parametrize("flexible, now, invites", [
    ("yes", BEFORE, True), ("no", BEFORE, False), (None, BEFORE, False),
    ("yes", DURING, False), ("yes", AFTER, False)])
def test_another_date_is_offered_only_where_the_date_is_flexible(flexible, now, invites):
    assert view(now, event_date_flexible=flexible).invites_other_date is invites


# ---- the macros: state line, actions, dates

OPEN_NOW, CLOSED_NOW = clock(BEFORE), clock(DEADLINE_PASSED)


def event_view(now=BEFORE, **fields):
    return view(now, **{"event_contacts": ["Urząd Gminy Czernica, j.herok@czernica.pl 789 059 281",
                                           "p.kobak@gops.czernica.pl"], **fields})


@pytest.mark.parametrize("fields, now, card, expected", [
    ({"event_rsvp": "optional"}, BEFORE, False,
     "Wstęp bez zapisów – możesz się zgłosić do 5 marca, godz. 17.00"),
    ({"event_rsvp": "none"}, BEFORE, False, "Wstęp bez zapisów – wystarczy przyjść"),
    ({"event_rsvp": "optional", "event_rsvp_deadline": DEADLINE}, DEADLINE_PASSED, False,
     "Wstęp bez zapisów – pytania: tel. 789 059 281"),
    # The closed card gives the number too, as text beside its one link.
    ({"event_rsvp_deadline": DEADLINE}, DEADLINE_PASSED, True,
     "Zgłoszenia zamknięte – zapytaj organizatorów: tel. 789 059 281"),
])
def test_state_line_for_each_kind(fields, now, card, expected):
    html = render("state_line", event_view(now, **fields), call=not card)
    assert [words(p) for p in html.select("p.state")] == [expected]
    assert bool(html.select("a[href^=tel]")) is ("tel." in expected and not card)


def actions(v):
    return render("actions", v, "../dane-osobowe/")


def test_required_sign_up_is_the_primary_action_and_contacts_take_questions():
    html = actions(event_view(event_rsvp_deadline=DEADLINE))
    (primary,) = html.select(".primary-action a")
    assert words(primary) == "Zgłoś udział"
    assert mail(primary["href"])[1] == "Zgłoszenie udziału: Spotkanie, 5 marca 2025 r."
    assert words(html.select_one(".hint")) == (
        "Otworzy się Twoja poczta z gotowym zgłoszeniem. Odbiorca: Urząd Gminy Czernica.")
    assert words(html.select_one(".contacts-heading")) == "Zgłoszenia i pytania przyjmują"
    questions = [mail(a["href"]) for a in html.select(".contact-list a[href^=mailto]")]
    assert [(address, subject) for address, subject, _ in questions] == [
        ("j.herok@czernica.pl", "Pytanie o: Spotkanie"),
        ("p.kobak@gops.czernica.pl", "Pytanie o: Spotkanie")]
    assert questions[0][2] == ("Dzień dobry,\n\nmam pytanie o spotkanie „Spotkanie” "
                               "(5 marca 2025 r., godz. 17.00–19.00):\n\n\n\nZ poważaniem\n")
    assert html.find("a", string="Jak przetwarzamy dane ze zgłoszeń")


def test_the_helper_line_names_the_addressee_in_the_nominative_whatever_it_is():
    html = actions(event_view(event_contacts=["p.kobak@gops.czernica.pl"]))
    assert words(html.select_one(".hint")) == (
        "Otworzy się Twoja poczta z gotowym zgłoszeniem. Odbiorca: p.kobak@gops.czernica.pl.")


def test_no_sign_up_means_no_sign_up_action_mail_or_privacy_note():
    html = actions(event_view(event_rsvp="none"))
    assert not html.select(".primary-action, .hint")
    assert words(html.select_one("h2.contacts-heading")) == "Pytania o spotkanie"
    assert "visually-hidden" not in html.select_one("h2.contacts-heading")["class"]
    subjects = {mail(a["href"])[1] for a in html.select("a[href^=mailto]")}
    assert subjects == {"Pytanie o: Spotkanie"}
    assert "zgłoszeń" not in words(html)


def test_optional_sign_up_keeps_its_button():
    html = actions(event_view(event_rsvp="optional"))
    assert words(html.select_one(".primary-action a")) == "Zgłoś udział"


OTHER_DATE = "Termin nie pasuje?"


@pytest.mark.parametrize("fields, shown", [
    ({}, False), ({"event_date_flexible": "yes"}, True),
    ({"event_date_flexible": "yes", "event_rsvp": "none"}, True),
    ({"event_date_flexible": "no"}, False)])
def test_the_other_date_line_follows_event_date_flexible(fields, shown):
    html = actions(event_view(**fields))
    assert (OTHER_DATE in words(html)) is shown
    if shown:
        (link,) = [a for a in html.select("a") if words(a) == "Poproś o inny termin"]
        assert mail(link["href"])[1] == "Prośba o inny termin: Spotkanie"


WEEKLY = {"event_repeat": "weekly", "event_repeat_until": "2025-04-30"}
BIWEEKLY = {"event_start": "2025-01-07 16:00", "event_end": "2025-01-07 17:30",
            "event_repeat": "biweekly", "event_repeat_until": "2025-02-18"}


def facts(v):
    return render("facts", v, "Europe/Warsaw").select_one(".facts dd")


def test_an_ended_series_names_its_span_instead_of_its_last_date():
    v = view("2025-03-01 12:00", **BIWEEKLY)
    assert v.span == (clock("2025-01-07 00:00").date(), clock("2025-02-18 00:00").date())
    assert words(facts(v)) == "od 7 stycznia do 18 lutego 2025 r., co dwa tygodnie"
    assert [t["datetime"] for t in facts(v).select("time")] == ["2025-01-07", "2025-02-18"]
    assert not facts(v).select("del, .series")
    across = view("2026-03-01 12:00", **{**BIWEEKLY, "event_repeat_until": "2026-02-17"})
    assert words(facts(across)) == ("od 7 stycznia 2025 r. do 17 lutego 2026 r., "
                                    "co dwa tygodnie")


def test_a_coming_series_names_its_next_date():
    v = view("2025-01-10 12:00", **BIWEEKLY)
    assert v.span is None
    assert words(facts(v)) == ("wtorek, 21 stycznia 2025 r., godz. 16.00–17.30 "
                               "Spotkania co dwa tygodnie, do 18 lutego 2025 r.")


@pytest.mark.parametrize("fields, now, struck", [
    ({}, BEFORE, "środa, 5 marca 2025 r., godz. 17.00–19.00"),
    ({}, AFTER, "środa, 5 marca 2025 r., godz. 17.00–19.00"),
    (WEEKLY, BEFORE, "od 5 marca do 30 kwietnia 2025 r., co tydzień"),
    (WEEKLY, "2025-03-20 12:00", "od 5 marca do 30 kwietnia 2025 r., co tydzień"),
])
def test_a_cancelled_event_s_dates_are_struck_through_and_labelled(fields, now, struck):
    v = view(now, event_status="cancelled", **fields)
    dd = facts(v)
    assert words(dd.select_one("del")) == struck
    assert words(dd) == f"{struck} (odwołane)"
    keep = actions(v).select_one(".keep")
    assert keep.select("del") and "nie odbęd" in words(keep)


def test_a_cancelled_card_says_so_before_its_struck_date():
    v = view(BEFORE, event_status="cancelled", **WEEKLY)
    card = render("event_card", v, "..").select_one("li.card")
    first = card.find(["p", "h3"])
    assert "state" in first["class"] and words(first) == "Odwołane"
    assert words(card.select_one(".card-date del")) == (
        "od 5 marca do 30 kwietnia 2025 r., co tydzień")
    assert not card.select(".card-series")
    assert len(card.select(".state")) == 1


def test_past_list_strikes_a_cancelled_date():
    v = view(AFTER, event_status="cancelled")
    html = render("past_list", [v], "..")
    assert words(html.select_one(".past-meta del")) == "5 marca 2025 r."
    assert words(html.select_one(".past-meta")) == "5 marca 2025 r. (odwołane), Czernica"


# ---- mails that fit the event

def test_the_sign_up_mail_names_every_day_of_a_multi_day_event():
    e = article_with_event(event_start="2025-08-30", event_end="2025-08-31").event
    _, subject, body = mail(links.rsvp_mailto(e.contacts[0], e))
    assert subject == "Zgłoszenie udziału: Spotkanie, 30–31 sierpnia 2025 r."
    assert "„Spotkanie” (30–31 sierpnia 2025 r.)." in body
    timed = article_with_event(event_start="2025-03-07 17:00", event_end="2025-03-08 13:00").event
    _, subject, body = mail(links.rsvp_mailto(timed.contacts[0], timed))
    assert subject == "Zgłoszenie udziału: Spotkanie, 7–8 marca 2025 r."
    assert ("(7 marca 2025 r., godz. 17.00 – 8 marca 2025 r., godz. 13.00)"
            in body.replace("\u00a0", " "))


def test_the_sign_up_mail_of_a_series_names_the_chosen_date():
    v = view("2025-01-10 12:00", **BIWEEKLY)
    _, subject, body = mail(links.rsvp_mailto(v.event.contacts[0], v.event, v.occurrence))
    assert subject == "Zgłoszenie udziału: Spotkanie, 21 stycznia 2025 r."
    assert "(21 stycznia 2025 r., godz. 16.00–17.30)" in body


def test_a_question_mail_is_in_the_page_language():
    e = article_with_event().event
    _, subject, body = mail(links.question_mailto(e.contacts[0], e, locale="uk"))
    assert subject == "Запитання щодо: Spotkanie"
    assert body.startswith("Добрий день!\n\nУ мене є запитання щодо зустрічі «Spotkanie»")


# ---- structured data

@pytest.mark.parametrize("rsvp, offered", [("required", True), ("optional", True),
                                           ("none", False)])
def test_json_ld_offers_a_sign_up_only_where_there_is_one(rsvp, offered):
    e = article_with_event(event_rsvp=rsvp, event_admission="free").event
    data = event_jsonld(e, "https://example.org/x/", now=clock(BEFORE))
    assert ("offers" in data) is offered
    if offered:
        assert data["offers"] == {
            "@type": "Offer", "validThrough": "2025-03-05T17:00:00+01:00",
            "availability": "https://schema.org/InStock", "price": "0", "priceCurrency": "PLN",
            "url": "https://example.org/x/"}


# ---- the easy-to-read page's sentences

def etr_part(coming=None, past=None):
    html = render("etr_event", coming, past, "..", "../wydarzenia/")
    return [words(p) for p in html.select("p")]


def test_easy_to_read_tells_the_coming_meeting_in_the_future_tense():
    v = event_view(event_rsvp_deadline=DEADLINE,
                   event_location="Budynek Urzędu Gminy Czernica, ul. Kolejowa 3, Czernica")
    assert etr_part(v) == [
        "Spotkanie nazywa się: „Spotkanie”.", "Spotkanie będzie 5 marca 2025 roku.",
        "To jest środa.", "Spotkanie zacznie się o godzinie 17.00.",
        "Spotkanie skończy się o godzinie 19.00.", "Miejsce spotkania:",
        "Budynek Urzędu Gminy Czernica, ulica Kolejowa 3, Czernica",
        "Zgłoś się do 3 marca, do godziny 12.00.", "Więcej o tym spotkaniu"]


@pytest.mark.parametrize("fields, now, sentence", [
    ({"event_rsvp": "none"}, BEFORE, "Nie musisz się zgłaszać. Po prostu przyjdź."),
    ({"event_rsvp": "optional"}, BEFORE, "Możesz się zgłosić. Nie musisz."),
    ({"event_rsvp_deadline": DEADLINE}, DEADLINE_PASSED,
     "Zapisy już się skończyły. Zadzwoń i zapytaj, czy możesz przyjść."),
    ({"event_rsvp_deadline": "2025-03-04 00:00"}, BEFORE, "Zgłoś się najpóźniej 3 marca."),
])
def test_easy_to_read_says_how_to_come_by_the_kind_of_sign_up(fields, now, sentence):
    assert sentence in etr_part(event_view(now, **fields))


def test_easy_to_read_tells_a_past_meeting_in_the_past_tense_after_the_general_part():
    found = etr_part(past=event_view(AFTER, event_admission="free"))
    assert found[:3] == ["Teraz nie planujemy nowego spotkania.", "Partnerstwo działa dalej.",
                         "O następnym spotkaniu napiszemy na stronie Wydarzenia."]
    assert found[3:8] == [
        "Ostatnie spotkanie nazywało się: „Spotkanie”.", "Spotkanie było 5 marca 2025 roku.",
        "Dzień tygodnia: środa.", "Spotkanie zaczęło się o godzinie 17.00.",
        "Spotkanie skończyło się o godzinie 19.00."]
    assert "Spotkanie było bezpłatne." in found
    assert not any("Zgłoś" in s or "zgłasza" in s for s in found)


def test_easy_to_read_with_nothing_at_all_speaks_of_the_partnership():
    assert etr_part() == ["Teraz nie planujemy nowego spotkania.", "Partnerstwo działa dalej.",
                          "O następnym spotkaniu napiszemy na stronie Wydarzenia."]


def test_easy_to_read_names_every_day_of_a_festival_without_hours():
    found = etr_part(event_view("2025-08-01 12:00", event_start="2025-08-30",
                                event_end="2025-08-31", event_rsvp="none"))
    assert "Spotkanie będzie 30 sierpnia 2025 roku." in found
    assert "Spotkanie potrwa do 31 sierpnia." in found
    assert not any("godzinie" in s for s in found)


# ---- whole pages: the real site with every kind of event, at clocks before, during, after

KINDS = {
    "dozynki": dict(title="Dożynki gminne", event_start="2025-08-30", event_end="2025-08-31",
                    event_rsvp="none", event_admission="free"),
    "dyzur": dict(title="Dyżur animatora", event_start="2025-01-14 10:00",
                  event_end="2025-01-14 12:00", event_repeat="weekly",
                  event_repeat_until="2025-12-30", event_rsvp="none"),
    "kurs-komputerowy": dict(title="Kurs komputerowy", event_start="2025-05-06 16:00",
                             event_end="2025-05-06 17:30", event_repeat="weekly",
                             event_repeat_until="2025-06-24", event_status="cancelled"),
    "szycie": dict(title="Warsztaty szycia", event_start="2025-01-14 16:00",
                   event_end="2025-01-14 17:30", event_repeat="biweekly",
                   event_repeat_until="2025-02-25", event_rsvp="optional"),
}


@pytest.fixture(scope="module")
def kinds_at(tmp_path_factory):
    return builds_by_clock(tmp_path_factory, KINDS, "kinds")


def cards(page, section_id=None):
    scope = page.select_one(f"section[aria-labelledby={section_id}]") if section_id else page
    return {words(card.select_one(".card-title")): card for card in scope.select("li.card")}


def test_cancelled_series_is_listed_apart_from_the_coming_events(kinds_at):
    site = kinds_at("2025-01-10 12:00")
    for path in ("index.html", "wydarzenia/index.html"):
        page = soup(site / path)
        coming = page.select_one("main .cards")  # the first list: the coming events
        assert "Kurs komputerowy" not in words(coming), path
        (card,) = cards(page, "odwolane").values()
        assert words(page.select_one("#odwolane")) == "Odwołane"
        assert words(card.find("p")) == "Odwołane"  # the state before the date
        assert words(card.select_one(".card-date del")) == (
            "od 6 maja do 24 czerwca 2025 r., co tydzień")


def test_cards_say_what_each_kind_asks_of_residents(kinds_at):
    site = kinds_at("2025-01-10 12:00")
    listed = cards(soup(site / "index.html"))
    states = {title: words(card.select_one(".state")) for title, card in listed.items()}
    assert states["Dożynki gminne"] == "Wstęp bez zapisów – wystarczy przyjść"
    assert states["Dyżur animatora"] == "Wstęp bez zapisów – wystarczy przyjść"
    assert states["Warsztaty szycia"] == (
        "Wstęp bez zapisów – możesz się zgłosić do 14 stycznia, godz. 16.00")
    assert states["Reaktywacja Partnerstwa lokalnego w gminie Czernica"] == (
        "Zapisy do 20 stycznia, godz. 14.00")


def test_the_closed_home_card_gives_the_phone(kinds_at):
    card = cards(soup(kinds_at("2025-01-21 12:00") / "index.html"))[
        "Reaktywacja Partnerstwa lokalnego w gminie Czernica"]
    assert words(card.select_one(".state")) == (
        "Zgłoszenia zamknięte – zapytaj organizatorów: tel. 789 059 281")
    assert len(card.select("a")) == 1


def test_a_festival_without_sign_up_has_no_sign_up_anywhere(kinds_at):
    for now in ("2025-08-01 12:00", "2025-08-30 12:00"):  # before and during
        page = soup(kinds_at(now) / "wydarzenia/dozynki/index.html")
        main = page.select_one("main")
        assert not main.select(".primary-action, .hint"), now
        assert OTHER_DATE not in words(main)
        assert {mail(a["href"])[1] for a in main.select("a[href^=mailto]")} == {
            "Pytanie o: Dożynki gminne"}
        data = [s.string for s in page.select("script[type='application/ld+json']")]
        assert data and all('"offers"' not in d for d in data)


def test_only_the_flexible_seed_event_invites_another_date(kinds_at):
    site = kinds_at("2025-01-10 12:00")
    assert OTHER_DATE in words(soup(site / EVENT_PAGE).select_one(".actions"))
    optional = soup(site / "wydarzenia/szycie/index.html").select_one(".actions")
    assert OTHER_DATE not in words(optional)
    assert words(optional.select_one(".primary-action")) == "Zgłoś udział"


def test_an_ended_series_page_names_its_span(kinds_at):
    page = soup(kinds_at("2025-03-01 12:00") / "wydarzenia/szycie/index.html")
    assert words(page.select_one(".facts dd")) == (
        "od 14 stycznia do 25 lutego 2025 r., co dwa tygodnie")
    assert words(page.select_one(".state")) == "Wydarzenie się odbyło"


def test_a_cancelled_series_page_strikes_its_dates(kinds_at):
    page = soup(kinds_at("2025-01-10 12:00") / "wydarzenia/kurs-komputerowy/index.html")
    dd = page.select_one(".facts dd")
    assert words(dd) == "od 6 maja do 24 czerwca 2025 r., co tydzień (odwołane)"
    assert dd.select_one("del")


ETR_PAGE = "tekst-latwy-do-czytania/index.html"


def etr_sentences(site):
    page = soup(site / ETR_PAGE)
    part = page.select_one(".etr-event")
    return page, [words(p) for p in part.select("p")] if part else []


@pytest.mark.parametrize("now, first, rest", [
    ("2025-01-10 12:00", "Spotkanie nazywa się: „Dyżur animatora”.",
     ["Spotkanie będzie 14 stycznia 2025 roku.", "Spotkanie zacznie się o godzinie 10.00."]),
    ("2025-01-15 12:00", "Spotkanie nazywa się: „Dyżur animatora”.",
     ["Spotkanie będzie 21 stycznia 2025 roku."]),
    ("2025-08-30 12:00", "Spotkanie nazywa się: „Dożynki gminne”.",
     ["Spotkanie potrwa do 31 sierpnia.", "Spotkanie jest bezpłatne."]),
])
def test_the_easy_to_read_page_tells_the_next_meeting(kinds_at, now, first, rest):
    page, found = etr_sentences(kinds_at(now))
    assert found[0] == first
    assert all(sentence in found for sentence in rest), found
    assert not re.search(r"\b\d{1,2}:\d\d\b", words(page.select_one(".etr-event")))


def test_the_easy_to_read_page_of_the_seed_site_follows_the_seed_meeting(site_at):
    _, before = etr_sentences(site_at("2025-01-10 12:00"))
    assert before[:4] == [
        "Spotkanie nazywa się: „Reaktywacja Partnerstwa lokalnego w gminie Czernica”.",
        "Spotkanie będzie 22 stycznia 2025 roku.", "To jest środa.",
        "Spotkanie zacznie się o godzinie 16.00."]
    assert "Zgłoś się do 20 stycznia, do godziny 14.00." in before
    _, after = etr_sentences(site_at("2025-02-01 12:00"))
    assert after[0] == "Teraz nie planujemy nowego spotkania."
    assert "Spotkanie było 22 stycznia 2025 roku." in after
    assert not any("będzie" in s for s in after)
