"""Links residents click on the event page: parsed back with urllib, compared exactly."""

import sys
from datetime import datetime, timezone
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

from hypothesis import given, strategies as st

from conftest import EVENT_PAGE, ROOT, soup

sys.path.insert(0, str(ROOT / "plugins"))
from events import links  # noqa: E402
from events.dates import plain_title  # noqa: E402
from events.model import Contact, Event  # noqa: E402

TITLE = "Reaktywacja Partnerstwa lokalnego w gminie Czernica"
RSVP_BODY = (
    "Dzień dobry,\r\n\r\n"
    f"zgłaszam udział w spotkaniu „{TITLE}” (22 stycznia 2025 r., godz. 16.00–18.30).\r\n\r\n"
    "Imię i nazwisko:\r\n"
    "Organizacja lub instytucja:\r\n"
    "Liczba osób:\r\n"
    "Potrzeby związane z dostępnością:\r\n\r\n"
    "Z poważaniem\r\n"
)


def mailto_parts(href):
    """RFC 6068 mailto -> (address, {header: value}), decoded strictly."""
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    assert " " not in href and "+" not in parts.query  # spaces are %20, never '+'
    fields = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    return unquote(parts.path), fields


def event_links(site):
    return soup(site / EVENT_PAGE).select("main a[href]")


# The calendar choices, named by the phone or program each is for.
GOOGLE = "Telefon z Androidem albo konto Google"
OUTLOOK = "Konto Outlook.com lub Hotmail"
M365 = "Outlook w pracy lub szkole"


def test_rsvp_mailto_for_each_contact_has_polish_subject_and_body(site):
    page = soup(site / EVENT_PAGE)
    (primary,) = page.select(".primary-action a")
    assert primary.get_text(strip=True) == "Zgłoś udział"
    assert mailto_parts(primary["href"]) == ("j.herok@czernica.pl", {
        "subject": f"Zgłoszenie udziału: {TITLE}, 22 stycznia 2025 r.", "body": RSVP_BODY})
    # The contacts' own links ask a question: a question never arrives as a sign-up.
    questions = [a["href"] for a in page.select(".contact-list a[href^=mailto]")]
    parsed = [mailto_parts(href) for href in questions]
    assert [address for address, _ in parsed] == ["j.herok@czernica.pl", "p.kobak@gops.czernica.pl"]
    for _, fields in parsed:
        assert fields == {"subject": f"Pytanie o: {TITLE}", "body": (
            f"Dzień dobry,\r\n\r\nmam pytanie o spotkanie „{TITLE}” (22 stycznia 2025 r., "
            "godz. 16.00–18.30):\r\n\r\n\r\n\r\nZ poważaniem\r\n")}
    assert all(len(href) <= 2000 for href in questions + [primary["href"]])


def test_other_date_mailto(site):
    (href,) = [a["href"] for a in event_links(site) if a.get_text(strip=True).replace("\u00a0", " ") == "Poproś o inny termin"]
    address, fields = mailto_parts(href)
    assert address == "j.herok@czernica.pl"
    assert fields["subject"] == f"Prośba o inny termin: {TITLE}"
    assert "termin 22 stycznia 2025 r., godz. 16.00 jest dla mnie niedogodny" in fields["body"]


def test_tel_links_are_e164_and_shown_the_polish_way(site):
    tels = soup(site / EVENT_PAGE).select("main a[href^=tel]")
    assert {a["href"] for a in tels} == {"tel:+48789059281", "tel:+48571226315"}
    for a in tels:
        assert a["href"][4:].startswith("+48") and a["href"][4:].removeprefix("+48").isdigit()
    shown = [a.get_text().replace("\u00a0", " ") for a in tels]
    assert shown == ["Zadzwoń: 789 059 281", "Zadzwoń: 571 226 315"]


def calendar_link(site, text):
    (a,) = [a for a in event_links(site)
            if a.get_text(strip=True).replace("\u00a0", " ") == text]
    parts = urlsplit(a["href"])
    return parts, {k: v[0] for k, v in parse_qs(parts.query).items()}


def test_google_calendar_link_uses_local_times_and_ctz(site):
    parts, query = calendar_link(site, GOOGLE)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "calendar.google.com", "/calendar/render")
    assert query["action"] == "TEMPLATE"
    assert query["text"] == TITLE
    assert query["dates"] == "20250122T160000/20250122T183000"
    assert query["ctz"] == "Europe/Warsaw"
    assert query["location"] == "Budynek Urzędu Gminy Czernica, ul. Kolejowa 3, Czernica"
    assert query["details"].endswith("/wydarzenia/reaktywacja-partnerstwa-lokalnego/")


def test_outlook_and_microsoft_365_links_use_utc(site):
    for text, host in ((OUTLOOK, "outlook.live.com"), (M365, "outlook.office.com")):
        parts, query = calendar_link(site, text)
        assert parts.netloc == host and parts.path == "/calendar/0/action/compose"
        assert query["rru"] == "addevent"
        assert query["subject"] == TITLE
        assert (query["startdt"], query["enddt"]) == ("2025-01-22T15:00:00Z", "2025-01-22T17:30:00Z")


def test_ics_download_and_subscription_links(site):
    page = soup(site / EVENT_PAGE)
    (ics_link,) = page.select("a[download]")
    target = ((site / EVENT_PAGE).parent / ics_link["href"]).resolve()
    assert target == (site / EVENT_PAGE).parent.resolve() / "reaktywacja-partnerstwa-lokalnego.ics"
    assert target.is_file()
    hrefs = [a["href"] for a in page.select(".subscribe a")]
    assert hrefs[0] == "webcal://localhost:8000/kalendarz.ics"
    assert parse_qs(urlsplit(hrefs[1]).query)["cid"] == ["webcal://localhost:8000/kalendarz.ics"]
    assert "sama przynosi zmiany terminów" in page.select_one(".subscribe").get_text()
    assert not page.select(".actions .subscribe, .event-aside .subscribe")  # not an RSVP action


def test_special_characters_are_encoded():
    event = Event(slug="x", title="Kawa & ciastka? #1 = 100% „radości”", location="A & B",
                  start=datetime(2025, 6, 1, 10, tzinfo=ZoneInfo("Europe/Warsaw")),
                  end=datetime(2025, 6, 1, 11, tzinfo=ZoneInfo("Europe/Warsaw")),
                  contacts=(Contact("a@b.pl", None),))
    for url in (links.google_calendar_url(event, "https://x/"), links.outlook_url(event, "https://x/"),
                links.rsvp_mailto(event.contacts[0], event)):
        query = urlsplit(url).query
        assert "&ciastka" not in query and "#" not in url and " " not in url
    query = parse_qs(urlsplit(links.google_calendar_url(event, "")).query)
    assert query["text"] == ["Kawa & ciastka? #1 = 100% „radości”"]
    assert query["location"] == ["A & B"]


polish_text = st.text(alphabet=st.sampled_from(list(
    "aąbcćdeęfghijklłmnńoóprsśtuwyzźżAĄBCĆDEĘFGHIJKLŁMNŃOÓPRSŚTUWYZŹŻ0123456789 .,;:!?-–„”\"'&=#%+/")),
    min_size=1, max_size=120)


@given(title=polish_text)
def test_any_polish_title_round_trips_through_mailto(title):
    event = Event(slug="x", title=title, location="Czernica",
                  start=datetime(2025, 1, 22, 16, tzinfo=ZoneInfo("Europe/Warsaw")),
                  end=datetime(2025, 1, 22, 18, tzinfo=ZoneInfo("Europe/Warsaw")),
                  contacts=(Contact("j.herok@czernica.pl", None),))
    address, fields = mailto_parts(links.rsvp_mailto(event.contacts[0], event))
    assert address == "j.herok@czernica.pl"
    # the title with the quotes the page shows (straight ones made „…”, ' an apostrophe)
    assert fields["subject"] == f"Zgłoszenie udziału: {plain_title(title)}, 22 stycznia 2025 r."
    assert '"' not in fields["subject"]
    assert fields["body"] == links.rsvp_body(event).replace("\n", "\r\n")


def test_calendar_links_state_the_same_instant_as_the_page(site):
    page = soup(site / EVENT_PAGE)
    start = datetime.fromisoformat(page.select_one(".facts time")["datetime"])
    _, outlook = calendar_link(site, OUTLOOK)
    assert start.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") == outlook["startdt"]


def test_page_ics_links_and_json_ld_state_the_same_instants(site):
    import json

    import icalendar

    page = soup(site / EVENT_PAGE)
    start = datetime.fromisoformat(page.select_one(".facts time")["datetime"])
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    cal = icalendar.Calendar.from_ical((site / EVENT_PAGE).with_name(
        "reaktywacja-partnerstwa-lokalnego.ics").read_bytes())
    vevent = cal.walk("VEVENT")[0]
    _, google = calendar_link(site, GOOGLE)
    google_start = datetime.strptime(google["dates"].split("/")[0], "%Y%m%dT%H%M%S").replace(
        tzinfo=ZoneInfo(google["ctz"]))
    _, outlook = calendar_link(site, OUTLOOK)
    outlook_start = datetime.strptime(outlook["startdt"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    instants = {start, datetime.fromisoformat(data["startDate"]), vevent.decoded("dtstart"),
                google_start, outlook_start}
    assert len(instants) == 1, instants


def parsed(title="Spotkanie", **fields):
    from events.model import parse_event
    metadata = {"event-start": "2025-03-05 17:00", "event-end": "2025-03-05 19:00",
                "event-location": "Świetlica wiejska, ul. Główna 1, Czernica",
                "event-contacts": "j.herok@czernica.pl", **fields}
    return parse_event(metadata, source="x", slug="s", title=title,
                       default_timezone="Europe/Warsaw", uid_domain="example.org")


def query_of(url):
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_all_day_links_use_dates_and_the_day_after_the_last():
    event = parsed(**{"event-start": "2025-06-14", "event-end": "2025-06-15"})
    google = query_of(links.google_calendar_url(event, "https://x/"))
    assert google["dates"] == "20250614/20250616" and "recur" not in google
    outlook = query_of(links.outlook_url(event, "https://x/"))
    assert (outlook["allday"], outlook["startdt"], outlook["enddt"]) == (
        "true", "2025-06-14", "2025-06-16")


def test_series_links_google_gets_the_rule_outlook_the_next_occurrence():
    event = parsed(**{"event-repeat": "biweekly", "event-repeat-until": "2025-05-28"})
    now = datetime(2025, 3, 20, 12, tzinfo=ZoneInfo("Europe/Warsaw"))
    coming = event.next_occurrence(now)
    google = query_of(links.google_calendar_url(event, "https://x/", occurrence=coming))
    assert google["recur"] == "RRULE:FREQ=WEEKLY;UNTIL=20250528T215959Z;INTERVAL=2"
    assert google["dates"] == "20250402T170000/20250402T190000"  # from the next one on
    assert google["ctz"] == "Europe/Warsaw"
    outlook = query_of(links.office365_url(event, "https://x/", occurrence=coming))
    assert (outlook["startdt"], outlook["enddt"]) == ("2025-04-02T15:00:00Z", "2025-04-02T17:00:00Z")
    assert "allday" not in outlook


def test_rsvp_names_the_occurrence_it_is_for():
    event = parsed(**{"event-repeat": "monthly", "event-repeat-until": "2025-12-31"})
    coming = event.next_occurrence(datetime(2025, 3, 20, 12, tzinfo=ZoneInfo("Europe/Warsaw")))
    _, fields = mailto_parts(links.rsvp_mailto(event.contacts[0], event, coming))
    assert fields["subject"] == "Zgłoszenie udziału: Spotkanie, 2 kwietnia 2025 r."
    assert "(2 kwietnia 2025 r., godz. 17.00–19.00)" in fields["body"]
    _, fields = mailto_parts(links.other_date_mailto(event.contacts[0], event, coming))
    assert "termin 2 kwietnia 2025 r., godz. 17.00 jest dla mnie niedogodny" in fields["body"]
    all_day = parsed(**{"event-start": "2025-06-14", "event-end": "2025-06-15"})
    _, fields = mailto_parts(links.rsvp_mailto(all_day.contacts[0], all_day))
    assert fields["subject"] == "Zgłoszenie udziału: Spotkanie, 14–15 czerwca 2025 r."
    assert "(14–15 czerwca 2025 r.)" in fields["body"]  # every day it takes


def test_typogrified_titles_reach_links_and_mail_as_plain_text():
    event = parsed(title='<span class="dquo">"</span>Kawa <span class="amp">&amp;</span> ciastka"')
    for url, key in ((links.google_calendar_url(event, ""), "text"),
                     (links.outlook_url(event, ""), "subject")):
        assert query_of(url)[key] == "„Kawa & ciastka”"
    _, fields = mailto_parts(links.rsvp_mailto(event.contacts[0], event))
    assert fields["subject"] == "Zgłoszenie udziału: „Kawa & ciastka”, 5 marca 2025 r."
    # inside the mail's own „…” the title's quotes are the inner ones, never „„Kawa…”
    assert "w spotkaniu „»Kawa & ciastka«” (" in fields["body"]


def test_json_ld_has_one_event_per_coming_occurrence_and_plain_dates_for_all_day():
    from events.jsonld import JSONLD_OCCURRENCES, event_jsonld
    series = parsed(**{"event-repeat": "weekly", "event-repeat-until": "2025-12-31",
                       "event-except": "2025-03-26"})
    now = datetime(2025, 3, 20, 12, tzinfo=ZoneInfo("Europe/Warsaw"))
    data = event_jsonld(series, "https://x/", "Opis", now=now)
    assert [item["startDate"] for item in data[:2]] == [
        "2025-04-02T17:00:00+02:00", "2025-04-09T17:00:00+02:00"]
    assert len(data) == JSONLD_OCCURRENCES
    assert {item["@type"] for item in data} == {"Event"}
    over = event_jsonld(series, "https://x/", now=datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert [item["startDate"] for item in over] == ["2025-12-31T17:00:00+01:00"]
    all_day = parsed(**{"event-start": "2025-06-14", "event-end": "2025-06-15",
                        "event-status": "cancelled"})
    data = event_jsonld(all_day, "https://x/")
    assert (data["startDate"], data["endDate"]) == ("2025-06-14", "2025-06-15")
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


LONGEST_ADDRESS = "j" * 64 + "@" + ".".join(["a" * 63, "b" * 63, "c" * 58]) + ".pl"  # RFC 5321


@given(title=st.text(alphabet=st.sampled_from(list("ąęłżźćńóśĄĘŁŻŹĆŃÓŚ „”&%#?/ ab")),
                     min_size=1, max_size=600))
def test_any_title_fits_every_mailto_shortened_with_an_ellipsis(title):
    """Never refuse a title to protect a link: the subject (then the body's title) is
    shortened with "…" so the mailto stays within 2000 characters."""
    event = Event(slug="x", title=title, location="Czernica",
                  start=datetime(2025, 1, 22, 16, tzinfo=ZoneInfo("Europe/Warsaw")),
                  end=datetime(2025, 1, 22, 18, tzinfo=ZoneInfo("Europe/Warsaw")),
                  contacts=(Contact(LONGEST_ADDRESS, None),))
    for build, prefix, suffix in ((links.rsvp_mailto, "Zgłoszenie udziału: ",
                                   ", 22 stycznia 2025 r."),
                                  (links.other_date_mailto, "Prośba o inny termin: ", ""),
                                  (links.question_mailto, "Pytanie o: ", "")):
        href = build(event.contacts[0], event)
        assert len(href) <= links.MAILTO_MAX
        address, fields = mailto_parts(href)
        assert address == LONGEST_ADDRESS
        subject = fields["subject"].removeprefix(prefix).removesuffix(suffix)
        assert fields["subject"] == prefix + subject + suffix
        if subject != title:  # shortened: a beginning of the title, then "…"
            assert subject.endswith("…") and title.startswith(subject[:-1].rstrip())
        assert fields["body"].startswith("Dzień dobry,") and "Z poważaniem" in fields["body"]


def test_a_200_character_title_builds_with_every_mailto_in_limits(tmp_path):
    from conftest import build, copy_content, write_event
    title = "Spotkanie o wspólnym zagospodarowaniu świetlic " + "ż" * 153
    assert len(title) == 200
    content = copy_content(tmp_path)
    write_event(content, "dlugi-tytul", title=title)
    output = build(tmp_path / "output", content=content, EVENTS_NOW="2025-01-10 12:00")
    page = soup(output / "wydarzenia" / "dlugi-tytul" / "index.html")
    mailtos = [a["href"] for a in page.select("a[href^='mailto:'][href*='?subject=']")]
    subjects = set()
    for href in mailtos:
        assert len(href) <= links.MAILTO_MAX
        subject = mailto_parts(href)[1]["subject"]
        assert "…" in subject
        subjects.add(subject.split(": ", 1)[0])
    assert subjects == {"Zgłoszenie udziału", "Pytanie o"}  # (its date is not flexible)
    assert page.h1.get_text().replace("\xa0", " ") == title  # the page keeps it whole
