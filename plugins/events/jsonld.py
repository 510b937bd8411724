"""schema.org Event for search engines, mapped from the Event model.

The template serialises it with Jinja's `tojson`, which escapes `<`, `>` and `&`.
"""

from .dates import plain

_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "rescheduled": "https://schema.org/EventRescheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
}


def event_jsonld(event, page_url, description=""):
    """The Event as a schema.org JSON-LD dict."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": plain(event.title),
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "eventStatus": _STATUS[event.status],
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
        "inLanguage": "pl",
    }
    if event.free_admission:
        data["isAccessibleForFree"] = True
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
