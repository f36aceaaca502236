#!/usr/bin/env python3
"""Builds a benchmark corpus for corpuscope from real Chinese and English text.

    python3 scripts/build_corpus.py SIZE_MB OUT_DIR [--seed N] [--cache DIR] [--zh-share F]

The text comes from Debian documentation packages, fetched with `apt-get download` (no install,
no root needed beyond what apt-get download needs) and unpacked with `dpkg-deb -x` into the cache
folder (default: ~/.cache/corpuscope-bench): the Debian Reference, FAQ and New Maintainers'
Guide in Simplified Chinese and English, the Chinese manual pages and the LibreOffice help in
Simplified Chinese and US English, about 80 MB of HTML and man pages. Paragraphs are read out of
them (HTML tags, scripts and man-page macros dropped) and pooled by language.

Documents of 2 to 10 KB are then drawn from the pools with a seeded generator until SIZE_MB MiB
are written, about `--zh-share` (default 0.7) of each document's bytes Chinese, as
OUT_DIR/NNN/doc_NNNNNN.txt, 1000 files a folder. Each document's paragraphs are a fresh random
draw and no two documents are identical (a repeat is drawn again), so corpuscope's duplicate
detection keeps them all. The same seed and packages give the same corpus.
"""

import argparse
import gzip
import hashlib
import html.parser
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGES = [
    "debian-reference-zh-cn",
    "debian-reference-en",
    "debian-faq-zh-cn",
    "debian-faq",
    "maint-guide-zh-cn",
    "maint-guide",
    "manpages-zh",
    "libreoffice-help-zh-cn",
    "libreoffice-help-en-us",
]

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


class TextOf(html.parser.HTMLParser):
    """Collects the text of an HTML page as paragraphs (block elements end a paragraph)."""

    BLOCKS = {"p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dd",
              "dt", "br", "tr", "title", "blockquote", "section", "table"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs = []
        self.current = []
        self.skip = 0

    def flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.current.append(data)


def html_paragraphs(path):
    parser = TextOf()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    parser.flush()
    return parser.paragraphs


ROFF_ESCAPE = re.compile(r"\\f[BIRP]|\\f\(..|\\\(..|\\[-&e|^%]|\\s[-+]?\d|\\")


def man_paragraphs(path):
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    paragraphs, current = [], []
    for line in lines:
        if line.startswith((".", "'")):
            if current:
                paragraphs.append(" ".join(current))
                current = []
            # Macro arguments that are text (section headings, bold/italic words).
            words = line.split(None, 1)
            if len(words) == 2 and words[0] in (".SH", ".SS", ".B", ".I", ".BR", ".IR"):
                current.append(ROFF_ESCAPE.sub("", words[1]).replace('"', ""))
            continue
        line = ROFF_ESCAPE.sub("", line).strip()
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def fetch(cache, packages=PACKAGES):
    """Downloads the packages into cache/debs and unpacks them all into cache/tree."""
    debs = cache / "debs"
    tree = cache / "tree"
    debs.mkdir(parents=True, exist_ok=True)
    missing = [p for p in packages if not any(debs.glob(f"{p}_*.deb"))]
    if missing:
        print(f"fetching {len(missing)} packages: {' '.join(missing)}", file=sys.stderr)
        if subprocess.run(["apt-get", "download", *missing], cwd=debs).returncode != 0:
            sys.exit("apt-get download failed (a 404 means old package lists: apt-get update)")
        if tree.exists():
            shutil.rmtree(tree)  # unpacked again with the new packages
    if not tree.exists():
        tmp = cache / "tree.partial"
        tmp.mkdir(exist_ok=True)
        for deb in sorted(debs.glob("*.deb")):
            subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp)], check=True)
        tmp.rename(tree)
    return tree


def pools(tree):
    zh, en = [], []
    files = sorted(p for p in tree.rglob("*") if p.is_file())
    for path in files:
        name = path.name
        if name.endswith((".html", ".htm", ".xhtml")):
            paragraphs = html_paragraphs(path)
        elif "/man/" in str(path) and name.endswith(".gz"):
            paragraphs = man_paragraphs(path)
        else:
            continue
        for p in paragraphs:
            han = len(HAN.findall(p))
            latin = len(LATIN.findall(p))
            if han >= 10 and han >= latin / 4:
                zh.append(p)
            elif latin >= 40 and han == 0:
                en.append(p)
    # The same paragraph from two pages counts once.
    return sorted(set(zh)), sorted(set(en))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("size_mb", type=float)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--cache", type=Path,
                    default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
                    / "corpuscope-bench")
    ap.add_argument("--zh-share", type=float, default=0.7)
    args = ap.parse_args()

    tree = fetch(args.cache)
    zh, en = pools(tree)
    if not zh or not en:
        sys.exit("no Chinese or no English paragraphs found in the packages")
    print(f"pools: {len(zh)} Chinese paragraphs ({sum(map(len, zh)) / 1e6:.1f} M chars), "
          f"{len(en)} English ({sum(map(len, en)) / 1e6:.1f} M chars)", file=sys.stderr)

    rng = random.Random(args.seed)
    target = int(args.size_mb * 1024 * 1024)
    written, n, seen = 0, 0, set()
    while written < target:
        size = rng.randint(2048, 10240)
        zh_bytes, parts, total = 0, [], 0
        while total < size:
            pool = zh if zh_bytes < args.zh_share * max(total, 1) else en
            p = rng.choice(pool)
            parts.append(p)
            b = len(p.encode("utf-8")) + 2
            total += b
            if pool is zh:
                zh_bytes += b
        text = "\n\n".join(parts) + "\n"
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
        if digest in seen:
            continue
        seen.add(digest)
        folder = args.out_dir / f"{n // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        (folder / f"doc_{n:06d}.txt").write_bytes(data)
        written += len(data)
        n += 1
    print(f"{args.out_dir}: {n} documents, {written} bytes ({written / 2**20:.1f} MiB)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
