"""RFC 5545 calendars from Event models, written by `icalendar`.

icalendar does the standard's work (escaping, folding at 75 octets, CRLF); this module maps
our model onto its components and joins the serialised components into files, so each
VEVENT is serialised once (tests read every file back with icalendar and vobject, and
expand every series with recurring-ical-events).

VTIMEZONEs are the zone's current rule as RRULE-based observances (vtimezone.py).
"""

import functools
from datetime import timedelta, timezone

import icalendar

from translations.translations import translate

from .dates import datetime_text, plain, plain_title
from .text import html_to_text
from .vtimezone import vtimezone

PRODID = "-//Partnerstwo lokalne w gminie Czernica//Wydarzenia//PL"


def calendar(entries, name=None, now=None):
    """The bytes of a VCALENDAR of (event, description, page_url, lang) entries; `name`
    makes it a subscribable feed. Without events, `now` gives the one component RFC 5545
    requires: the VTIMEZONE of the site's zone for the current year."""
    return joined([(entry[0], vevent_bytes(*entry)) for entry in entries], name, now)


def joined(parts, name=None, now=None):
    """calendar() of (event, its VEVENT's bytes) parts: icalendar serialises each part
    once, and a file is its parts in RFC 5545's order, so the same VEVENT bytes serve the
    event's own file, the feed and the next build (plugin.py keeps them in CACHE_PATH)."""
    events = [event for event, _ in parts]
    zones = {event.tzid for event in events} or {now.tzinfo.key}
    years = [occurrence.begins.year for event in events
             for occurrence in (event.first_occurrence, event.last_occurrence)] or [now.year]
    head = _head(name, tuple(sorted(zones)), min(years), max(years))
    return head + b"".join(data for _, data in parts) + _END


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
        cal.add_component(vtimezone(zone, first_year, last_year))
    return cal.to_ical().removesuffix(_END)


_END = b"END:VCALENDAR\r\n"


def vevent_bytes(event, description, page_url, lang="pl"):
    return vevent(event, description, page_url, lang).to_ical()


def vevent(event, description, page_url, lang="pl"):
    """One VEVENT; times keep their TZID, stamps are UTC; a series is one VEVENT with RRULE
    and EXDATE; an all-day event has VALUE=DATE and the day after its last as DTEND. Its text
    is in `lang` (a translation's calendar has the original's UID: the same event)."""
    vevent = icalendar.Event()
    meaning = event.status_meaning
    stamp = (event.modified or event.first_occurrence.begins).astimezone(timezone.utc)
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("last-modified", stamp)
    vevent.add("dtstart", event.start)
    vevent.add("dtend", event.end + timedelta(days=1) if event.all_day else event.end)
    if event.rule:
        vevent.add("rrule", event.rule)
    if event.exdates:
        vevent.add("exdate", list(event.exdates))
    prefix = translate(lang, meaning.summary_prefix) if meaning.summary_prefix else ""
    vevent.add("summary", plain(prefix) + plain_title(event.title, lang),
               parameters={"LANGUAGE": lang})
    vevent.add("description", plain(description), parameters={"LANGUAGE": lang})
    vevent.add("location", event.location)
    if event.geo:
        vevent.add("geo", event.geo)
    if page_url:
        vevent.add("url", page_url)
    first = event.contacts[0]
    organizer = icalendar.vCalAddress(f"mailto:{first.email}")
    name = first.name or (event.organizers[0] if event.organizers else None)
    if name:
        organizer.params["CN"] = plain(translate(lang, name))
    vevent.add("organizer", organizer)
    vevent.add("status", meaning.ical)
    vevent.add("sequence", event.sequence)
    return vevent


# Calendars show a description whole, in a small box: the page's text up to this length
# (the seed's invitation is 2,500 characters), else its first paragraphs and the page's
# address. A very long text is good content for the page, never for a calendar entry.
DESCRIPTION_TEXT_MAX = 4000


def description(event, content_html, lang="pl", page_url=None):
    """The page's text (shortened where it is long), then admission, the venue's
    accessibility and who takes RSVPs (calendars show no page around it), in `lang`."""
    def _(text):
        return plain(translate(lang, text))

    parts = [_page_text(html_to_text(content_html), page_url, _)]
    if event.admission:
        parts.append(_("Wstęp wolny.") if event.free_admission
                     else _("Wstęp: %(admission)s") % {"admission": event.admission})
    if event.accessibility:
        parts.append(_("Dostępność miejsca:") + " " + " ".join(event.accessibility))
    rsvp = _("Zgłoszenia")
    if event.rsvp_deadline:
        rsvp = _("Zgłoszenia do %(deadline)s") % {
            "deadline": plain(datetime_text(event.rsvp_deadline, locale=lang))}
    contacts = "; ".join(_contact_text(contact, _) for contact in event.contacts)
    parts.append(f"{rsvp}: {contacts}")
    return "\n\n".join(parts)


def _page_text(text, page_url, _):
    """`text` whole where it fits DESCRIPTION_TEXT_MAX; else its paragraphs that fit (at
    least the start of the first, cut between words), "…" and where to read the rest."""
    if len(text) <= DESCRIPTION_TEXT_MAX:
        return text
    cut = text[:DESCRIPTION_TEXT_MAX]
    end = cut.rfind("\n\n")
    if end <= 0:
        end = cut.rfind(" ")
    shortened = (cut[:end] if end > 0 else cut).rstrip() + " …"
    if page_url:
        shortened += "\n\n" + _("Cały opis: %(url)s") % {"url": page_url}
    return shortened


def _contact_text(contact, _):
    """"Urząd Gminy Czernica – j.herok@czernica.pl, tel. 789 059 281"."""
    text = f"{_(contact.name)} – {contact.email}" if contact.name else contact.email
    if not contact.phone:
        return text
    return _("%(contact)s, tel. %(phone)s") % {"contact": text,
                                               "phone": plain(contact.phone_display)}
