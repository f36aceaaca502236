//! Tokenization: jieba's segmentation, stopwords, stems and surface forms, offsets.

use corpuscope::config::Settings;
use corpuscope::tokenize::{Lang, Tokenizer};

fn tokenizer(edit: impl FnOnce(&mut Settings)) -> Tokenizer {
    let mut s = Settings::builtin_default();
    edit(&mut s);
    Tokenizer::new(&s.validate().expect("valid config"))
}

fn surfaces(t: &Tokenizer, text: &str) -> Vec<String> {
    t.tokens(text).into_iter().map(|t| t.surface).collect()
}

/// Python jieba 0.42.1, `jieba.lcut(s, HMM=True)`, punctuation removed.
#[test]
fn chinese_is_segmented_as_jieba_does() {
    let plain = tokenizer(|s| {
        s.tokenize.builtin_dictionary = false;
        s.tokenize.builtin_stopwords = false;
    });
    assert_eq!(
        surfaces(&plain, "我们必须坚持党的群众路线，密切联系群众。"),
        [
            "我们",
            "必须",
            "坚持",
            "党",
            "的",
            "群众路线",
            "密切联系",
            "群众"
        ]
    );
    assert_eq!(
        surfaces(&plain, "基层党组织在社区治理中发挥战斗堡垒作用"),
        [
            "基层",
            "党组织",
            "在",
            "社区",
            "治理",
            "中",
            "发挥",
            "战斗",
            "堡垒作用"
        ]
    );
}

/// Python jieba with config/userdict_zh.txt added word by word (`jieba.add_word`).
#[test]
fn user_dictionary_keeps_domain_terms_whole() {
    let t = tokenizer(|s| s.tokenize.builtin_stopwords = false);
    assert_eq!(
        surfaces(&t, "基层党组织在社区治理中发挥战斗堡垒作用"),
        [
            "基层党组织",
            "在",
            "社区治理",
            "中",
            "发挥",
            "战斗",
            "堡垒作用"
        ]
    );
    assert_eq!(
        surfaces(&t, "党员干部要落实八项规定精神，反对形式主义和官僚主义。"),
        [
            "党员干部",
            "要",
            "落实",
            "八项规定",
            "精神",
            "反对",
            "形式主义",
            "和",
            "官僚主义"
        ]
    );
}

#[test]
fn chinese_stopwords_are_removed() {
    let t = tokenizer(|_| {});
    assert_eq!(
        surfaces(&t, "我们必须坚持党的群众路线，密切联系群众。"),
        ["必须", "坚持", "党", "群众路线", "密切联系群众"]
    );
}

#[test]
fn english_words_are_lowercased_stemmed_and_stopwords_dropped() {
    let t = tokenizer(|_| {});
    let tokens = t.tokens("The Party’s members and the masses, in 2024: 19 th CPC.");
    let got: Vec<(&str, &str, &str, Lang)> = tokens
        .iter()
        .map(|t| (t.surface.as_str(), t.form.as_str(), t.key.as_str(), t.lang))
        .collect();
    assert_eq!(
        got,
        [
            ("Party’s", "party", "parti", Lang::En),
            ("members", "members", "member", Lang::En),
            ("masses", "masses", "mass", Lang::En),
            ("CPC", "cpc", "cpc", Lang::En),
        ]
    );
}

#[test]
fn user_stopwords_extend_the_shipped_lists() {
    let t = tokenizer(|s| s.tokenize.stopwords = vec!["Masses".into(), "坚持".into()]);
    assert_eq!(
        surfaces(&t, "members masses 坚持群众路线"),
        ["members", "群众路线"]
    );
}

#[test]
fn stemming_and_minimum_length_can_be_changed() {
    let t = tokenizer(|s| {
        s.tokenize.stem = false;
        s.tokenize.min_word_length = 6;
    });
    let keys: Vec<String> = t
        .tokens("masses party members")
        .into_iter()
        .map(|t| t.key)
        .collect();
    assert_eq!(keys, ["masses", "members"]);
}

#[test]
fn mixed_text_offsets_point_at_each_token() {
    let t = tokenizer(|_| {});
    let text = "CPC的群众路线 (mass line)是根本。Party-building works.";
    let tokens = t.tokens(text);
    assert!(!tokens.is_empty());
    for token in &tokens {
        assert_eq!(&text[token.range.clone()], token.surface);
    }
    let forms: Vec<&str> = tokens.iter().map(|t| t.form.as_str()).collect();
    assert_eq!(
        forms,
        [
            "cpc",
            "群众路线",
            "mass",
            "line",
            "根本",
            "party",
            "building",
            "works"
        ]
    );
}

#[test]
fn other_scripts_are_kept_whole() {
    let t = tokenizer(|_| {});
    let tokens = t.tokens("Москва и Пекин");
    let got: Vec<(&str, Lang)> = tokens.iter().map(|t| (t.form.as_str(), t.lang)).collect();
    assert_eq!(got, [("москва", Lang::Other), ("пекин", Lang::Other)]);
}
