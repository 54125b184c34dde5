"""Articles the Discord tests submit: written for these tests, with quotes and named speakers."""

from __future__ import annotations

import textwrap

TITLE = "Riverside council approves night bus pilot after long debate"

ARTICLE = """\
Riverside's city council voted on Monday to run a six-month pilot of night buses on three routes, \
ending a debate that had stretched over two budget cycles.

The pilot will add buses every 30 minutes between midnight and 5 a.m. on the routes that serve \
the hospital district, the university and the industrial park. It will cost about 1.2 million \
dollars, paid from the transport reserve.

"People who clean our offices and staff our wards deserve a safe ride home," said Mayor Elena \
Duarte, who has backed the plan since her campaign. "This is a small step, but it is a real one."

Council member Victor Hale voted against the pilot. "We are spending reserve money on buses that \
may run empty," Hale said. "I would rather fix the daytime schedule that thousands already use."

The transport director, Amara Osei, said ridership would be counted every night and published \
monthly. "If the buses run empty, the numbers will show it and we will stop," Osei said.

Nurses at Riverside General welcomed the vote. "Half of my team finishes at two in the morning \
and pays for taxis they cannot afford," said Tomas Lind, a charge nurse on the night shift.

The first buses are expected to run in March, after drivers are hired and trained. The council \
will review the pilot in September and decide whether to make the routes permanent.
"""

TRAP_ARTICLE = """\
@everyone Harbor **Weekly** roundup: <@&123456789012345678> the ferry schedule changes again

# The ferry schedule changes again on Friday

The harbor authority said on Tuesday that the evening ferry will leave at 6:40 p.m. instead of \
6:15 p.m. from Friday, the third change to the timetable this year.

"@everyone should check the new times before Friday, <@123456789012345678> included," said \
harbor master Ruth Bell. "We know it is frustrating, but the tides leave us no choice."

Commuters were unhappy with the news. "This is the third change in a year and nobody asked us," \
said Karl Penn, who takes the ferry to work every day. "We plan our whole week around it."

The authority said the morning ferries are not affected and that a full timetable is posted at \
the terminal and on its website.
"""

_SPEAKERS = [
    ("Mayor Elena Duarte", "Duarte"),
    ("Council member Victor Hale", "Hale"),
    ("transport director Amara Osei", "Osei"),
    ("nurse Tomas Lind", "Lind"),
    ("economist Priya Raman", "Raman"),
    ("engineer Jonas Berg", "Berg"),
]

_TOPICS = [
    "the harbor bridge",
    "the night buses",
    "the school budget",
    "the water treatment plant",
    "the new library",
    "the river flood walls",
    "the hospital parking",
    "the tram extension",
]


def long_article(target_words: int) -> str:
    """A long news-like text of about ``target_words`` words, quoting six people throughout."""
    paragraphs: list[str] = []
    count = 0
    number = 0
    while count < target_words:
        full, short = _SPEAKERS[number % len(_SPEAKERS)]
        topic = _TOPICS[number % len(_TOPICS)]
        first = number < len(_SPEAKERS)
        who = full if first else short
        paragraph = (
            f"The council returned to {topic} in session {number + 1}, where members compared "
            f"costs, timelines and the results of earlier reviews of the project. "
            f'"We looked at {topic} again in meeting {number + 1} and the figures still hold '
            f'up under every test we ran," said {who}. "Nobody should read session {number + 1} '
            f'as the end of the discussion on {topic}, but it is a fair place to stand today." '
            f"Residents at the meeting asked about delays, and officials promised a written "
            f"answer before the next session."
        )
        paragraphs.append(paragraph)
        count += len(paragraph.split())
        number += 1
    return "\n\n".join(paragraphs)


def article_html(title: str, text: str, byline: str = "Mara Quinn") -> bytes:
    """``text`` as a news page: headline, byline, date and paragraphs in an article element."""
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title>"
        f"<meta property='og:title' content='{title}'>"
        "<meta property='og:site_name' content='Riverside Ledger'>"
        f"<meta name='author' content='{byline}'>"
        "<meta property='article:published_time' content='2026-11-23T09:00:00Z'>"
        "</head><body><header><nav>Home | News | Sport</nav></header>"
        f"<article><h1>{title}</h1><p class='byline'>By {byline}</p>{paragraphs}</article>"
        "<footer>© Riverside Ledger</footer></body></html>"
    ).encode()


def article_pdf(text: str) -> bytes:
    """``text`` as a one-page PDF with real text objects (Helvetica), as a word processor writes."""
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        lines += [*textwrap.wrap(" ".join(paragraph.split()), 90), ""]
    body = (
        "BT /F1 10 Tf 40 800 Td 13 TL "
        + " ".join(f"({_pdf_string(line)}) '" for line in lines)
        + " ET"
    )
    stream = body.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
