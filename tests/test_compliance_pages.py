"""The accessibility statement (deklaracja dostępności, template v2.0) and the GDPR art. 13
information page: built by the real Pelican, checked on the parsed HTML."""

import re
from urllib.parse import urljoin

import pytest
from pelican.settings import read_settings

from conftest import ROOT, build, soup

DECLARATION = "deklaracja-dostepnosci/index.html"
PRIVACY = "dane-osobowe/index.html"
OUR_PAGES = [ROOT / "content/pages/deklaracja-dostepnosci.md", ROOT / "content/pages/dane-osobowe.md"]

A11Y_IDS = [
    "a11y-wstep", "a11y-podmiot", "a11y-zakres", "a11y-url",
    "a11y-data-publikacja", "a11y-data-aktualizacja", "a11y-status",
    "a11y-kontakt", "a11y-email", "a11y-telefon", "a11y-procedura",
    "a11y-data-sporzadzenie", "a11y-architektura", "a11y-komunikacja",
]
DATE_IDS = [i for i in A11Y_IDS if i.startswith("a11y-data-")]
DECLARATION_HEADINGS = [
    ("h2", "Stan dostępności cyfrowej"),
    ("h2", "Przygotowanie deklaracji dostępności i jej aktualizacja"),
    ("h2", "Informacje zwrotne i dane kontaktowe"),
    ("h2", "Obsługa wniosków i skarg związanych z dostępnością"),
    ("h2", "Pozostałe informacje"),
    ("h3", "Dostępność architektoniczna"),
    ("h3", "Dostępność komunikacyjno-informacyjna"),
]
MARKER = "[DO UZUPEŁNIENIA:"
SHOWN = "Informacja w przygotowaniu"  # what residents read where an editor left a marker
MARKER_RE = re.compile(r"\[DO UZUPEŁNIENIA:([^\[\]]*)\]")


def text(element):
    """Visible text with no-break spaces (Polish typography) and runs of whitespace folded."""
    return " ".join(element.get_text().replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(tmp_path_factory.mktemp("compliance") / "out")


@pytest.fixture(scope="module")
def declaration(site):
    return soup(site / DECLARATION)


@pytest.fixture(scope="module")
def privacy(site):
    return soup(site / PRIVACY)


# --- Deklaracja dostępności ---------------------------------------------------

def test_declaration_has_one_h1_with_the_template_title(declaration):
    h1s = declaration.find_all("h1")
    assert [text(h) for h in h1s] == ["Deklaracja dostępności"]


def test_declaration_sections_follow_the_template_order(declaration):
    main = declaration.find("main")
    headings = [(h.name, text(h)) for h in main.find_all(["h2", "h3"])]
    assert headings == DECLARATION_HEADINGS


@pytest.mark.parametrize("element_id", A11Y_IDS)
def test_every_a11y_id_appears_exactly_once(declaration, element_id):
    found = declaration.find_all(id=element_id)
    assert len(found) == 1, f"#{element_id}: {len(found)} elements"
    assert text(found[0]), f"#{element_id} is empty"


def test_no_other_a11y_ids(declaration):
    ids = {e["id"] for e in declaration.find_all(id=re.compile(r"^a11y-"))}
    assert ids == set(A11Y_IDS)


@pytest.mark.parametrize("element_id", DATE_IDS)
def test_dates_are_time_elements_with_iso_datetime(declaration, element_id):
    element = declaration.find(id=element_id)
    assert element.name == "time"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", element["datetime"])


def test_dates_have_the_agreed_values(declaration):
    assert declaration.find(id="a11y-data-publikacja")["datetime"] == "2025-01-08"
    assert declaration.find(id="a11y-data-aktualizacja")["datetime"] == "2026-11-25"
    assert declaration.find(id="a11y-data-sporzadzenie")["datetime"] == "2026-11-25"


def test_publication_date_is_the_announcement_date():
    article = (ROOT / "content/wydarzenia/reaktywacja-partnerstwa-lokalnego.md").read_text(encoding="utf-8")
    assert re.search(r"^Date: 2025-01-08\b", article, re.MULTILINE)


def test_intro_names_the_body_scope_and_site(declaration):
    intro = declaration.find(id="a11y-wstep")
    for element_id in ("a11y-podmiot", "a11y-zakres", "a11y-url"):
        assert intro.find(id=element_id) is not None, f"#{element_id} outside #a11y-wstep"
    assert "Gmina Czernica" in text(declaration.find(id="a11y-podmiot"))
    assert "ustawy z dnia 4 kwietnia 2019 r. o dostępności cyfrowej" in text(intro)


def test_site_link_is_relative_and_leads_to_the_home_page(declaration):
    link = declaration.find(id="a11y-url")
    assert link.name == "a"
    base = "https://example.test/sub/" + DECLARATION
    assert urljoin(base, link["href"]) == "https://example.test/sub/"


def test_status_says_compliant_on_self_assessment(declaration):
    assert "jest zgodna z ustawą" in text(declaration.find(id="a11y-status"))
    whole = text(declaration.find("main"))
    assert "samooceny" in whole
    assert "Google" in whole and "Microsoft" in whole  # external calendar services named as outside


def test_contact_links(declaration):
    email = declaration.find(id="a11y-email")
    phone = declaration.find(id="a11y-telefon")
    assert email.name == "a" and email["href"] == "mailto:j.herok@czernica.pl"
    assert text(email) == "j.herok@czernica.pl"
    assert phone.name == "a" and re.fullmatch(r"tel:\+48\d{9}", phone["href"])
    assert phone["href"] == "tel:+48789059281"
    assert text(phone) == "789 059 281"
    contact = declaration.find(id="a11y-kontakt")
    assert contact.find(id="a11y-email") and contact.find(id="a11y-telefon")


def test_contact_matches_the_first_partnership_contact():
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    first = settings["PARTNERSHIP_CONTACTS"][0]
    assert (first["email"], first["phone"]) == ("j.herok@czernica.pl", "+48789059281")


def test_procedure_has_the_statutory_content(declaration):
    procedure = declaration.find(id="a11y-procedura")
    body = text(procedure)
    for phrase in ("żądaniem zapewnienia dostępności cyfrowej", "alternatywnego sposobu dostępu",
                   "7 dni", "2 miesiące", "skargę", "Rzecznika Praw Obywatelskich"):
        assert phrase in body, phrase
    assert procedure.find("a", href="https://bip.brpo.gov.pl/") is not None


def test_building_and_communication_facts_are_left_to_editors(declaration):
    for element_id in ("a11y-architektura", "a11y-komunikacja"):
        assert SHOWN in text(declaration.find(id=element_id)), element_id
    assert "Kolejowa 3" in text(declaration.find(id="a11y-architektura"))


# --- The footer link on every page ------------------------------------------

def text_in(lang, label):
    """`label` as the catalogue gives it in `lang`, spaces as a resident reads them."""
    from translations.translations import translate
    return " ".join(translate(lang, label).replace("\u00a0", " ").split())


def _pages(site):
    """Residents' pages (not the editors' /admin/)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith("admin/"))


@pytest.mark.parametrize("label, target", [
    ("Deklaracja dostępności", "deklaracja-dostepnosci/"),
    ("Informacja o przetwarzaniu danych osobowych", "dane-osobowe/"),
])
def test_every_page_links_to_the_compliance_pages_in_the_footer(site, label, target):
    """Resolved from the page's own address: relative, root-relative (404.html) or absolute."""
    root = read_settings(str(ROOT / "pelicanconf.py"))["SITEURL"] + "/"
    pages = _pages(site)
    assert DECLARATION in pages and PRIVACY in pages and "index.html" in pages
    for page in pages:
        html = soup(site / page)
        footer = html.find("footer")
        assert footer is not None, page
        shown = text_in(html.html["lang"], label)  # the label in the page's language
        links = [a for a in footer.find_all("a") if text(a) == shown]
        assert len(links) == 1, f"{page}: {len(links)} footer links {label!r}"
        href = links[0]["href"]
        assert urljoin(root + page, href) == root + target, f"{page}: {href}"


# --- Informacja o przetwarzaniu danych osobowych (art. 13 RODO) --------------

ART13_SECTIONS = {
    "administrator": "Administrator danych",
    "inspektor": "Inspektor ochrony danych",
    "cel-i-podstawa": "Cel i podstawa prawna przetwarzania",
    "odbiorcy": "Odbiorcy danych",
    "okres-przechowywania": "Okres przechowywania danych",
    "prawa": "Twoje prawa",
    "skarga": "Skarga do Prezesa Urzędu Ochrony Danych Osobowych",
    "dobrowolnosc": "Czy musisz podać dane",
    "profilowanie": "Zautomatyzowane podejmowanie decyzji",
    "strona": "Ta strona internetowa nie zbiera danych",
}


def section(page, heading_id):
    """The text from the h2 with this id up to the next h2."""
    heading = page.find(id=heading_id)
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(text(sibling))
    return " ".join(parts)


def test_privacy_page_title(privacy):
    assert [text(h) for h in privacy.find_all("h1")] == ["Informacja o przetwarzaniu danych osobowych"]


@pytest.mark.parametrize("heading_id, heading", ART13_SECTIONS.items())
def test_privacy_page_has_every_art13_section(privacy, heading_id, heading):
    element = privacy.find(id=heading_id)
    assert element is not None and element.name == "h2", heading_id
    assert text(element) == heading
    assert section(privacy, heading_id), f"#{heading_id} has no content"


def test_privacy_administrator(privacy):
    body = section(privacy, "administrator")
    assert "Wójt Gminy Czernica" in body and "ul. Kolejowa 3" in body
    assert "p.kobak@gops.czernica.pl" in body and SHOWN in body  # the GOPS split is for editors


def test_privacy_facts_not_in_the_announcement_are_marked(privacy):
    for heading_id in ("inspektor", "cel-i-podstawa", "odbiorcy", "okres-przechowywania"):
        assert SHOWN in section(privacy, heading_id), heading_id
    # The candidate legal bases are a note for the office, in the source only.
    source = (ROOT / "content" / "pages" / "dane-osobowe.md").read_text(encoding="utf-8")
    assert "art. 6 ust. 1 lit. e" in source and "art. 6 ust. 1 lit. a" in source
    assert "Regionalne Centrum Wspierania Inicjatyw Pozarządowych" in section(privacy, "odbiorcy")


def test_privacy_rights(privacy):
    rights = section(privacy, "prawa")
    for right in ("dostępu", "sprostowania", "usunięcia", "ograniczenia przetwarzania",
                  "sprzeciwu", "cofnięcia zgody"):
        assert right in rights, right


def test_privacy_complaint_to_uodo(privacy):
    body = section(privacy, "skarga")
    assert "Prezesa Urzędu Ochrony Danych Osobowych" in body
    assert "ul. Stawki 2, 00-193 Warszawa" in body


def test_privacy_voluntary_and_no_automated_decisions(privacy):
    assert "dobrowolne" in section(privacy, "dobrowolnosc")
    assert "nie będą wykorzystywane do zautomatyzowanego podejmowania decyzji" in section(privacy, "profilowanie")


def test_privacy_says_the_site_collects_nothing(privacy):
    body = section(privacy, "strona")
    for phrase in ("cookies", "formularzy", "śledzących", "zasobów z innych serwisów", "program pocztowy"):
        assert phrase in body, phrase


# --- Editor markers ------------------------------------------------------------

def _markdown_files():
    return sorted((ROOT / "content").rglob("*.md"))


def test_every_marker_in_content_is_closed_and_says_what_to_fill_in():
    for path in _markdown_files():
        source = path.read_text(encoding="utf-8")
        opened = source.count(MARKER)
        markers = MARKER_RE.findall(source)
        assert len(markers) == opened, f"{path.name}: a marker without its closing ] on the same text"
        for what in markers:
            assert what.strip(), f"{path.name}: empty marker"
            assert what.startswith(" ") and not what.endswith(" "), f"{path.name}: {MARKER}{what}]"


def test_our_pages_show_every_marker_as_a_neutral_placeholder(site):
    """A marker swallowed by Markdown (a link, a comment) would go live unnoticed; a shown
    one reads "Informacja w przygotowaniu", never the editors' bracketed note."""
    for source, built in zip(OUR_PAGES, (DECLARATION, PRIVACY)):
        markers = MARKER_RE.findall(source.read_text(encoding="utf-8"))
        assert markers, source.name
        main = soup(site / built).find("main")
        shown = [text(span) for span in main.select("span.placeholder")]
        assert shown == [SHOWN] * len(markers), source.name
        assert "UZUPEŁNIENIA" not in text(main) and not main.select("strong .placeholder")


@pytest.mark.parametrize("page", [DECLARATION, PRIVACY, "jezyk-migowy/index.html"])
def test_every_placeholder_is_a_list_item_of_its_own_after_what_it_stands_for(site, page):
    """Residents read the neutral text as a whole list item (or paragraph) under a line that
    names the missing fact, never in the middle of a sentence."""
    spans = soup(site / page).find("main").select("span.placeholder")
    assert spans
    for span in spans:
        holder = span.find_parent(["li", "p"])
        assert text(holder).rstrip(".") == SHOWN, text(holder)
        item = span.find_parent("li")
        assert item is not None, text(holder)
        listing = item.find_parent(["ul", "ol"])
        if listing.parent.name == "li":  # a nested list: what its item says before it
            named = " ".join(text(node) if hasattr(node, "get_text") else str(node)
                             for node in listing.find_previous_siblings()[::-1]).strip()
        else:
            before = listing.find_previous_sibling()
            named = text(before) if before.name == "p" else before.name
        assert named.endswith(":"), named
