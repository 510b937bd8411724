"""schema.org Event for search engines, mapped from the Event model.

The template serialises it with Jinja's `tojson`, which escapes `<`, `>` and `&`. A series
becomes a list of Events, one per coming occurrence, each with its own dates (what Google
asks for); all-day dates are plain dates ("2025-06-14"), the last day as endDate.
"""

from .dates import plain, plain_title

JSONLD_OCCURRENCES = 5  # a series: the next few occurrences, not all 400


def event_jsonld(event, page_url, description="", now=None, locale="pl"):
    """The Event as a schema.org JSON-LD dict, or for a series a list of them: the coming
    occurrences at `now` (all over: the last one). `locale`: the page's language."""
    if not event.repeat:
        return _occurrence_jsonld(event, event.first_occurrence, page_url, description, locale)
    shown = (event.coming_occurrences(now, JSONLD_OCCURRENCES) if now else
             event.occurrences[:JSONLD_OCCURRENCES]) or (event.last_occurrence,)
    return [_occurrence_jsonld(event, occurrence, page_url, description, locale)
            for occurrence in shown]


def _sign_up(event, occurrence, page_url):
    """Event-rsvp required or optional: the sign-up as schema.org's Offer, valid until
    sign-up closes (a free event's price is 0); Event-rsvp none has no offer at all."""
    offer = {"@type": "Offer", "validThrough": event.rsvp_closes(occurrence).isoformat(),
             "availability": "https://schema.org/InStock"}
    if event.free_admission:
        offer.update(price="0", priceCurrency="PLN")
    if page_url:
        offer["url"] = page_url
    return offer


def _occurrence_jsonld(event, occurrence, page_url, description, locale):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": plain_title(event.title, locale),
        "startDate": occurrence.start.isoformat(),
        "endDate": occurrence.end.isoformat(),
        "eventStatus": event.status_meaning.schema_org,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": event.place_name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": event.street,
                "addressLocality": event.locality,
                "addressCountry": "PL",
            },
        },
        "description": plain(description).strip(),
        "inLanguage": locale,
    }
    if event.free_admission:
        data["isAccessibleForFree"] = True
    if event.rsvp != "none":  # a sign-up (required or welcome) is an offer open until then
        data["offers"] = _sign_up(event, occurrence, page_url)
    if page_url:
        data["url"] = page_url
    if event.previous_starts:
        data["previousStartDate"] = [start.isoformat() for start in event.previous_starts]
    if event.geo:
        data["location"]["geo"] = {"@type": "GeoCoordinates", "latitude": event.geo[0],
                                   "longitude": event.geo[1]}
    if event.organizers:
        data["organizer"] = [{"@type": "Organization", "name": name} for name in event.organizers]
    return data
