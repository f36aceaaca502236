//! Word filters: the small steps that decide whether a word cut from a text is kept, one type a
//! file, each with a `keep` method (or, for the script filter, `lang`) and its tests.
//!
//! [`Tokenizer`](super::Tokenizer) composes them statically, in this order:
//! - a Han word: [`PartOfSpeech`] (while jieba segments, only with `tokenize.zh_pos`), then
//!   [`NonBlank`], [`Stopwords`], and [`MinLength`] (`tokenize.zh_min_length`) unless
//!   [`KeepSingle`] lists the word;
//! - any other word: lowercased, [`Stopwords`]; its possessive stripped, [`MinLength`]
//!   (`tokenize.min_word_length`) and [`Stopwords`] again; then [`ScriptFilter`] tells an
//!   English word (stemmed) from one of another script (kept whole, or dropped with
//!   `tokenize.other_scripts = "drop"`).
//!
//! A filter reads a borrowed word and allocates nothing; its methods are small and inlined, so
//! the chain costs what the same tests written inline cost.

pub mod blank;
pub mod keep_single;
pub mod length;
pub mod other_scripts;
pub mod part_of_speech;
pub mod stopwords;

pub use blank::NonBlank;
pub use keep_single::KeepSingle;
pub use length::MinLength;
pub use other_scripts::ScriptFilter;
pub use part_of_speech::PartOfSpeech;
pub use stopwords::Stopwords;
