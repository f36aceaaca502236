#!/usr/bin/env python3
"""The corpuscope job done with the usual Python stack, to measure the two side by side.

    python3 -m venv /tmp/pyenv && /tmp/pyenv/bin/pip install jieba scikit-learn pandas pyarrow
    /tmp/pyenv/bin/python scripts/compare_python.py CORPUS_DIR OUT_DIR [--jobs N]

Reads every .txt file under CORPUS_DIR (UTF-8) and writes the tables corpuscope's default run
writes, as CSV and Parquet: terms (count, relative frequency, document frequency, idf, rank),
doc_terms (count, tf, tf-idf of every document-term pair), keywords (top 10 terms per document
by tf-idf), cooccurrence (pairs of the 100 most frequent terms at most 5 tokens apart in a
sentence, seen twice or more, with pmi, npmi and jaccard), themes and theme_terms (k-means, k=4,
10 restarts, on the tf-idf of paragraphs of 5 tokens or more over the 5000 most frequent terms
found in two paragraphs or more) and doc_themes. Chinese is cut by jieba (HMM on, corpuscope's
user dictionary added), other text split into words with a regular expression and lowercased;
both lose corpuscope's stopwords. It does less than corpuscope (no stemming, no phrases, no
encoding detection, metadata or duplicate detection), so the ratio measured is conservative.

Prints the time of each stage, the total, and the peak memory (resident set of this process and
of its worker processes). `--jobs N` tokenizes in N processes (jieba itself is single-threaded).
`--corpuscope BIN` then runs that corpuscope binary on the same corpus (`--threads N`, tables to
OUT_DIR/corpuscope) and prints its time, peak memory (from its run.json) and the two ratios.
"""

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

import jieba
import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize

ROOT = Path(__file__).resolve().parent.parent
HAN_RUN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ebef]+)")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|(?<=\.)\s+|\n")
STOPWORDS = set()


def load_words(name):
    path = ROOT / "config" / name
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line.split()[0].lower())
    return words


def init_worker():
    global STOPWORDS
    STOPWORDS = load_words("stopwords_en.txt") | load_words("stopwords_zh.txt")
    jieba.setLogLevel(60)
    jieba.load_userdict(str(ROOT / "config" / "userdict_zh.txt"))
    jieba.initialize()


def tokens(text):
    out = []
    for i, run in enumerate(HAN_RUN.split(text)):
        if i % 2 == 1:
            out.extend(w for w in jieba.cut(run, HMM=True)
                       if len(w) >= 2 and w not in STOPWORDS)
        else:
            for w in WORD.findall(run):
                w = w.lower()
                if len(w) >= 2 and w not in STOPWORDS:
                    out.append(w)
    return out


def analyse(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    para_tokens = []
    sentences = []
    for p in paragraphs:
        pt = []
        for s in SENTENCE_END.split(p):
            if s and s.strip():
                st = tokens(s)
                sentences.append(st)
                pt.extend(st)
        para_tokens.append(pt)
    return para_tokens, sentences


def frame_out(df, out, name):
    df.to_csv(out / f"{name}.csv", index=False)
    df.to_parquet(out / f"{name}.parquet", index=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--corpuscope", type=Path, metavar="BIN",
                    help="then run this corpuscope binary on the same corpus with as many "
                         "threads as --jobs, and print the ratio of the two")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    stages = {}
    lap = time.perf_counter()

    def stage(name):
        nonlocal lap
        now = time.perf_counter()
        stages[name] = now - lap
        lap = now
        print(f"{name}: {stages[name]:.1f} s", file=sys.stderr)

    files = sorted(args.corpus.rglob("*.txt"))
    size = sum(f.stat().st_size for f in files)
    init_worker()
    if args.jobs > 1:
        with Pool(args.jobs, initializer=init_worker) as pool:
            docs = pool.map(analyse, files, chunksize=16)
    else:
        docs = [analyse(f) for f in files]
    stage("tokenize")

    doc_tokens = [[t for p in paras for t in p] for paras, _ in docs]
    cv = CountVectorizer(analyzer=lambda x: x)
    counts = cv.fit_transform(doc_tokens)
    vocab = cv.get_feature_names_out()
    tfidf_t = TfidfTransformer(smooth_idf=True)
    tfidf = tfidf_t.fit_transform(counts)
    term_count = np.asarray(counts.sum(axis=0)).ravel()
    doc_freq = np.asarray((counts > 0).sum(axis=0)).ravel()
    order = np.lexsort((vocab, -term_count))
    rank = np.empty_like(order)
    rank[order] = np.arange(1, len(order) + 1)
    terms = pd.DataFrame({
        "term": vocab, "count": term_count, "rel_freq": term_count / term_count.sum(),
        "doc_freq": doc_freq, "idf": tfidf_t.idf_, "rank": rank,
    }).sort_values("rank")
    coo = counts.tocoo()
    doc_len = np.asarray(counts.sum(axis=1)).ravel()
    tfv = tfidf.tocsr()
    doc_terms = pd.DataFrame({
        "doc_id": coo.row + 1, "term": vocab[coo.col], "count": coo.data,
        "tf": coo.data / np.maximum(doc_len[coo.row], 1),
        "tfidf": np.asarray(tfv[coo.row, coo.col]).ravel(),
    }).sort_values(["doc_id", "term"])
    rows = []
    for d in range(tfv.shape[0]):
        row = tfv.getrow(d)
        top = np.argsort(-row.data, kind="stable")[:10]
        for r, j in enumerate(top):
            rows.append((d + 1, r + 1, vocab[row.indices[j]], row.data[j]))
    keywords = pd.DataFrame(rows, columns=["doc_id", "rank", "term", "score"])
    stage("frequency")

    index = {t: i for i, t in enumerate(vocab)}
    top = set(int(i) for i in order[:100])
    pair_count, pair_docs, seen_in = Counter(), Counter(), Counter()
    total_windows = 0
    for _, sentences in docs:
        in_doc = set()
        for s in sentences:
            ids = [index[t] for t in s]
            total_windows += len(ids)
            for i, a in enumerate(ids):
                if a not in top:
                    continue
                for b in ids[i + 1:i + 6]:
                    if b in top and b != a:
                        key = (a, b) if a < b else (b, a)
                        pair_count[key] += 1
                        in_doc.add(key)
        for key in in_doc:
            pair_docs[key] += 1
        for t in set(index[t] for s in sentences for t in s if index[t] in top):
            seen_in[t] += 1
    n = max(total_windows, 1)
    rows = []
    for (a, b), c in pair_count.items():
        if c < 2:
            continue
        pmi = np.log(c * n / (term_count[a] * term_count[b]))
        npmi = pmi / -np.log(c / n)
        jac = pair_docs[(a, b)] / (seen_in[a] + seen_in[b] - pair_docs[(a, b)])
        rows.append((vocab[a], vocab[b], c, pair_docs[(a, b)], pmi, npmi, jac))
    cooc = pd.DataFrame(rows, columns=["term_a", "term_b", "count", "docs", "pmi", "npmi",
                                       "jaccard"]).sort_values(["count", "term_a", "term_b"],
                                                               ascending=[False, True, True])
    stage("cooccurrence")

    units, unit_ids = [], []
    for d, (paras, _) in enumerate(docs):
        for p, toks in enumerate(paras):
            if len(toks) >= 5:
                units.append(toks)
                unit_ids.append((d + 1, p + 1))
    ucv = CountVectorizer(analyzer=lambda x: x, min_df=2, max_features=5000)
    uc = ucv.fit_transform(units)
    ux = normalize(TfidfTransformer(smooth_idf=True).fit_transform(uc))
    km = KMeans(n_clusters=4, n_init=10, max_iter=100, tol=1e-4, random_state=42).fit(ux)
    uvocab = ucv.get_feature_names_out()
    theme_rows, theme_term_rows = [], []
    for c in range(4):
        top_terms = np.argsort(-km.cluster_centers_[c])[:10]
        theme_rows.append((c + 1, uvocab[top_terms[0]], int((km.labels_ == c).sum()),
                           " ".join(uvocab[top_terms])))
        theme_term_rows += [(c + 1, r + 1, uvocab[j], km.cluster_centers_[c][j])
                            for r, j in enumerate(top_terms)]
    sims = ux @ sp.csr_matrix(km.cluster_centers_).T
    doc_themes = pd.DataFrame({
        "doc_id": [d for d, _ in unit_ids], "unit_id": [p for _, p in unit_ids],
        "theme_id": km.labels_ + 1,
        "weight": np.asarray(sims.max(axis=1).todense()).ravel(),
    })
    stage("themes")

    frame_out(terms, args.out, "terms")
    frame_out(doc_terms, args.out, "doc_terms")
    frame_out(keywords, args.out, "keywords")
    frame_out(cooc, args.out, "cooccurrence")
    frame_out(pd.DataFrame(theme_rows, columns=["theme_id", "label", "size", "top_terms"]),
              args.out, "themes")
    frame_out(pd.DataFrame(theme_term_rows, columns=["theme_id", "rank", "term", "weight"]),
              args.out, "theme_terms")
    frame_out(doc_themes, args.out, "doc_themes")
    stage("report")

    elapsed = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) * 1024
    print(f"python: {len(files)} files, {size / 2**20:.1f} MiB in {elapsed:.1f} s "
          f"({size / 1e6 / elapsed:.2f} MB/s), peak memory {peak / 2**20:.0f} MiB, "
          f"jobs {args.jobs}")
    if args.corpuscope:
        side_by_side(args, size, elapsed, peak)


def side_by_side(args, size, python_seconds, python_peak):
    """Runs corpuscope on the same corpus right after the Python job and prints both."""
    out = args.out / "corpuscope"
    start = time.perf_counter()
    subprocess.run([str(args.corpuscope), "run", "--quiet", "--threads", str(args.jobs),
                    "--input", str(args.corpus), "--output", str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = json.loads((out / "run.json").read_text())["peak_memory_bytes"]
    print(f"corpuscope: {size / 2**20:.1f} MiB in {seconds:.1f} s "
          f"({size / 1e6 / seconds:.2f} MB/s), peak memory {peak / 2**20:.0f} MiB, "
          f"threads {args.jobs}")
    print(f"ratio: corpuscope is {python_seconds / seconds:.1f} times as fast and uses "
          f"{peak / python_peak:.2f} times the memory")


if __name__ == "__main__":
    main()
