//! Tokenization: jieba's segmentation, stopwords, stems and surface forms, offsets.

use corpuscope::config::{Normalize, OtherScripts, Settings};
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
        s.tokenize.zh_min_length = 1;
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
    let t = tokenizer(|s| {
        s.tokenize.builtin_stopwords = false;
        s.tokenize.zh_min_length = 1;
    });
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
    // The form keeps the case (a term's display form is chosen over the corpus); the key is
    // the stem of the lowercased word.
    assert_eq!(
        got,
        [
            ("Party’s", "Party", "parti", Lang::En),
            ("members", "members", "member", Lang::En),
            ("masses", "masses", "mass", Lang::En),
            ("CPC", "CPC", "cpc", Lang::En),
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
            "CPC",
            "群众路线",
            "mass",
            "line",
            "根本",
            "Party-building",
            "works"
        ]
    );
}

#[test]
fn other_scripts_are_kept_whole() {
    let t = tokenizer(|_| {});
    let tokens = t.tokens("Москва и Пекин");
    let got: Vec<(&str, Lang)> = tokens.iter().map(|t| (t.form.as_str(), t.lang)).collect();
    assert_eq!(got, [("Москва", Lang::Other), ("Пекин", Lang::Other)]);
    let dropped = tokenizer(|s| s.tokenize.other_scripts = OtherScripts::Drop);
    assert!(dropped.tokens("Москва и Пекин").is_empty());
}

/// Modern Chinese prose. Expectations: Python jieba 0.42.1, `jieba.add_word(word, tag=tag)` for
/// each line of config/userdict_zh.txt, then `jieba.lcut(sentence, HMM=True)`; punctuation and
/// digits left out (corpuscope sends only Han runs to jieba).
const PROSE: [(&str, &[&str]); 4] = [
    (
        "近年来，各地基层党组织坚持以人民为中心的发展思想，不断创新社区治理方式。",
        &[
            "近年来",
            "各地",
            "基层党组织",
            "坚持",
            "以",
            "人民",
            "为",
            "中心",
            "的",
            "发展",
            "思想",
            "不断创新",
            "社区治理",
            "方式",
        ],
    ),
    (
        "党员干部要深入群众、深入基层，倾听群众呼声，解决群众急难愁盼问题。",
        &[
            "党员干部",
            "要",
            "深入群众",
            "深入基层",
            "倾听",
            "群众",
            "呼声",
            "解决",
            "群众",
            "急难",
            "愁",
            "盼",
            "问题",
        ],
    ),
    (
        "2023年，全国共有村民委员会约49万个，社区居委会约11万个。",
        &[
            "年",
            "全国",
            "共有",
            "村民",
            "委员会",
            "约",
            "万个",
            "社区",
            "居委会",
            "约",
            "万个",
        ],
    ),
    (
        "各级党组织要把密切联系群众作为作风建设的重要内容，坚决反对形式主义和官僚主义。",
        &[
            "各级",
            "党组织",
            "要",
            "把",
            "密切联系群众",
            "作为",
            "作风建设",
            "的",
            "重要",
            "内容",
            "坚决",
            "反对",
            "形式主义",
            "和",
            "官僚主义",
        ],
    ),
];

#[test]
fn modern_prose_is_segmented_as_python_jieba_with_the_same_dictionary() {
    let t = tokenizer(|s| {
        s.tokenize.builtin_stopwords = false;
        s.tokenize.zh_min_length = 1;
    });
    for (sentence, want) in PROSE {
        assert_eq!(surfaces(&t, sentence), want, "{sentence}");
    }
}

#[test]
fn default_rules_drop_stopwords_and_short_words_but_keep_listed_characters() {
    let t = tokenizer(|_| {});
    assert_eq!(
        surfaces(&t, PROSE[0].0),
        [
            "近年来",
            "各地",
            "基层党组织",
            "坚持",
            "人民",
            "中心",
            "发展",
            "思想",
            "不断创新",
            "社区治理",
            "方式"
        ]
    );
    // 党 is on the keep-list of single characters; 年 and 约 are not.
    assert_eq!(surfaces(&t, "党在2023年约有"), ["党"]);
    let extra = tokenizer(|s| s.tokenize.keep_single = vec!["年".into()]);
    assert_eq!(surfaces(&extra, "党在2023年约有"), ["党", "年"]);
}

#[test]
fn part_of_speech_filter_keeps_nouns_and_verbs() {
    // Python jieba.posseg tags: 党员干部/n 要/v 深入群众/i 深入基层/l 倾听/v 群众/n 呼声/n 解决/v
    // 群众/n 急难/d 愁/v 盼/v 问题/n. Kept: n and v, minus stopwords (要) and single characters.
    let t = tokenizer(|s| s.tokenize.zh_pos = vec!["n".into(), "v".into()]);
    assert_eq!(
        surfaces(&t, PROSE[1].0),
        ["党员干部", "倾听", "群众", "呼声", "解决", "群众", "问题"]
    );
}

/// Python jieba 0.42.1, `jieba.posseg.cut`: 坚持/v 群众路线/l ，/x 发言人/l 说/v 一揽子/l 计划/n;
/// after `jieba.add_word` of config/userdict_zh.txt (群众路线 n) and `add_word("一揽子", None, "n")`:
/// 群众路线/n 一揽子/n, the user's tag winning over jieba's own, while 发言人 stays `l`.
#[test]
fn part_of_speech_filter_takes_the_user_dictionary_tag() {
    let text = "坚持群众路线，发言人说一揽子计划";
    let shipped = tokenizer(|s| s.tokenize.zh_pos = vec!["n".into()]);
    assert_eq!(surfaces(&shipped, text), ["群众路线", "计划"]);
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("dict.txt");
    std::fs::write(&dict, "一揽子 n\n").unwrap();
    let with_file = tokenizer(|s| {
        s.tokenize.zh_pos = vec!["n".into()];
        s.tokenize.dictionary_files = vec![dict.clone()];
    });
    assert_eq!(surfaces(&with_file, text), ["群众路线", "一揽子", "计划"]);
    // Without the shipped dictionary, 群众路线 keeps jieba's `l` and is dropped.
    let plain = tokenizer(|s| {
        s.tokenize.zh_pos = vec!["n".into()];
        s.tokenize.builtin_dictionary = false;
    });
    assert_eq!(surfaces(&plain, text), ["计划"]);
}

/// A sentence of the seeds (001), as the default configuration tokenizes it.
#[test]
fn seed_sentence_golden() {
    let t = tokenizer(|_| {});
    let text = "The Party's report at the 18 th National Party Congress pointed out: “To maintain \
                the Party's advanced nature and purity,we should carry out intensive activities";
    let got: Vec<(String, String)> = t
        .tokens(text)
        .into_iter()
        .map(|t| (t.form, t.key))
        .collect();
    let want = [
        ("Party", "parti"),
        ("report", "report"),
        ("National", "nation"),
        ("Party", "parti"),
        ("Congress", "congress"),
        ("pointed", "point"),
        ("maintain", "maintain"),
        ("Party", "parti"),
        ("advanced", "advanc"),
        ("nature", "natur"),
        ("purity", "puriti"),
        ("carry", "carri"),
        ("intensive", "intens"),
        ("activities", "activ"),
    ];
    assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
}

#[test]
fn hyphenated_words_are_whole_and_spelling_variants_share_a_key() {
    let t = tokenizer(|_| {});
    let tokens = t.tokens("grass-roots government and grassroots governments");
    let got: Vec<(&str, &str)> = tokens
        .iter()
        .map(|t| (t.form.as_str(), t.key.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("grass-roots", "grassroot"),
            ("government", "government"),
            ("grassroots", "grassroot"),
            ("governments", "government")
        ]
    );
}

/// Python jieba: `lcut("他来到了网易杭研大厦", HMM=False)` and `HMM=True`.
#[test]
fn hmm_finds_words_missing_from_the_dictionary() {
    let plain = |hmm: bool| {
        tokenizer(move |s| {
            s.tokenize.hmm = hmm;
            s.tokenize.builtin_stopwords = false;
            s.tokenize.zh_min_length = 1;
        })
    };
    assert_eq!(
        surfaces(&plain(false), "他来到了网易杭研大厦"),
        ["他", "来到", "了", "网易", "杭", "研", "大厦"]
    );
    assert_eq!(
        surfaces(&plain(true), "他来到了网易杭研大厦"),
        ["他", "来到", "了", "网易", "杭研", "大厦"]
    );
}

#[test]
fn user_dictionary_and_stopword_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("dict.txt");
    std::fs::write(&dict, "# domain terms\n杭研大厦 10 ns\n").unwrap();
    let stops = dir.path().join("stop.txt");
    std::fs::write(&stops, "来到\nArrived # English too\n").unwrap();
    let t = tokenizer(|s| {
        s.tokenize.dictionary_files = vec![dict.clone()];
        s.tokenize.stopword_files = vec![stops.clone()];
    });
    assert_eq!(
        surfaces(&t, "他来到了网易杭研大厦 arrived"),
        ["网易", "杭研大厦"]
    );
}

fn keys(t: &Tokenizer, text: &str) -> Vec<String> {
    t.tokens(text).into_iter().map(|t| t.key).collect()
}

/// Snowball (rust-stemmers, as Python snowballstemmer 2.2.0) stems government and governance to
/// `govern`, experience and experiment to `experi`, author and authority to `author`, polite,
/// political and politics to `polit`, relative and relation to `relat`: the shipped stem
/// exceptions (config/stem_exceptions_en.txt) keep them apart, and leave inflections together.
#[test]
fn stemming_keeps_different_concepts_apart() {
    let t = tokenizer(|_| {});
    for words in [
        "government governance",
        "experience experiment",
        "author authority",
        "polite political politics",
        "relative relation",
    ] {
        let mut got = keys(&t, words);
        got.dedup();
        assert_eq!(got.len(), words.split(' ').count(), "{words}: {got:?}");
    }
    for (a, b) in [
        ("masses", "mass"),
        ("parties", "party"),
        ("governments", "government"),
        ("experiences", "experienced"),
        ("authorities", "authority"),
    ] {
        assert_eq!(keys(&t, a), keys(&t, b), "{a} / {b}");
    }
    // The shipped list off: Snowball alone.
    let plain = tokenizer(|s| s.english.builtin_stem_exceptions = false);
    assert_eq!(
        keys(&plain, "government governance relative relation"),
        ["govern", "govern", "relat", "relat"]
    );
}

#[test]
fn a_user_stem_exception_list_adds_and_replaces_keys() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("exceptions.txt");
    std::fs::write(
        &list,
        "# mine\nGenerous\tgenerous\ngenerously\tgenerous\ngovernance\tgovernment\n",
    )
    .unwrap();
    let t = tokenizer(|s| s.english.stem_exceptions_files = vec![list.clone()]);
    assert_eq!(
        keys(&t, "general generous generously governance government"),
        [
            "general",
            "generous",
            "generous",
            "government",
            "government"
        ]
    );
}

/// Lemmas as Python lemminflect 0.2.3's `getAllLemmas` gives them: masses NOUN/VERB mass,
/// parties party, governments government, went VERB go, analyses NOUN analysis (VERB analyse:
/// the noun's wins a tie), lives NOUN life, women woman; building and politics are base forms
/// (NOUN building, NOUN politics) and stay whole; corpuscope is not in the table.
#[test]
fn lemma_and_none_modes_give_exact_keys() {
    // (word, its key with `normalize = "lemma"`, with `normalize = "none"`)
    let cases = [
        ("Masses", "mass", "masses"),
        ("parties", "party", "parties"),
        ("Governments", "government", "governments"),
        ("went", "go", "went"),
        ("analyses", "analysis", "analyses"),
        ("lives", "life", "lives"),
        ("women", "woman", "women"),
        ("building", "building", "building"),
        ("politics", "politics", "politics"),
        ("grass-roots", "grassroots", "grassroots"),
        ("corpuscope", "corpuscope", "corpuscope"),
    ];
    let text = cases.map(|(word, _, _)| word).join(" ");
    let lemma = tokenizer(|s| s.english.normalize = Normalize::Lemma);
    assert_eq!(keys(&lemma, &text), cases.map(|(_, key, _)| key));
    let none = tokenizer(|s| s.english.normalize = Normalize::None);
    assert_eq!(keys(&none, &text), cases.map(|(_, _, key)| key));
    // `tokenize.stem = false`, from configurations older than `[english]`, still turns stemming
    // off; it leaves the lemma mode alone.
    let off = tokenizer(|s| s.tokenize.stem = false);
    assert_eq!(keys(&off, "masses governments"), ["masses", "governments"]);
    let lemma_off = tokenizer(|s| {
        s.tokenize.stem = false;
        s.english.normalize = Normalize::Lemma;
    });
    assert_eq!(
        keys(&lemma_off, "masses governments"),
        ["mass", "government"]
    );
}

/// The shipped phrase `grass-roots government` is no longer merged with `grassroots governance`
/// (Snowball: both `grassroot govern`), which the corpus writes more often and which used to
/// name the merged term.
#[test]
fn grass_roots_government_is_not_grassroots_governance() {
    let corpus = crate::util::Corpus::new(&[(
        "a.txt",
        "The grassroots government serves the masses. Grassroots governance and grassroots \
         governance matter; grassroots governance works with grass-roots government and the \
         grassroots government.",
    )]);
    corpus.run(corpus.settings());
    let terms = corpus.table("terms");
    let phrase = crate::util::row(&terms, "term", "grassroots government");
    assert!(phrase.contains(&("count", "3")), "{phrase:?}");
    assert!(
        phrase.contains(&("stem", "grassroot government")),
        "{phrase:?}"
    );
    let governance = crate::util::row(&terms, "term", "governance");
    assert!(governance.contains(&("count", "3")), "{governance:?}");
    assert!(
        governance.contains(&("stem", "governance")),
        "{governance:?}"
    );
    let phrases = corpus.table("phrases");
    assert_eq!(
        phrases[1][..4],
        ["grassroots government", "en", "2", "3"].map(String::from)
    );
}
