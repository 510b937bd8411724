"""Links residents click: add to calendar, subscribe, RSVP by e-mail, call.

Pure functions of an Event; the templates call them as Jinja filters.
"""

import functools
from datetime import timedelta, timezone
from urllib.parse import quote, urlencode

from translations.translations import translate

from .dates import datetime_text, days_text, plain, plain_title, when_text
from .occurrences import rrule_text

MAILTO_MAX = 2000  # longest mailto URI that every mail client opens


def _query(params):
    """RFC 3986 query: UTF-8 percent-encoding, spaces as %20, reserved characters escaped."""
    return urlencode(params, quote_via=quote, safe="")



def google_calendar_url(event, page_url, details="", occurrence=None):
    """Google Calendar "add event": local wall-clock times plus the zone (ctz); a series as
    recur=RRULE:… from `occurrence` (default: the first) on, unless a date after it is
    excepted (the link cannot say so: then it adds that occurrence alone); all-day as
    dates=DAY/DAY+1."""
    occurrence = occurrence or event.first_occurrence
    params = {
        "action": "TEMPLATE",
        "text": plain_title(event.title),
        "dates": _google_dates(occurrence),
        "ctz": event.tzid,
        "details": _details(details, page_url),
        "location": event.location,
    }
    if event.links_carry_series(occurrence):
        params["recur"] = "RRULE:" + rrule_text(event.rule)
    return "https://calendar.google.com/calendar/render?" + _query(params)


def _google_dates(occurrence):
    if occurrence.all_day:  # the end is exclusive, as in the .ics
        return f"{occurrence.start:%Y%m%d}/{occurrence.end + timedelta(days=1):%Y%m%d}"
    return f"{occurrence.start:%Y%m%dT%H%M%S}/{occurrence.end:%Y%m%dT%H%M%S}"


def outlook_url(event, page_url, details="", host="outlook.live.com", occurrence=None):
    """Outlook.com (or Microsoft 365 with host="outlook.office.com") compose, in UTC. These
    links cannot carry a series: they add `occurrence` (default: the first) alone."""
    occurrence = occurrence or event.first_occurrence
    if occurrence.all_day:
        times = {"startdt": occurrence.start.isoformat(), "allday": "true",
                 "enddt": (occurrence.end + timedelta(days=1)).isoformat()}
    else:
        times = {moment: value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
                 for moment, value in (("startdt", occurrence.start), ("enddt", occurrence.end))}
    return f"https://{host}/calendar/0/action/compose?" + _query({
        "rru": "addevent",
        "subject": plain_title(event.title),
        **times,
        "location": event.location,
        "body": _details(details, page_url),
    })


def office365_url(event, page_url, details="", occurrence=None):
    return outlook_url(event, page_url, details, host="outlook.office.com", occurrence=occurrence)


def _details(details, page_url):
    return "\n\n".join(part for part in (plain(details).strip(), page_url) if part)


def webcal_url(feed_url):
    """The subscription address: the feed's absolute URL with the webcal scheme."""
    return "webcal://" + feed_url.split("://", 1)[-1]


def google_subscribe_url(feed_url):
    return "https://calendar.google.com/calendar/render?" + _query({"cid": webcal_url(feed_url)})


def mailto(address, subject, body):
    """RFC 6068 mailto: percent-encoded UTF-8, CRLF line breaks."""
    return f"mailto:{address}?{_mail_query(subject, body)}"


@functools.lru_cache(maxsize=1024)
def _mail_query(subject, body):
    """A page sends the same mail to each of its contacts: encoded once."""
    return _query({"subject": subject, "body": body.replace("\r\n", "\n").replace("\n", "\r\n")})


def shortened(text, length):
    """`text` cut to `length` characters, with "…" where anything was cut."""
    return text if len(text) <= length else text[:length].rstrip() + "…"


def _fitting(uri_for, title):
    """uri_for(subject_title, body_title) with the whole title where it fits in MAILTO_MAX;
    else the title shortened with "…", in the subject first, then in the body too."""
    def longest(fits):  # the longest cut that fits (cuts grow monotonically), or None
        low, high, best = 0, len(title) - 1, None
        while low <= high:
            middle = (low + high) // 2
            if fits(middle):
                best, low = middle, middle + 1
            else:
                high = middle - 1
        return best

    if len(uri := uri_for(title, title)) <= MAILTO_MAX:
        return uri
    cut = longest(lambda n: len(uri_for(shortened(title, n), title)) <= MAILTO_MAX)
    if cut is not None:
        return uri_for(shortened(title, cut), title)
    least = shortened(title, 0)
    cut = longest(lambda n: len(uri_for(least, shortened(title, n))) <= MAILTO_MAX)
    return uri_for(least, shortened(title, cut or 0))


def _mail_text(locale):
    """The mail templates' text in `locale` (plain text: no no-break spaces)."""
    return lambda text, **values: plain(translate(locale, text)) % values


def _when(occurrence, locale):
    """Every day and hour of one occurrence, as a mail names it: "22 stycznia 2025 r., godz.
    16.00–18.30", "14–15 czerwca 2025 r.", "7 marca 2025 r., godz. 17.00 – 8 marca …"."""
    return plain(when_text(occurrence, weekday=False, locale=locale))


def _days(occurrence, locale):
    """The occurrence's day or days, for a subject: "22 stycznia 2025 r.", "14–15 czerwca…"."""
    return plain(days_text(occurrence.day, occurrence.last_day, locale=locale))


def rsvp_body(event, occurrence=None, title=None, locale="pl"):
    _ = _mail_text(locale)
    occurrence = occurrence or event.first_occurrence
    return _("Dzień dobry,\n\nzgłaszam udział w spotkaniu „%(title)s” (%(when)s).\n\n",
             title=plain_title(title or event.title, locale, quoted=True),
             when=_when(occurrence, locale)
             ) + _("Imię i nazwisko:\nOrganizacja lub instytucja:\n") + _(
                 "Liczba osób:\nPotrzeby związane z dostępnością:\n\nZ poważaniem\n")


def rsvp_mailto(contact, event, occurrence=None, locale="pl"):
    """RSVP e-mail for one occurrence (default: the first; the page passes the next one):
    "Zgłoszenie udziału: <title>, 22 stycznia 2025 r." (each day of a multi-day one) and a
    form to fill, in `locale`."""
    _ = _mail_text(locale)
    day = _days(occurrence or event.first_occurrence, locale)
    return _fitting(lambda subject_title, body_title: mailto(
        contact.email, _("Zgłoszenie udziału: %(title)s, %(day)s", title=subject_title, day=day),
        rsvp_body(event, occurrence, body_title, locale)), plain_title(event.title, locale))


def other_date_body(event, occurrence=None, title=None, locale="pl"):
    _ = _mail_text(locale)
    start = (occurrence or event.first_occurrence).start
    return _("Dzień dobry,\n\nchcę wziąć udział w spotkaniu „%(title)s”, ale termin %(when)s "
             "jest dla mnie niedogodny. Proponuję inny termin:\n\n",
             title=plain_title(title or event.title, locale, quoted=True),
             when=plain(datetime_text(start, locale=locale))
             ) + _("Imię i nazwisko:\nOrganizacja lub instytucja:\n") + _("\nZ poważaniem\n")


def other_date_mailto(contact, event, occurrence=None, locale="pl"):
    """Asking for another date, as the announcement invites."""
    _ = _mail_text(locale)
    return _fitting(lambda subject_title, body_title: mailto(
        contact.email, _("Prośba o inny termin: %(title)s", title=subject_title),
        other_date_body(event, occurrence, body_title, locale)), plain_title(event.title, locale))


def question_body(event, occurrence=None, title=None, locale="pl"):
    _ = _mail_text(locale)
    return _("Dzień dobry,\n\nmam pytanie o spotkanie „%(title)s” (%(when)s):\n\n\n\n"
             "Z poważaniem\n", title=plain_title(title or event.title, locale, quoted=True),
             when=_when(occurrence or event.first_occurrence, locale))


def question_mailto(contact, event, occurrence=None, locale="pl"):
    """A contact's own mail link: a plain question ("Pytanie o: <title>"), never a sign-up."""
    _ = _mail_text(locale)
    return _fitting(lambda subject_title, body_title: mailto(
        contact.email, _("Pytanie o: %(title)s", title=subject_title),
        question_body(event, occurrence, body_title, locale)), plain_title(event.title, locale))


def tel_url(contact):
    """E.164 telephone link: tel:+48789059281."""
    return f"tel:{contact.phone}"


def osm_url(event):
    """The place on OpenStreetMap (a link, never an embedded map): the pin when Event-geo
    is given, else a search for the address."""
    if not event.geo:
        return "https://www.openstreetmap.org/search?" + _query({"query": event.location})
    lat, lon = event.geo
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
