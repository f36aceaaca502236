//! `documents`: one row per input file or row, with one column per metadata field after the
//! fixed ones (date fields as dates).

use polars::prelude::*;

use super::ColumnType::{F64, Str, U32, U64};
use super::{Builder, TableSpec, col, named, values};
use crate::analysis::Results;

pub(super) const DOCUMENTS: TableSpec = TableSpec {
    name: "documents",
    columns: &[
        col("doc_id", U32),
        col("path", Str),
        col("row", U64),
        col("title", Str),
        col("status", Str),
        col("skip_reason", Str),
        col("duplicate_of", U32),
        col("encoding", Str),
        col("decode_errors", U64),
        col("bytes", U64),
        col("chars", U64),
        col("tokens", U64),
        col("unique_terms", U64),
        col("zh_share", F64),
    ],
    build: Builder::Whole(documents),
    build_csv: None,
};

/// The metadata fields of the corpus, in order of first appearance.
pub fn metadata_fields(docs: &[crate::ingest::Document]) -> Vec<String> {
    let mut fields: Vec<String> = Vec::new();
    for doc in docs {
        for (k, _) in &doc.metadata {
            if !fields.contains(k) {
                fields.push(k.clone());
            }
        }
    }
    fields
}

/// One row per input file or row, skipped ones included, in doc_id order; then one column per
/// metadata field (empty where a document has none). A field named like a fixed column is
/// written as `meta_<name>`.
fn documents(r: &Results) -> PolarsResult<DataFrame> {
    let d = &r.docs;
    let mut columns = named(
        DOCUMENTS.columns,
        vec![
            values(d.iter().map(|x| x.doc_id)),
            values(d.iter().map(|x| x.path.as_str())),
            values(d.iter().map(|x| x.row)),
            values(d.iter().map(|x| x.title.as_str())),
            values(d.iter().map(|x| x.status.label())),
            values(d.iter().map(|x| x.status.reason())),
            values(d.iter().map(|x| x.duplicate_of)),
            values(d.iter().map(|x| x.encoding.as_str())),
            values(d.iter().map(|x| x.decode_errors)),
            values(d.iter().map(|x| x.bytes)),
            values((0..d.len()).map(|i| r.texts.chars(i))),
            values(r.freqs.doc_tokens.clone()),
            values(r.freqs.unique_terms.clone()),
            values(r.zh_share.clone()),
        ],
    )?;
    for field in metadata_fields(d) {
        let name = if DOCUMENTS.columns.iter().any(|c| c.name == field) {
            format!("meta_{field}")
        } else {
            field.clone()
        };
        let values: Vec<&str> = d
            .iter()
            .map(|x| {
                x.metadata
                    .iter()
                    .find(|(k, _)| *k == field)
                    .map_or("", |(_, v)| v.as_str())
            })
            .collect();
        columns.push(match date_column(&values) {
            Some(days) => Column::new(name.as_str().into(), days).cast(&DataType::Date)?,
            None => Column::new(name.as_str().into(), values),
        });
    }
    DataFrame::new_infer_height(columns)
}

/// Days since 1970-01-01 of an ISO date `YYYY-MM-DD` (years 1000 to 9999), if it is one.
pub fn iso_date_days(text: &str) -> Option<i32> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())
            .flatten()
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if y < 1000 || !(1..=12).contains(&m) || d < 1 || d > month_days[(m - 1) as usize] {
        return None;
    }
    // Days from civil (H. Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146_097 + doe - 719_468).ok()
}

/// A metadata column whose every non-empty value is an ISO date (and which has one) is written
/// as a date column: the days of each value, empty values missing.
fn date_column(values: &[&str]) -> Option<Vec<Option<i32>>> {
    let mut any = false;
    let mut days = Vec::with_capacity(values.len());
    for v in values {
        if v.is_empty() {
            days.push(None);
        } else {
            days.push(Some(iso_date_days(v)?));
            any = true;
        }
    }
    any.then_some(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_to_days() {
        assert_eq!(iso_date_days("1970-01-01"), Some(0));
        assert_eq!(iso_date_days("1970-01-02"), Some(1));
        assert_eq!(iso_date_days("2000-03-01"), Some(11_017));
        assert_eq!(iso_date_days("2024-02-29"), Some(19_782));
        assert_eq!(iso_date_days("2023-02-29"), None);
        assert_eq!(iso_date_days("1900-02-29"), None);
        assert_eq!(iso_date_days("2024-13-01"), None);
        assert_eq!(iso_date_days("2024-1-01"), None);
        assert_eq!(iso_date_days("２０２４-01-01"), None);
        assert_eq!(iso_date_days("2024-02-28 "), None);
    }

    #[test]
    fn a_column_of_dates_and_blanks_is_a_date_column() {
        assert_eq!(
            date_column(&["2024-02-28", "", "1970-01-01"]),
            Some(vec![Some(19_781), None, Some(0)])
        );
        assert_eq!(date_column(&["", ""]), None);
        assert_eq!(date_column(&["2024-02-28", "soon"]), None);
    }
}
