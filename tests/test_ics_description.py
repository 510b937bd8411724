"""The calendar entry's description: the page's text whole where it is of a calendar's
size; a very long text (good content for the page) is shortened there, never refused."""

import icalendar

from events import ics
from support import article_with_event

URL = "https://partnerstwo.example/wydarzenia/spotkanie/"
PARAGRAPH = "Zapraszamy mieszkańców na spotkanie o przyszłości partnerstwa. " * 20


def vevent_description(html, lang="pl"):
    event = article_with_event().event
    data = ics.vevent_bytes(event, ics.description(event, html, lang, URL), URL, lang)
    return str(icalendar.Event.from_ical(data)["DESCRIPTION"])


def test_a_page_of_calendar_size_is_copied_whole():
    html = "".join(f"<p>{PARAGRAPH}</p>" for _ in range(2))
    text = vevent_description(html)
    assert text.count(PARAGRAPH.strip()) == 2 and "Cały opis" not in text


def test_a_very_long_text_gives_its_first_paragraphs_and_the_page_address():
    html = "".join(f"<p>{PARAGRAPH}</p>" for _ in range(2000))  # about 2.6 MB of text
    text = vevent_description(html)
    lead = text.split(" …\n\nCały opis: ")[0]
    assert lead.split("\n\n") == [PARAGRAPH.strip()] * (len(lead.split("\n\n")))
    assert len(lead) <= ics.DESCRIPTION_TEXT_MAX
    assert f"Cały opis: {URL}" in text and "Zgłoszenia: j.herok@czernica.pl" in text  # RSVPs stay


def test_one_endless_paragraph_is_cut_between_words():
    word = "spotkanie "
    text = vevent_description(f"<p>{word * 100_000}</p>")
    lead = text.split(" …")[0]
    assert set(lead.split()) == {"spotkanie"} and len(lead) <= ics.DESCRIPTION_TEXT_MAX


def test_the_address_line_is_in_the_pages_language():
    html = f"<p>{PARAGRAPH * 10}</p>"
    assert f"Повний опис: {URL}" in vevent_description(html, "uk")
