"""Read one page of the old Isomer/Jekyll site and say what it holds, without the database.

A board meeting page of the old site looks like this (front matter, then Markdown)::

    ---
    title: Cambodia 2020
    permalink: /events/ASSA-Board-Meeting/cambodia-2020
    third_nav_title: ASSA Board Meeting
    ---
    ## CAMBODIA
    Date: Dec 09, 2020
    ### [MESSAGE FROM ASSA CHAIRMAN](/files/.../MESSAGE%20FROM%20ASSA%20CHAIRMAN.pdf)
    Delegates ... attended the Virtual 37th ASSA Board Meeting hosted by ...
    ### HIGHLIGHT
    #### TWO SPEAKERS SHARED ON THE FOLLOWING TOPICS:
    ##### [Topic](/files/...pdf)
    by Name, Role, Organisation
    ##### SIX "GOOD PRACTICES" ARTICLES WERE PRESENTED BY ASSA MEMBER INSTITUTIONS:
    * [Title by Institution, Country](/files/...pdf)

``read_page`` turns that into a ``Page``: the event's facts, its programme in order and
the parts it could not interpret (kept as Markdown, to go into the event's body). It
never guesses silently: everything it sets aside is listed in ``Page.kept``, and every
doubt in ``Page.warnings``.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import frontmatter

from core.khmer import has_khmer, to_ascii_digits

# third_nav_title of the old site -> Event.kind; compared in lower case, words only.
KIND_KEYWORDS = (
    ("board meeting", "assa-board-meeting"),
    ("secretariat", "secretariat-meeting"),
    ("seminar", "seminar-workshop"),
    ("workshop", "seminar-workshop"),
    ("working group", "working-group"),
    ("forum", "forum"),
)

# How the old pages name countries (English, a few variants, and Khmer) -> ISO code.
COUNTRY_NAMES = {
    "brunei": "BN",
    "brunei darussalam": "BN",
    "cambodia": "KH",
    "kingdom of cambodia": "KH",
    "indonesia": "ID",
    "laos": "LA",
    "lao": "LA",
    "lao pdr": "LA",
    "lao p d r": "LA",
    "lao people s democratic republic": "LA",
    "malaysia": "MY",
    "myanmar": "MM",
    "burma": "MM",
    "philippines": "PH",
    "the philippines": "PH",
    "philippine": "PH",
    "singapore": "SG",
    "thailand": "TH",
    "kingdom of thailand": "TH",
    "timor leste": "TL",
    "east timor": "TL",
    "vietnam": "VN",
    "viet nam": "VN",
    "កម្ពុជា": "KH",
    "ព្រះរាជាណាចក្រកម្ពុជា": "KH",
    "ឥណ្ឌូណេស៊ី": "ID",
    "ឡាវ": "LA",
    "ម៉ាឡេស៊ី": "MY",
    "មីយ៉ាន់ម៉ា": "MM",
    "ហ្វីលីពីន": "PH",
    "សិង្ហបុរី": "SG",
    "ថៃ": "TH",
    "ទីម័រខាងកើត": "TL",
    "វៀតណាម": "VN",
    "ព្រុយណេ": "BN",
}

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    # Khmer month names, as a Khmer page would write them.
    "មករា": 1,
    "កុម្ភៈ": 2,
    "មីនា": 3,
    "មេសា": 4,
    "ឧសភា": 5,
    "មិថុនា": 6,
    "កក្កដា": 7,
    "សីហា": 8,
    "កញ្ញា": 9,
    "តុលា": 10,
    "វិច្ឆិកា": 11,
    "ធ្នូ": 12,
}

# Words Khmer dates put before the numbers: "ថ្ងៃទី៩ ខែធ្នូ ឆ្នាំ២០២០".
KHMER_DATE_WORDS = re.compile(r"ថ្ងៃទី|ខែ|ឆ្នាំ")
WEEKDAY = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?,?", re.IGNORECASE
)

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
LIST_ITEM = re.compile(r"^\s{0,3}(?:[*+-]|\d{1,3}[.)])\s+(.*)$")
FIELD_LINE = re.compile(
    r"^\s*[*_]*\s*(date|dates|venue|location|place|city)\s*[*_]*\s*:\s*[*_]*\s*(.*?)\s*[*_]*\s*$",
    re.IGNORECASE,
)
BY_LINE = re.compile(r"^\s*[*_]*by\s+(.+?)[*_]*\s*$", re.IGNORECASE)
ORDINAL = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b", re.IGNORECASE)
BOARD_MEETING_ORDINAL = re.compile(
    r"\b(\d{1,3})(?:st|nd|rd|th)\s+(?:ASSA\s+)?Board\s+Meeting", re.IGNORECASE
)
KHMER_ORDINAL = re.compile(r"លើកទី\s*([0-9]{1,3})")
HOSTED_BY = re.compile(r"\bhosted\s+by\s+(?:the\s+)?(.+?)(?:\.\s|\.$|;|$)", re.IGNORECASE)
COURTESY_TITLES = re.compile(r"^(?:mr|mrs|ms|miss|mx)\.?\s+", re.IGNORECASE)
IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)>\s]+)")
LIQUID_BASEURL = re.compile(r"\{\{\s*site\.baseurl\s*\}\}")

# Headings that open a part of the programme, tried in this order.
CHAIRMAN_MESSAGE = re.compile(
    r"\bmessage\b.*\bchair|\bchair\w*['’]?s?\s+(?:message|remarks|address)", re.IGNORECASE
)
SECTION_PATTERNS = (
    ("good-practice", re.compile(r"good[\s\-]*practices?", re.IGNORECASE)),
    ("speaker", re.compile(r"\bspeakers?\b|\bkeynotes?\b|\bguest\s+topics?\b", re.IGNORECASE)),
    ("minutes", re.compile(r"\bminutes\b", re.IGNORECASE)),
    ("report", re.compile(r"\breports?\b", re.IGNORECASE)),
)
# A heading that only groups what follows ("HIGHLIGHT"): nothing to keep or interpret.
GROUPING_HEADING = re.compile(r"^\s*(?:highlights?|programme|program|agenda)\s*:?\s*$", re.I)

CHAIRMAN_MESSAGE_TITLE = ("Message from the ASSA Chairman", "សាររបស់ប្រធាន ASSA")


@dataclass
class Link:
    """A link of the page. ``legacy_path`` is the URL-decoded /files/... path, if it is one."""

    text: str
    href: str
    legacy_path: str = ""


@dataclass
class Item:
    """One presentation of the programme, in the page's order."""

    category: str
    title: str
    link: Link | None = None
    speaker_name: str = ""
    speaker_role: str = ""
    institution_text: str = ""  # "National Social Security Fund", as the page says it
    country: str = ""  # the institution's country code, when the page names it
    title_km: str = ""
    text: str = ""  # the whole line as the page wrote it (kept as title if no match)


@dataclass
class KeptPart:
    """Markdown the importer could not interpret, and where it was."""

    where: str
    markdown: str
    links: list[Link] = field(default_factory=list)
    images: list[str] = field(default_factory=list)  # addresses of pictures (not imported)


@dataclass
class Page:
    source: Path
    title: str = ""
    permalink: str = ""
    description: str = ""
    third_nav_title: str = ""
    kind: str = "other"
    number: int | None = None
    country: str = ""
    city: str = ""
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    format: str = ""  # "" when the page does not say
    summary: str = ""
    host_text: str = ""
    host_country: str = ""
    items: list[Item] = field(default_factory=list)
    kept: list[KeptPart] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        """The event's slug: the permalink's last part, e.g. cambodia-2020."""
        last = self.permalink.rstrip("/").rsplit("/", 1)[-1]
        last = unicodedata.normalize("NFKD", unquote(last)).encode("ascii", "ignore").decode()
        last = re.sub(r"\.html?$", "", last.lower())
        return re.sub(r"[^a-z0-9]+", "-", last).strip("-")[:100]


# --- small text helpers -------------------------------------------------------------------


def words(text: str) -> str:
    """Lower case, letters and digits only, single spaces: for comparing names."""
    text = unicodedata.normalize("NFKC", text or "").replace("’", "'").lower()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def country_code(text: str) -> str:
    return COUNTRY_NAMES.get(words(text), "")


def normalize_permalink(permalink: str) -> str:
    """/events/ASSA-Board-Meeting/cambodia-2020: a leading slash, none at the end."""
    path = urlsplit((permalink or "").strip()).path
    path = "/" + unquote(path).strip().strip("/")
    return path if path != "/" else ""


def legacy_file_path(href: str) -> str:
    """The URL-decoded /files/... path a link points to, or "" if it is not such a file.

    Accepts /files/..., files/..., {{site.baseurl}}/files/... and absolute addresses
    on any host whose path starts with /files/.
    """
    href = LIQUID_BASEURL.sub("", (href or "").strip())
    parts = urlsplit(href)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return ""
    path = "/" + parts.path.lstrip("/")
    if not path.lower().startswith("/files/"):
        return ""
    path = unquote(path)
    if any(segment in ("..", ".") for segment in path.split("/")):
        return ""
    return unicodedata.normalize("NFC", path)


def find_links(text: str) -> list[tuple[int, int, Link]]:
    """Markdown links [text](href) with their spans; parentheses in the address may nest."""
    found = []
    position = 0
    while True:
        start = text.find("[", position)
        if start < 0:
            return found
        depth, index = 0, start
        while index < len(text):
            if text[index] == "[":
                depth += 1
            elif text[index] == "]":
                depth -= 1
                if depth == 0:
                    break
            index += 1
        if index >= len(text) - 1 or text[index + 1] != "(":
            position = start + 1
            continue
        label_end = index
        depth, index = 0, label_end + 1
        while index < len(text):
            if text[index] == "(":
                depth += 1
            elif text[index] == ")":
                depth -= 1
                if depth == 0:
                    break
            index += 1
        if index >= len(text):
            position = start + 1
            continue
        href = text[label_end + 2 : index].strip()
        # [text](<address with spaces> "title") -> the address only
        if href.startswith("<") and ">" in href:
            href = href[1 : href.index(">")]
        else:
            href = re.sub(r'\s+"[^"]*"$', "", href)
        link_text = text[start + 1 : label_end].strip()
        if start > 0 and text[start - 1] == "!":  # an image: keep it as it is
            position = index + 1
            continue
        found.append((start, index + 1, Link(link_text, href, legacy_file_path(href))))
        position = index + 1


def plain(text: str) -> str:
    """The words of a line of Markdown: link texts kept, emphasis and entities dropped."""
    for start, end, link in reversed(find_links(text)):
        text = text[:start] + link.text + text[end:]
    text = re.sub(r"(\*\*|__|\*|_)(\S.*?\S|\S)\1", r"\2", text)
    text = text.replace("&amp;", "&").replace("&nbsp;", " ")
    return " ".join(text.split())


def file_links(text: str) -> list[Link]:
    return [link for _, _, link in find_links(text) if link.legacy_path]


def split_institution(text: str) -> tuple[str, str]:
    """ "National Social Security Fund, Cambodia" -> ("National Social Security Fund", "KH")."""
    text = text.strip().rstrip(".").strip()
    if "," in text:
        name, last = text.rsplit(",", 1)
        code = country_code(last)
        if code:
            return name.strip(), code
    match = re.match(r"^(.*?)\s*\(([^)]*)\)$", text)  # "SSS (Philippines)"
    if match and country_code(match.group(2)):
        return match.group(1).strip(), country_code(match.group(2))
    return text, ""


def split_by(text: str) -> tuple[str, str]:
    """ "Title by Institution, Country" -> ("Title", "Institution, Country"); no "by": (text, "")."""
    match = re.match(r"^(.*\S)\s+by\s+(\S.*)$", text, re.IGNORECASE | re.DOTALL)
    if not match:
        return text.strip(), ""
    return match.group(1).strip(), match.group(2).strip()


def speaker_from(text: str) -> tuple[str, str]:
    """ "Mr Jane Doe, Director, Some Office" -> ("Jane Doe", "Director, Some Office")."""
    name, _, role = text.partition(",")
    name = COURTESY_TITLES.sub("", name.strip())
    return name.strip(), role.strip().rstrip(".")


def nice_title(text: str) -> str:
    """Titles written in capitals on the old site read better in title case."""
    if text.isupper() and not has_khmer(text):
        small = {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to"}
        out = []
        for index, word in enumerate(text.lower().split()):
            out.append(word if index and word in small else word[:1].upper() + word[1:])
        return " ".join(out)
    return text


# --- dates ---------------------------------------------------------------------------------


def _month(name: str) -> int | None:
    name = name.strip().rstrip(".").lower()
    if name in MONTHS:
        return MONTHS[name]
    return MONTHS.get(name[:3]) if len(name) >= 3 and name[:3].isascii() else None


def parse_dates(text: str) -> tuple[datetime.date, datetime.date | None] | None:
    """First and last day from the ways the old pages write dates, or None.

    "Dec 09, 2020"; "December 9 2020"; "Sep 21-22, 2022"; "Nov 30 - Dec 2, 2021";
    "21 September 2022"; "21-22 September 2022"; "2020-12-09"; "ថ្ងៃទី៩ ខែធ្នូ ឆ្នាំ២០២០".
    """
    text = to_ascii_digits(KHMER_DATE_WORDS.sub(" ", text or ""))
    text = WEEKDAY.sub(" ", text)
    text = " ".join(text.replace("–", "-").replace("—", "-").split())
    # Any run of letters, Khmer ones included (their vowel signs are not \w).
    month = r"([^\s\d,.\-]+)\.?"
    patterns = (
        # 14 August 2017 - 15 August 2017
        (
            rf"(\d{{1,2}})\s+{month},?\s+(\d{{4}})\s*-\s*(\d{{1,2}})\s+{month},?\s+\3",
            lambda m: (int(m[3]), m[2], int(m[1]), m[5], int(m[4])),
        ),
        # Aug 14, 2017 - Aug 15, 2017
        (
            rf"{month}\s+(\d{{1,2}}),?\s+(\d{{4}})\s*-\s*{month}\s+(\d{{1,2}}),?\s+\3",
            lambda m: (int(m[3]), m[1], int(m[2]), m[4], int(m[5])),
        ),
        # 2020-12-09
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", lambda m: (int(m[1]), int(m[2]), int(m[3]), None, None)),
        # Nov 30 - Dec 2, 2021
        (
            rf"{month}\s+(\d{{1,2}})\s*-\s*{month}\s+(\d{{1,2}}),?\s+(\d{{4}})",
            lambda m: (int(m[5]), m[1], int(m[2]), m[3], int(m[4])),
        ),
        # Sep 21-22, 2022 / Dec 09, 2020
        (
            rf"{month}\s+(\d{{1,2}})(?:\s*-\s*(\d{{1,2}}))?,?\s+(\d{{4}})",
            lambda m: (int(m[4]), m[1], int(m[2]), m[1] if m[3] else None, int(m[3] or 0)),
        ),
        # 30 Nov - 2 Dec 2021
        (
            rf"(\d{{1,2}})\s+{month}\s*-\s*(\d{{1,2}})\s+{month},?\s+(\d{{4}})",
            lambda m: (int(m[5]), m[2], int(m[1]), m[4], int(m[3])),
        ),
        # 21-22 September 2022 / 9 December 2020
        (
            rf"(\d{{1,2}})(?:\s*-\s*(\d{{1,2}}))?\s+{month},?\s+(\d{{4}})",
            lambda m: (int(m[4]), m[3], int(m[1]), m[3] if m[2] else None, int(m[2] or 0)),
        ),
    )
    for pattern, parts in patterns:
        for match in re.finditer(pattern, text):
            year, first_month, first_day, last_month, last_day = parts(match)
            first_month = first_month if isinstance(first_month, int) else _month(first_month)
            if first_month is None:
                continue
            try:
                starts = datetime.date(year, first_month, first_day)
                ends = None
                if last_month is not None:
                    last_month = last_month if isinstance(last_month, int) else _month(last_month)
                    if last_month is None:
                        continue
                    ends = datetime.date(year, last_month, last_day)
                    if ends < starts:
                        continue
                    if ends == starts:
                        ends = None
            except ValueError:
                continue
            return starts, ends
    return None


# --- blocks --------------------------------------------------------------------------------


@dataclass
class Block:
    kind: str  # heading, item, paragraph
    text: str  # the Markdown of the block (for items: without the bullet)
    source: str  # the block's lines as written
    level: int = 0


def blocks_of(markdown: str) -> list[Block]:
    """Headings, list items and paragraphs, in order; blank lines only separate them."""
    found: list[Block] = []
    paragraph: list[str] = []

    def close_paragraph():
        if paragraph:
            text = "\n".join(paragraph)
            found.append(Block("paragraph", text.strip(), text))
            paragraph.clear()

    for line in markdown.splitlines():
        heading = HEADING.match(line)
        item = LIST_ITEM.match(line)
        if not line.strip():
            close_paragraph()
        elif heading:
            close_paragraph()
            found.append(Block("heading", heading.group(2), line, len(heading.group(1))))
        elif item:
            close_paragraph()
            found.append(Block("item", item.group(1).strip(), line))
        elif found and found[-1].kind == "item" and line.startswith((" ", "\t")) and not paragraph:
            # a list item's continuation line
            last = found[-1]
            last.text = f"{last.text} {line.strip()}"
            last.source = f"{last.source}\n{line}"
        elif FIELD_LINE.match(line):
            close_paragraph()
            found.append(Block("paragraph", line.strip(), line))
        else:
            paragraph.append(line)
    close_paragraph()
    return found


# --- the page ------------------------------------------------------------------------------


def kind_of(third_nav_title: str) -> str:
    text = words(third_nav_title)
    for keyword, kind in KIND_KEYWORDS:
        if keyword in text:
            return kind
    return "other"


def read_page(path: Path) -> Page:
    """Interpret one Markdown page of the old site (see the module's docstring)."""
    post = frontmatter.loads(path.read_text(encoding="utf-8-sig"))
    page = Page(source=path)
    page.title = " ".join(str(post.get("title") or "").split())
    page.permalink = normalize_permalink(str(post.get("permalink") or ""))
    page.description = " ".join(str(post.get("description") or "").split())
    page.third_nav_title = " ".join(str(post.get("third_nav_title") or "").split())
    page.kind = kind_of(page.third_nav_title)
    if page.third_nav_title and page.kind == "other":
        page.warnings.append(
            f"third_nav_title “{page.third_nav_title}” is not a known kind: imported as Other event"
        )
    if not page.permalink:
        page.errors.append("no permalink in the front matter: its old address is unknown")
    if not page.title:
        page.errors.append("no title in the front matter")
    _Reader(page).read(post.content)
    _finish(page)
    return page


class _Reader:
    """Walks the blocks once, keeping track of which part of the programme it is in."""

    def __init__(self, page: Page):
        self.page = page
        self.section = ""  # "", chairman-message, speaker, good-practice, minutes, report, kept
        self.section_level = 0
        self.kept: KeptPart | None = None
        self.current: Item | None = None  # the last item, waiting for its "by ..." line

    # Where the reader is, for the report.
    def _keep(self, block: Block, where: str | None = None) -> None:
        if self.kept is None or where is not None:
            label = where or (
                f"text under “{plain(self._last_heading)}”"
                if self._last_heading
                else "text at the top"
            )
            self.kept = KeptPart(where=label, markdown="")
            self.page.kept.append(self.kept)
        separator = "\n" if block.kind == "item" and self.kept.markdown.endswith("\n") else "\n\n"
        self.kept.markdown = (self.kept.markdown + separator if self.kept.markdown else "") + (
            block.source.strip("\n")
        )
        self.kept.links += file_links(block.source)
        self.kept.images += IMAGE.findall(block.source)

    _last_heading = ""

    def read(self, markdown: str) -> None:
        for block in blocks_of(markdown):
            if block.kind == "heading":
                self._heading(block)
                self._last_heading = block.text
            elif block.kind == "item":
                self._item(block)
            else:
                self._paragraph(block)

    def _start(self, section: str, level: int) -> None:
        self.section, self.section_level = section, level
        self.kept = None
        self.current = None

    def _heading(self, block: Block) -> None:
        text = plain(block.text)
        links = file_links(block.text) or [link for _, _, link in find_links(block.text)]
        code = country_code(text)
        if code and not self.page.country:
            self.page.country = code
            self._start("", block.level)
            return
        if CHAIRMAN_MESSAGE.search(text):
            self._start("chairman-message", block.level)
            title_en, title_km = CHAIRMAN_MESSAGE_TITLE
            self._add(
                Item("chairman-message", title_en, links[0] if links else None, title_km=title_km)
            )
            return
        inside = self.section in ("speaker", "good-practice", "minutes", "report")
        deeper = block.level > self.section_level
        if inside and links and deeper:
            # e.g. "##### [Topic](/files/...)" under "#### TWO SPEAKERS ..."
            self._linked(block.text)
            return
        for section, pattern in SECTION_PATTERNS:
            if pattern.search(text):
                self._start(section, block.level)
                if links:  # a heading that is itself a file, e.g. "### [MINUTES](...)"
                    self._linked(block.text)
                return
        if GROUPING_HEADING.match(text):
            self._start("", block.level)
            return
        if inside and self.section == "speaker" and deeper:
            # A topic without a file: its speaker follows on a "by ..." line.
            self._add(Item("speaker", nice_title(text)))
            return
        self._start("kept", block.level)
        self._keep(block, where=f"section “{text}”")

    def _linked(self, markdown: str) -> None:
        """Each file link of a line within a section becomes an item of that section."""
        found = find_links(markdown)
        for index, (_, end, link) in enumerate(found):
            if self.section == "good-practice":
                title, by = split_by(plain(link.text))
                if not by:  # "[Title](...) by Institution, Country"
                    rest_end = found[index + 1][0] if index + 1 < len(found) else len(markdown)
                    rest = BY_LINE.match(plain(markdown[end:rest_end]))
                    by = rest.group(1) if rest else ""
                institution, country = split_institution(by) if by else ("", "")
                text = f"{title} by {by}" if by else title
                self._add(
                    Item("good-practice", title, link, "", "", institution, country, text=text)
                )
            elif self.section == "speaker":
                item = Item("speaker", nice_title(plain(link.text)), link)
                rest = BY_LINE.match(plain(markdown[end:]))
                if rest:
                    item.speaker_name, item.speaker_role = speaker_from(rest.group(1))
                self._add(item)
            else:
                self._add(Item(self.section, nice_title(plain(link.text)), link))

    def _add(self, item: Item) -> None:
        self.page.items.append(item)
        self.current = item
        self.kept = None

    def _item(self, block: Block) -> None:
        if self.section in ("good-practice", "speaker", "minutes", "report"):
            if find_links(block.text):
                self._linked(block.text)
                return
            if self.section == "good-practice":
                text = plain(block.text)
                title, by = split_by(text)
                institution, country = split_institution(by) if by else ("", "")
                self._add(
                    Item("good-practice", title, None, "", "", institution, country, text=text)
                )
                return
        self._keep(block)

    def _paragraph(self, block: Block) -> None:
        text = plain(block.text)
        field_line = FIELD_LINE.match(block.text)
        if field_line:
            name, value = field_line.group(1).lower(), plain(field_line.group(2))
            if name.startswith("date"):
                dates = parse_dates(value)
                if dates and self.page.starts_on is None:
                    self.page.starts_on, self.page.ends_on = dates
                    return
                self.page.warnings.append(f"could not read the date “{value}”")
            elif value and not self.page.city:
                self.page.city = value
                return
            self._keep(block)
            return
        by = BY_LINE.match(text)
        if (
            by
            and self.current is not None
            and self.current.category == "speaker"
            and not self.current.speaker_name
        ):
            self.current.speaker_name, self.current.speaker_role = speaker_from(by.group(1))
            return
        if (
            self.section in ("chairman-message", "")
            and not self.page.summary
            and self.kept is None
            and not find_links(block.text)
        ):
            # The first words about the meeting: its summary (and its number, host, format).
            self.page.summary = text
            return
        if self.section in ("speaker", "minutes", "report") and file_links(block.text):
            self._linked(block.text)
            return
        self._keep(block)


def _host(text: str) -> tuple[str, str]:
    """ "NSSF, Cambodia, and met ..." -> ("NSSF", "KH"): the name ends at its country."""
    pieces = [piece.strip() for piece in text.split(",")]
    for index, piece in enumerate(pieces[1:], start=1):
        code = country_code(piece)
        if code:
            return ", ".join(pieces[:index]), code
    name = re.split(r"\s+(?:and|to|for|on|in|with)\s+", pieces[0], maxsplit=1)[0]
    return split_institution(name)


def _finish(page: Page) -> None:
    """Facts read from the summary and the title, once the whole page has been read."""
    if not page.summary and page.description:
        page.summary = page.description
    text = " ".join([page.summary, page.title, page.description])
    match = BOARD_MEETING_ORDINAL.search(text) or KHMER_ORDINAL.search(to_ascii_digits(text))
    if not match:
        match = ORDINAL.search(page.title)
    if match:
        page.number = int(match.group(1))
    lowered = page.summary.lower()
    if "hybrid" in lowered:
        page.format = "hybrid"
    elif re.search(r"\b(virtual|online|video\s*conferenc\w*|webinar)\b", lowered):
        page.format = "virtual"
    elif re.search(r"\b(in person|in-person|face[- ]to[- ]face)\b", lowered):
        page.format = "in-person"
    host = HOSTED_BY.search(page.summary)
    if host:
        page.host_text, page.host_country = _host(host.group(1))
    if page.starts_on is None:
        page.errors.append("no date found (a “Date: …” line is expected)")
    if page.kind == "assa-board-meeting" and page.number is None:
        page.warnings.append(
            "a board meeting without a number (e.g. “37th”) in its text or title: "
            "imported as Other event"
        )
        page.kind = "other"
    if page.permalink and not page.permalink.lower().startswith("/events/"):
        page.warnings.append(
            f"the old address {page.permalink} is not under /events/: it will not redirect"
        )
