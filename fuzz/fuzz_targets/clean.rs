//! Cleaning arbitrary text with the default rules: normalisation (with and without NFKC and
//! Traditional → Simplified), boilerplate lines, metadata rules and the split into paragraphs
//! and sentences never panic, and every unit range lies on character boundaries of the text.
#![no_main]

use std::sync::OnceLock;

use corpuscope::config::{Config, ParagraphBreak, Settings};
use corpuscope::ingest::{Segments, clean};
use libfuzzer_sys::fuzz_target;

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        Settings::builtin_default()
            .validate()
            .expect("default config")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let raw = String::from_utf8_lossy(rest);
    let config = config();
    let normalized = clean::normalize(&raw, flags & 1 != 0, flags & 2 != 0);
    let kept = clean::drop_lines(&normalized, &config.drop_lines);
    let (text, _fields) = clean::extract_metadata(&kept, &config.metadata_rules, true);
    let mode = if flags & 4 != 0 {
        ParagraphBreak::BlankLine
    } else {
        ParagraphBreak::Line
    };
    let units = Segments::split(&text, mode).expect("a text shorter than 4 GiB");
    for paragraph in units.paragraphs() {
        assert!(text.get(paragraph.range.clone()).is_some());
        assert_eq!(
            units.paragraph_at(paragraph.range.start).as_ref(),
            Some(&paragraph)
        );
        for sentence in paragraph.sentences() {
            assert!(text.get(sentence.range).is_some());
        }
    }
});
