"""The printed event page is a one-page A4 notice for notice boards (issue 5).

The site is built for publishing (publishconf.py) with SITEURL pointing at the local test
server, under a sub-path as on a real host, so the QR code encodes an address that really
opens the event page. Chromium prints it (print media, A4, no background graphics: the
browser's defaults); poppler's pdfinfo/pdftotext/pdftoppm and zbarimg read the result.
"""

import re
import shutil
import struct
import subprocess
import urllib.request
import zlib

import pytest
from pelican.settings import read_settings

from conftest import EVENT_PAGE, ROOT, SEED_EVENT_FILE, add_seed_metadata, build, copy_content

OPEN = "2025-01-10 12:00"
EVENT_URL_PATH = EVENT_PAGE.removesuffix("index.html")
SUB_PATH = "czernica"
# Event file metadata added per variant; DROPPED: lines a variant takes out of the header.
VARIANTS = {"cancelled": "Event-status: cancelled", "no-sign-up": "Event-rsvp: none"}
DROPPED = {"no-sign-up": "Event-rsvp-deadline:"}  # no sign-up, so no deadline
TOOLS = {"pdfinfo": "poppler-utils", "pdftotext": "poppler-utils", "pdftoppm": "poppler-utils",
         "zbarimg": "zbar-tools"}

# What a notice board needs: title, lead, when, where, admission, how to sign up.
MUST_PRINT = [
    "Reaktywacja Partnerstwa lokalnego w gminie Czernica",  # the title
    "Zapisy do 20 stycznia, godz. 14.00",  # the deadline, first under the title
    "Zapraszamy na bezpłatne spotkanie warsztatowe",  # the lead
    "Kiedy", "środa, 22 stycznia 2025 r., godz. 16.00–18.30",
    "Gdzie", "Budynek Urzędu Gminy Czernica, ul. Kolejowa 3, Czernica",
    "Wstęp wolny",
    "Zgłoszenia i pytania przyjmują",
    "Urząd Gminy Czernica – j.herok@czernica.pl", "789 059 281",
    "Gminny Ośrodek Pomocy Społecznej w Czernicy – p.kobak@gops.czernica.pl", "571 226 315",
    "Europejskiego Funduszu Społecznego Plus",
]
NEVER_PRINT = {
    "skip links": "Przejdź do",
    "navigation": "O partnerstwie",
    "footer": "Deklaracja dostępności",
    "footer calendar link": "Kalendarz wydarzeń",
    "calendar choices": "Dodaj do kalendarza",
    "RSVP button": "Zgłoś udział",
    "other date": "Poproś o inny termin",
    "map link": "Mapa",
    "subscribe": "Subskrybuj",
    "the letter": "Sandra Kmieciak",
}


def tool(name):
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: apt-get install -y {TOOLS[name]}")
    return path


def run(*command):
    return subprocess.run(command, check=True, capture_output=True, encoding="utf-8", timeout=60).stdout


def flat(text):
    """Any run of whitespace (line breaks, no-break spaces) -> one space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def png(width, height):
    """A plain grey PNG of that size: a stand-in for the official logo strip."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"\x99" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.fixture(scope="session")
def published(serve, tmp_path_factory):
    """published(variant) -> the event page's absolute URL on a publish build being served.

    The server starts on the empty folder first: only then is its port, and so SITEURL,
    known; the site is built into it afterwards.
    """
    urls = {}

    def _published(variant=None):
        if variant not in urls:
            root = tmp_path_factory.mktemp(f"print-{variant or 'open'}")
            (root / SUB_PATH).mkdir()
            siteurl = f"{serve(root)}/{SUB_PATH}"
            content = copy_content(tmp_path_factory.mktemp("print-content"))
            if variant:
                add_seed_metadata(content, VARIANTS[variant])
                seed = content / SEED_EVENT_FILE
                seed.write_text("".join(
                    line for line in seed.read_text(encoding="utf-8").splitlines(True)
                    if not (variant in DROPPED and line.startswith(DROPPED[variant]))),
                    encoding="utf-8")
            # The longest notice: with the logo strips and the header logo editors will add.
            settings = read_settings(str(ROOT / "pelicanconf.py"))
            logos = [(f["logo"], f.get("logo_width", 1200), f.get("logo_height", 150))
                     for f in settings["FUNDING"].values()]
            logos.append((settings["SITE_LOGO"]["file"], settings["SITE_LOGO"]["width"],
                          settings["SITE_LOGO"]["height"]))
            for path, width, height in logos:
                logo = content / path
                if not logo.exists():
                    logo.parent.mkdir(parents=True, exist_ok=True)
                    logo.write_bytes(png(width, height))
            build(root / SUB_PATH, conf="publishconf.py", SITEURL=siteurl, FEED_DOMAIN=siteurl,
                  EVENTS_NOW=OPEN, content=content)
            urls[variant] = f"{siteurl}/{EVENT_URL_PATH}"
        return urls[variant]
    return _published


def print_to_pdf(browser, url, pdf_path):
    for name in ("pdfinfo", "pdftotext", "pdftoppm", "zbarimg"):
        tool(name)
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="pl-PL")
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        page.pdf(path=str(pdf_path), format="A4")
    finally:
        context.close()
    info = run("pdfinfo", str(pdf_path))
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"^Page size:\s+(.*)$", info, re.M).group(1)
    text = run("pdftotext", "-enc", "UTF-8", str(pdf_path), "-")
    return pages, size, text


def qr_codes(pdf_path):
    """Render the PDF at 200 dpi, as a phone would see the printed sheet, and decode it."""
    prefix = pdf_path.with_suffix("")
    run("pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf_path), str(prefix))
    decoded = subprocess.run(["zbarimg", "--raw", "-q", str(prefix) + ".png"],
                             capture_output=True, encoding="utf-8", timeout=60)
    return decoded.stdout.split()


def one_page_notice(browser, url, pdf, must_print, never_print):
    """The page printed as one A4 portrait page with every `must_print` text, none of
    `never_print`'s, and a QR code of the page's address; returns the printed text, flat."""
    pages, size, text = print_to_pdf(browser, url, pdf)
    assert size.endswith("(A4)") and size.startswith("595"), f"not A4 portrait: {size}"
    assert pages == 1, f"the notice prints on {pages} pages, not one"
    printed = flat(text)
    missing = [words for words in must_print if flat(words) not in printed]
    assert not missing, f"missing from the printed notice: {missing}\n--- printed:\n{text}"
    present = {what: words for what, words in never_print.items() if words in printed}
    assert not present, f"printed but must not be: {present}\n--- printed:\n{text}"
    assert qr_codes(pdf) == [url], "the printed QR code does not encode the page's address"
    return printed


def test_event_page_prints_as_one_page_a4_notice(browser, published, tmp_path):
    url = published()
    printed = one_page_notice(browser, url, tmp_path / "wydarzenie.pdf", MUST_PRINT, NEVER_PRINT)
    assert flat(f"Ta strona w internecie: {url}") in printed, \
        f"the QR code's caption does not give the address {url}\n--- printed:\n{printed}"

    with urllib.request.urlopen(url, timeout=10) as response:  # the address really works
        assert response.status == 200
        assert "Reaktywacja Partnerstwa" in response.read().decode("utf-8")


def test_cancelled_event_prints_as_one_page_notice(browser, published, tmp_path):
    """The longest notice there is: the cancellation banner and the funding logo strip."""
    url = published("cancelled")
    with urllib.request.urlopen(url, timeout=10) as response:
        assert 'class="logo-strip"' in response.read().decode("utf-8"), "no logo strip to print"
    pdf = tmp_path / "odwolane.pdf"
    pages, size, text = print_to_pdf(browser, url, pdf)

    assert pages == 1, f"the cancelled notice prints on {pages} pages, not one"
    printed = flat(text)
    for words in ("Odwołane", "Reaktywacja Partnerstwa lokalnego w gminie Czernica",
                  "nie odbędzie się", "j.herok@czernica.pl", "789 059 281"):
        assert flat(words) in printed, f"{words!r} missing from the printed notice:\n{text}"
    present = {what: words for what, words in NEVER_PRINT.items() if words in printed}
    assert not present, f"printed but must not be: {present}\n--- printed:\n{text}"
    assert qr_codes(pdf) == [url]


def test_an_event_without_sign_up_prints_that_residents_just_come(browser, published, tmp_path):
    """Event-rsvp: none: the notice says to just come and whom to ask, no sign-up."""
    url = published("no-sign-up")
    must = [w for w in MUST_PRINT if w not in ("Zapisy do 20 stycznia, godz. 14.00",
                                               "Zgłoszenia i pytania przyjmują")]
    printed = one_page_notice(browser, url, tmp_path / "bez-zapisow.pdf",
                              must + ["Wstęp bez zapisów – wystarczy przyjść",
                                      "Pytania o spotkanie"], NEVER_PRINT)
    assert "Zapisy" not in printed and "Zgłoszenia" not in printed
