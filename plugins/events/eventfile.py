"""Event files as editors write them (CONTENT-MODEL.md): the writer `invoke new-event` uses.

The inverse of parse_event(): what it writes, Pelican reads and parse_event() turns back
into the same Event (tests/test_events_model.py checks the round trip).
"""

from .model import phone_display

_MOMENT = "%Y-%m-%d %H:%M"


def _written(moment):
    """A date or moment as editors write it: "2025-06-14" or "2025-01-22 16:00"."""
    return f"{moment:{_MOMENT}}" if hasattr(moment, "hour") else moment.isoformat()


def event_file_text(event, *, date, category, body, default_timezone, summary=None):
    """The whole file: the header (common fields, then the Event-* ones), a blank line, body."""
    header = {"Title": [event.title], "Date": [f"{date:{_MOMENT}}"], "Category": [category],
              "Slug": [event.slug], "Summary": [summary] if summary else [],
              **event_fields(event, default_timezone)}
    lines = []
    for key, values in header.items():
        if values:
            lines.append(f"{key}: {values[0]}")
            lines.extend(f"    {value}" for value in values[1:])  # continuation: four spaces
    return "\n".join(lines) + "\n\n" + body


def event_fields(event, default_timezone):
    """The Event-* fields of `event` in the documented order, one string per value line;
    fields at their default are left out, as editors leave them out."""
    fields = {
        "Event-start": [_written(event.start)],
        "Event-end": [_written(event.end)],
        "Event-timezone": [event.tzid] if event.tzid != default_timezone else [],
        "Event-location": [event.location],
        "Event-geo": [f"{event.geo[0]}, {event.geo[1]}"] if event.geo else [],
        "Event-rsvp-deadline": [f"{event.rsvp_deadline:{_MOMENT}}"] if event.rsvp_deadline else [],
        "Event-contacts": [contact_line(contact) for contact in event.contacts],
        "Event-organizers": list(event.organizers),
        "Event-status": [event.status] if event.status != "scheduled" else [],
        "Event-previous-start": [_written(start) for start in event.previous_starts],
        "Event-admission": [event.admission] if event.admission else [],
        "Event-accessibility": list(event.accessibility),
        "Event-repeat": [event.repeat] if event.repeat else [],
        "Event-repeat-until": [event.repeat_until.isoformat()] if event.repeat_until else [],
        "Event-except": [day.isoformat() for day in event.excepted_dates],
    }
    return {key: values for key, values in fields.items() if values}


def contact_line(contact):
    """"[name] e-mail [phone]", the phone as Poles write it (plain spaces in a file)."""
    phone = phone_display(contact.phone).replace("\u00a0", " ") if contact.phone else None
    return " ".join(part for part in (contact.name, contact.email, phone) if part)
