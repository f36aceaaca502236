//! The co-occurrence network as GraphML (networkx, Cytoscape, Gephi) and GEXF 1.2 (Gephi),
//! with the same node and edge attributes as the `network_nodes` and `network_edges` tables.
//! Nodes are `n0, n1, …` in the order of `network_nodes`; edges `e0, e1, …` in the order of
//! `network_edges`. GEXF nodes carry a colour per community for Gephi.

use std::fmt::Write;

use crate::analysis::Results;

/// Escapes text for an XML attribute or element.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// One node's attributes: (name, GraphML type, value).
fn node_attributes(r: &Results, i: usize) -> Vec<(&'static str, &'static str, String)> {
    let n = &r.network.nodes[i];
    let t = &r.vocab.terms[n.term as usize];
    vec![
        ("label", "string", xml_escape(&t.display)),
        ("lang", "string", t.lang.as_str().to_string()),
        (
            "count",
            "long",
            r.freqs.term_count[n.term as usize].to_string(),
        ),
        ("degree", "int", n.degree.to_string()),
        ("weighted_degree", "double", n.weighted_degree.to_string()),
        ("pagerank", "double", n.pagerank.to_string()),
        ("betweenness", "double", n.betweenness.to_string()),
        ("community", "int", n.community.to_string()),
    ]
}

fn edge_attributes(r: &Results, i: usize) -> Vec<(&'static str, &'static str, String)> {
    let e = &r.network.edges[i];
    let p = &r.cooccurrence.pairs[e.pair];
    vec![
        ("weight", "double", e.weight.to_string()),
        ("count", "long", p.count.to_string()),
        ("contexts", "long", p.contexts.to_string()),
        ("docs", "long", p.docs.to_string()),
        ("pmi", "double", p.pmi.to_string()),
        ("npmi", "double", p.npmi.to_string()),
        ("g2", "double", p.g2.to_string()),
        ("jaccard", "double", p.jaccard.to_string()),
        ("dice", "double", p.dice.to_string()),
        ("simpson", "double", p.simpson.to_string()),
        (
            "association_strength",
            "double",
            p.association_strength.to_string(),
        ),
        ("cosine", "double", p.cosine.to_string()),
    ]
}

/// The network as GraphML.
pub fn graphml(r: &Results) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    let node_keys = if r.network.nodes.is_empty() {
        Vec::new()
    } else {
        node_attributes(r, 0)
    };
    let edge_keys = if r.network.edges.is_empty() {
        Vec::new()
    } else {
        edge_attributes(r, 0)
    };
    for (name, ty, _) in &node_keys {
        let _ = writeln!(
            out,
            "  <key id=\"n_{name}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    for (name, ty, _) in &edge_keys {
        let _ = writeln!(
            out,
            "  <key id=\"e_{name}\" for=\"edge\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    out.push_str("  <graph id=\"cooccurrence\" edgedefault=\"undirected\">\n");
    for i in 0..r.network.nodes.len() {
        let _ = writeln!(out, "    <node id=\"n{i}\">");
        for (name, _, value) in node_attributes(r, i) {
            let _ = writeln!(out, "      <data key=\"n_{name}\">{value}</data>");
        }
        out.push_str("    </node>\n");
    }
    for (i, e) in r.network.edges.iter().enumerate() {
        let _ = writeln!(
            out,
            "    <edge id=\"e{i}\" source=\"n{}\" target=\"n{}\">",
            e.source, e.target
        );
        for (name, _, value) in edge_attributes(r, i) {
            let _ = writeln!(out, "      <data key=\"e_{name}\">{value}</data>");
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// Colours of the communities, in order (community 1 first); repeated past the end.
pub const PALETTE: &[(u8, u8, u8)] = &[
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
    (127, 127, 127),
    (188, 189, 34),
    (23, 190, 207),
    (174, 199, 232),
    (255, 187, 120),
    (152, 223, 138),
    (255, 152, 150),
    (197, 176, 213),
    (196, 156, 148),
    (247, 182, 210),
    (199, 199, 199),
    (219, 219, 141),
    (158, 218, 229),
];

/// The colour of a 1-based community.
pub fn community_colour(community: u32) -> (u8, u8, u8) {
    PALETTE[(community.max(1) as usize - 1) % PALETTE.len()]
}

fn gexf_type(graphml: &str) -> &str {
    match graphml {
        "int" => "integer",
        other => other,
    }
}

/// The network as GEXF 1.2.
pub fn gexf(r: &Results) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<gexf xmlns=\"http://www.gexf.net/1.2draft\" \
         xmlns:viz=\"http://www.gexf.net/1.2draft/viz\" version=\"1.2\">\n",
    );
    out.push_str("  <meta>\n    <creator>corpuscope</creator>\n");
    out.push_str("    <description>term co-occurrence network</description>\n  </meta>\n");
    out.push_str("  <graph mode=\"static\" defaultedgetype=\"undirected\">\n");
    let node_keys: Vec<_> = if r.network.nodes.is_empty() {
        Vec::new()
    } else {
        // The label is the node's own label attribute in GEXF.
        node_attributes(r, 0).into_iter().skip(1).collect()
    };
    let edge_keys: Vec<_> = if r.network.edges.is_empty() {
        Vec::new()
    } else {
        // The weight is the edge's own weight attribute in GEXF.
        edge_attributes(r, 0).into_iter().skip(1).collect()
    };
    out.push_str("    <attributes class=\"node\">\n");
    for (i, (name, ty, _)) in node_keys.iter().enumerate() {
        let _ = writeln!(
            out,
            "      <attribute id=\"{i}\" title=\"{name}\" type=\"{}\"/>",
            gexf_type(ty)
        );
    }
    out.push_str("    </attributes>\n    <attributes class=\"edge\">\n");
    for (i, (name, ty, _)) in edge_keys.iter().enumerate() {
        let _ = writeln!(
            out,
            "      <attribute id=\"{i}\" title=\"{name}\" type=\"{}\"/>",
            gexf_type(ty)
        );
    }
    out.push_str("    </attributes>\n    <nodes>\n");
    for (i, n) in r.network.nodes.iter().enumerate() {
        let attrs = node_attributes(r, i);
        let _ = writeln!(out, "      <node id=\"n{i}\" label=\"{}\">", attrs[0].2);
        out.push_str("        <attvalues>\n");
        for (j, (_, _, value)) in attrs.iter().skip(1).enumerate() {
            let _ = writeln!(out, "          <attvalue for=\"{j}\" value=\"{value}\"/>");
        }
        out.push_str("        </attvalues>\n");
        let (red, green, blue) = community_colour(n.community);
        let _ = writeln!(
            out,
            "        <viz:color r=\"{red}\" g=\"{green}\" b=\"{blue}\"/>"
        );
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (i, e) in r.network.edges.iter().enumerate() {
        let attrs = edge_attributes(r, i);
        let _ = writeln!(
            out,
            "      <edge id=\"e{i}\" source=\"n{}\" target=\"n{}\" weight=\"{}\">",
            e.source, e.target, attrs[0].2
        );
        out.push_str("        <attvalues>\n");
        for (j, (_, _, value)) in attrs.iter().skip(1).enumerate() {
            let _ = writeln!(out, "          <attvalue for=\"{j}\" value=\"{value}\"/>");
        }
        out.push_str("        </attvalues>\n      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            xml_escape("a<b>&\"c'\u{1}\t"),
            "a&lt;b&gt;&amp;&quot;c&apos;\t"
        );
    }
}
