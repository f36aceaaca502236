//! Co-occurrence, network, keyness, trends, TextRank and KWIC, on corpora small enough to count
//! by hand.

use corpuscope::config::{CoContext, Counting, KeywordMethod, Period, Settings, WindowWithin};

use crate::util::{Corpus, assert_close, column, row};

/// The value of `col` in the row of the pair {a, b} (either order), if the pair is there.
fn pair(table: &[Vec<String>], a: &str, b: &str, col: &str) -> Option<String> {
    let at = |name: &str| table[0].iter().position(|c| c == name);
    let (ia, ib, ic) = (at("term_a")?, at("term_b")?, at(col)?);
    table[1..]
        .iter()
        .find(|r| (r[ia] == a && r[ib] == b) || (r[ia] == b && r[ib] == a))
        .map(|r| r[ic].clone())
}

fn count(table: &[Vec<String>], a: &str, b: &str) -> u64 {
    pair(table, a, b, "count").map_or(0, |c| c.parse().expect("count"))
}

fn run(corpus: &Corpus, edit: impl FnOnce(&mut Settings)) -> Vec<Vec<String>> {
    let mut s = corpus.settings();
    s.cooccurrence.min_count = 1;
    edit(&mut s);
    corpus.run(s);
    corpus.table("cooccurrence")
}

#[test]
fn pairs_within_window_inside_sentences() {
    // Tokens: s1 = alpha beta gamma ; s2 = alpha beta ; (second document) s3 = beta gamma.
    // Window 1 events: (alpha,beta) s1, (beta,gamma) s1, (alpha,beta) s2, (beta,gamma) s3.
    // T = 2 · 4 = 8; R(alpha) = 2, R(beta) = 4, R(gamma) = 2.
    let corpus = Corpus::new(&[
        ("1.txt", "alpha beta gamma. alpha beta.\n"),
        ("2.txt", "beta gamma.\n"),
    ]);
    let co = run(&corpus, |s| s.cooccurrence.window = 1);
    assert_eq!(
        co[0],
        [
            "term_a",
            "term_b",
            "count",
            "contexts",
            "docs",
            "expected",
            "pmi",
            "npmi",
            "g2",
            "jaccard",
            "dice",
            "simpson",
            "association_strength",
            "cosine"
        ]
    );
    // beta is rank 1 (3 tokens), so it is term_a of both pairs; equal counts order by rank.
    assert_eq!(column(&co, "term_a"), ["beta", "beta"]);
    assert_eq!(column(&co, "term_b"), ["alpha", "gamma"]);
    assert_eq!(column(&co, "count"), ["2", "2"]);
    assert_eq!(column(&co, "contexts"), ["2", "2"]);
    assert_eq!(column(&co, "docs"), ["1", "2"]);
    // expected = 4 · 2 / 8 = 1; pmi = ln 2; npmi = ln 2 / −ln(2 / 8) = 1/2.
    let all = |name: &str, want: f64| {
        for v in column(&co, name) {
            assert_close(v.parse().unwrap(), want);
        }
    };
    all("expected", 1.0);
    all("pmi", 2f64.ln());
    all("npmi", 0.5);
    // G² over [2, 2; 0, 4] (T = 8, R(beta) = 4, R(alpha) = 2): E = [1, 3; 1, 3].
    all(
        "g2",
        2.0 * (2.0 * 2f64.ln() + 2.0 * (2.0f64 / 3.0).ln() + 4.0 * (4.0f64 / 3.0).ln()),
    );
    // Sentences holding beta: 3, alpha: 2, both: 2.
    all("jaccard", 2.0 / 3.0);
    all("dice", 4.0 / 5.0);
    all("simpson", 1.0);
}

#[test]
fn window_and_top_terms_bound_the_pairs() {
    let corpus = Corpus::new(&[("1.txt", "alpha beta gamma delta.\n")]);
    let co = run(&corpus, |s| s.cooccurrence.window = 2);
    // Window 2: alpha-beta, alpha-gamma, beta-gamma, beta-delta, gamma-delta (not alpha-delta).
    assert_eq!(co.len() - 1, 5);
    let co = run(&corpus, |s| {
        s.cooccurrence.window = 2;
        s.cooccurrence.top_terms = 2;
    });
    // All four terms count 1: ranks alphabetical, so only alpha and beta are kept.
    assert_eq!(column(&co, "term_a"), ["alpha"]);
    assert_eq!(column(&co, "term_b"), ["beta"]);
}

#[test]
fn window_counts_follow_quanteda_fcm() {
    // quanteda: fcm(tokens("apple berry cherry apple berry"), context = "window", window = 2)
    // counts every two tokens at most 2 apart: positions a0 b1 c2 a3 b4 give
    // (0,1) a-b, (0,2) a-c, (1,2) b-c, (1,3) b-a, (2,3) c-a, (2,4) c-b, (3,4) a-b:
    // apple-berry 3, apple-cherry 2, berry-cherry 2 (apple-apple, 3 apart, is not counted).
    let corpus = Corpus::new(&[("1.txt", "apple berry. cherry apple berry.\n")]);
    let co = run(&corpus, |s| {
        s.cooccurrence.window = 2;
        s.cooccurrence.window_within = WindowWithin::Document;
    });
    assert_eq!(count(&co, "apple", "berry"), 3);
    assert_eq!(count(&co, "apple", "cherry"), 2);
    assert_eq!(count(&co, "berry", "cherry"), 2);
    // The same window inside sentences: s1 = a b, s2 = c a b.
    let co = run(&corpus, |s| s.cooccurrence.window = 2);
    assert_eq!(count(&co, "apple", "berry"), 2);
    assert_eq!(count(&co, "apple", "cherry"), 1);
    assert_eq!(count(&co, "berry", "cherry"), 1);
}

#[test]
fn document_contexts_follow_quanteda_fcm_by_frequency_and_presence() {
    // quanteda: fcm(dfm, context = "document", count = "frequency") = Σ_d n_a(d) · n_b(d):
    // doc 1 apple×2 berry×1, doc 2 apple×1 berry×2 cherry×1:
    // apple-berry 2·1 + 1·2 = 4, apple-cherry 1, berry-cherry 2.
    let corpus = Corpus::new(&[
        ("1.txt", "apple apple berry.\n"),
        ("2.txt", "apple berry berry cherry.\n"),
    ]);
    let co = run(&corpus, |s| s.cooccurrence.context = CoContext::Document);
    assert_eq!(count(&co, "apple", "berry"), 4);
    assert_eq!(count(&co, "apple", "cherry"), 1);
    assert_eq!(count(&co, "berry", "cherry"), 2);
    // T = 2 · events: doc 1 (9 − 4 − 1)/2 = 2, doc 2 (16 − 1 − 4 − 1)/2 = 5 → 14.
    // R(apple) = 2·1 + 1·3 = 5, R(berry) = 1·2 + 2·2 = 6; expected = 5 · 6 / 14.
    let expected: f64 = pair(&co, "apple", "berry", "expected")
        .unwrap()
        .parse()
        .unwrap();
    assert_close(expected, 30.0 / 14.0);
    // Presence (quanteda's count = "boolean"): documents holding both.
    let co = run(&corpus, |s| {
        s.cooccurrence.context = CoContext::Document;
        s.cooccurrence.counting = Counting::Presence;
    });
    assert_eq!(count(&co, "apple", "berry"), 2);
    assert_eq!(count(&co, "apple", "cherry"), 1);
    assert_eq!(count(&co, "berry", "cherry"), 1);
    // T = 2 documents; apple and berry are in both: expected 2, pmi 0, npmi 1 (p = 1).
    let get = |c: &str| -> f64 { pair(&co, "apple", "berry", c).unwrap().parse().unwrap() };
    assert_close(get("expected"), 2.0);
    assert_close(get("pmi"), 0.0);
    assert_close(get("npmi"), 1.0);
    assert_close(get("jaccard"), 1.0);
    // cherry is in 1 document: jaccard(apple, cherry) = 1 / (2 + 1 − 1).
    let jc: f64 = pair(&co, "apple", "cherry", "jaccard")
        .unwrap()
        .parse()
        .unwrap();
    assert_close(jc, 0.5);
}

#[test]
fn sentence_and_paragraph_contexts() {
    // One document, two paragraphs: "apple berry. cherry apple." / "berry cherry."
    let corpus = Corpus::new(&[("1.txt", "apple berry. cherry apple.\n\nberry cherry.\n")]);
    let co = run(&corpus, |s| s.cooccurrence.context = CoContext::Sentence);
    assert_eq!(count(&co, "apple", "berry"), 1);
    assert_eq!(count(&co, "apple", "cherry"), 1);
    assert_eq!(count(&co, "berry", "cherry"), 1);
    let co = run(&corpus, |s| s.cooccurrence.context = CoContext::Paragraph);
    // Paragraph 1: apple×2 berry×1 cherry×1; paragraph 2: berry cherry.
    assert_eq!(count(&co, "apple", "berry"), 2);
    assert_eq!(count(&co, "apple", "cherry"), 2);
    assert_eq!(count(&co, "berry", "cherry"), 2);
    assert_eq!(
        pair(&co, "berry", "cherry", "contexts").as_deref(),
        Some("2")
    );
}

#[test]
fn a_pair_table_too_large_is_refused_naming_what_to_change() {
    let mut s = Settings::default();
    s.cooccurrence.top_terms = 5000;
    let msg = s.validate().unwrap_err().to_string();
    assert!(msg.contains("`cooccurrence.top_terms`"), "{msg}");
    assert!(msg.contains("12497500 pairs"), "{msg}");
    assert!(msg.contains("cooccurrence.max_pairs = 10000000"), "{msg}");
    assert!(msg.contains("at most 4472"), "{msg}");
    let mut s = Settings::default();
    s.cooccurrence.top_terms = 4472;
    assert!(s.validate().is_ok());
}

#[test]
fn network_of_two_topics_has_two_communities() {
    // Fruit words always together, animal words always together, never the two.
    let corpus = Corpus::new(&[
        ("1.txt", "apple berry cherry.\n"),
        (
            "2.txt",
            "apple berry cherry.\n\nAnother apple berry cherry.\n",
        ),
        ("3.txt", "dog eagle fox.\n"),
        ("4.txt", "dog eagle fox. Dog eagle fox again.\n"),
    ]);
    let mut s = corpus.settings();
    s.network.measure = "count".into();
    s.network.edges = 0;
    s.cooccurrence.min_count = 2;
    corpus.run(s);
    let nodes = corpus.table("network_nodes");
    assert_eq!(
        nodes[0],
        [
            "term",
            "lang",
            "count",
            "degree",
            "weighted_degree",
            "pagerank",
            "betweenness",
            "community"
        ]
    );
    assert_eq!(nodes.len() - 1, 6);
    for term in ["apple", "berry", "cherry", "dog", "eagle", "fox"] {
        let r = row(&nodes, "term", term);
        assert!(r.contains(&("degree", "2")), "{r:?}");
        assert!(r.contains(&("betweenness", "0.0")), "{r:?}");
    }
    let community = |t: &str| -> String {
        row(&nodes, "term", t)
            .into_iter()
            .find(|(k, _)| *k == "community")
            .unwrap()
            .1
            .to_string()
    };
    assert_eq!(community("apple"), community("cherry"));
    assert_eq!(community("dog"), community("fox"));
    assert_ne!(community("apple"), community("dog"));
    let edges = corpus.table("network_edges");
    assert_eq!(edges.len() - 1, 6);
    assert!(column(&edges, "same_community").iter().all(|v| v == "true"));
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(corpus.output().join("run.json")).unwrap()).unwrap();
    assert_eq!(run["network"]["communities"], 2);
    // Two disjoint triangles of equal weight: Q = 2 · (3/6 − (6/12)²) = 1/2.
    assert_close(run["network"]["modularity"].as_f64().unwrap(), 0.5);
    let graphml = std::fs::read_to_string(corpus.output().join("network.graphml")).unwrap();
    assert_eq!(graphml.matches("<node id=").count(), 6);
    assert_eq!(graphml.matches("<edge id=").count(), 6);
    assert!(graphml.contains("<data key=\"n_label\">apple</data>"));
    let gexf = std::fs::read_to_string(corpus.output().join("network.gexf")).unwrap();
    assert_eq!(gexf.matches("<node id=").count(), 6);
    assert_eq!(gexf.matches("<edge id=").count(), 6);
}

#[test]
fn keyness_of_groups_by_hand() {
    // Group x: "apple apple berry"; group y: "berry cherry", "cherry cherry apple".
    let corpus = Corpus::new(&[(
        "docs.csv",
        "text,grp\napple apple berry,x\nberry cherry,y\ncherry cherry apple,y\nunrelated words here,\n",
    )]);
    let mut s = corpus.settings();
    s.keyness.group = "grp".into();
    corpus.run(s);
    let k = corpus.table("keyness");
    // min_count 2 keeps apple (2) in x and cherry (3) in y.
    assert_eq!(column(&k, "group"), ["x", "y"]);
    assert_eq!(column(&k, "term"), ["apple", "cherry"]);
    assert_eq!(column(&k, "target_count"), ["2", "3"]);
    assert_eq!(column(&k, "reference_count"), ["1", "0"]);
    // apple in x: [2, 1; 1, 4], N = 8. E = [9/8, 15/8; 15/8, 25/8]; |O − E| = 7/8 everywhere,
    // Yates: (7/8 − 1/2)² Σ 1/E.
    let d: f64 = 7.0 / 8.0 - 0.5;
    let chi2 = d * d * (8.0 / 9.0 + 8.0 / 15.0 + 8.0 / 15.0 + 8.0 / 25.0);
    let got: Vec<f64> = column(&k, "chi2")
        .iter()
        .map(|v| v.parse().unwrap())
        .collect();
    assert_close(got[0], chi2);
    // log ratio: apple (2/3) / (1/5); cherry (3/5) / (0.5/3), 0.5 for the zero count.
    let lr: Vec<f64> = column(&k, "log_ratio")
        .iter()
        .map(|v| v.parse().unwrap())
        .collect();
    assert_close(lr[0], (10.0f64 / 3.0).log2());
    assert_close(lr[1], 3.6f64.log2());
    // G²: 2 Σ O' ln(O'/E) for apple, every expected count being below 5 and |ad − bc| = 7 ≥ N/2:
    // quanteda's correction moves each cell 0.5 towards E, [1.5, 1.5; 1.5, 3.5].
    let g2 = 2.0
        * (1.5 * (1.5f64 / (9.0 / 8.0)).ln()
            + 1.5 * (1.5f64 / (15.0 / 8.0)).ln()
            + 1.5 * (1.5f64 / (15.0 / 8.0)).ln()
            + 3.5 * (3.5f64 / (25.0 / 8.0)).ln());
    let g: f64 = column(&k, "g2")[0].parse().unwrap();
    assert_close(g, g2);
    let p: f64 = column(&k, "g2_p")[0].parse().unwrap();
    assert!(p > 0.0 && p < 1.0);
}

/// Keyness under each `keyness.correction`, by hand: `apple` in group x has the table
/// [20, 10; 30, 40] (every expected count 15 or 35), `cherry` [2, 0; 48, 50] (expected 1, 1, 49,
/// 49, and |ad − bc| = 100 ≥ N/2).
#[test]
fn keyness_corrections_by_hand() {
    let words = |list: &[(&str, usize)]| -> String {
        let all: Vec<&str> = list
            .iter()
            .flat_map(|&(w, n)| std::iter::repeat_n(w, n))
            .collect();
        all.join(" ")
    };
    let x = words(&[("apple", 20), ("berry", 28), ("cherry", 2)]);
    let y = words(&[("apple", 10), ("durian", 40)]);
    let corpus = Corpus::new(&[("docs.csv", &format!("text,grp\n{x},x\n{y},y\n"))]);
    let ln = f64::ln;
    let apple_plain = (
        25.0 * (2.0 / 15.0 + 2.0 / 35.0),
        2.0 * (20.0 * ln(4.0 / 3.0)
            + 10.0 * ln(2.0 / 3.0)
            + 30.0 * ln(6.0 / 7.0)
            + 40.0 * ln(8.0 / 7.0)),
    );
    let apple_yates = (
        4.5 * 4.5 * (2.0 / 15.0 + 2.0 / 35.0),
        2.0 * (19.5 * ln(19.5 / 15.0)
            + 10.5 * ln(10.5 / 15.0)
            + 30.5 * ln(30.5 / 35.0)
            + 39.5 * ln(39.5 / 35.0)),
    );
    let cherry_plain = (
        1.0 + 1.0 + 2.0 / 49.0,
        2.0 * (2.0 * ln(2.0) + 48.0 * ln(48.0 / 49.0) + 50.0 * ln(50.0 / 49.0)),
    );
    let cherry_corrected = (
        0.25 * (2.0 + 2.0 / 49.0),
        2.0 * (1.5 * ln(1.5) + 0.5 * ln(0.5) + 48.5 * ln(48.5 / 49.0) + 49.5 * ln(49.5 / 49.0)),
    );
    for (correction, apple, cherry) in [
        ("quanteda", apple_plain, cherry_corrected),
        ("yates", apple_yates, cherry_corrected),
        ("none", apple_plain, cherry_plain),
    ] {
        let mut s = corpus.settings();
        s.keyness.group = "grp".into();
        s.phrases.detect = false;
        // Through the configuration's own words.
        let toml = format!("[keyness]\ncorrection = \"{correction}\"\n");
        s.keyness.correction = Settings::from_toml(&toml, "t.toml")
            .unwrap()
            .keyness
            .correction;
        corpus.run(s);
        let k = corpus.table("keyness");
        let stat = |term: &str, col: &str| -> f64 {
            let at = |c: &str| k[0].iter().position(|h| h == c).unwrap();
            let r = k[1..]
                .iter()
                .find(|r| r[at("group")] == "x" && r[at("term")] == term)
                .unwrap_or_else(|| panic!("{correction}: no row for {term}"));
            r[at(col)].parse().unwrap()
        };
        for (term, (x2, g2)) in [("apple", apple), ("cherry", cherry)] {
            assert!(
                (stat(term, "chi2") - x2).abs() < 1e-12 && (stat(term, "g2") - g2).abs() < 1e-12,
                "{correction}, {term}: chi2 {} g2 {}, want {x2} {g2}",
                stat(term, "chi2"),
                stat(term, "g2")
            );
        }
    }
}

#[test]
fn trends_by_year_with_zero_rows() {
    let corpus = Corpus::new(&[(
        "docs.csv",
        "text,published\napple berry,2021-03-01\napple apple,2020-12-31\ncherry,2021\n",
    )]);
    let mut s = corpus.settings();
    s.trends.columns = vec!["published".into()];
    s.trends.period = Period::Year;
    s.trends.top_terms = 2;
    corpus.run(s);
    let t = corpus.table("trends");
    // Top 2 terms: apple (3), then berry (1, before cherry alphabetically).
    assert_eq!(column(&t, "period"), ["2020", "2020", "2021", "2021"]);
    assert_eq!(column(&t, "term"), ["apple", "berry", "apple", "berry"]);
    assert_eq!(column(&t, "count"), ["2", "0", "1", "1"]);
    assert_eq!(column(&t, "documents"), ["1", "1", "2", "2"]);
    assert_eq!(column(&t, "tokens"), ["2", "2", "3", "3"]);
    let share: Vec<f64> = column(&t, "share")
        .iter()
        .map(|v| v.parse().unwrap())
        .collect();
    assert_close(share[2], 1.0 / 3.0);
    let per: f64 = column(&t, "per_10k")[0].parse().unwrap();
    assert_close(per, 10_000.0);
}

#[test]
fn textrank_keywords_match_jieba_ranking() {
    // Reference: jieba.analyse.textrank's UndirectWeightedGraph on the words
    // "apple berry cherry apple berry dog" with span 5 ranks
    // berry 1.0, apple 0.8924035735251629, cherry 0.5294494250682309, dog 0.4369324220988626.
    let corpus = Corpus::new(&[("1.txt", "apple berry cherry apple berry dog.\n")]);
    let mut s = corpus.settings();
    s.keywords.method = KeywordMethod::Textrank;
    corpus.run(s);
    let k = corpus.table("keywords");
    assert_eq!(column(&k, "term"), ["berry", "apple", "cherry", "dog"]);
    assert!(column(&k, "method").iter().all(|m| m == "textrank"));
    let score: Vec<f64> = column(&k, "score")
        .iter()
        .map(|v| v.parse().unwrap())
        .collect();
    for (got, want) in score.iter().zip([
        1.0,
        0.8924035735251629,
        0.5294494250682309,
        0.4369324220988626,
    ]) {
        assert!((got - want).abs() < 1e-9, "{got} vs {want}");
    }
}

#[test]
fn kwic_table_shows_each_occurrence_in_context() {
    let corpus = Corpus::new(&[
        (
            "1.txt",
            "The mass line guides work. Cadres follow the mass line closely.\n",
        ),
        ("2.txt", "Nothing related.\n\nThe mass line again.\n"),
    ]);
    let mut s = corpus.settings();
    s.kwic.top_keywords = 1;
    s.kwic.width = 10;
    s.phrases.user = vec!["mass line".into()];
    corpus.run(s);
    let k = corpus.table("kwic");
    assert_eq!(
        k[0],
        ["term", "doc_id", "unit_id", "left", "keyword", "right"]
    );
    assert_eq!(column(&k, "term"), ["mass line"; 3]);
    assert_eq!(column(&k, "doc_id"), ["1", "1", "2"]);
    assert_eq!(column(&k, "keyword"), ["mass line"; 3]);
    assert_eq!(column(&k, "left"), ["The", "follow the", "The"]);
    assert_eq!(column(&k, "right"), ["guides wor", "closely.", "again."]);
    // The second document's line is in its second paragraph.
    assert_eq!(column(&k, "unit_id")[2], "3");
}
