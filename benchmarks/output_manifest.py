"""A sha256 manifest of the built site for a set of corpora and clocks: proof that a
restructuring changed no byte residents get.

    python benchmarks/output_manifest.py write before.json
    python benchmarks/output_manifest.py compare before.json   # exit 1 and the files that differ

Corpora: the seed at three clocks (RSVPs open, closed, past), the seed published under a
sub-path, and the test fixtures' kinds of events (series, all-day, multi-day, cancelled,
news linking events, a translation-less event).
"""

import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "plugins"))

from conftest import build, copy_content, write_event  # noqa: E402

CLOCKS = {"open": "2025-01-10 12:00", "closed": "2025-01-21 12:00", "past": "2025-02-01 12:00"}


def fixtures(content):
    """The kinds of events the tests' fixtures add to the seed."""
    write_event(content, "warsztaty", title="Warsztaty", event_admission="20 zł, płatne na miejscu",
                event_accessibility=["Wejście bez schodów.", "Pętla indukcyjna w sali."],
                event_start="2025-03-07 17:00", event_end="2025-03-08 13:00",
                event_geo="51.0873, 17.2452", event_organizers=["Stowarzyszenie RCWIP"])
    write_event(content, "dyzur", title="Dyżur partnerstwa", event_repeat="weekly",
                event_start="2025-01-08 17:00", event_end="2025-01-08 18:00",
                event_repeat_until="2025-04-30", event_except="2025-01-22")
    write_event(content, "festyn", title="Festyn rodzinny", event_start="2025-06-14",
                event_end="2025-06-15")
    write_event(content, "pierwsza-sroda", event_start="2025-02-05 18:00",
                event_end="2025-02-05 20:00", event_repeat="monthly",
                event_repeat_until="2025-12-31", event_except=["2025-08-06", "2025-04-02"])
    write_event(content, "odwolany-cykl", title="Odwołany cykl", event_status="cancelled",
                event_repeat="weekly", event_repeat_until="2025-04-30")
    write_event(content, "kawa", title='"Kawa & ciastka" – spotkanie', event_admission="free")
    news = content / "aktualnosci"
    (news / "zmiana-sali.md").write_text(
        "Title: Zmiana sali\nDate: 2025-01-15 10:00\nRelated: reaktywacja-partnerstwa-lokalnego\n"
        "Funding: dows-fe-dolny-slask\nSummary: Spotkanie odbędzie się w sali nr 12.\n\n"
        "Sala nr 12 na parterze.\n", encoding="utf-8")
    (news / "zaproszenie.md").write_text(
        "Title: Zapraszamy na warsztaty\nDate: 2025-01-14 10:00\n\n"
        "Szczegóły: [warsztaty]({filename}/wydarzenia/warsztaty.md).\n", encoding="utf-8")


def corpora(tmp):
    """name -> output folder."""
    out = {}
    for name, now in CLOCKS.items():
        out[f"seed-{name}"] = build(tmp / f"seed-{name}" / "output", EVENTS_NOW=now)
    out["seed-published"] = build(tmp / "published" / "output", conf="publishconf.py",
                                  SITEURL="https://example.org/partnerstwo",
                                  FEED_DOMAIN="https://example.org/partnerstwo",
                                  EVENTS_NOW=CLOCKS["open"])
    content = copy_content(tmp / "kinds")
    fixtures(content)
    for name, now in {**CLOCKS, "spring": "2025-03-20 12:00"}.items():
        out[f"kinds-{name}"] = build(tmp / f"kinds-{name}" / "output", content=content,
                                     EVENTS_NOW=now, SITEURL="https://example.org/partnerstwo")
    return out


def manifest(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def main(command, path):
    tmp = Path(tempfile.mkdtemp(prefix="manifest-"))
    try:
        found = {name: manifest(folder) for name, folder in corpora(tmp).items()}
    finally:
        shutil.rmtree(tmp)
    if command == "write":
        Path(path).write_text(json.dumps(found, indent=1, sort_keys=True), encoding="utf-8")
        print(f"{sum(map(len, found.values()))} files in {len(found)} corpora -> {path}")
        return 0
    expected = json.loads(Path(path).read_text(encoding="utf-8"))
    differ = [f"{name}/{file}" for name in sorted(set(expected) | set(found))
              for file in sorted(set(expected.get(name, {})) | set(found.get(name, {})))
              if expected.get(name, {}).get(file) != found.get(name, {}).get(file)]
    print("\n".join(differ) or "identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
