//! Themes: two obvious topics are told apart by every method, `auto` finds two, and the same
//! seed gives the same themes for any thread count.

use std::collections::BTreeMap;

use corpuscope::config::{Settings, ThemeCount, ThemeMethod, UnitKind};

use crate::hay::PETS_AND_MARKETS;
use crate::util::{Corpus, column};

fn settings(corpus: &Corpus, method: ThemeMethod, k: ThemeCount) -> Settings {
    let mut s = corpus.settings();
    s.themes.method = method;
    s.themes.k = k;
    s.themes.min_unit_tokens = 3;
    s
}

/// Paragraphs 1, 3, 5 are about pets, 2, 4, 6 about markets: one sentence a paragraph, so the
/// paragraphs are units 1, 3, 5 … (their sentences 2, 4, 6 …). Equal sizes, so theme 1 is the
/// one holding the first unit.
fn assert_pets_and_markets(corpus: &Corpus) {
    let dt = corpus.table("doc_themes");
    assert_eq!(dt[0], ["doc_id", "unit_id", "theme_id", "weight"]);
    assert_eq!(column(&dt, "unit_id"), ["1", "3", "5", "7", "9", "11"]);
    assert_eq!(column(&dt, "theme_id"), ["1", "2", "1", "2", "1", "2"]);
    let th = corpus.table("themes");
    assert_eq!(
        th[0],
        ["theme_id", "label", "size", "top_terms", "coherence"]
    );
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
}

#[test]
fn kmeans_tells_two_topics_apart() {
    let corpus = Corpus::new(&[("topics.txt", PETS_AND_MARKETS)]);
    corpus.run(settings(&corpus, ThemeMethod::Kmeans, ThemeCount::Fixed(2)));
    assert_pets_and_markets(&corpus);
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
    // One row for the k used, chosen, scored by silhouette.
    let sel = corpus.table("theme_selection");
    assert_eq!(sel[0], ["k", "method", "criterion", "score", "chosen"]);
    assert_eq!(sel[1][..3], ["2", "kmeans", "silhouette"]);
    assert_eq!(sel[1][4], "true");
}

#[test]
fn nmf_tells_two_topics_apart() {
    let corpus = Corpus::new(&[("topics.txt", PETS_AND_MARKETS)]);
    corpus.run(settings(&corpus, ThemeMethod::Nmf, ThemeCount::Fixed(2)));
    assert_pets_and_markets(&corpus);
    // Each unit's weight is its share of its row of W: more than half with two topics.
    for w in column(&corpus.table("doc_themes"), "weight") {
        let w: f64 = w.parse().unwrap();
        assert!(w > 0.5 && w <= 1.0, "{w}");
    }
}

#[test]
fn communities_assign_units_to_the_community_they_weigh_most_on() {
    let corpus = Corpus::new(&[("topics.txt", PETS_AND_MARKETS)]);
    let mut s = settings(&corpus, ThemeMethod::Communities, ThemeCount::Fixed(2));
    // Co-occurrence within sentences: pet words never meet market words.
    s.cooccurrence.context = corpuscope::config::CoContext::Sentence;
    s.cooccurrence.min_count = 1;
    s.network.edges = 0;
    let r = corpus.analyse(s);
    assert_eq!(r.network.communities, 2);
    assert_eq!(r.themes.k, 2);
    let themes: Vec<u32> = r.themes.assignments.iter().map(|a| a.theme).collect();
    assert_eq!(themes, [1, 2, 1, 2, 1, 2]);
    // A unit's words are all in its own community: weight 1.
    assert!(r.themes.assignments.iter().all(|a| a.weight == 1.0));
    let pets = &r.themes.themes[0];
    let words: Vec<&str> = pets
        .terms
        .iter()
        .map(|&(t, _)| r.vocab.terms[t as usize].display.as_str())
        .collect();
    assert!(
        words.contains(&"mice") && !words.contains(&"bonds"),
        "{words:?}"
    );
}

#[test]
fn auto_picks_two_themes_for_two_topics() {
    let corpus = Corpus::new(&[("topics.txt", PETS_AND_MARKETS)]);
    let mut s = settings(&corpus, ThemeMethod::Kmeans, ThemeCount::Auto);
    s.themes.k_min = 2;
    s.themes.k_max = 5;
    corpus.run(s);
    let sel = corpus.table("theme_selection");
    assert_eq!(column(&sel, "k"), ["2", "3", "4", "5"]);
    assert_eq!(column(&sel, "chosen"), ["true", "false", "false", "false"]);
    let scores: Vec<f64> = column(&sel, "score")
        .iter()
        .map(|x| x.parse().unwrap())
        .collect();
    assert!(scores[1..].iter().all(|&x| x < scores[0]), "{scores:?}");
    assert_pets_and_markets(&corpus);
}

#[test]
fn auto_with_nmf_picks_two_themes_by_coherence() {
    let corpus = Corpus::new(&[("topics.txt", PETS_AND_MARKETS)]);
    let mut s = settings(&corpus, ThemeMethod::Nmf, ThemeCount::Auto);
    s.themes.k_min = 2;
    s.themes.k_max = 4;
    corpus.run(s);
    let sel = corpus.table("theme_selection");
    assert_eq!(column(&sel, "criterion"), ["coherence"; 3]);
    assert_eq!(column(&sel, "chosen"), ["true", "false", "false"]);
    assert_pets_and_markets(&corpus);
}

#[test]
fn shares_examples_and_coherence() {
    // Two documents: the first all pets, the second one pets paragraph and two market ones.
    let corpus = Corpus::new(&[
        (
            "a.txt",
            "Cats purr and kittens chase mice while the cat naps.\n\n\
             The kitten and the cat play, purring cats love mice.\n",
        ),
        (
            "b.txt",
            "Cats and kittens sleep; a cat purrs at mice.\n\n\
             Stock markets fell as investors sold shares and bonds.\n\n\
             Investors bought bonds when stock markets and shares rose.\n\n\
             Shares and bonds: investors watch stock markets daily.\n",
        ),
    ]);
    let mut s = settings(&corpus, ThemeMethod::Kmeans, ThemeCount::Fixed(2));
    s.themes.examples = 2;
    corpus.run(s);
    let shares = corpus.table("doc_theme_shares");
    assert_eq!(shares[0], ["doc_id", "theme_id", "share", "units"]);
    // Theme 1 = pets (3 units, first unit), theme 2 = markets.
    let rows: Vec<[&str; 4]> = shares[1..]
        .iter()
        .map(|r| [r[0].as_str(), r[1].as_str(), r[2].as_str(), r[3].as_str()])
        .collect();
    let share_b_pets = (1.0f64 / 4.0).to_string();
    let share_b_markets = (3.0f64 / 4.0).to_string();
    assert_eq!(
        rows,
        [
            ["1", "1", "1.0", "2"],
            ["1", "2", "0.0", "0"],
            ["2", "1", share_b_pets.as_str(), "1"],
            ["2", "2", share_b_markets.as_str(), "3"],
        ]
    );
    let ex = corpus.table("theme_examples");
    assert_eq!(
        ex[0],
        [
            "theme_id",
            "rank",
            "doc_id",
            "unit_id",
            "similarity",
            "excerpt"
        ]
    );
    assert_eq!(column(&ex, "theme_id"), ["1", "1", "2", "2"]);
    assert_eq!(column(&ex, "rank"), ["1", "2", "1", "2"]);
    let sims: Vec<f64> = column(&ex, "similarity")
        .iter()
        .map(|x| x.parse().unwrap())
        .collect();
    assert!(sims[0] >= sims[1] && sims[2] >= sims[3], "{sims:?}");
    for (theme, text) in column(&ex, "theme_id").iter().zip(column(&ex, "excerpt")) {
        let about_pets = text.to_lowercase().contains("cat");
        assert_eq!(theme == "1", about_pets, "{text}");
    }
    // Coherence is an NPMI mean: from −1 to 1.
    for c in column(&corpus.table("themes"), "coherence") {
        let c: f64 = c.parse().unwrap();
        assert!((-1.0..=1.0).contains(&c), "{c}");
    }
}

#[test]
fn sentences_can_be_the_units() {
    let corpus = Corpus::new(&[(
        "a.txt",
        "Cats purr and kittens chase mice. Stock markets fell as investors sold shares.\n\n\
         The cat and kittens play with mice. Investors bought shares when stock markets rose.\n",
    )]);
    let mut s = settings(&corpus, ThemeMethod::Kmeans, ThemeCount::Fixed(2));
    s.themes.unit = UnitKind::Sentence;
    corpus.run(s);
    let dt = corpus.table("doc_themes");
    // Paragraph 1 is unit 1 with sentences 2 and 3; paragraph 2 is unit 4 with sentences 5, 6.
    assert_eq!(column(&dt, "unit_id"), ["2", "3", "5", "6"]);
    assert_eq!(column(&dt, "theme_id"), ["1", "2", "1", "2"]);
}

#[test]
fn same_seed_same_themes_any_thread_count() {
    let corpus = Corpus::new(&[("topics.txt", PETS_AND_MARKETS)]);
    for method in [ThemeMethod::Kmeans, ThemeMethod::Nmf] {
        let mut runs = Vec::new();
        for threads in [1, 2, 4] {
            let mut s = settings(&corpus, method, ThemeCount::Auto);
            s.run.threads = threads;
            s.themes.k_max = 4;
            let r = corpus.analyse(s);
            runs.push(r.themes);
        }
        assert_eq!(runs[0], runs[1], "{method:?}");
        assert_eq!(runs[0], runs[2], "{method:?}");
    }
}

#[test]
fn k_is_lowered_when_fewer_units_qualify() {
    let corpus = Corpus::new(&[("topics.txt", PETS_AND_MARKETS)]);
    let mut s = corpus.settings();
    s.themes.unit = UnitKind::Document;
    s.themes.k = ThemeCount::Fixed(4);
    s.themes.min_df = 1;
    let r = corpus.analyse(s);
    assert_eq!(
        (r.themes.k_requested, r.themes.k, r.themes.units),
        (Some(4), 1, 1)
    );
    assert_eq!(r.themes.assignments.len(), 1);
    assert_eq!(r.themes.assignments[0].unit_id, 0);
}
