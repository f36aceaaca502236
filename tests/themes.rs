//! Themes: two obvious topics are told apart, deterministically.

use std::collections::BTreeMap;

use corpuscope::config::UnitKind;

use crate::hay::PETS_AND_MARKETS;
use crate::util::{Corpus, column};

#[test]
fn two_topics_become_two_themes() {
    let corpus = Corpus::new(&[("topics.txt", PETS_AND_MARKETS)]);
    let mut s = corpus.settings();
    s.themes.k = 2;
    s.themes.min_unit_tokens = 3;
    corpus.run(s);
    let dt = corpus.table("doc_themes");
    assert_eq!(dt[0], ["doc_id", "unit_id", "theme_id", "weight"]);
    // One sentence a paragraph: paragraphs are units 1, 3, 5 … (their sentences 2, 4, 6 …).
    assert_eq!(column(&dt, "unit_id"), ["1", "3", "5", "7", "9", "11"]);
    let themes = column(&dt, "theme_id");
    // Paragraphs 1, 3, 5 are about pets, 2, 4, 6 about markets; equal sizes, so theme 1 is the
    // one holding the first unit.
    assert_eq!(themes, ["1", "2", "1", "2", "1", "2"]);
    let th = corpus.table("themes");
    assert_eq!(th[0], ["theme_id", "label", "size", "top_terms"]);
    assert_eq!(column(&th, "size"), ["3", "3"]);
    let top: Vec<String> = column(&th, "top_terms");
    assert!(
        top[0].contains("mice") && !top[0].contains("bonds"),
        "{top:?}"
    );
    assert!(
        top[1].contains("bonds") && !top[1].contains("mice"),
        "{top:?}"
    );
    let tt = corpus.table("theme_terms");
    assert_eq!(tt[0], ["theme_id", "rank", "term", "weight"]);
    // Weights fall with rank within each theme.
    let mut by_theme: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for r in &tt[1..] {
        by_theme
            .entry(r[0].clone())
            .or_default()
            .push(r[3].parse().unwrap());
    }
    for weights in by_theme.values() {
        assert!(weights.windows(2).all(|w| w[0] >= w[1]), "{weights:?}");
    }
}

#[test]
fn same_seed_same_themes_any_thread_count() {
    let corpus = Corpus::new(&[("topics.txt", PETS_AND_MARKETS)]);
    let mut runs = Vec::new();
    for threads in [1, 2, 4] {
        let mut s = corpus.settings();
        s.run.threads = threads;
        s.themes.k = 3;
        s.themes.min_unit_tokens = 3;
        let r = corpus.analyse(s);
        runs.push(r.themes);
    }
    assert_eq!(runs[0], runs[1]);
    assert_eq!(runs[0], runs[2]);
}

#[test]
fn k_is_lowered_when_fewer_units_qualify() {
    let corpus = Corpus::new(&[("topics.txt", PETS_AND_MARKETS)]);
    let mut s = corpus.settings();
    s.themes.unit = UnitKind::Document;
    s.themes.k = 4;
    s.themes.min_df = 1;
    let r = corpus.analyse(s);
    assert_eq!(
        (r.themes.k_requested, r.themes.k, r.themes.units),
        (4, 1, 1)
    );
    assert_eq!(r.themes.assignments.len(), 1);
    assert_eq!(r.themes.assignments[0].unit_id, 0);
}
