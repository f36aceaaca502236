#!/usr/bin/env python3
"""Measures corpuscope's themes against known topics and against scikit-learn.

The corpus: 4 × 100 English texts from four sources about clearly different subjects, all
installed from Debian packages, so anyone can rebuild it exactly:

- computing: entries of the Free On-line Dictionary of Computing (package `dict-foldoc`,
  /usr/share/dictd/foldoc.dict.dz), the text below each headword;
- licences: paragraphs of the licence texts in /usr/share/common-licenses (package
  `base-files`: Apache-2.0, GPL-3, LGPL-2.1, MPL-2.0, GFDL-1.3, Artistic);
- food and sports: the fortunes of those two files (package `fortunes`,
  /usr/share/games/fortunes/food and sports).

Texts of at least 15 words are kept; 100 of each are drawn with Python's `random.Random(7)`.
Each text is one file, `<topic>_<n>.txt`; corpuscope clusters documents (`themes.unit =
"document"`), so the true topic of each unit is known.

For each method (kmeans, nmf) and each seed, corpuscope is run with k = 4; scikit-learn's
KMeans (n_init=10) and NMF (init="nndsvd") are run with the same seed on the TF-IDF matrix
corpuscope writes (`doc_terms.tfidf`, L2-normalised rows), and again on its terms found in two
documents or more (as corpuscope's `themes.min_df = 2` selects them). Adjusted Rand index and normalised
mutual information against the topics are printed, then the mean over the seeds.

    apt-get install dict-foldoc fortunes
    pip install scikit-learn pandas pyarrow
    python3 scripts/theme_quality.py target/debug/corpuscope [--threads N] [--seeds 1 2 3]
"""

import argparse
import gzip
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

PER_TOPIC = 100
MIN_WORDS = 15
LICENCES = ["Apache-2.0", "GPL-3", "LGPL-2.1", "MPL-2.0", "GFDL-1.3", "Artistic"]


def words(text):
    return len(text.split())


def foldoc():
    data = gzip.open("/usr/share/dictd/foldoc.dict.dz").read().decode("utf-8", "replace")
    entries = re.split(r"\n(?=\S)", data)
    out = []
    for entry in entries:
        body = entry.split("\n", 1)[1] if "\n" in entry else ""
        body = re.sub(r"\(\d{4}-\d{2}-\d{2}\)", " ", body)  # revision dates
        body = re.sub(r"[{}]", "", body)
        body = " ".join(body.split())
        if words(body) >= MIN_WORDS:
            out.append(body)
    return out


def licences():
    out = []
    for name in LICENCES:
        text = Path("/usr/share/common-licenses", name).read_text(errors="replace")
        for para in re.split(r"\n\s*\n", text):
            para = " ".join(para.split())
            if words(para) >= MIN_WORDS:
                out.append(para)
    return out


def fortunes(name):
    text = Path("/usr/share/games/fortunes", name).read_text(errors="replace")
    out = []
    for item in text.split("\n%\n"):
        item = " ".join(item.split())
        if words(item) >= MIN_WORDS:
            out.append(item)
    return out


def corpus():
    rng = random.Random(7)
    sources = {
        "computing": foldoc(),
        "licences": licences(),
        "food": fortunes("food"),
        "sports": fortunes("sports"),
    }
    items = []
    for topic, texts in sources.items():
        if len(texts) < PER_TOPIC:
            sys.exit(f"{topic}: only {len(texts)} texts of {MIN_WORDS}+ words")
        for i, text in enumerate(rng.sample(texts, PER_TOPIC)):
            items.append((f"{topic}_{i:03}", topic, text))
    return items


def run_corpuscope(binary, folder, method, seed, threads):
    out = folder / f"out-{method}-{seed}"
    config = folder / f"{method}-{seed}.toml"
    config.write_text(
        f"""[input]
paths = ["{folder / 'in'}"]
[output]
dir = "{out}"
[run]
seed = {seed}
threads = {threads}
[themes]
method = "{method}"
k = 4
unit = "document"
min_unit_tokens = 1
"""
    )
    subprocess.run([binary, "run", "--quiet", "--config", str(config)], check=True)
    return out


def truth_of(out, topic_of):
    docs = pd.read_parquet(out / "documents.parquet")
    return {row.doc_id: topic_of[Path(row.path).stem] for row in docs.itertuples()}


def tfidf_matrix(out):
    dt = pd.read_parquet(out / "doc_terms.parquet")
    docs = sorted(dt.doc_id.unique())
    terms = sorted(dt.term.unique())
    row = {d: i for i, d in enumerate(docs)}
    col = {t: j for j, t in enumerate(terms)}
    x = csr_matrix(
        (dt.tfidf.to_numpy(), (dt.doc_id.map(row), dt.term.map(col))),
        shape=(len(docs), len(terms)),
    )
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1))).ravel()
    norms[norms == 0] = 1
    x = csr_matrix(x.multiply(1 / norms[:, None]))
    return docs, x


def min_df_2(x):
    """Keeps the terms found in two documents or more (corpuscope's `themes.min_df`)."""
    keep = np.flatnonzero(np.asarray((x > 0).sum(axis=0)).ravel() >= 2)
    x = x[:, keep]
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1))).ravel()
    norms[norms == 0] = 1
    return csr_matrix(x.multiply(1 / norms[:, None]))


def sklearn_labels(method, x, seed):
    if method == "kmeans":
        return KMeans(n_clusters=4, n_init=10, random_state=seed).fit_predict(x)
    model = NMF(n_components=4, init="nndsvd", random_state=seed, max_iter=500)
    return model.fit_transform(x).argmax(axis=1)


def scores(truth, predicted):
    return adjusted_rand_score(truth, predicted), normalized_mutual_info_score(truth, predicted)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    args = parser.parse_args()
    items = corpus()
    topic_of = {name: topic for name, topic, _ in items}
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "in").mkdir()
        for name, _, text in items:
            (folder / "in" / f"{name}.txt").write_text(text + "\n")
        for method in ["kmeans", "nmf"]:
            for seed in args.seeds:
                out = run_corpuscope(args.binary, folder, method, seed, args.threads)
                truth = truth_of(out, topic_of)
                dt = pd.read_parquet(out / "doc_themes.parquet")
                ours = scores([truth[d] for d in dt.doc_id], dt.theme_id)
                docs, x = tfidf_matrix(out)
                labels = [truth[d] for d in docs]
                theirs = scores(labels, sklearn_labels(method, x, seed))
                cut = scores(labels, sklearn_labels(method, min_df_2(x), seed))
                results.setdefault(method, []).append((ours, theirs, cut))
                print(
                    f"{method:6} seed {seed}: corpuscope ARI {ours[0]:.3f} NMI {ours[1]:.3f} "
                    f"({len(dt)} units) | scikit-learn ARI {theirs[0]:.3f} NMI {theirs[1]:.3f}, "
                    f"terms in 2+ documents ARI {cut[0]:.3f} NMI {cut[1]:.3f} ({len(docs)} units)"
                )
    for method, rows in results.items():
        mean = np.mean([[*o, *t, *c] for o, t, c in rows], axis=0)
        print(
            f"{method:6} mean: corpuscope ARI {mean[0]:.3f} NMI {mean[1]:.3f} | "
            f"scikit-learn ARI {mean[2]:.3f} NMI {mean[3]:.3f}, "
            f"terms in 2+ documents ARI {mean[4]:.3f} NMI {mean[5]:.3f}"
        )


if __name__ == "__main__":
    main()
