//! Phrases (detected by NPMI, and given by the user), the optional tokens table, the
//! `tokenize` command and the shipped word lists.

use std::path::Path;
use std::process::Command;

use corpuscope::config::{BUILTIN_STOPWORDS_ZH, Settings};
use corpuscope::tokenize::Tokenizer;

use crate::util::{Corpus, assert_close, column, data_rows, row};

#[test]
fn adjacent_words_scoring_above_the_threshold_become_one_term() {
    // Five sentences "mass line matters": mass, line, matters 5 times each, N = 15.
    // (mass, line) and (line, matters) each occur 5 times: npmi = ln((1/3) / (1/3 · 1/3)) /
    // −ln(1/3) = 1. Both qualify; (mass, line) is listed first (equal scores: by term order) and
    // takes "line", so "line matters" never merges and is not reported.
    let corpus = Corpus::new(&[("a.txt", &"Mass line matters. ".repeat(5))]);
    let mut s = corpus.settings();
    s.phrases.builtin = false;
    corpus.run(s);
    let phrases = corpus.table("phrases");
    assert_eq!(
        phrases[0],
        ["phrase", "lang", "words", "count", "npmi", "source"]
    );
    assert_eq!(phrases.len(), 2);
    assert_eq!(&phrases[1][..4], ["Mass line", "en", "2", "5"]);
    assert_close(phrases[1][4].parse().unwrap(), 1.0);
    assert_eq!(phrases[1][5], "detected");
    let terms = corpus.table("terms");
    assert_eq!(column(&terms, "term"), ["Mass line", "matters"]);
    assert_eq!(column(&terms, "stem"), ["mass line", "matter"]);
}

#[test]
fn a_removed_stopword_or_punctuation_breaks_a_phrase() {
    let corpus = Corpus::new(&[("a.txt", &"mass of line, line. mass, line. ".repeat(5))]);
    let mut s = corpus.settings();
    s.phrases.builtin = false;
    corpus.run(s);
    assert_eq!(corpus.table("phrases").len(), 1, "no phrase expected");
}

#[test]
fn thresholds_and_detection_switch_are_obeyed() {
    let text = "Mass line matters. ".repeat(4);
    let corpus = Corpus::new(&[("a.txt", &text)]);
    let mut s = corpus.settings();
    s.phrases.builtin = false;
    corpus.run(s.clone());
    // Seen 4 times, fewer than min_count = 5.
    assert_eq!(corpus.table("phrases").len(), 1);
    s.phrases.min_count = 4;
    corpus.run(s.clone());
    assert_eq!(corpus.table("phrases").len(), 2);
    s.phrases.detect = false;
    corpus.run(s);
    assert_eq!(corpus.table("phrases").len(), 1);
}

#[test]
fn user_phrases_are_merged_whatever_their_score() {
    let corpus = Corpus::new(&[(
        "a.txt",
        "Village committees hold meetings. The village committees met. 社区治理需要群众 工作。",
    )]);
    let mut s = corpus.settings();
    s.phrases.builtin = false;
    s.phrases.user = vec![
        "village committees".into(),
        "群众 工作".into(),
        "never seen".into(),
    ];
    corpus.run(s);
    let phrases = corpus.table("phrases");
    // "群众工作" is one word of the shipped dictionary, but here "群众" and "工作" are apart.
    assert_eq!(
        column(&phrases, "phrase"),
        ["village committees", "群众工作", "never seen"]
    );
    assert_eq!(column(&phrases, "count"), ["2", "1", "0"]);
    assert_eq!(column(&phrases, "source"), ["user", "user", "user"]);
    assert_eq!(column(&phrases, "npmi"), ["", "", ""]);
    let terms = corpus.table("terms");
    let merged = row(&terms, "term", "village committees");
    assert!(merged.contains(&("count", "2")) && merged.contains(&("stem", "villag committe")));
}

#[test]
fn seeds_have_mass_line_and_party_members() {
    let corpus = Corpus::new(&[]);
    let mut s = corpus.settings();
    s.input.paths = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")];
    corpus.run(s);
    let terms = column(&corpus.table("terms"), "term");
    for phrase in ["mass line", "party members", "grass-roots government"] {
        assert!(terms.contains(&phrase.to_string()), "{phrase} missing");
    }
    let phrases = corpus.table("phrases");
    let detected = row(&phrases, "phrase", "mass line");
    assert!(detected.contains(&("source", "detected")));
    let shipped = row(&phrases, "phrase", "grass-roots government");
    assert!(shipped.contains(&("source", "builtin")) && shipped.contains(&("npmi", "")));
}

#[test]
fn tokens_table_traces_every_token() {
    let corpus = Corpus::new(&[("a.txt", "The mass line.\nCPC的群众路线。")]);
    let mut s = corpus.settings();
    s.output.tokens = true;
    s.phrases.user = vec!["mass line".into()];
    corpus.run(s);
    let tokens = corpus.table("tokens");
    assert_eq!(
        tokens[0],
        [
            "doc_id",
            "unit_id",
            "position",
            "start_char",
            "end_char",
            "surface",
            "term",
            "lang"
        ]
    );
    // Paragraph 1 is unit 1 and its sentence unit 2; paragraph 2 is unit 3, its sentence unit 4.
    assert_eq!(
        data_rows(&tokens),
        [
            ["1", "2", "1", "4", "13", "mass line", "mass line", "en"],
            ["1", "4", "2", "15", "18", "CPC", "CPC", "en"],
            ["1", "4", "3", "19", "23", "群众路线", "群众路线", "zh"],
        ]
    );
    // Off by default.
    let plain = Corpus::new(&[("a.txt", "The mass line.")]);
    plain.run(plain.settings());
    assert!(!plain.output().join("tokens.csv").exists());
}

#[test]
fn tokenize_command_prints_each_token() {
    let out = Command::new(env!("CARGO_BIN_EXE_corpuscope"))
        .args(["tokenize", "The Party’s grass-roots 群众路线，ＣＰＣ"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "surface\tform\tstem\tlang\tstart_char\tend_char\n\
         Party’s\tParty\tparti\ten\t4\t11\n\
         grass-roots\tgrass-roots\tgrassroot\ten\t12\t23\n\
         群众路线\t群众路线\t群众路线\tzh\t24\t28\n\
         CPC\tCPC\tcpc\ten\t29\t32\n"
    );
}

/// A stopword that jieba never produces as one word could never match: every shipped Chinese
/// stopword must come out of the segmenter whole.
#[test]
fn shipped_chinese_stopwords_are_words_jieba_produces() {
    let mut s = Settings::builtin_default();
    s.tokenize.builtin_stopwords = false;
    s.tokenize.zh_min_length = 1;
    let t = Tokenizer::new(&s.validate().unwrap());
    for line in BUILTIN_STOPWORDS_ZH.lines() {
        let word = line.split('#').next().unwrap().trim();
        if word.is_empty() {
            continue;
        }
        let tokens: Vec<String> = t.tokens(word).into_iter().map(|t| t.surface).collect();
        assert_eq!(tokens, [word], "stopword {word} is segmented as {tokens:?}");
    }
}
