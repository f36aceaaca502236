"""Interop check: corpuscope's outputs read by the tools its users open them with.

Runs the debug binary on the sample corpus, then
- reads every table's CSV with pandas and its Parquet with pyarrow and with DuckDB, and checks
  that they agree: row counts, column names, and column types (integers, doubles, booleans and
  strings as OUTPUTS.md gives them), and that Parquet is zstd-compressed with column statistics;
- reads a CSV written with `output.csv_bom = true` as Excel would (UTF-8 with BOM) and checks the
  header and the Chinese text;
- reads every worksheet of report.xlsx with pandas (openpyxl) and checks it against the CSV:
  the same columns and rows, numbers as numbers, the header row frozen;
- loads network.graphml and network.gexf with networkx, checks node and edge counts against
  network_nodes and network_edges, and recomputes PageRank, betweenness and the communities'
  modularity with networkx to compare with corpuscope's values;
- reads vosviewer_map.txt and vosviewer_network.txt as VOSviewer does (tab-separated) and checks
  them against network_nodes and network_edges, and recomputes the silhouette S of run.json and
  the thematic map's centrality and density with numpy.

Usage: python .ci/interop.py path/to/corpuscope
"""

import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import networkx as nx
import numpy as np
import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pyarrow.types as pat

ROOT = Path(__file__).resolve().parent.parent
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def run(binary, out, extra=""):
    config = out.parent / f"{out.name}.toml"
    config.write_text(
        "[input]\npaths = [%s]\n[output]\ndir = %s\n%s\n[kwic]\ntop_keywords = 5\n"
        % (json.dumps(str(ROOT / "seeds")), json.dumps(str(out)), extra)
    )
    subprocess.run([binary, "run", "--quiet", "--config", str(config)], check=True)


def kind(arrow_type):
    if pat.is_boolean(arrow_type):
        return "bool"
    if pat.is_integer(arrow_type):
        return "int"
    if pat.is_floating(arrow_type):
        return "float"
    if (pat.is_string(arrow_type) or pat.is_large_string(arrow_type)
            or pat.is_string_view(arrow_type)):
        return "str"
    if pat.is_date(arrow_type):
        return "date"
    return str(arrow_type)


DUCK_KIND = {
    "BOOLEAN": "bool",
    "TINYINT": "int", "SMALLINT": "int", "INTEGER": "int", "BIGINT": "int",
    "UTINYINT": "int", "USMALLINT": "int", "UINTEGER": "int", "UBIGINT": "int",
    "FLOAT": "float", "DOUBLE": "float",
    "VARCHAR": "str",
    "DATE": "date",
}


def tables(out):
    manifest = json.loads((out / "run.json").read_text())
    return manifest, sorted(manifest["tables"])


def check_tables(out):
    manifest, names = tables(out)
    check(len(names) >= 15, f"run.json lists {len(names)} tables")
    con = duckdb.connect()
    for name in names:
        csv_path, pq_path = out / f"{name}.csv", out / f"{name}.parquet"
        frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
        arrow = pq.read_table(pq_path)
        entry = manifest["tables"][name]
        rows, csv_rows = entry["rows"], entry["csv_rows"]
        # The CSV file holds the Parquet file's rows or, cut by output.csv_max_rows, its first.
        check(csv_rows <= rows and not (entry["csv_cut"] and csv_rows == rows),
              f"{name}: run.json entry {entry}")
        check(len(frame) == csv_rows, f"{name}.csv: {len(frame)} rows, run.json says {csv_rows}")
        check(arrow.num_rows == rows, f"{name}.parquet (pyarrow): {arrow.num_rows} rows, not {rows}")
        check(list(frame.columns) == arrow.column_names,
              f"{name}: CSV columns {list(frame.columns)} != Parquet {arrow.column_names}")
        meta = pq.ParquetFile(pq_path).metadata
        if meta.num_row_groups:
            chunk = meta.row_group(0).column(0)
            check(chunk.compression == "ZSTD", f"{name}.parquet: {chunk.compression}, not ZSTD")
            check(chunk.is_stats_set, f"{name}.parquet: no column statistics")
        duck_rows = con.execute(f"SELECT count(*) FROM read_parquet('{pq_path}')").fetchone()[0]
        check(duck_rows == rows, f"{name}.parquet (DuckDB): {duck_rows} rows, not {rows}")
        duck_csv = con.execute(
            f"SELECT count(*) FROM read_csv('{csv_path}', header = true, all_varchar = true)"
        ).fetchone()[0]
        check(duck_csv == csv_rows, f"{name}.csv (DuckDB): {duck_csv} rows, not {csv_rows}")
        described = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{pq_path}')").fetchall()
        check([d[0] for d in described] == arrow.column_names, f"{name}: DuckDB column names")
        for field, (col, duck_type, *_rest) in zip(arrow.schema, described):
            k = kind(field.type)
            check(DUCK_KIND.get(duck_type) == k,
                  f"{name}.{col}: pyarrow {field.type} but DuckDB {duck_type}")
            values = arrow.column(field.name).to_pylist()
            text = frame[field.name].tolist()
            # Every CSV cell reads back as the Parquet value of its type.
            for v, t in zip(values, text):
                if v is None:
                    ok = t == ""
                elif k == "int":
                    ok = int(t) == v
                elif k == "float":
                    ok = math.isclose(float(t), v, rel_tol=1e-12, abs_tol=1e-300) or (
                        math.isnan(v) and t.lower() == "nan")
                elif k == "bool":
                    ok = t == ("true" if v else "false")
                else:
                    ok = str(v) == t
                if not ok:
                    check(False, f"{name}.{field.name}: CSV {t!r} vs Parquet {v!r}")
                    break
        print(f"ok {name}: {rows} rows, {len(arrow.column_names)} columns")


def check_network(out):
    nodes = pd.read_csv(out / "network_nodes.csv", keep_default_na=False)
    edges = pd.read_csv(out / "network_edges.csv", keep_default_na=False)
    g = nx.read_graphml(out / "network.graphml")
    check(g.number_of_nodes() == len(nodes), f"GraphML: {g.number_of_nodes()} nodes, table {len(nodes)}")
    check(g.number_of_edges() == len(edges), f"GraphML: {g.number_of_edges()} edges, table {len(edges)}")
    labels = {n: d["label"] for n, d in g.nodes(data=True)}
    by_label = nodes.set_index("term")
    check(sorted(labels.values()) == sorted(nodes["term"]), "GraphML labels match network_nodes")
    pagerank = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-12, max_iter=10000)
    betweenness = nx.betweenness_centrality(g, normalized=True)
    for n, label in labels.items():
        check(math.isclose(pagerank[n], by_label.loc[label, "pagerank"], abs_tol=1e-9),
              f"PageRank of {label}: networkx {pagerank[n]}, corpuscope {by_label.loc[label, 'pagerank']}")
        check(math.isclose(betweenness[n], by_label.loc[label, "betweenness"], abs_tol=1e-9),
              f"betweenness of {label}: networkx {betweenness[n]}, corpuscope {by_label.loc[label, 'betweenness']}")
        check(g.degree(n) == by_label.loc[label, "degree"], f"degree of {label}")
    communities = {}
    for n, d in g.nodes(data=True):
        communities.setdefault(d["community"], set()).add(n)
    q = nx.community.modularity(g, communities.values(), weight="weight")
    manifest = json.loads((out / "run.json").read_text())
    check(math.isclose(q, manifest["network"]["modularity"], abs_tol=1e-9),
          f"modularity: networkx {q}, corpuscope {manifest['network']['modularity']}")
    gexf = nx.read_gexf(out / "network.gexf")
    check(gexf.number_of_nodes() == len(nodes), f"GEXF: {gexf.number_of_nodes()} nodes")
    check(gexf.number_of_edges() == len(edges), f"GEXF: {gexf.number_of_edges()} edges")
    print(f"ok network: {len(nodes)} nodes, {len(edges)} edges, {len(communities)} communities, "
          f"Q = {q:.4f}; GraphML and GEXF load in networkx")


def check_vosviewer(out):
    nodes = pd.read_csv(out / "network_nodes.csv", keep_default_na=False)
    edges = pd.read_csv(out / "network_edges.csv", keep_default_na=False)
    terms = pd.read_csv(out / "terms.csv", keep_default_na=False).set_index("term")
    vmap = pd.read_csv(out / "vosviewer_map.txt", sep="\t", keep_default_na=False)
    check(list(vmap.columns) == ["id", "label", "cluster", "weight<Links>",
                                 "weight<Total link strength>", "weight<Occurrences>"],
          f"VOSviewer map columns {list(vmap.columns)}")
    check(list(vmap["label"]) == list(nodes["term"]), "VOSviewer labels are the network nodes")
    check(list(vmap["cluster"]) == list(nodes["community"]), "VOSviewer clusters are the communities")
    check(list(vmap["weight<Links>"]) == list(nodes["degree"]), "VOSviewer links are the degrees")
    vnet = pd.read_csv(out / "vosviewer_network.txt", sep="\t", header=None)
    index = {t: i + 1 for i, t in enumerate(nodes["term"])}
    check([tuple(r) for r in vnet.itertuples(index=False)]
          == [(index[s], index[t], c) for s, t, c in zip(edges["source"], edges["target"], edges["count"])],
          "VOSviewer network rows are the edges with their counts")
    # Silhouette S: distance 1 - cosine of the weighted adjacency rows.
    n = len(nodes)
    adjacency = np.zeros((n, n))
    for s, t, w in zip(edges["source"], edges["target"], edges["weight"]):
        adjacency[index[s] - 1, index[t] - 1] += w
        adjacency[index[t] - 1, index[s] - 1] += w
    unit = adjacency / np.linalg.norm(adjacency, axis=1, keepdims=True)
    distance = 1 - unit @ unit.T
    community = nodes["community"].to_numpy()
    silhouettes = []
    for i in range(n):
        own = (community == community[i]) & (np.arange(n) != i)
        if not own.any():
            silhouettes.append(0.0)
            continue
        a = distance[i, own].mean()
        b = min(distance[i, community == c].mean() for c in set(community) if c != community[i])
        silhouettes.append((b - a) / max(a, b))
    manifest = json.loads((out / "run.json").read_text())
    check(math.isclose(np.mean(silhouettes), manifest["network"]["silhouette"], abs_tol=1e-9),
          f"silhouette: numpy {np.mean(silhouettes)}, corpuscope {manifest['network']['silhouette']}")
    # Thematic map: Callon's equivalence index on the edges' counts.
    theme_map = pd.read_csv(out / "theme_map.csv", keep_default_na=False)
    inside = np.zeros(len(theme_map) + 1)
    outside = np.zeros(len(theme_map) + 1)
    for s, t, c in zip(edges["source"], edges["target"], edges["count"]):
        e = c * c / (terms.loc[s, "count"] * terms.loc[t, "count"])
        a, b = community[index[s] - 1], community[index[t] - 1]
        if a == b:
            inside[a] += e
        else:
            outside[a] += e
            outside[b] += e
    sizes = nodes.groupby("community").size()
    for row in theme_map.itertuples():
        c = row.community
        check(math.isclose(row.centrality, 10 * outside[c], abs_tol=1e-9), f"centrality of theme {c}")
        check(math.isclose(row.density, 100 * inside[c] / sizes[c], abs_tol=1e-9), f"density of theme {c}")
    print(f"ok VOSviewer files load as tab-separated tables; S = {np.mean(silhouettes):.4f} and the "
          f"thematic map agree with numpy")


def check_xlsx(out):
    manifest, names = tables(out)
    path = out / "report.xlsx"
    book = openpyxl.load_workbook(path, read_only=False)
    check(sorted(book.sheetnames) == names, f"sheets {book.sheetnames} are the tables")
    for name in names:
        frame = pd.read_excel(path, sheet_name=name, keep_default_na=False)
        csv = pd.read_csv(out / f"{name}.csv", keep_default_na=False)
        check(len(frame) == len(csv), f"report.xlsx {name}: {len(frame)} rows, CSV {len(csv)}")
        check(list(frame.columns) == list(csv.columns), f"report.xlsx {name}: columns")
        check(book[name].freeze_panes == "A2", f"report.xlsx {name}: header row frozen")
        for col in csv.columns:
            if pd.api.types.is_numeric_dtype(csv[col]) and len(csv):
                check(pd.api.types.is_numeric_dtype(frame[col]),
                      f"report.xlsx {name}.{col}: numbers as numbers")
    print(f"ok report.xlsx: {len(names)} sheets match the CSV files")


def check_bom(out):
    raw = (out / "terms.csv").read_bytes()
    check(raw.startswith(b"\xef\xbb\xbf"), "csv_bom = true writes the byte-order mark")
    frame = pd.read_csv(out / "terms.csv", encoding="utf-8-sig", keep_default_na=False)
    check(frame.columns[0] == "term", f"first header read as {frame.columns[0]!r}")
    check("群众路线" in set(frame["term"]), "Chinese terms read back from the BOM CSV")
    print("ok csv_bom: the byte-order mark is there and the Chinese text reads back")


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        run(binary, out, "xlsx = true")
        check_tables(out)
        check_xlsx(out)
        check_network(out)
        check_vosviewer(out)
        bom = Path(tmp) / "bom"
        run(binary, bom, "csv_bom = true")
        check_bom(bom)
    if failures:
        print(f"{len(failures)} interop checks failed")
        sys.exit(1)
    print("interop checks passed")


if __name__ == "__main__":
    main()
