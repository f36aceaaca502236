//! Co-occurrence counted on a corpus small enough to count by hand.

use crate::util::{Corpus, assert_close, column};

#[test]
fn pairs_within_window_inside_sentences() {
    // Tokens: s1 = alpha beta gamma ; s2 = alpha beta ; (second document) s3 = beta gamma.
    // Window 1 events: (alpha,beta) s1, (beta,gamma) s1, (alpha,beta) s2, (beta,gamma) s3.
    // P = 4; m(alpha) = 2, m(beta) = 4, m(gamma) = 2.
    let corpus = Corpus::new(&[
        ("1.txt", "alpha beta gamma. alpha beta.\n"),
        ("2.txt", "beta gamma.\n"),
    ]);
    let mut s = corpus.settings();
    s.cooccurrence.window = 1;
    s.cooccurrence.min_count = 1;
    corpus.run(s);
    let co = corpus.table("cooccurrence");
    assert_eq!(co[0], ["term_a", "term_b", "count", "docs", "pmi", "npmi"]);
    // beta is rank 1 (3 tokens), so it is term_a of both pairs; equal counts order by rank.
    assert_eq!(column(&co, "term_a"), ["beta", "beta"]);
    assert_eq!(column(&co, "term_b"), ["alpha", "gamma"]);
    assert_eq!(column(&co, "count"), ["2", "2"]);
    assert_eq!(column(&co, "docs"), ["1", "2"]);
    // pmi = ln(2 · 8 / (4 · 2)) = ln 2; npmi = ln 2 / −ln(2 / 8) = 1/2.
    for v in column(&co, "pmi") {
        assert_close(v.parse().unwrap(), 2f64.ln());
    }
    for v in column(&co, "npmi") {
        assert_close(v.parse().unwrap(), 0.5);
    }
}

#[test]
fn window_and_top_terms_bound_the_pairs() {
    let corpus = Corpus::new(&[("1.txt", "alpha beta gamma delta.\n")]);
    let mut s = corpus.settings();
    s.cooccurrence.window = 2;
    s.cooccurrence.min_count = 1;
    corpus.run(s.clone());
    // Window 2: alpha-beta, alpha-gamma, beta-gamma, beta-delta, gamma-delta (not alpha-delta).
    assert_eq!(corpus.table("cooccurrence").len() - 1, 5);
    s.cooccurrence.top_terms = 2;
    corpus.run(s);
    // All four terms count 1: ranks alphabetical, so only alpha and beta are kept.
    let co = corpus.table("cooccurrence");
    assert_eq!(column(&co, "term_a"), ["alpha"]);
    assert_eq!(column(&co, "term_b"), ["beta"]);
}
