"""A synthetic but valid site for the benchmarks: N event files plus the real pages.

Every event follows /work/shared/CONTENT-MODEL.md (docs/ in the repository): Event-start,
-end, -location, -rsvp-deadline, two contacts, organisers; some events are rescheduled
(with Event-previous-start), some cancelled or postponed, some have Event-geo or a
Funding key. The text is Polish with diacritics, straight quotes (the typography turns them into
„…”), dashes, number ranges, dates and phone numbers, so the typography plugin has real
work to do. The output is deterministic: the same N gives the same files.
"""

import random
import shutil
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_CONTENT = ROOT / "content"

# "Now" for every benchmark build: events before it are past, after it upcoming.
EVENTS_NOW = "2025-06-15 12:00"
FIRST_DAY = datetime(2022, 1, 3)
SPAN_DAYS = 7 * 365  # events from 2022 to 2028

TOPICS = [
    ("Warsztaty dla organizacji pozarządowych", "warsztaty-ngo"),
    ("Spotkanie Partnerstwa lokalnego", "spotkanie-partnerstwa"),
    ("Dzień otwarty Gminnego Ośrodka Pomocy Społecznej", "dzien-otwarty-gops"),
    ("Konsultacje społeczne: świetlice wiejskie", "konsultacje-swietlice"),
    ("Szkolenie „Jak napisać wniosek o dotację”", "szkolenie-wnioski"),
    ("Żywa biblioteka – rozmowy z mieszkańcami", "zywa-biblioteka"),
    ("Forum seniorów gminy Czernica", "forum-seniorow"),
    ("Piknik sąsiedzki nad Odrą", "piknik-sasiedzki"),
    ("Kawiarenka obywatelska w Chrząstawie", "kawiarenka-obywatelska"),
    ("Zebranie grupy roboczej ds. młodzieży", "grupa-mlodziez"),
]
PLACES = [
    "Budynek Urzędu Gminy Czernica, ul. Kolejowa 3, Czernica",
    "Świetlica wiejska, ul. Wrocławska 12, Chrząstawa Wielka",
    "Gminna Biblioteka Publiczna, ul. Szkolna 5, Jelcz-Laskowice",
    "Sala gimnastyczna Szkoły Podstawowej, ul. Główna 27, Dobrzykowice",
    "Centrum Kultury i Rekreacji, pl. Wolności 1, Kamieniec Wrocławski",
    "Remiza OSP, ul. Strażacka 8, Nadolice Wielkie",
]
GEO = ["51.0447, 17.2403", "51.0736, 17.2141", "51.0211, 17.2867"]
CONTACTS = [
    ("j.herok@czernica.pl", "789 059 281"),
    ("p.kobak@gops.czernica.pl", "+48 571 226 315"),
    ("sekretariat@czernica.pl", "713188220"),
    ("biblioteka@czernica.pl", "71 318 12 20"),
    ("kontakt@rcwip.pl", "+48789059281"),
]
ORGANIZERS = [
    "Wójt Gminy Czernica",
    "Kierownik Gminnego Ośrodka Pomocy Społecznej",
    "Regionalne Centrum Wspierania Inicjatyw Pozarządowych",
    "Gminna Biblioteka Publiczna w Czernicy",
    "Stowarzyszenie „Razem dla Czernicy”",
]
MONTHS = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
          "sierpnia", "września", "października", "listopada", "grudnia"]

BODY = """\
Szanowni Państwo,

w imieniu organizatorów zapraszamy na bezpłatne spotkanie pt. "{title}". Spotkanie odbędzie się
{day} {month} {year} r. w godz. {h1}.00 - {h2}.30 w miejscu: {place}.

Jeżeli termin okaże się już zarezerwowany w Państwa kalendarzach przez inne ważne wydarzenia,
bardzo prosimy o pilny kontakt - zawsze istnieje możliwość zmiany terminu spotkania na bardziej
dogodny w przypadku dużej liczby zgłoszeń. Zgłoszenia przyjmujemy pod nr tel. {phone} oraz
e-mailem: {email}.

## Program

- {h1}.00 - powitanie uczestników i krótkie przedstawienie się organizacji
- {h1}.30 - praca w grupach: co mamy, czego nam brakuje, co możemy zrobić razem
- {h2}.00 - podsumowanie i ustalenie kolejnych kroków na lata {year}-{next_year}

## Dla kogo

Zapraszamy liderów organizacji pozarządowych, sołtysów, rady rodziców, koła gospodyń wiejskich
i wszystkich mieszkańców, którzy chcą działać w gminie Czernica. Udział jest bezpłatny, a sala
jest dostępna dla osób z niepełnosprawnościami (wejście od ul. Kolejowej, bez schodów).

Źródło finansowania i szczegóły opisuje strona [Kontakt]({{filename}}/pages/kontakt.md). Pytania
o dojazd: "zadzwoń, a podpowiemy" - odpowiadamy w dni robocze w godz. 8.00 - 15.30.

Spotkanie nr {number} w cyklu „Razem w gminie” - {weekday_note}.
"""
WEEKDAY_NOTES = [
    "prosimy o punktualne przybycie",
    "zapewniamy kawę, herbatę i drobny poczęstunek",
    "możliwość przyjścia z dziećmi – zapewniamy opiekę",
    "spotkanie będzie tłumaczone na polski język migowy",
]


def _when(value):
    return value.strftime("%Y-%m-%d %H:%M")


def event_text(number):
    """The Markdown source of synthetic event `number` (deterministic)."""
    rnd = random.Random(number)
    topic, topic_slug = TOPICS[number % len(TOPICS)]
    title = f"{topic} – spotkanie nr {number}"
    day = FIRST_DAY + timedelta(days=rnd.randrange(SPAN_DAYS))
    start = day.replace(hour=rnd.choice([9, 10, 12, 16, 17, 18]), minute=rnd.choice([0, 30]))
    # Every 17th event ends the next day; the rest last 1.5-3 hours.
    end = (start + timedelta(days=1, hours=2)) if number % 17 == 0 else (
        start + timedelta(minutes=rnd.choice([90, 120, 150, 180])))
    place = PLACES[number % len(PLACES)]
    first, second = rnd.sample(CONTACTS, 2)
    organizers = rnd.sample(ORGANIZERS, 2)
    lines = [
        f"Title: {title}",
        f"Date: {_when((start - timedelta(days=21)).replace(hour=12, minute=0))}",
        "Category: Wydarzenia",
        f"Slug: {topic_slug}-{number:05d}",
        f"Summary: Zapraszamy na bezpłatne spotkanie „{topic.lower()}” – {start.day} "
        f"{MONTHS[start.month - 1]} {start.year} r., {place.rsplit(',', 1)[-1].strip()}.",
    ]
    if number % 4 == 0:
        lines.append("Funding: dows-fe-dolny-slask")
    lines += [
        f"Event-start: {_when(start)}",
        f"Event-end: {_when(end)}",
        f"Event-location: {place}",
    ]
    if number % 3 == 0:
        lines.append(f"Event-geo: {GEO[number % len(GEO)]}")
    if number % 5:
        deadline = (start - timedelta(days=2)).replace(hour=14, minute=0)
        lines.append(f"Event-rsvp-deadline: {_when(deadline)}")
    lines.append(f"Event-contacts: {first[0]} {first[1]}\n    {second[0]} {second[1]}")
    lines.append(f"Event-organizers: {organizers[0]}\n    {organizers[1]}")
    if number % 10 == 3:  # rescheduled once
        lines += ["Event-status: rescheduled",
                  f"Event-previous-start: {_when(start - timedelta(days=7))}"]
    elif number % 20 == 7:  # rescheduled twice, oldest first
        lines += ["Event-status: rescheduled",
                  f"Event-previous-start: {_when(start - timedelta(days=14))}\n"
                  f"    {_when(start - timedelta(days=7))}"]
    elif number % 15 == 4:
        lines.append("Event-status: cancelled")
    elif number % 50 == 9:
        lines.append("Event-status: postponed")
    body = BODY.format(
        title=topic, day=start.day, month=MONTHS[start.month - 1], year=start.year,
        next_year=start.year + 1, h1=start.hour, h2=min(start.hour + 2, 23), place=place,
        phone=first[1], email=first[0], number=number,
        weekday_note=WEEKDAY_NOTES[number % len(WEEKDAY_NOTES)],
    )
    return "\n".join(lines) + "\n\n" + body


def event_path(content, number):
    return Path(content) / "wydarzenia" / f"wydarzenie-{number:05d}.md"


def make_corpus(content, n):
    """Write N events and the real pages, extra and images into `content`; returns its Path."""
    content = Path(content)
    for folder in ("pages", "extra", "images", "video"):
        if (REAL_CONTENT / folder).is_dir():
            shutil.copytree(REAL_CONTENT / folder, content / folder, dirs_exist_ok=True)
    (content / "wydarzenia").mkdir(parents=True, exist_ok=True)
    (content / "aktualnosci").mkdir(parents=True, exist_ok=True)
    for number in range(1, n + 1):
        event_path(content, number).write_text(event_text(number), encoding="utf-8")
    return content


def edit_event(content, number, revision):
    """An editor's change to one event: a new sentence in the body (the file stays valid)."""
    path = event_path(content, number)
    path.write_text(event_text(number) + f"\nAktualizacja nr {revision}: "
                    "prosimy o zabranie dowodu osobistego – lista obecności.\n",
                    encoding="utf-8")
    return path
