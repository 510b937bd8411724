"""The key table is the one place a key is declared: the parser, the writer, the docs'
tables (and the prompts, the form-based editor) are made from it."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
from editorial import keys  # noqa: E402
from editorial.forms import FormError  # noqa: E402

DOCS = ROOT / "docs" / "redakcja.md"


def test_the_docs_tables_are_the_key_tables():
    text = DOCS.read_text(encoding="utf-8")
    assert keys.with_docs_tables(text) == text, (
        "docs/redakcja.md's tables of keys differ from plugins/editorial/keys.py: run "
        "`invoke docs-keys` and commit docs/redakcja.md")


@pytest.mark.parametrize("key", keys.EVENT_KEYS, ids=lambda key: key.name)
def test_every_example_is_good_and_matches_the_keys_pattern(key):
    import re
    for line in key.example:
        if key.pattern:
            assert re.fullmatch(key.pattern, line, re.ASCII), line
        try:
            key.read(line)
        except FormError as wrong:
            pytest.fail(f"{key.name}: the docs' example {line!r} is refused: {wrong.reason}")


def test_names_are_unique_and_event_keys_fill_distinct_attributes():
    names = [key.lower for key in keys.CONTENT_KEYS + keys.EVENT_KEYS]
    attrs = [key.attr for key in keys.EVENT_KEYS]
    assert len(set(names)) == len(names) and len(set(attrs)) == len(attrs)
    assert all(key.name.startswith("Event-") for key in keys.EVENT_KEYS)


# A key added to the table reaches every consumer without another line of code: tried on a
# copy of plugins/ with one entry more, in a fresh interpreter.

NEW_KEY = '''
    Key("Event-online-url", "Adres spotkania w internecie", "adres https://…",
        "spotkanie w internecie", ("https://meet.example.org/abc",), attr="online_url",
        read=forms.read_text, write=str, pattern=r"https://[^ ]+"),
'''
PROBE = textwrap.dedent('''
    import sys
    sys.path.insert(0, sys.argv[1])
    from datetime import datetime
    from zoneinfo import ZoneInfo
    from editorial.keys import EVENT_KEYS, KNOWN, docs_table
    from events.model import parse_event
    from events.eventfile import event_file_text
    metadata = {"event-start": "2025-01-22 16:00", "event-end": "2025-01-22 18:00",
                "event-location": "Czernica", "event-contacts": ["a@b.pl"],
                "event-online-url": "https://meet.example.org/abc"}
    event = parse_event(metadata, source="x.md", slug="x", title="X",
                        default_timezone="Europe/Warsaw", uid_domain="x")
    print("parsed:", event.online_url)
    text = event_file_text(event, date=datetime(2025, 1, 8, tzinfo=ZoneInfo("Europe/Warsaw")),
                           category="Wydarzenia", body="", default_timezone="Europe/Warsaw")
    print("written:", [line for line in text.splitlines() if "online" in line])
    print("known:", "event-online-url" in KNOWN)
    print("docs:", "`Event-online-url`" in docs_table(EVENT_KEYS))
''')


def test_a_new_entry_reaches_parser_writer_header_check_and_docs(tmp_path):
    import shutil
    plugins = tmp_path / "plugins"
    shutil.copytree(ROOT / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    table = plugins / "editorial" / "keys.py"
    text = table.read_text(encoding="utf-8")
    anchor = '    Key("Event-repeat",'
    assert anchor in text
    table.write_text(text.replace(anchor, NEW_KEY.strip("\n") + "\n" + anchor, 1),
                     encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", PROBE, str(plugins)], capture_output=True,
                         text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "parsed: https://meet.example.org/abc",
        "written: ['Event-online-url: https://meet.example.org/abc']",
        "known: True", "docs: True"]
