"""The `pelican` format of the form-based editor (plugins/admin/assets/pelican-format.js),
run in Node as the browser runs it: every content file and a file of every kind read and
written without a change gives the very same bytes; a change touches only its key; a new
file gets the key table's order. And each field's pattern says the same in Python and in
JavaScript on the same values, and never refuses a value the build reads."""

import json
import re
import subprocess

import pytest

from admin.config import CONTACT_PATTERN, EVENT_COLLECTION_KEYS, KEYS, anchored, config
from admin.page import keys_js
from conftest import ROOT
from editorial import forms

FORMAT_JS = ROOT / "plugins" / "admin" / "assets" / "pelican-format.js"
RUNNER = """
const fs = require('fs');
require(process.argv[2]);
const format = require(process.argv[3]);
const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = jobs.map(job => {
  if (job.kind === 'roundtrip') {
    const text = fs.readFileSync(job.path, 'utf8');
    const data = JSON.parse(JSON.stringify(format.fromFile(text)));  // as Decap stores it
    return format.toFile(data, job.order) === text;
  }
  if (job.kind === 'edit') {
    const data = JSON.parse(JSON.stringify(format.fromFile(job.text)));
    Object.assign(data, job.changes);
    return format.toFile(data, job.order);
  }
  if (job.kind === 'new') return format.toFile(job.data, job.order);
  if (job.kind === 'read') {
    const data = format.fromFile(job.text);
    delete data._pelican;
    return data;
  }
  if (job.kind === 'pattern') return job.values.map(v => new RegExp(job.pattern).test(v));
});
process.stdout.write(JSON.stringify(out));
"""
ORDER = [*EVENT_COLLECTION_KEYS, "body"]  # the events form's field order (config.py)

SEED = (ROOT / "content" / "wydarzenia" / "reaktywacja-partnerstwa-lokalnego.md").read_text(
    encoding="utf-8")
KINDS = {
    "all-day.md": "Title: Festyn\nDate: 2025-01-08 12:00\nEvent-start: 2025-06-14\n"
                  "Event-end: 2025-06-15\nEvent-location: Boisko, Czernica\n"
                  "Event-contacts: j.herok@czernica.pl\n\nFestyn rodzinny.\n",
    "series.md": "Title: Dyżur\nDate: 2025-01-08 12:00\nEvent-start: 2025-01-08 17:00\n"
                 "Event-end: 2025-01-08 18:00\nEvent-repeat: weekly\n"
                 "Event-repeat-until: 2025-04-30\nEvent-except: 2025-01-22\n    2025-02-05\n"
                 "Event-location: Świetlica, Czernica\nEvent-contacts: j.herok@czernica.pl\n"
                 "    GOPS, p.kobak@gops.czernica.pl 571 226 315\n\nCo tydzień.\n",
    "translation-uk.md": "Title: Зустріч\nLang: uk\nSlug: spotkanie\n"
                         "Summary: Запрошуємо.\n\n"
                         "Текст українською.\n",
    "crlf.md": SEED.replace("\n", "\r\n"),
    "bom.md": "\ufeff" + SEED,
    "bom-crlf.md": "\ufeff" + SEED.replace("\n", "\r\n"),
    "lower-case-keys.md": "title: Spotkanie\nevent-start:   2025-03-05 17:00\n"
                          "EVENT-END: 2025-03-05 19:00\ntags: a, b\n\nTekst.",
    "rescheduled.md": "Title: Przeniesione\nEvent-status: rescheduled\n"
                      "Event-previous-start: 2025-01-15 16:00\n    2025-01-22 16:00\n"
                      "Event-location: Długa nazwa miejsca,\n    ul. Kolejowa 3, Czernica\n\n"
                      "\n\nTreść po dwóch pustych wierszach.\n\n\n",
    "no-blank-line.md": "Title: Bez pustego wiersza\nTo już jest treść.\n",
    "header-only.md": "Title: Tylko nagłówek\nSummary: Bez treści",
    "tabs-and-spaces.md": "Title:\tTabulator\n   Summary: trzy spacje przed kluczem   \n\n"
                          "    kod w treści\n",
}


def run(jobs, tmp_path):
    keys = tmp_path / "keys.js"
    keys.write_text(keys_js(), encoding="utf-8")
    script = tmp_path / "runner.js"
    script.write_text(RUNNER, encoding="utf-8")
    result = subprocess.run(["node", str(script), str(keys), str(FORMAT_JS)],
                            input=json.dumps(jobs), capture_output=True, encoding="utf-8",
                            check=True)
    return json.loads(result.stdout)


@pytest.fixture
def kinds(tmp_path):
    folder = tmp_path / "kinds"
    folder.mkdir()
    for name, text in KINDS.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    return sorted(folder.iterdir())


def test_every_content_file_and_every_kind_of_file_round_trips_byte_for_byte(kinds, tmp_path):
    files = sorted((ROOT / "content").rglob("*.md")) + kinds
    assert len(files) >= 20
    results = run([{"kind": "roundtrip", "path": str(path), "order": ORDER} for path in files],
                  tmp_path)
    assert dict(zip(map(str, files), results)) == {str(path): True for path in files}


def test_the_header_is_read_into_fields_named_like_the_keys(tmp_path):
    series, lower = run([{"kind": "read", "text": KINDS["series.md"]},
                         {"kind": "read", "text": KINDS["lower-case-keys.md"]}], tmp_path)
    assert series["Event-except"] == ["2025-01-22", "2025-02-05"]
    assert series["Event-contacts"] == ["j.herok@czernica.pl",
                                        "GOPS, p.kobak@gops.czernica.pl 571 226 315"]
    assert series["Lang"] == ""  # not a translation: the collections' filter
    assert series["body"] == "Co tydzień.\n"
    assert lower["Event-start"] == "2025-03-05 17:00" and lower["Event-end"] == "2025-03-05 19:00"
    assert lower["Title"] == "Spotkanie" and lower["tags"] == "a, b"


def test_a_change_touches_only_its_key_and_keeps_spelling_line_ends_and_bom(tmp_path):
    crlf = "\ufeff" + KINDS["lower-case-keys.md"].replace("\n", "\r\n")
    changed, added, list_changed = run([
        {"kind": "edit", "text": crlf, "order": ORDER,
         "changes": {"Event-start": "2025-03-06 17:00"}},
        {"kind": "edit", "text": KINDS["series.md"], "order": ORDER,
         "changes": {"Event-geo": "51.0873, 17.2452", "Summary": "Co środę."}},
        {"kind": "edit", "text": KINDS["series.md"], "order": ORDER,
         "changes": {"Event-except": ["2025-01-22"], "body": "Inny tekst.\n"}},
    ], tmp_path)
    assert changed == crlf.replace("event-start:   2025-03-05", "event-start: 2025-03-06")
    lines = added.split("\n")
    assert lines[1:3] == ["Date: 2025-01-08 12:00", "Summary: Co środę."]  # the table's order
    after_location = lines[lines.index("Event-location: Świetlica, Czernica") + 1]
    assert after_location == "Event-geo: 51.0873, 17.2452"
    assert list_changed.endswith("Event-except: 2025-01-22\nEvent-location: Świetlica, Czernica\n"
                                 "Event-contacts: j.herok@czernica.pl\n"
                                 "    GOPS, p.kobak@gops.czernica.pl 571 226 315\n\nInny tekst.\n")


def test_a_new_file_gets_the_key_tables_order_and_the_documented_layout(tmp_path):
    data = {"body": "Treść.\n", "Event-contacts": ["a@b.pl", "c@d.pl 789 059 281"],
            "Event-end": "2025-03-05 19:00", "Title": "Nowe", "Event-start": "2025-03-05 17:00",
            "Date": "2025-01-08 12:00", "Summary": "", "Event-organizers": []}
    [text] = run([{"kind": "new", "data": data, "order": ORDER}], tmp_path)
    assert text == ("Title: Nowe\nDate: 2025-01-08 12:00\nEvent-start: 2025-03-05 17:00\n"
                    "Event-end: 2025-03-05 19:00\nEvent-contacts: a@b.pl\n    c@d.pl 789 059 281\n"
                    "\nTreść.\n")


# Each pattern on the same values in Python and JavaScript: valid ones the build reads too.
PATTERN_CASES = {
    "Event-start": (forms.read_moment, ["2025-01-22 16:00", "2025-06-14", "2100-12-31 23:59"],
                    ["22.01.2025", "2025-01-22 16", "jutro", "2025-01-22T16:00",
                     "2025-01-22 16:00 ", "２０２５-01-22", "2025-0١-22", " 2025-01-22"]),
    "Date": (forms.read_moment, ["2025-01-08 12:00"], ["8 stycznia 2025", "2025-1-8 12:00"]),
    "Event-rsvp-deadline": (forms.read_datetime, ["2025-01-20 14:00"],
                            ["2025-01-20", "2025-01-20 14.00", "2025-01-20 ١٤:00"]),
    "Event-repeat-until": (forms.read_date, ["2025-06-25"], ["25.06.2025", "2025-06-25 12:00",
                                                              "2025-06-2٥"]),
    "Event-geo": (forms.read_geo, ["51.0873, 17.2452", "51.0873,17.2452", "-33.9, 151.2"],
                  ["51,0873, 17,2452", "Czernica", "51.0873 17.2452", "٥1.0873, 17.2452"]),
    "Slug": (forms.read_slug, ["spotkanie-partnerstwa", "dyzur-2025"],
             ["Spotkanie", "spotkanie_partnerstwa", "spotkanie--x", "łąka", "-x"]),
    "Event-contacts": (forms.read_contact,
                       ["j.herok@czernica.pl", "j.herok@czernica.pl 789 059 281",
                        "Urząd Gminy Czernica, j.herok@czernica.pl 789 059 281",
                        "Jan Kowalski (GOPS) p.kobak@gops.czernica.pl +48 571-226-315",
                        "GOPS: p.kobak@gops.czernica.pl, 571226315"],
                       ["Urząd Gminy Czernica", "j.herok(at)czernica.pl", "jan@czernica",
                        "j.herok@czernica.pl 789 059", "j.herok@czernica.pl tel. 789 059 281",
                        ".j@czernica.pl", "j..k@czernica.pl"]),
}


def js_pattern(name):
    fields = {f["name"]: f for f in config({})["collections"][0]["fields"]}
    spec = fields[name]
    return (spec.get("pattern") or spec["field"]["pattern"])[0]


@pytest.mark.parametrize("name", sorted(set(PATTERN_CASES) - {"Date"}))
def test_each_pattern_says_the_same_in_python_and_javascript(name, tmp_path):
    reader, valid, invalid = PATTERN_CASES[name]
    pattern = CONTACT_PATTERN if name == "Event-contacts" else KEYS[name].pattern
    assert js_pattern(name) == anchored(pattern)
    values = valid + invalid
    python = [re.fullmatch(pattern, value) is not None for value in values]
    [javascript] = run([{"kind": "pattern", "pattern": js_pattern(name), "values": values}],
                       tmp_path)
    assert python == javascript == [True] * len(valid) + [False] * len(invalid)
    for value in valid:
        reader(value)  # the build reads what the form lets through


def test_the_date_field_writes_the_datetime_pattern():
    reader, valid, invalid = PATTERN_CASES["Date"]
    spec = next(f for f in config({})["collections"][0]["fields"] if f["name"] == "Date")
    assert spec["widget"] == "datetime" and spec["format"] == "YYYY-MM-DD HH:mm"
    assert spec["default"] == "{{now}}"
    assert all(re.fullmatch(KEYS["Date"].pattern, v) for v in valid)
    assert not any(re.fullmatch(KEYS["Date"].pattern, v) for v in invalid)
