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
            "expected an integer of 0 or more",
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
