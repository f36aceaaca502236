//! `report.html`: one self-contained page (inline CSS and SVG, nothing loaded from the network)
//! that summarises a run: the corpus, the top terms of each language as bar charts, the
//! co-occurrence network drawn with a seeded force-directed layout and coloured by community,
//! each theme with its label, terms and example passages, the key terms of each group, and the
//! skipped documents with their reasons. The page holds no timings, so the same inputs and
//! configuration give the same bytes.

use std::fmt::Write;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::graph::{community_colour, xml_escape as esc};
use super::tables::excerpt;
use crate::analysis::Results;
use crate::analysis::thematic_map::ranks;
use crate::ingest::Document;
use crate::tokenize::Lang;

/// Fonts: the system's sans-serif with CJK fallbacks, so Chinese renders wherever it is opened.
const CSS: &str = r#"
body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans CJK SC",
  "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
  sans-serif; margin: 2em auto; max-width: 1000px; color: #222; line-height: 1.45; padding: 0 1em; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2em; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.92em; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: flex; flex-wrap: wrap; gap: 2em; }
.theme { border-left: 4px solid #888; padding: 0.2em 1em; margin: 1em 0; }
.theme blockquote { margin: 0.4em 0; padding: 0.3em 0.8em; background: #f7f7f7; font-size: 0.92em; }
.muted { color: #666; font-size: 0.9em; }
svg text { font-family: inherit; }
.legend span { display: inline-block; margin-right: 1.2em; font-size: 0.9em; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; margin-right: 0.3em; }
"#;

/// Bars per language chart.
const TOP_TERMS: usize = 20;
/// Example passages shown per theme.
const EXAMPLES: usize = 3;
/// Key terms shown per group.
const KEY_TERMS: usize = 10;
/// Bursts listed at most.
const BURSTS: usize = 15;
/// Network nodes drawn at most (the layout costs n² a step).
const DRAWN_NODES: usize = 150;
/// Skipped documents listed at most.
const SKIPPED_ROWS: usize = 500;

fn colour(community: u32) -> String {
    let (r, g, b) = community_colour(community);
    format!("rgb({r},{g},{b})")
}

/// A horizontal bar chart of (label, value) as inline SVG.
fn bar_chart(title: &str, bars: &[(String, u64)]) -> String {
    let mut out = String::new();
    let row = 20.0;
    let label_width = 170.0;
    let bar_width = 260.0;
    let height = row * bars.len() as f64 + 30.0;
    let max = bars.iter().map(|b| b.1).max().unwrap_or(1).max(1) as f64;
    let _ = write!(
        out,
        r#"<figure><figcaption><strong>{}</strong></figcaption><svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{height}" role="img" aria-label="{}">"#,
        esc(title),
        esc(title),
        w = label_width + bar_width + 60.0
    );
    for (i, (label, value)) in bars.iter().enumerate() {
        let y = 10.0 + row * i as f64;
        let w = bar_width * (*value as f64) / max;
        let _ = write!(
            out,
            r##"<text x="{lx}" y="{ty}" text-anchor="end" font-size="13">{}</text><rect x="{bx}" y="{y}" width="{w:.1}" height="{h}" fill="#4e79a7"/><text x="{vx:.1}" y="{ty}" font-size="12" fill="#444">{value}</text>"##,
            esc(label),
            lx = label_width - 6.0,
            ty = y + 13.0,
            bx = label_width,
            h = row - 5.0,
            vx = label_width + w + 4.0,
        );
    }
    out.push_str("</svg></figure>");
    out
}

/// Fruchterman–Reingold layout from seeded random positions, with a weak pull to the centre so
/// that separate components stay near each other, then scaled to fill a `width` × `height` box.
pub fn layout(
    n: usize,
    edges: &[(usize, usize, f64)],
    width: f64,
    height: f64,
    seed: u64,
) -> Vec<(f64, f64)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    if n < 2 {
        return vec![(width / 2.0, height / 2.0); n];
    }
    let side = (n as f64).sqrt() * 10.0;
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|_| (rng.random::<f64>() * side, rng.random::<f64>() * side))
        .collect();
    let k = side / (n as f64).sqrt();
    let max_w = edges.iter().map(|e| e.2).fold(0.0, f64::max).max(1e-12);
    let iterations = 400;
    for it in 0..iterations {
        let temperature = side / 10.0 * (1.0 - it as f64 / iterations as f64) + 0.01;
        let mut disp = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in i + 1..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d = (dx * dx + dy * dy).sqrt().max(0.01);
                let f = k * k / d;
                disp[i].0 += dx / d * f;
                disp[i].1 += dy / d * f;
                disp[j].0 -= dx / d * f;
                disp[j].1 -= dy / d * f;
            }
        }
        for &(a, b, w) in edges {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            let f = d * d / k * (0.5 + w / max_w);
            disp[a].0 -= dx / d * f;
            disp[a].1 -= dy / d * f;
            disp[b].0 += dx / d * f;
            disp[b].1 += dy / d * f;
        }
        let centre = side / 2.0;
        for i in 0..n {
            let (dx, dy) = (centre - pos[i].0, centre - pos[i].1);
            let d = (dx * dx + dy * dy).sqrt();
            disp[i].0 += dx * d / k * 0.05;
            disp[i].1 += dy * d / k * 0.05;
            let len = (disp[i].0 * disp[i].0 + disp[i].1 * disp[i].1)
                .sqrt()
                .max(1e-12);
            let step = len.min(temperature);
            pos[i].0 += disp[i].0 / len * step;
            pos[i].1 += disp[i].1 / len * step;
        }
    }
    // Scale the drawing to the box.
    let (min_x, max_x) = pos
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let (min_y, max_y) = pos
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
    let sx = width / (max_x - min_x).max(1e-9);
    let sy = height / (max_y - min_y).max(1e-9);
    pos.iter()
        .map(|p| ((p.0 - min_x) * sx, (p.1 - min_y) * sy))
        .collect()
}

fn network_svg(r: &Results, seed: u64) -> String {
    let net = &r.network;
    if net.nodes.is_empty() {
        return "<p class=\"muted\">No pair passed the network's filters.</p>".into();
    }
    let (width, height, margin) = (900.0, 620.0, 60.0);
    // Nodes are in rank order: the drawing keeps the most frequent ones.
    let shown = net.nodes.len().min(DRAWN_NODES);
    let edges: Vec<(usize, usize, f64)> = net
        .edges
        .iter()
        .filter(|e| e.source < shown && e.target < shown)
        .map(|e| (e.source, e.target, e.weight))
        .collect();
    let pos = layout(
        shown,
        &edges,
        width - 2.0 * margin,
        height - 2.0 * margin,
        seed,
    );
    let at = |i: usize| (pos[i].0 + margin, pos[i].1 + margin);
    let max_w = edges.iter().map(|e| e.2).fold(0.0, f64::max).max(1e-12);
    let counts: Vec<u64> = net
        .nodes
        .iter()
        .map(|n| r.freqs.term_count[n.term as usize])
        .collect();
    let max_c = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="co-occurrence network">"#
    );
    for &(a, b, w) in &edges {
        let ((x1, y1), (x2, y2)) = (at(a), at(b));
        let _ = write!(
            out,
            r##"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="#999" stroke-opacity="0.6" stroke-width="{:.2}"/>"##,
            0.6 + 3.0 * w / max_w
        );
    }
    for (i, node) in net.nodes.iter().enumerate().take(shown) {
        let (x, y) = at(i);
        let radius = 4.0 + 14.0 * (counts[i] as f64 / max_c).sqrt();
        let term = &r.vocab.terms[node.term as usize].display;
        let _ = write!(
            out,
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="{radius:.1}" fill="{}" fill-opacity="0.85" stroke="#fff"><title>{} ({}; community {})</title></circle><text x="{x:.1}" y="{ty:.1}" text-anchor="middle" font-size="12">{}</text>"##,
            colour(node.community),
            esc(term),
            counts[i],
            node.community,
            esc(term),
            ty = y - radius - 3.0,
        );
    }
    out.push_str("</svg>");
    if shown < net.nodes.len() {
        let _ = write!(
            out,
            "<p class=\"muted\">Drawn: the {shown} most frequent of the network's {} nodes and the edges between them; the whole network is in network.graphml.</p>",
            net.nodes.len()
        );
    }
    // Legend: each community with its most frequent terms.
    out.push_str("<p class=\"legend\">");
    for c in 1..=net.communities as u32 {
        let members: Vec<&str> = net
            .nodes
            .iter()
            .filter(|n| n.community == c)
            .take(3)
            .map(|n| r.vocab.terms[n.term as usize].display.as_str())
            .collect();
        let _ = write!(
            out,
            r#"<span><span class="swatch" style="background:{}"></span>{c}: {}</span>"#,
            colour(c),
            esc(&members.join(", "))
        );
    }
    out.push_str("</p>");
    out
}

/// The thematic map as a bubble chart of centrality rank (x) and density rank (y), with the
/// quadrant lines at the middle rank.
fn thematic_map_svg(r: &Results) -> String {
    let themes = &r.thematic_map.themes;
    let (width, height, pad) = (700.0, 480.0, 50.0);
    let n = themes.len() as f64;
    let cx = ranks(&themes.iter().map(|t| t.centrality).collect::<Vec<_>>());
    let dy = ranks(&themes.iter().map(|t| t.density).collect::<Vec<_>>());
    let x = |rank: f64| pad + (rank - 0.5) / n * (width - 2.0 * pad);
    let y = |rank: f64| height - pad - (rank - 0.5) / n * (height - 2.0 * pad);
    let mid = (n + 1.0) / 2.0;
    let max_occ = themes
        .iter()
        .map(|t| t.occurrences)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="thematic map"><line x1="{mx:.1}" y1="{pad}" x2="{mx:.1}" y2="{b}" stroke="#bbb" stroke-dasharray="4 3"/><line x1="{pad}" y1="{my:.1}" x2="{r}" y2="{my:.1}" stroke="#bbb" stroke-dasharray="4 3"/><text x="{r}" y="{t}" text-anchor="end" font-size="13" fill="#777">motor themes</text><text x="{pad}" y="{t}" font-size="13" fill="#777">niche themes</text><text x="{pad}" y="{bl}" font-size="13" fill="#777">emerging or declining themes</text><text x="{r}" y="{bl}" text-anchor="end" font-size="13" fill="#777">basic themes</text><text x="{cxl:.1}" y="{xl}" text-anchor="middle" font-size="12">centrality (rank) →</text><text x="14" y="{cyl:.1}" font-size="12" transform="rotate(-90 14 {cyl:.1})" text-anchor="middle">density (rank) →</text>"##,
        mx = x(mid),
        my = y(mid),
        b = height - pad,
        r = width - pad,
        t = pad - 8.0,
        bl = height - pad + 18.0,
        cxl = width / 2.0,
        xl = height - 8.0,
        cyl = height / 2.0,
    );
    for (i, t) in themes.iter().enumerate() {
        let label: Vec<&str> = t
            .terms
            .iter()
            .take(2)
            .map(|&id| r.vocab.terms[id as usize].display.as_str())
            .collect();
        let radius = 5.0 + 18.0 * (t.occurrences as f64 / max_occ).sqrt();
        let (px, py) = (x(cx[i]), y(dy[i]));
        let _ = write!(
            out,
            r##"<circle cx="{px:.1}" cy="{py:.1}" r="{radius:.1}" fill="{}" fill-opacity="0.6" stroke="#fff"><title>community {}: {} ({})</title></circle><text x="{px:.1}" y="{ty:.1}" text-anchor="middle" font-size="12">{}</text>"##,
            colour(t.community),
            t.community,
            esc(&label.join(", ")),
            t.quadrant,
            esc(&label.join(", ")),
            ty = py + 4.0,
        );
    }
    out.push_str("</svg>");
    out
}

fn top_terms(r: &Results, lang: Lang) -> Vec<(String, u64)> {
    r.freqs
        .ranking
        .iter()
        .filter(|&&t| r.vocab.terms[t as usize].lang == lang)
        .take(TOP_TERMS)
        .map(|&t| {
            (
                r.vocab.terms[t as usize].display.clone(),
                r.freqs.term_count[t as usize],
            )
        })
        .collect()
}

/// The page.
pub fn html(r: &Results, seed: u64) -> String {
    let mut out = String::new();
    head(&mut out);
    let skipped: Vec<&Document> = r.docs.iter().filter(|d| !d.is_ok()).collect();
    corpus_section(&mut out, r, skipped.len());
    top_terms_section(&mut out, r);
    network_section(&mut out, r, seed);
    if r.thematic_map.themes.len() >= 2 {
        thematic_map_section(&mut out, r);
    }
    if !r.bursts.is_empty() {
        bursts_section(&mut out, r);
    }
    themes_section(&mut out, r);
    if !r.keyness.keys.is_empty() {
        keyness_section(&mut out, r);
    }
    skipped_section(&mut out, &skipped);
    out.push_str("</body>\n</html>\n");
    out
}

/// The page's head, its title and the program's version.
fn head(out: &mut String) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>corpuscope report</title>\n<style>");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n<h1>corpuscope report</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"muted\">corpuscope {}; the tables behind every figure are in this folder (CSV and Parquet).</p>",
        env!("CARGO_PKG_VERSION")
    );
}

/// The corpus in numbers: documents, tokens, terms, the network and the themes.
fn corpus_section(out: &mut String, r: &Results, skipped: usize) {
    out.push_str("<h2>Corpus</h2>\n<table>\n");
    let bytes: u64 = r.docs.iter().map(|d| d.bytes).sum();
    let rows: [(&str, String); 9] = [
        ("documents read", r.docs.len().to_string()),
        ("analysed", r.freqs.n_docs.to_string()),
        ("skipped", skipped.to_string()),
        ("input bytes", bytes.to_string()),
        ("tokens", r.freqs.total_tokens.to_string()),
        ("terms", r.vocab.len().to_string()),
        ("co-occurring pairs", r.cooccurrence.pairs.len().to_string()),
        (
            "network",
            format!(
                "{} nodes, {} edges, {} communities, modularity Q {:.3}, silhouette S {}",
                r.network.nodes.len(),
                r.network.edges.len(),
                r.network.communities,
                r.network.modularity,
                r.thematic_map
                    .silhouette
                    .map_or_else(|| "n/a".to_string(), |v| format!("{v:.3}"))
            ),
        ),
        (
            "themes",
            format!(
                "{} ({}, {} units)",
                r.themes.k, r.themes.method, r.themes.units
            ),
        ),
    ];
    for (k, v) in rows {
        let _ = writeln!(out, "<tr><th>{k}</th><td>{}</td></tr>", esc(&v));
    }
    out.push_str("</table>\n");
}

/// A bar chart of the top terms of each language.
fn top_terms_section(out: &mut String, r: &Results) {
    out.push_str("<h2>Top terms</h2>\n<div class=\"charts\">\n");
    for (lang, title) in [(Lang::Zh, "Chinese"), (Lang::En, "English")] {
        let bars = top_terms(r, lang);
        if !bars.is_empty() {
            out.push_str(&bar_chart(
                &format!("{title}: top {} terms by count", bars.len()),
                &bars,
            ));
        }
    }
    out.push_str("</div>\n");
}

/// The co-occurrence network, drawn.
fn network_section(out: &mut String, r: &Results, seed: u64) {
    let _ = writeln!(
        out,
        "<h2>Co-occurrence network</h2>\n<p class=\"muted\">The {} strongest pairs by {}; node size: count; colour: community (Louvain). Table: network_nodes, network_edges; files: network.graphml, network.gexf.</p>",
        r.network.edges.len(),
        esc(&r.network_measure)
    );
    out.push_str(&network_svg(r, seed));
}

/// The thematic map, drawn.
fn thematic_map_section(out: &mut String, r: &Results) {
    out.push_str("\n<h2>Thematic map</h2>\n<p class=\"muted\">Each community of the network by Callon's centrality (links to other communities, across) and density (links inside, up), placed by rank as the quadrants are; bubble size: occurrences of its terms. Table: theme_map.</p>\n");
    out.push_str(&thematic_map_svg(r));
}

/// The strongest bursts.
fn bursts_section(out: &mut String, r: &Results) {
    out.push_str("\n<h2>Bursts</h2>\n<p class=\"muted\">Kleinberg bursts of the top terms over the years, strongest first. Table: bursts.</p>\n<table>\n<tr><th>term</th><th>years</th><th>strength</th><th>documents</th></tr>\n");
    for b in r.bursts.iter().take(BURSTS) {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}–{}</td><td class=\"n\">{:.2}</td><td class=\"n\">{}</td></tr>",
            esc(&r.vocab.terms[b.term as usize].display),
            b.start,
            b.end,
            b.strength,
            b.docs
        );
    }
    out.push_str("</table>\n");
}

/// Each theme with its label, terms and example passages.
fn themes_section(out: &mut String, r: &Results) {
    out.push_str("\n<h2>Themes</h2>\n");
    for t in &r.themes.themes {
        let label: Vec<&str> = t
            .terms
            .iter()
            .take(3)
            .map(|&(id, _)| r.vocab.terms[id as usize].display.as_str())
            .collect();
        let terms: Vec<&str> = t
            .terms
            .iter()
            .map(|&(id, _)| r.vocab.terms[id as usize].display.as_str())
            .collect();
        let coherence = t
            .coherence
            .map_or_else(|| "n/a".to_string(), |c| format!("{c:.3}"));
        let _ = write!(
            out,
            "<div class=\"theme\" style=\"border-color:{}\"><h3>Theme {}: {}</h3><p class=\"muted\">{} units; coherence (NPMI) {}</p><p>{}</p>",
            colour(t.id),
            t.id,
            esc(&label.join(" / ")),
            t.size,
            coherence,
            esc(&terms.join(", "))
        );
        for e in t.examples.iter().take(EXAMPLES) {
            let doc = &r.docs[e.doc];
            let text = e.text.as_str();
            let _ = write!(
                out,
                "<blockquote>{}<br><span class=\"muted\">{} (unit {}), similarity {:.3}</span></blockquote>",
                esc(&excerpt(text, 300)),
                esc(&doc.path),
                e.unit_id,
                e.similarity
            );
        }
        out.push_str("</div>\n");
    }
}

/// The key terms of each group.
fn keyness_section(out: &mut String, r: &Results) {
    out.push_str("<h2>Key terms by group</h2>\n<table>\n<tr><th>group</th><th>documents</th><th>key terms (χ²)</th></tr>\n");
    for (gi, g) in r.keyness.groups.iter().enumerate() {
        let keys: Vec<String> = r
            .keyness
            .keys
            .iter()
            .filter(|k| k.group == gi && k.chi2 > 0.0)
            .take(KEY_TERMS)
            .map(|k| format!("{} ({:.1})", r.vocab.terms[k.term as usize].display, k.chi2))
            .collect();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            esc(&g.value),
            g.documents,
            esc(&keys.join(", "))
        );
    }
    out.push_str("</table>\n");
}

/// The skipped documents with their reasons (the first [`SKIPPED_ROWS`]).
fn skipped_section(out: &mut String, skipped: &[&Document]) {
    let _ = writeln!(out, "<h2>Skipped documents ({})</h2>", skipped.len());
    if skipped.is_empty() {
        out.push_str("<p>None: every document was analysed.</p>\n");
        return;
    }
    out.push_str("<table>\n<tr><th>document</th><th>reason</th></tr>\n");
    for d in skipped.iter().take(SKIPPED_ROWS) {
        let name = match d.row {
            Some(row) => format!("{} (row {row})", d.path),
            None => d.path.clone(),
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(&name),
            esc(d.status.reason())
        );
    }
    out.push_str("</table>\n");
    if skipped.len() > SKIPPED_ROWS {
        let _ = writeln!(
            out,
            "<p class=\"muted\">… and {} more: see documents.csv (status = skipped).</p>",
            skipped.len() - SKIPPED_ROWS
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_seeded_and_inside_the_box() {
        let edges = [(0, 1, 1.0), (1, 2, 1.0), (3, 4, 2.0)];
        let a = layout(5, &edges, 400.0, 300.0, 7);
        assert_eq!(a, layout(5, &edges, 400.0, 300.0, 7));
        assert_ne!(a, layout(5, &edges, 400.0, 300.0, 8));
        for &(x, y) in &a {
            assert!((0.0..=400.0).contains(&x) && (0.0..=300.0).contains(&y));
        }
        // Linked nodes end up closer than unlinked ones.
        let d = |i: usize, j: usize| ((a[i].0 - a[j].0).powi(2) + (a[i].1 - a[j].1).powi(2)).sqrt();
        assert!(d(3, 4) < d(0, 4));
    }

    #[test]
    fn bars_escape_labels() {
        let svg = bar_chart("t", &[("<a&b>".into(), 3), ("c".into(), 1)]);
        assert!(svg.contains("&lt;a&amp;b&gt;"));
        assert!(!svg.contains("<a&b>"));
    }
}
