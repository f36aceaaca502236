//! The configuration battery: every key given a value of the wrong type, every section given an
//! unknown key, and every bounded key given an impossible value; each is refused before any
//! work with a message naming the key and what is allowed.

use corpuscope::config::Settings;

/// The default settings as a TOML table: every section and key.
fn default_table() -> toml::Table {
    toml::Table::try_from(Settings::default()).expect("settings serialise to TOML")
}

fn wrong_type(value: &toml::Value) -> toml::Value {
    match value {
        toml::Value::String(_) | toml::Value::Array(_) => toml::Value::Integer(7),
        _ => toml::Value::String("seven".into()),
    }
}

#[test]
fn every_key_with_a_wrong_type_is_refused_naming_the_key() {
    let table = default_table();
    let mut checked = 0;
    for (section, keys) in &table {
        let keys = keys.as_table().expect("sections are tables");
        for (key, value) in keys {
            let mut bad = table.clone();
            bad[section.as_str()][key.as_str()] = wrong_type(value);
            let text = toml::to_string(&bad).unwrap();
            let err = Settings::from_toml(&text, "bad.toml")
                .expect_err(&format!("{section}.{key} accepted a wrong type"))
                .to_string();
            assert!(
                err.contains(&format!("`{section}.{key}`")) && err.contains("expected"),
                "{section}.{key}: {err}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 50, "only {checked} keys");
}

#[test]
fn an_unknown_key_in_any_section_is_refused_listing_the_known_ones() {
    let table = default_table();
    for (section, keys) in &table {
        let first_key = keys.as_table().unwrap().keys().next().unwrap().clone();
        let mut bad = table.clone();
        bad[section.as_str()]
            .as_table_mut()
            .unwrap()
            .insert("bogus".into(), toml::Value::Integer(1));
        let text = toml::to_string(&bad).unwrap();
        let err = Settings::from_toml(&text, "bad.toml")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!("`{section}.bogus`"))
                && err.contains("unknown field")
                && err.contains(&format!("`{first_key}`")),
            "{section}: {err}"
        );
    }
    let err = Settings::from_toml("[bogus]\nx = 1\n", "bad.toml")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("unknown field `bogus`") && err.contains("`themes`"),
        "{err}"
    );
}

#[test]
fn impossible_values_are_refused_naming_the_key_and_what_is_allowed() {
    let cases: &[(&str, &str, &str)] = &[
        ("input", "paths", "[]"),
        ("input", "extensions", "[]"),
        ("input", "extensions", "[\"a/b\"]"),
        ("input", "include", "[\"a[\"]"),
        ("input", "encoding", "\"klingon\""),
        ("input", "text_column", "\"\""),
        ("input", "max_file_bytes", "0"),
        ("output", "dir", "\"\""),
        ("run", "threads", "2000"),
        ("clean", "drop_lines", "[\"(\"]"),
        ("metadata", "rules", "[\"no group\"]"),
        ("tokenize", "min_word_length", "0"),
        ("tokenize", "zh_min_length", "0"),
        ("tokenize", "zh_pos", "[\"n1\"]"),
        ("tokenize", "max_vocabulary", "0"),
        ("tokenize", "max_vocabulary", "4000000001"),
        ("tokenize", "stopword_files", "[\"/no/such/file.txt\"]"),
        ("tokenize", "dictionary_files", "[\"/no/such/dict.txt\"]"),
        (
            "english",
            "stem_exceptions_files",
            "[\"/no/such/list.txt\"]",
        ),
        ("phrases", "min_count", "0"),
        ("phrases", "threshold", "1.5"),
        ("phrases", "user_files", "[\"/no/such/phrases.txt\"]"),
        ("keywords", "top_n", "0"),
        ("doc_terms", "min_count", "0"),
        ("cooccurrence", "window", "0"),
        ("cooccurrence", "top_terms", "1"),
        ("cooccurrence", "min_count", "0"),
        ("themes", "k", "0"),
        ("themes", "k_min", "1"),
        ("themes", "k_max", "1"),
        ("themes", "examples", "1001"),
        ("themes", "min_unit_tokens", "0"),
        ("themes", "min_df", "0"),
        ("themes", "max_terms", "1"),
        ("themes", "restarts", "0"),
        ("themes", "sample", "50"),
        ("themes", "max_iter", "0"),
        ("themes", "top_terms", "0"),
        ("themes", "tolerance", "1.0"),
    ];
    for (section, key, value) in cases {
        let text = format!("[{section}]\n{key} = {value}\n");
        let settings = Settings::from_toml(&text, "bad.toml")
            .unwrap_or_else(|e| panic!("{section}.{key} = {value} does not parse: {e}"));
        let err = settings
            .validate()
            .expect_err(&format!("{section}.{key} = {value} accepted"))
            .to_string();
        assert!(
            err.contains(&format!("{section}.{key}")),
            "{section}.{key}: {err}"
        );
        let says_what_is_allowed = err.contains("allowed") || err.contains("cannot load");
        assert!(says_what_is_allowed, "{section}.{key}: {err}");
    }
}

#[test]
fn keyness_correction_is_one_of_its_names() {
    let err = Settings::from_toml("[keyness]\ncorrection = \"always\"\n", "bad.toml")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "invalid config bad.toml: `keyness.correction`: unknown variant `always`, expected one \
         of `quanteda`, `yates`, `none`"
    );
    for name in ["quanteda", "yates", "none"] {
        let text = format!("[keyness]\ncorrection = \"{name}\"\n");
        Settings::from_toml(&text, "ok.toml")
            .unwrap()
            .validate()
            .unwrap();
    }
}

#[test]
fn doc_terms_and_csv_limits_are_checked_naming_the_key() {
    // Out of range, refused when the configuration is checked.
    for (text, key) in [
        ("[doc_terms]\nmin_count = 0\n", "doc_terms.min_count"),
        (
            "[doc_terms]\nmin_count = 4294967296\n",
            "doc_terms.min_count",
        ),
    ] {
        let err = Settings::from_toml(text, "bad.toml")
            .unwrap()
            .validate()
            .expect_err(text)
            .to_string();
        assert_eq!(
            err,
            format!(
                "invalid config value for `{key}`: {} is out of range; allowed: an integer from 1 \
                 to 4294967295 (1 keeps every term of a document)",
                text.trim_end().rsplit(' ').next().unwrap()
            )
        );
    }
    // Negative counts and wrong types, refused when the text is read.
    for (text, key, expected) in [
        (
            "[doc_terms]\ntop_n = -1\n",
            "doc_terms.top_n",
            "expected an integer of 0 or more",
        ),
        (
            "[doc_terms]\nmax_rows = -5\n",
            "doc_terms.max_rows",
            "expected an integer of 0 or more",
        ),
        (
            "[output]\ncsv_max_rows = -1\n",
            "output.csv_max_rows",
            "expected an integer of 0 or more",
        ),
        (
            "[doc_terms]\nmin_count = 1.5\n",
            "doc_terms.min_count",
            "expected an integer from 1 to 4294967295 (1 keeps every term of a document)",
        ),
        (
            "[doc_terms]\nmax_rows = \"all\"\n",
            "doc_terms.max_rows",
            "expected an integer of 0 or more",
        ),
        (
            "[output]\ncsv_max_rows = \"excel\"\n",
            "output.csv_max_rows",
            "expected an integer of 0 or more",
        ),
        (
            "[doc_terms]\nparquet_all = \"yes\"\n",
            "doc_terms.parquet_all",
            "expected true or false",
        ),
    ] {
        let err = Settings::from_toml(text, "bad.toml")
            .expect_err(text)
            .to_string();
        assert!(
            err.contains(&format!("`{key}`")) && err.contains(expected),
            "{text}: {err}"
        );
    }
    // An unknown key beside them lists the known ones.
    let err = Settings::from_toml("[doc_terms]\nmax_row = 5\n", "bad.toml")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("`doc_terms.max_row`")
            && err.contains("expected one of `min_count`, `top_n`, `max_rows`, `parquet_all`"),
        "{err}"
    );
    let err = Settings::from_toml("[output]\ncsv_rows = 5\n", "bad.toml")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("`output.csv_rows`") && err.contains("`csv_max_rows`"),
        "{err}"
    );
    // The limits' extremes are accepted: 0 for no limit.
    let ok = Settings::from_toml(
        "[doc_terms]\nmin_count = 4294967295\ntop_n = 0\nmax_rows = 0\nparquet_all = true\n\
         [output]\ncsv_max_rows = 0\n",
        "ok.toml",
    )
    .unwrap();
    ok.validate().expect("valid limits");
}

#[test]
fn english_normalize_and_stem_exception_lists_are_checked() {
    let err = Settings::from_toml("[english]\nnormalize = \"lemmatize\"\n", "bad.toml")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "invalid config bad.toml: `english.normalize`: unknown variant `lemmatize`, expected one \
         of `stem`, `lemma`, `none`"
    );
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("exceptions.txt");
    std::fs::write(&list, "# mine\ngovernance\tgovernance\ngovernment\n").unwrap();
    let mut s = Settings::builtin_default();
    s.english.stem_exceptions_files = vec![list.clone()];
    let err = s.validate().unwrap_err().to_string();
    assert_eq!(
        err,
        format!(
            "cannot load stem exception list {} (from `english.stem_exceptions_files[0]`): line \
             3: \"government\" is not a pair; expected `word<TAB>key`",
            list.display()
        )
    );
}

/// A numeric key's bound as validation enforces it: values refused, values accepted, the words
/// every message about the key gives for what is allowed, and settings the accepted values need
/// beside them (a largest `top_terms` needs room in `max_pairs`).
struct Bound {
    key: &'static str,
    refused: &'static [&'static str],
    accepted: &'static [&'static str],
    allowed: &'static str,
    beside: &'static str,
}

const fn bound(
    key: &'static str,
    refused: &'static [&'static str],
    accepted: &'static [&'static str],
    allowed: &'static str,
) -> Bound {
    Bound {
        key,
        refused,
        accepted,
        allowed,
        beside: "",
    }
}

/// Every numeric key, with the bound worked out from what each stage needs (the README and
/// config/default.toml state the same).
#[rustfmt::skip]
const BOUNDS: &[Bound] = &[
    bound("input.max_file_bytes", &["0", "-1"], &["1"], "an integer of 1 or more (bytes)"),
    bound("output.csv_max_rows", &["-1"], &["0"], "an integer of 0 or more (0: no limit)"),
    bound("run.threads", &["1025", "-1"], &["0", "1024"], "an integer from 0 to 1024 (0: one per core)"),
    bound("run.seed", &["-1"], &["0"], "an integer of 0 or more"),
    bound("tokenize.min_word_length", &["0", "101", "-1"], &["1", "100"], "an integer from 1 to 100"),
    bound("tokenize.zh_min_length", &["0", "101", "-1"], &["1", "100"], "an integer from 1 to 100"),
    bound("tokenize.max_vocabulary", &["0", "4000000001"], &["1", "4000000000"], "an integer from 1 to 4000000000"),
    bound("phrases.min_count", &["0", "-1"], &["1"], "an integer of 1 or more"),
    bound("phrases.threshold", &["-1.5", "1.5", "nan"], &["-1.0", "1.0"], "a number from -1 to 1 (NPMI)"),
    bound("doc_terms.min_count", &["0", "4294967296", "-1"], &["1", "4294967295"], "an integer from 1 to 4294967295 (1 keeps every term of a document)"),
    bound("doc_terms.top_n", &["-1"], &["0"], "an integer of 0 or more (0: no per-document limit)"),
    bound("doc_terms.max_rows", &["-1"], &["0"], "an integer of 0 or more (0: no limit)"),
    bound("keywords.top_n", &["0", "10001", "-1"], &["1", "10000"], "an integer from 1 to 10000"),
    bound("keywords.span", &["1", "101", "-1"], &["2", "100"], "an integer from 2 to 100"),
    bound("cooccurrence.window", &["0", "101", "-1"], &["1", "100"], "an integer from 1 to 100"),
    Bound { beside: "max_pairs = 500000000\n", ..bound("cooccurrence.top_terms", &["1", "20001", "-1"], &["2", "20000"], "an integer from 2 to 20000") },
    bound("cooccurrence.min_term_count", &["0", "-1"], &["1"], "an integer of 1 or more"),
    bound("cooccurrence.min_count", &["0", "-1"], &["1"], "an integer of 1 or more"),
    Bound { beside: "top_terms = 2\n", ..bound("cooccurrence.max_pairs", &["0", "500000001", "-1"], &["1", "500000000"], "an integer from 1 to 500000000") },
    bound("network.edges", &["100001", "-1"], &["0", "100000"], "an integer from 0 to 100000 (0: every pair passing network.min_value)"),
    bound("network.min_value", &["nan", "inf", "-inf"], &["-5.0", "0.0"], "a finite number such as 0 or 0.1"),
    bound("network.resolution", &["0.0", "-1.0", "100.5", "nan"], &["0.001", "100.0"], "a number above 0 and at most 100 (1 is plain modularity)"),
    bound("keyness.top_n", &["0", "100001", "-1"], &["1", "100000"], "an integer from 1 to 100000"),
    bound("keyness.min_count", &["0", "-1"], &["1"], "an integer of 1 or more"),
    bound("trends.top_terms", &["0", "10001", "-1"], &["1", "10000"], "an integer from 1 to 10000"),
    bound("kwic.top_keywords", &["10001", "-1"], &["0", "10000"], "an integer from 0 to 10000 (0 writes no rows)"),
    bound("kwic.width", &["0", "1001", "-1"], &["1", "1000"], "an integer from 1 to 1000"),
    bound("kwic.max_lines", &["0", "1000001", "-1"], &["1", "1000000"], "an integer from 1 to 1000000"),
    bound("themes.k", &["0", "1001", "-1", "\"four\""], &["1", "1000", "\"auto\""], "an integer from 1 to 1000, or \"auto\""),
    Bound { beside: "k_max = 1000\n", ..bound("themes.k_min", &["1", "1001", "-1"], &["2", "1000"], "an integer from 2 to 1000") },
    bound("themes.k_max", &["1", "1001", "-1"], &["2", "1000"], "an integer from 2 to 1000, and not below themes.k_min"),
    bound("themes.min_unit_tokens", &["0", "100001", "-1"], &["1", "100000"], "an integer from 1 to 100000"),
    bound("themes.min_df", &["0", "1000001", "-1"], &["1", "1000000"], "an integer from 1 to 1000000"),
    bound("themes.max_terms", &["1", "1000001", "-1"], &["2", "1000000"], "an integer from 2 to 1000000"),
    bound("themes.restarts", &["0", "1001", "-1"], &["1", "1000"], "an integer from 1 to 1000"),
    bound("themes.sample", &["1", "99", "1000000001", "-1"], &["0", "100", "1000000000"], "0 (every restart on every unit) or an integer from 100 to 1000000000"),
    bound("themes.max_iter", &["0", "100001", "-1"], &["1", "100000"], "an integer from 1 to 100000"),
    bound("themes.tolerance", &["-0.1", "1.0", "nan"], &["0.0", "0.999"], "a number of 0 (run to convergence) or more, and below 1"),
    bound("themes.top_terms", &["0", "1001", "-1"], &["1", "1000"], "an integer from 1 to 1000"),
    bound("themes.examples", &["1001", "-1"], &["0", "1000"], "an integer from 0 to 1000"),
    bound("bursts.top_terms", &["100001", "-1"], &["0", "100000"], "an integer from 0 to 100000 (0: no bursts)"),
    bound("bursts.s", &["1.0", "0.5", "inf"], &["1.01"], "a number above 1 (the burst rate is s times the base rate)"),
    bound("bursts.gamma", &["-0.5", "inf"], &["0.0"], "a number of 0 or more"),
];

/// The message for `value` of `section.key`, from reading the text or from checking it.
fn refusal(section: &str, key: &str, value: &str, beside: &str) -> String {
    let text = format!("[{section}]\n{beside}{key} = {value}\n");
    match Settings::from_toml(&text, "bad.toml") {
        Err(e) => e.to_string(),
        Ok(settings) => settings
            .validate()
            .expect_err(&format!("{section}.{key} = {value} accepted"))
            .to_string(),
    }
}

#[test]
fn every_bounded_key_states_the_bound_it_enforces() {
    for b in BOUNDS {
        let (section, key) = b.key.split_once('.').unwrap();
        for value in b.refused {
            let err = refusal(section, key, value, b.beside);
            // Out of range: the checks' message. Negative, or of the wrong type: the reader's,
            // which states the same allowed values.
            let range = format!(
                "invalid config value for `{}`: {} is out of range; allowed: {}",
                b.key,
                value
                    .parse::<f64>()
                    .map_or(value.to_string(), |v| v.to_string()),
                b.allowed
            );
            let read = format!("`{}`: invalid ", b.key);
            let says_bound = err == range
                || (err.contains(&read) && err.ends_with(&format!("expected {}", b.allowed)));
            assert!(
                says_bound,
                "{} = {value}: {err}\n  want: {}",
                b.key, b.allowed
            );
        }
        // A string where a number goes: the reader names the key and the same values.
        let err = refusal(section, key, "\"seven\"", b.beside);
        assert!(
            err.ends_with(&format!(
                "`{}`: invalid value: string \"seven\", expected {}",
                b.key, b.allowed
            )) || err.ends_with(&format!(
                "`{}`: invalid type: string \"seven\", expected {}",
                b.key, b.allowed
            )),
            "{} = \"seven\": {err}",
            b.key
        );
        for value in b.accepted {
            let text = format!("[{section}]\n{}{key} = {value}\n", b.beside);
            Settings::from_toml(&text, "ok.toml")
                .and_then(Settings::validate)
                .unwrap_or_else(|e| panic!("{} = {value} refused: {e}", b.key));
        }
    }
    // themes.k_max below a larger k_min states that k_min.
    assert_eq!(
        refusal("themes", "k_max", "4", "k_min = 5\n"),
        "invalid config value for `themes.k_max`: 4 is out of range; allowed: an integer from \
         5 to 1000, and not below themes.k_min"
    );
}

#[test]
fn every_numeric_key_has_its_bound_checked_and_documented() {
    let table = default_table();
    for (section, keys) in &table {
        for (key, value) in keys.as_table().unwrap() {
            if value.is_integer() || value.is_float() {
                let name = format!("{section}.{key}");
                assert!(
                    BOUNDS.iter().any(|b| b.key == name),
                    "{name} has no bound in BOUNDS"
                );
            }
        }
    }
    // config/default.toml says each bound in the comment above the key (or above the key lines
    // just before it, for keys described together).
    let shipped = corpuscope::config::DEFAULT_TOML;
    for b in BOUNDS {
        let Some(range) = documented_range(b.allowed) else {
            continue;
        };
        let comment = comment_above(shipped, b.key);
        assert!(
            comment.contains(&range),
            "config/default.toml does not say \"{range}\" above {}: {comment}",
            b.key
        );
    }
}

/// The words config/default.toml uses for a bound: `1 to 100`, `1 or more`, or the number
/// phrase; None when any value of the type is allowed (nothing to say).
fn documented_range(allowed: &str) -> Option<String> {
    let words: Vec<&str> = allowed.split(' ').collect();
    match words.as_slice() {
        ["an", "integer", "of", "0", "or", "more", ..] => None,
        ["an", "integer", "of", min, "or", "more", ..] => Some(format!("{min} or more")),
        ["an", "integer", "from", min, "to", max, ..] => {
            Some(format!("{min} to {}", max.trim_end_matches(',')))
        }
        _ if allowed.starts_with("0 (every restart") => Some("100 to 1000000000".into()),
        _ if allowed.starts_with("a finite number") => None,
        ["a", "number", "from", min, "to", max, ..] => Some(format!("{min} to {max}")),
        ["a", "number", "above", low, "and", "at", "most", high, ..] => {
            Some(format!("above {low}, at most {high}"))
        }
        ["a", "number", "above", low, ..] => Some(format!("above {low}")),
        ["a", "number", "of", low, "or", "more"] => Some(format!("{low} or more")),
        _ if allowed.ends_with("and below 1") => Some("below 1".into()),
        _ => panic!("no documented form for {allowed:?}"),
    }
}

/// The comment lines above `section.key` in a configuration text.
fn comment_above(text: &str, name: &str) -> String {
    let (section, key) = name.split_once('.').unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let header = format!("[{section}]");
    let start = lines
        .iter()
        .position(|l| l.trim() == header)
        .unwrap_or_else(|| panic!("no {header}"));
    let at = (start..lines.len())
        .find(|&i| lines[i].starts_with(&format!("{key} =")))
        .unwrap_or_else(|| panic!("no {name}"));
    let mut i = at;
    while i > start && !lines[i - 1].starts_with('#') {
        i -= 1;
    }
    let mut comment = Vec::new();
    while i > start && lines[i - 1].starts_with('#') {
        i -= 1;
        comment.push(lines[i].trim_start_matches('#').trim());
    }
    comment.reverse();
    comment.join(" ")
}
