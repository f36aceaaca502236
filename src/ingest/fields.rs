//! Metadata values read as typed values: the year, or the year and month, a value holds, and the
//! items of a list field.
//!
//! Part of ingest, beside the readers that fill [`Document::metadata`]: the bibliographic reader
//! takes a record's year, authors and keywords apart with these parsers, and the later stages
//! read a document's typed values through [`Document::year_in`] and [`Document::list_in`] (or
//! parse a value they already have with [`year`] and [`year_month`]) rather than reading the
//! text of a field themselves.

use crate::ingest::Document;

impl Document {
    /// The year of the first of the metadata fields `names` that holds one (see [`year`]).
    pub fn year_in(&self, names: &[String]) -> Option<i32> {
        self.fields(names)
            .find_map(|v| year(v).and_then(|y| y.parse().ok()))
    }

    /// The items of the metadata field `name` (its first entry, empty or not), split as a
    /// keyword list by [`split_list`] with commas; none when the document has no such field.
    pub fn list_in(&self, name: &str) -> Vec<String> {
        self.metadata
            .iter()
            .find(|(k, _)| k == name)
            .map_or_else(Vec::new, |(_, value)| split_list(value, true))
    }
}

/// Splits a keyword or author field: on `;` and `；` if it holds one, else (when `commas`) on `,`
/// and `，`; items trimmed, empty ones dropped.
pub fn split_list(value: &str, commas: bool) -> Vec<String> {
    let semicolon = value.contains([';', '；']);
    let parts: Vec<&str> = if semicolon {
        value.split([';', '；']).collect()
    } else if commas {
        value.split([',', '，']).collect()
    } else {
        vec![value]
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// The first four-digit year (1000–2999) in a value: `2020///`, `2020-05-01`, `JAN 2020`.
pub fn year(value: &str) -> Option<&str> {
    year_at(value).map(|i| &value[i..i + 4])
}

/// The first year in a value and the month that follows it after a separator (`-`, `/`, `.`
/// or `年`) as one or two digits, 1 to 12: `2024-02-28`, `2024/2/28`, `2024年2月28日`. `None`
/// when the first year is not followed by a month.
pub fn year_month(value: &str) -> Option<(&str, u32)> {
    let start = year_at(value)?;
    let year = &value[start..start + 4];
    // A separator, then one or two digits of month.
    let rest = value[start + 4..].strip_prefix(['-', '/', '.', '年'])?;
    let len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&len) {
        return None;
    }
    let month: u32 = rest[..len].parse().ok()?;
    (1..=12).contains(&month).then_some((year, month))
}

/// The byte offset of the first year in a value: four digits, the first 1 or 2, with no digit
/// on either side.
fn year_at(value: &str) -> Option<usize> {
    let b = value.as_bytes();
    (0..b.len().saturating_sub(3)).find(|&i| {
        let digits = &b[i..i + 4];
        let before = i == 0 || !b[i - 1].is_ascii_digit();
        let after = b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        before && after && digits.iter().all(u8::is_ascii_digit) && matches!(b[i], b'1' | b'2')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_lists() {
        assert_eq!(year("2020///"), Some("2020"));
        assert_eq!(year("JAN 1999"), Some("1999"));
        assert_eq!(year("12345"), None);
        assert_eq!(split_list("a; b；c;", true), ["a", "b", "c"]);
        assert_eq!(split_list("a, b，c", true), ["a", "b", "c"]);
        assert_eq!(split_list("Smith, J", false), ["Smith, J"]);
    }

    #[test]
    fn months_follow_the_first_year() {
        assert_eq!(year_month("2024/2/28"), Some(("2024", 2)));
        assert_eq!(year_month("2022年11月28日"), Some(("2022", 11)));
        assert_eq!(year_month("2024-13-01"), None);
        assert_eq!(year_month("2024 and 2023-05"), None);
    }

    #[test]
    fn documents_give_typed_values() {
        let doc = Document {
            metadata: vec![
                ("date".to_string(), "spring".to_string()),
                ("year".to_string(), " 2021 ".to_string()),
                ("keywords".to_string(), "a, b; c".to_string()),
            ],
            ..Document::default()
        };
        let names = ["date".to_string(), "year".to_string()];
        assert_eq!(doc.year_in(&names), Some(2021));
        assert_eq!(doc.year_in(&names[..1]), None);
        assert_eq!(doc.list_in("keywords"), ["a, b", "c"]);
        assert!(doc.list_in("authors").is_empty());
    }
}
