"""RFC 5545 calendars from Event models, written by `icalendar`.

icalendar does the standard's work (escaping, folding at 75 octets, CRLF, VTIMEZONE); this
module maps our model onto its components and joins the serialised components into files,
so each VEVENT is serialised once (tests read every file back with icalendar and vobject).
"""

import functools
from datetime import date, timedelta, timezone

import icalendar

from .dates import pl_datetime, plain
from .text import html_to_text

PRODID = "-//Partnerstwo lokalne w gminie Czernica//Wydarzenia//PL"
_STATUS = {"scheduled": "CONFIRMED", "rescheduled": "CONFIRMED",
           "postponed": "TENTATIVE", "cancelled": "CANCELLED"}


def calendar(entries, name=None, now=None):
    """The bytes of a VCALENDAR of (event, description, page_url) entries; `name` makes it
    a subscribable feed. Without events, `now` gives the one component RFC 5545 requires: the
    VTIMEZONE of the site's zone for the current year."""
    events = [event for event, _, _ in entries]
    zones = {event.tzid for event in events} or {now.tzinfo.key}
    years = [moment.year for event in events for moment in (event.start, event.end)] or [now.year]
    head = _head(name, tuple(sorted(zones)), min(years), max(years))
    # icalendar serialises each part once; a file is its parts in RFC 5545's order, and the
    # same VEVENT bytes serve the event's own file, the feed and a live preview's rebuilds.
    return head + b"".join(_vevent_ical(*entry) for entry in entries) + _END


@functools.lru_cache(maxsize=256)
def _head(name, zones, first_year, last_year):
    """VCALENDAR properties and the VTIMEZONEs (limited to the years the events need)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("name", name)
        cal.add("x-wr-calname", name)
        cal.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", icalendar.vDuration(timedelta(hours=12)))
    for zone in zones:
        cal.add_component(icalendar.Timezone.from_tzid(
            zone, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)))
    return cal.to_ical().removesuffix(_END)


_END = b"END:VCALENDAR\r\n"


@functools.lru_cache(maxsize=8192)
def _vevent_ical(event, description, page_url):
    return vevent(event, description, page_url).to_ical()


def vevent(event, description, page_url):
    """One VEVENT; times keep their TZID, stamps are UTC."""
    vevent = icalendar.Event()
    stamp = (event.modified or event.start).astimezone(timezone.utc)
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("last-modified", stamp)
    vevent.add("dtstart", event.start)
    vevent.add("dtend", event.end)
    vevent.add("summary", plain(event.title))
    vevent.add("description", plain(description))
    vevent.add("location", event.location)
    if event.geo:
        vevent.add("geo", event.geo)
    if page_url:
        vevent.add("url", page_url)
    first = event.contacts[0]
    organizer = icalendar.vCalAddress(f"mailto:{first.email}")
    name = first.name or (event.organizers[0] if event.organizers else None)
    if name:
        organizer.params["CN"] = name
    vevent.add("organizer", organizer)
    vevent.add("status", _STATUS[event.status])
    vevent.add("sequence", event.sequence)
    return vevent


@functools.lru_cache(maxsize=8192)
def description(event, content_html):
    """The page's text, then admission, the venue's accessibility and who takes RSVPs
    (calendars show no page around it)."""
    parts = [html_to_text(content_html)]
    if event.admission:
        parts.append("Wstęp wolny." if event.free_admission else f"Wstęp: {event.admission}")
    if event.accessibility:
        parts.append("Dostępność miejsca: " + " ".join(event.accessibility))
    rsvp = "Zgłoszenia"
    if event.rsvp_deadline:
        rsvp += f" do {plain(pl_datetime(event.rsvp_deadline))}"
    parts.append(f"{rsvp}: " + "; ".join(map(_contact_text, event.contacts)))
    return "\n\n".join(parts)


def _contact_text(contact):
    """"Urząd Gminy Czernica – j.herok@czernica.pl, tel. 789 059 281"."""
    text = f"{contact.name} – {contact.email}" if contact.name else contact.email
    return f"{text}, tel. {plain(contact.phone_display)}" if contact.phone else text
