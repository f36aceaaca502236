//! `report.xlsx` (with `output.xlsx = true`): one worksheet per table, in the order the tables
//! are written, with the header row bold and frozen, columns sized to their contents, numbers as
//! numbers, booleans as booleans and dates as dates.
//!
//! Worksheets are written in rust_xlsxwriter's constant-memory mode, row by row, so the
//! workbook does not hold the tables. Limits of Excel are kept: a table longer than a worksheet
//! (1,048,576 rows) is cut, and its last row says how many rows are left out and that the
//! Parquet file holds them; a text longer than a cell holds (32,767 characters) is cut and ends
//! with `…`; values that are not finite numbers are written as text (`NaN`, `inf`).

use std::path::Path;

use polars::prelude::*;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// Rows of a worksheet, header included.
pub const MAX_ROWS: usize = 1_048_576;
/// Characters a cell holds.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Days from Excel's epoch (1899-12-30) to 1970-01-01.
const EXCEL_DAYS_TO_UNIX_EPOCH: f64 = 25_569.0;

/// A workbook being filled one table at a time.
pub struct Report {
    workbook: Workbook,
    header: Format,
    date: Format,
    /// Rows a worksheet holds (Excel's limit; lower in tests).
    max_rows: usize,
}

/// The values of one column, as they go into cells.
enum Cells {
    Number(Float64Chunked),
    Text(StringChunked),
    Bool(BooleanChunked),
    Date(Int32Chunked),
}

fn cells(column: &Column) -> PolarsResult<Cells> {
    Ok(match column.dtype() {
        DataType::Boolean => Cells::Bool(column.bool()?.clone()),
        DataType::String => Cells::Text(column.str()?.clone()),
        DataType::Date => Cells::Date(column.date()?.physical().clone()),
        dt if dt.is_primitive_numeric() => {
            Cells::Number(column.cast(&DataType::Float64)?.f64()?.clone())
        }
        _ => Cells::Text(column.cast(&DataType::String)?.str()?.clone()),
    })
}

/// Display width of a text in Excel's character units: wide (CJK) characters count two.
fn text_width(text: &str) -> usize {
    text.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

fn cut_text(text: &str) -> String {
    if text.chars().count() <= MAX_CELL_CHARS {
        return text.to_string();
    }
    let mut out: String = text.chars().take(MAX_CELL_CHARS - 1).collect();
    out.push('…');
    out
}

impl Report {
    /// A new workbook whose worksheets are buffered in `tempdir` while it is written.
    pub fn new(tempdir: &Path) -> Result<Report, XlsxError> {
        let mut workbook = Workbook::new();
        workbook.set_tempdir(tempdir)?;
        // A fixed creation time, so the same tables give the same file.
        let properties = DocProperties::new()
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?)
            .set_author("corpuscope");
        workbook.set_properties(&properties);
        Ok(Report {
            workbook,
            header: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            max_rows: MAX_ROWS,
        })
    }

    /// Rows a worksheet holds, header included.
    pub fn max_rows(&self) -> usize {
        self.max_rows
    }

    /// Adds a worksheet holding the table `name` of `height` rows, given its first rows in
    /// `frame` (all of them, or at least [`Report::max_rows`]).
    pub fn add(&mut self, name: &str, frame: &DataFrame, height: usize) -> Result<(), String> {
        let columns: Vec<Cells> = frame
            .columns()
            .iter()
            .map(cells)
            .collect::<PolarsResult<_>>()
            .map_err(|e| e.to_string())?;
        let names: Vec<String> = frame
            .get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        let header = self.header.clone();
        let date = self.date.clone();
        let sheet = self
            .workbook
            .add_worksheet_with_constant_memory()
            .map_err(|e| e.to_string())?;
        let shape = Shape {
            height,
            held: frame.height(),
            max_rows: self.max_rows,
        };
        write_sheet(sheet, name, &names, &columns, shape, &header, &date).map_err(|e| e.to_string())
    }

    /// Writes the workbook to `path`.
    pub fn save(mut self, path: &Path) -> Result<(), String> {
        self.workbook.save(path).map_err(|e| e.to_string())
    }
}

/// A table's rows and the rows a worksheet holds.
#[derive(Clone, Copy)]
struct Shape {
    height: usize,
    /// Rows given (the first of the table).
    held: usize,
    max_rows: usize,
}

fn write_sheet(
    sheet: &mut Worksheet,
    name: &str,
    names: &[String],
    columns: &[Cells],
    shape: Shape,
    header: &Format,
    date: &Format,
) -> Result<(), XlsxError> {
    let Shape {
        height,
        held,
        max_rows,
    } = shape;
    sheet.set_name(name)?;
    // Column widths from the header and the first rows.
    const SAMPLE: usize = 200;
    for (c, (title, cells)) in names.iter().zip(columns).enumerate() {
        let mut width = text_width(title);
        for i in 0..held.min(SAMPLE) {
            let w = match cells {
                Cells::Number(v) => v.get(i).map_or(0, |x| format!("{x}").len().min(12)),
                Cells::Text(v) => v.get(i).map_or(0, text_width),
                Cells::Bool(_) => 5,
                Cells::Date(_) => 10,
            };
            width = width.max(w);
        }
        sheet.set_column_width(c as u16, (width + 2).clamp(6, 60) as f64)?;
    }
    for (c, title) in names.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, title, header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let fits = height < max_rows;
    let rows = if fits { height } else { max_rows - 2 }.min(held);
    for i in 0..rows {
        let r = (i + 1) as u32;
        for (c, cells) in columns.iter().enumerate() {
            let c = c as u16;
            match cells {
                Cells::Number(v) => match v.get(i) {
                    Some(x) if x.is_finite() => {
                        sheet.write_number(r, c, x)?;
                    }
                    Some(x) => {
                        sheet.write_string(r, c, x.to_string())?;
                    }
                    None => {}
                },
                Cells::Text(v) => {
                    if let Some(s) = v.get(i).filter(|s| !s.is_empty()) {
                        sheet.write_string(r, c, cut_text(s))?;
                    }
                }
                Cells::Bool(v) => {
                    if let Some(b) = v.get(i) {
                        sheet.write_boolean(r, c, b)?;
                    }
                }
                Cells::Date(v) => {
                    if let Some(days) = v.get(i) {
                        sheet.write_number_with_format(
                            r,
                            c,
                            f64::from(days) + EXCEL_DAYS_TO_UNIX_EPOCH,
                            date,
                        )?;
                    }
                }
            }
        }
    }
    if !fits {
        sheet.write_string(
            (max_rows - 1) as u32,
            0,
            format!(
                "… {} more rows: a worksheet holds {max_rows} rows; every row is in {name}.parquet",
                height - rows,
            ),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_double_and_long_text_is_cut() {
        assert_eq!(text_width("ab群众"), 6);
        let long = "x".repeat(MAX_CELL_CHARS + 5);
        let cut = cut_text(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(cut_text("short"), "short");
    }

    fn sheet_xml(path: &Path) -> String {
        let file = std::fs::File::open(path).unwrap();
        let mut zip = ::zip::ZipArchive::new(file).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut xml,
        )
        .unwrap();
        xml
    }

    #[test]
    fn a_table_longer_than_a_sheet_is_cut_with_a_note() {
        let dir = tempfile::tempdir().unwrap();
        let frame = DataFrame::new_infer_height(vec![
            Column::new("n".into(), (1..=5u64).collect::<Vec<_>>()),
            Column::new("s".into(), ["a", "b", "", "d", "e"]),
        ])
        .unwrap();
        let mut report = Report::new(dir.path()).unwrap();
        report.max_rows = 4;
        // The rows a worksheet holds are enough.
        report.add("terms", &frame.head(Some(4)), 5).unwrap();
        let path = dir.path().join("report.xlsx");
        report.save(&path).unwrap();
        let xml = sheet_xml(&path);
        // Header, two data rows, then the note in row 4; numbers are numbers.
        assert!(xml.contains("<pane ySplit=\"1\""), "{xml}");
        assert!(xml.contains(r#"<c r="A2"><v>1</v></c>"#), "{xml}");
        assert!(xml.contains(r#"<c r="A3"><v>2</v></c>"#), "{xml}");
        assert!(!xml.contains(r#"r="A5""#), "{xml}");
        assert!(
            xml.contains("… 3 more rows: a worksheet holds 4 rows; every row is in terms.parquet"),
            "{xml}"
        );
    }
}
