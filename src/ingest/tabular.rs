//! Tabular corpora: one document per row of a CSV, TSV, JSON Lines or Parquet file. The text
//! column is named in the configuration (`input.text_column`); every other column is carried into
//! the `documents` table as metadata, as strings.

use std::path::Path;

use polars::prelude::{DataType, ParquetReader, SerReader};

/// One row: its number (1-based data row; the line number for JSON Lines) and its text and
/// metadata, or why it cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub number: u64,
    pub content: Result<RowContent, String>,
}

/// The text of a row and its other columns, in the file's column order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowContent {
    pub text: String,
    pub metadata: Vec<(String, String)>,
}

fn missing_column(column: &str, found: &[String]) -> String {
    format!(
        "no text column `{column}` (set input.text_column; columns found: {})",
        if found.is_empty() {
            "none".to_string()
        } else {
            found.join(", ")
        }
    )
}

/// Rows of delimited text (`delimiter` b',' for CSV, b'\t' for TSV). A file-level problem (no
/// text column) is an `Err` with the reason.
pub fn delimited_rows(text: &str, delimiter: u8, column: &str) -> Result<Vec<Row>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("cannot read the header row: {e}"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let Some(text_at) = headers.iter().position(|h| h == column) else {
        return Err(missing_column(column, &headers));
    };
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let number = i as u64 + 1;
        let content = match record {
            Ok(record) => Ok(RowContent {
                text: record.get(text_at).unwrap_or_default().to_string(),
                metadata: headers
                    .iter()
                    .zip(record.iter())
                    .enumerate()
                    .filter(|&(j, _)| j != text_at)
                    .map(|(_, (h, v))| (h.clone(), v.to_string()))
                    .collect(),
            }),
            Err(e) => Err(match e.position() {
                Some(p) => format!("malformed row at line {}: {e}", p.line()),
                None => format!("malformed row: {e}"),
            }),
        };
        rows.push(Row { number, content });
    }
    Ok(rows)
}

/// Rows of JSON Lines: one JSON object a line; blank lines are ignored.
pub fn jsonl_rows(text: &str, column: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let number = i as u64 + 1;
        let content = match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(map)) => match map.get(column) {
                Some(value) => Ok(RowContent {
                    text: json_text(value),
                    metadata: map
                        .iter()
                        .filter(|(k, _)| k.as_str() != column)
                        .map(|(k, v)| (k.clone(), json_text(v)))
                        .collect(),
                }),
                None => Err(format!(
                    "line {number}: {}",
                    missing_column(column, &map.keys().cloned().collect::<Vec<_>>())
                )),
            },
            Ok(_) => Err(format!("line {number}: not a JSON object")),
            Err(e) => Err(format!("line {number}: not JSON ({e})")),
        };
        rows.push(Row { number, content });
    }
    rows
}

fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Rows of a Parquet file; every column is read as text.
pub fn parquet_rows(path: &Path, column: &str) -> Result<Vec<Row>, String> {
    // The Parquet reader can panic on a damaged file instead of returning an error: that file
    // is skipped like any other unreadable one.
    std::panic::catch_unwind(|| read_parquet(path, column))
        .unwrap_or_else(|_| Err("cannot read Parquet: the file is damaged".to_string()))
}

fn read_parquet(path: &Path, column: &str) -> Result<Vec<Row>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read file: {e}"))?;
    let df = ParquetReader::new(file)
        .finish()
        .map_err(|e| format!("cannot read Parquet: {e}"))?;
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    if !names.iter().any(|n| n == column) {
        return Err(missing_column(column, &names));
    }
    let mut columns = Vec::with_capacity(names.len());
    for name in &names {
        let series = df
            .column(name)
            .and_then(|c| c.cast(&DataType::String))
            .map_err(|e| format!("cannot read column `{name}` as text: {e}"))?;
        let values: Vec<String> = series
            .str()
            .map_err(|e| format!("cannot read column `{name}` as text: {e}"))?
            .iter()
            .map(|v| v.unwrap_or_default().to_string())
            .collect();
        columns.push(values);
    }
    let text_at = names.iter().position(|n| n == column).unwrap_or(0);
    Ok((0..df.height())
        .map(|i| Row {
            number: i as u64 + 1,
            content: Ok(RowContent {
                text: columns[text_at][i].clone(),
                metadata: names
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != text_at)
                    .map(|(j, n)| (n.clone(), columns[j][i].clone()))
                    .collect(),
            }),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_carry_metadata_and_report_malformed_rows() {
        let text = "year,text,source\n2020,\"first, text\",a\n2021,second\n2022,third,c\n";
        let rows = delimited_rows(text, b',', "text").unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[0].content,
            Ok(RowContent {
                text: "first, text".into(),
                metadata: vec![
                    ("year".into(), "2020".into()),
                    ("source".into(), "a".into())
                ],
            })
        );
        let bad = rows[1].content.as_ref().unwrap_err();
        assert!(bad.starts_with("malformed row at line 3"), "{bad}");
        assert_eq!(rows[2].content.as_ref().unwrap().text, "third");
        let err = delimited_rows(text, b',', "body").unwrap_err();
        assert_eq!(
            err,
            "no text column `body` (set input.text_column; columns found: year, text, source)"
        );
    }

    #[test]
    fn jsonl_lines_that_are_not_objects_are_reported() {
        let text = "{\"text\": \"a\", \"year\": 2020}\n\nnot json\n[1]\n{\"body\": \"b\"}\n";
        let rows = jsonl_rows(text, "text");
        assert_eq!(rows.len(), 4);
        assert_eq!(
            rows[0].content.as_ref().unwrap().metadata,
            [("year".to_string(), "2020".to_string())]
        );
        assert_eq!(rows[1].number, 3);
        assert!(
            rows[1]
                .content
                .as_ref()
                .unwrap_err()
                .starts_with("line 3: not JSON")
        );
        assert_eq!(rows[2].content, Err("line 4: not a JSON object".into()));
        assert!(
            rows[3]
                .content
                .as_ref()
                .unwrap_err()
                .contains("no text column `text`")
        );
    }
}
