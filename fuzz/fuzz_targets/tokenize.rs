//! Tokenizing arbitrary text with the default configuration never panics; every token lies on
//! character boundaries inside the text, is its surface form, in order, with a non-empty key.
#![no_main]

use std::sync::OnceLock;

use corpuscope::config::Settings;
use corpuscope::tokenize::Tokenizer;
use libfuzzer_sys::fuzz_target;

fn tokenizer() -> &'static Tokenizer {
    static TOKENIZER: OnceLock<Tokenizer> = OnceLock::new();
    TOKENIZER.get_or_init(|| {
        let config = Settings::builtin_default()
            .validate()
            .expect("default config");
        Tokenizer::new(&config)
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut previous_end = 0;
    for token in tokenizer().tokens(&text) {
        assert_eq!(text.get(token.range.clone()), Some(token.surface.as_str()));
        assert!(token.range.start >= previous_end && token.range.start < token.range.end);
        assert!(!token.key.trim().is_empty() && !token.form.is_empty());
        previous_end = token.range.end;
    }
});
