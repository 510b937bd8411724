"""Event files as editors write them (CONTENT-MODEL.md): the writer `invoke new-event` uses.

The inverse of parse_event(): what it writes, Pelican reads and parse_event() turns back
into the same Event (tests/test_events_model.py checks the round trip). The keys, their
order and how each value is written come from the key table (editorial/keys.py).
"""

from editorial.keys import EVENT_KEYS

# The text of a new file: a hint paragraph for the editor, to be replaced by the invitation.
# Its "(ten akapit usuń)" is what the build warns about while it is still in a file
# (site_checks.plugin.HINT_MARK).
EVENT_BODY = """\
Tu wpisz treść zaproszenia (ten akapit usuń). Napisz, czego dotyczy spotkanie, dla kogo
jest, kto je prowadzi i czy trzeba potwierdzić udział. Terminu, miejsca i kontaktów nie
powtarzaj: strona pokazuje je sama, razem z przyciskami „Dodaj do kalendarza”.

Śródtytuły zaczynaj od „## ”, wypunktowania od „- ”. Instrukcja: docs/redakcja.md.
"""


def event_file_text(event, *, date, category, body, default_timezone, summary=None):
    """The whole file: the header (common fields, then the Event-* ones), a blank line, body."""
    header = {"Title": [event.title], "Date": [f"{date:%Y-%m-%d %H:%M}"],
              "Category": [category], "Slug": [event.slug],
              "Summary": [summary] if summary else [],
              **event_fields(event, default_timezone)}
    lines = []
    for key, values in header.items():
        if values:
            lines.append(f"{key}: {values[0]}")
            lines.extend(f"    {value}" for value in values[1:])  # continuation: four spaces
    return "\n".join(lines) + "\n\n" + body


def event_fields(event, default_timezone):
    """The Event-* fields of `event` in the table's order, one string per value line;
    fields at their default are left out, as editors leave them out."""
    fields = {}
    for key in EVENT_KEYS:
        value = getattr(event, key.attr)
        if value in (key.empty, "") or (key.attr == "zone" and value.key == default_timezone):
            continue
        fields[key.name] = [key.write(v) for v in value] if key.multiline else [key.write(value)]
    return fields
