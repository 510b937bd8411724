"""The built site carries every fact of the announcement, in Polish, on its own files."""

import json
from urllib.parse import urlsplit

import pytest

from conftest import EVENT_PAGE, build, copy_content, residents_pages, soup, write_event

SEED_FACTS = [
    "Reaktywacja Partnerstwa lokalnego w gminie Czernica",
    "środa, 22 stycznia 2025 r., godz. 16.00–18.30",
    "Budynek Urzędu Gminy Czernica, ul. Kolejowa 3, Czernica",
    "j.herok@czernica.pl", "789 059 281",
    "p.kobak@gops.czernica.pl", "571 226 315",
    "Zapisy do 20 stycznia, godz. 14.00", "Wstęp wolny",
    "Urząd Gminy Czernica", "Gminny Ośrodek Pomocy Społecznej w Czernicy",
    "Sandra Kmieciak, animatorka Stowarzyszenia RCWIP",
    "Wójta Gminy Czernica", "Kierownik Gminnego Ośrodka Pomocy Społecznej",
    "Regionalnego Centrum Wspierania Inicjatyw Pozarządowych",
    "Europejskiego Funduszu Społecznego Plus",
    "Funduszy Europejskich dla Dolnego Śląska 2021–2027",
    "Priorytet 7", "Działanie 7.5 Aktywna integracja",
    "uczenie się od siebie nawzajem", "Będziemy pracować warsztatowo",
]


def text_of(path):
    """Visible text with no-break spaces read as spaces (what a resident reads)."""
    return " ".join(soup(path).body.get_text(" ").replace("\u00a0", " ").split())


def test_every_seed_fact_is_visible(site):
    text = text_of(site / EVENT_PAGE)
    missing = [fact for fact in SEED_FACTS if fact not in text]
    assert not missing


# The home page's card: date, title, place, state, the lead, one link.
HOME_CARD_FACTS = SEED_FACTS[:3] + [
    "Zapisy do 20 stycznia, godz. 14.00",
    "Zapraszamy na bezpłatne spotkanie warsztatowe", "Szczegóły i zapisy"]


def test_home_page_shows_the_event_as_a_short_card(site):
    home = soup(site / "index.html")
    (card,) = home.select("main .card-event")
    text = " ".join(card.get_text(" ").replace("\u00a0", " ").split())
    assert [fact for fact in HOME_CARD_FACTS if fact not in text] == []
    (link,) = card.find_all("a")
    assert link["href"].endswith("wydarzenia/reaktywacja-partnerstwa-lokalnego/")
    assert "Sandra Kmieciak" not in text_of(site / "index.html")  # the letter stays on its page


def test_times_are_machine_readable(site):
    page = soup(site / EVENT_PAGE)
    assert [t["datetime"] for t in page.select(".facts time")] == ["2025-01-22T16:00:00+01:00"]
    assert [t["datetime"] for t in page.select(".state time")] == ["2025-01-20T14:00:00+01:00"]


def all_pages(site):
    return residents_pages(site)


SKIP_LINKS = {"pl": ["Przejdź do treści", "Przejdź do stopki"],
              "uk": ["Перейти до змісту", "Перейти до нижньої частини сторінки"]}


def test_pages_are_in_their_language_with_landmarks_and_skip_links(site):
    for path in all_pages(site):
        page = soup(path)
        lang = "uk" if path.relative_to(site).parts[0] == "uk" else "pl"
        assert page.html["lang"] == lang, path
        first_links = page.body.find_all("a", limit=2)
        assert [a.get_text() for a in first_links] == SKIP_LINKS[lang]
        for a in first_links:
            assert page.find(id=a["href"][1:]) is not None, (path, a["href"])
        assert page.find("main", id="tresc") and page.find("footer", id="stopka")
        assert page.find("header") and page.find("nav")
        assert len(page.find_all("h1")) == 1, path


def test_menu_marks_the_current_page(site):
    page = soup(site / "kontakt/index.html")
    current = page.select("nav a[aria-current=page]")
    assert [a.get_text() for a in current] == ["Kontakt"]


def test_no_asset_comes_from_another_origin(site):
    for path in all_pages(site):
        page = soup(path)
        for tag in page.find_all(["link", "script", "img", "iframe", "source", "video", "audio"]):
            # canonical and hreflang alternates name addresses; nothing fetches them
            names_address = tag.get("rel") == ["canonical"] or tag.get("hreflang")
            ref = tag.get("src") or (tag.get("href") if tag.name == "link" and
                                     not names_address else None)
            if ref:
                assert not urlsplit(ref).netloc, (path, ref)


def test_no_javascript_except_structured_data(site):
    for path in all_pages(site):
        for script in soup(path).find_all("script"):
            assert script.get("type") == "application/ld+json", path


def test_json_ld_event(site):
    (script,) = soup(site / EVENT_PAGE).select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2025-01-22T16:00:00+01:00"
    assert data["endDate"] == "2025-01-22T18:30:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["address"] == {
        "@type": "PostalAddress", "streetAddress": "ul. Kolejowa 3",
        "addressLocality": "Czernica", "addressCountry": "PL"}
    assert [o["name"] for o in data["organizer"]] == [
        "Wójt Gminy Czernica", "Kierownik Gminnego Ośrodka Pomocy Społecznej",
        "Regionalne Centrum Wspierania Inicjatyw Pozarządowych (RCWIP)"]
    assert data["isAccessibleForFree"] is True


def test_skip_link_moves_focus_into_main(site, serve, page):
    page.goto(serve(site) + "/" + EVENT_PAGE)
    assert page.locator("h1").inner_text().startswith("Reaktywacja")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Przejdź do treści"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_json_ld_cannot_be_broken_out_of(tmp_path):
    content = copy_content(tmp_path)
    write_event(content, "skrypt", title="Spotkanie",
                event_location="Sala </script><script>alert(1)</script>, ul. Polna 1, Czernica",
                event_organizers=["Koło </script> & spółka"])
    page = soup(build(tmp_path / "output", content=content) / "wydarzenia/skrypt/index.html")
    (script,) = page.find_all("script")
    data = json.loads(script.string)
    assert data["location"]["name"] == "Sala </script><script>alert(1)</script>"
    assert data["organizer"] == [{"@type": "Organization", "name": "Koło </script> & spółka"}]
    assert "</script><script>" in page.select_one(".facts").get_text()


def test_news_reach_the_home_page_and_the_events_they_concern(news_site):
    home = soup(news_site / "index.html")
    assert [text_of_element(h) for h in home.select("section.news .card-title")] == [
        "Zmiana sali", "Zapraszamy na warsztaty"]
    seed = soup(news_site / EVENT_PAGE)
    assert [text_of_element(a) for a in seed.select(".notices a")] == ["Zmiana sali"]
    workshop = soup(news_site / "wydarzenia/warsztaty/index.html")  # linked from the news text
    assert [text_of_element(a) for a in workshop.select(".notices a")] == ["Zapraszamy na warsztaty"]
    news_page = soup(news_site / "aktualnosci/zmiana-sali/index.html")
    assert text_of_element(news_page.select_one(".related-event")) == (
        "Dotyczy wydarzenia: Reaktywacja Partnerstwa lokalnego w gminie Czernica")


def test_paid_event_with_venue_accessibility(news_site):
    page = soup(news_site / "wydarzenia/warsztaty/index.html")
    assert text_of_element(page.select_one(".admission")) == "Wstęp: 20 zł, płatne na miejscu"
    assert [text_of_element(p) for p in page.select(".venue-access p")] == [
        "Wejście bez schodów.", "Pętla indukcyjna w sali."]
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert "isAccessibleForFree" not in data  # only `free` says so
    import icalendar
    cal = icalendar.Calendar.from_ical((news_site / "wydarzenia/warsztaty/warsztaty.ics").read_bytes())
    description = str(cal.walk("VEVENT")[0]["description"])
    assert "\n\nWstęp: 20 zł, płatne na miejscu\n\nDostępność miejsca: Wejście bez schodów. " \
           "Pętla indukcyjna w sali.\n\n" in description


def test_related_key_must_name_an_event(tmp_path):
    content = copy_content(tmp_path)
    (content / "aktualnosci" / "zla.md").write_text(
        "Title: Zła\nDate: 2025-01-15 10:00\nRelated: reaktywacja\n\nT\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        build(tmp_path / "output", content=content)
    assert "content/aktualnosci/zla.md, wiersz 3: pole Related: „reaktywacja” – nie ma " \
           "wydarzenia o takim adresie (Slug). Oczekiwano: Slug jednego z wydarzeń, np. " \
           "reaktywacja-partnerstwa-lokalnego." in str(stopped.value.code)
    assert not (tmp_path / "output").exists()


def text_of_element(element):
    return " ".join(element.get_text().replace("\u00a0", " ").split())


def test_quotes_and_ampersands_in_a_title_keep_the_head_valid(tmp_path):
    content = copy_content(tmp_path)
    write_event(content, "razem", title='Spotkania "Razem" & rozmowy', body="Treść.")
    (content / "wydarzenia" / "razem.md").write_text(
        (content / "wydarzenia" / "razem.md").read_text(encoding="utf-8").replace(
            "Summary: Spotkanie mieszkańców.", 'Summary: Przyjdź "na kawę" & porozmawiaj.'),
        encoding="utf-8")
    page = soup(build(tmp_path / "output", content=content) / "wydarzenia/razem/index.html")
    assert page.find("meta", property="og:title")["content"] == (
        'Spotkania „Razem” & rozmowy – Partnerstwo lokalne w gminie Czernica')  # the page's quotes
    for meta in (page.find("meta", attrs={"name": "description"}),
                 page.find("meta", property="og:description")):
        assert meta["content"].replace("\u00a0", " ") == "Przyjdź „na kawę” & porozmawiaj."


def test_news_linking_another_event_with_a_longer_slug_is_not_related(tmp_path):
    content = copy_content(tmp_path)
    write_event(content, "spotkanie", title="Spotkanie")
    write_event(content, "drugie-spotkanie", title="Drugie spotkanie")
    (content / "aktualnosci" / "o-drugim.md").write_text(
        "Title: O drugim\nDate: 2025-01-15 10:00\n\n"
        "Zobacz [drugie]({filename}/wydarzenia/drugie-spotkanie.md).\n", encoding="utf-8")
    out = build(tmp_path / "output", content=content, EVENTS_NOW="2025-01-10 12:00")
    assert soup(out / "wydarzenia/spotkanie/index.html").select(".notices a") == []
    assert [text_of_element(a) for a in soup(out / "wydarzenia/drugie-spotkanie/index.html").select(
        ".notices a")] == ["O drugim"]
