//! The output tables, built from a run's results. Each table's rows are sorted so that the same
//! input and configuration give the same bytes whatever the thread count.
//!
//! Each table is declared once, as a [`TableSpec`] in the file of its group: its name, its
//! columns in order with their types (the output contract, OUTPUTS.md, which a test checks
//! against these declarations), and the function that builds its rows. The builders give the
//! columns' values in the declared order and `frame` names them from the declaration.

use std::ops::Range;

use polars::prelude::*;

use crate::analysis::Results;

mod bursts;
mod cooccurrence;
mod documents;
mod keyness;
mod keywords;
mod kwic;
mod phrases;
mod terms;
mod theme_map;
mod themes;
mod tokens;
mod trends;
mod units;

pub use documents::{iso_date_days, metadata_fields};
pub use themes::excerpt;

/// A named table.
#[derive(Debug, Clone)]
pub struct Table {
    pub name: &'static str,
    /// Every row: the Parquet file's, and the CSV file's unless `csv` is set.
    pub frame: DataFrame,
    /// The CSV file's rows when the Parquet file holds more (`doc_terms` with
    /// `doc_terms.parquet_all`): the rows the limits keep.
    pub csv: Option<DataFrame>,
}

impl Table {
    /// A table whose CSV and Parquet files hold the same rows.
    pub fn new(name: &'static str, frame: DataFrame) -> Table {
        Table {
            name,
            frame,
            csv: None,
        }
    }

    /// The rows meant for the CSV file (and the workbook), before `output.csv_max_rows`.
    pub fn csv_frame(&self) -> &DataFrame {
        self.csv.as_ref().unwrap_or(&self.frame)
    }
}

/// Separator of list-valued cells (`themes.top_terms`).
pub const LIST_SEPARATOR: &str = "; ";

/// A column's type, named as OUTPUTS.md names it (whether it can be null is not part of it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    U32,
    U64,
    I32,
    F64,
    Bool,
    Str,
}

impl ColumnType {
    /// The type's name in OUTPUTS.md: `u32`, `u64`, `i32`, `f64`, `bool`, `str`.
    pub fn name(self) -> &'static str {
        match self {
            ColumnType::U32 => "u32",
            ColumnType::U64 => "u64",
            ColumnType::I32 => "i32",
            ColumnType::F64 => "f64",
            ColumnType::Bool => "bool",
            ColumnType::Str => "str",
        }
    }

    fn dtype(self) -> DataType {
        match self {
            ColumnType::U32 => DataType::UInt32,
            ColumnType::U64 => DataType::UInt64,
            ColumnType::I32 => DataType::Int32,
            ColumnType::F64 => DataType::Float64,
            ColumnType::Bool => DataType::Boolean,
            ColumnType::Str => DataType::String,
        }
    }
}

/// One column of a table: its name and type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    pub name: &'static str,
    pub ty: ColumnType,
}

/// A column declaration, for the tables' lists.
const fn col(name: &'static str, ty: ColumnType) -> ColumnSpec {
    ColumnSpec { name, ty }
}

/// The values of one column, unnamed: [`frame`] names it from the table's declaration.
fn values<V>(values: impl IntoIterator<Item = V>) -> Column
where
    Series: NamedFrom<Vec<V>, [V]>,
{
    Column::new(PlSmallStr::EMPTY, values.into_iter().collect::<Vec<V>>())
}

/// `values` named by `columns`, one for one in order; each must be of its declared type.
fn named(columns: &[ColumnSpec], values: Vec<Column>) -> PolarsResult<Vec<Column>> {
    polars_ensure!(
        columns.len() == values.len(),
        ShapeMismatch: "{} columns declared, {} built", columns.len(), values.len()
    );
    columns
        .iter()
        .zip(values)
        .map(|(c, v)| {
            polars_ensure!(
                *v.dtype() == c.ty.dtype(),
                SchemaMismatch: "column `{}` is declared {} but built as {}", c.name, c.ty.name(), v.dtype()
            );
            Ok(v.with_name(c.name.into()))
        })
        .collect()
}

/// A table's frame: `values` named by its declared `columns`, in their order.
fn frame(columns: &[ColumnSpec], values: Vec<Column>) -> PolarsResult<DataFrame> {
    DataFrame::new_infer_height(named(columns, values)?)
}

/// How one table is built from a run's results.
#[derive(Debug, Clone, Copy)]
pub enum Builder {
    /// All of its rows at once.
    Whole(fn(&Results) -> PolarsResult<DataFrame>),
    /// The rows of a range of documents (indexes into the run's documents) at a time: the
    /// table is the parts of consecutive ranges laid end to end. The tables with rows per
    /// document or per unit are built so, and so written part by part, which keeps the memory
    /// they take to a part's, whatever the corpus's size.
    ByDocuments(fn(&Results, Range<usize>) -> PolarsResult<DataFrame>),
}

/// Documents per part of a table built [`Builder::ByDocuments`].
pub const DOCUMENTS_PER_PART: usize = 4096;

/// One table of the output contract: its name, its columns in order, how its rows are built,
/// and how the CSV file's rows are built when the Parquet file holds more (`doc_terms` with
/// `doc_terms.parquet_all`; both built the same way).
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    pub name: &'static str,
    /// Its columns, in order; a table may add columns after these (`documents`: one per
    /// metadata field).
    pub columns: &'static [ColumnSpec],
    pub build: Builder,
    pub build_csv: Option<Builder>,
}

impl TableSpec {
    /// Builds the table in parts, in order: one part for a table built whole, one per
    /// [`DOCUMENTS_PER_PART`] documents (at least one) for a table built by documents.
    pub fn parts(self, results: &Results) -> impl Iterator<Item = PolarsResult<Table>> + '_ {
        let n = results.docs.len();
        let ranges: Vec<Range<usize>> = match self.build {
            Builder::Whole(_) => std::iter::once(0..n).collect(),
            Builder::ByDocuments(_) => (0..n.max(1))
                .step_by(DOCUMENTS_PER_PART)
                .map(|start| start..(start + DOCUMENTS_PER_PART).min(n))
                .collect(),
        };
        let build = |b: Builder, range: Range<usize>| match b {
            Builder::Whole(f) => f(results),
            Builder::ByDocuments(f) => f(results, range),
        };
        ranges.into_iter().map(move |range| {
            Ok(Table {
                name: self.name,
                frame: build(self.build, range.clone())?,
                csv: self.build_csv.map(|b| build(b, range)).transpose()?,
            })
        })
    }
}

/// Which tables are written, as the configuration says.
#[derive(Debug, Clone, Copy, Default)]
pub struct TableChoice {
    /// `output.tokens`: the `tokens` table.
    pub tokens: bool,
    /// `doc_terms.parquet_all`: every (document, term) row in `doc_terms.parquet`.
    pub doc_terms_parquet_all: bool,
}

/// Every table of the output contract with its builders, in the order they are written
/// (`tokens` only when `output.tokens` is set). Tables are built one at a time as they are
/// written, so only one is in memory at once.
pub fn tables(choice: TableChoice) -> Vec<TableSpec> {
    let mut tables = vec![
        documents::DOCUMENTS,
        units::UNITS,
        terms::TERMS,
        terms::doc_terms(choice.doc_terms_parquet_all),
        phrases::PHRASES,
        keywords::KEYWORDS,
        cooccurrence::COOCCURRENCE,
        cooccurrence::NETWORK_NODES,
        cooccurrence::NETWORK_EDGES,
        keyness::KEYNESS,
        trends::TRENDS,
        kwic::KWIC,
        themes::THEMES,
        themes::THEME_TERMS,
        themes::DOC_THEMES,
        themes::DOC_THEME_SHARES,
        themes::THEME_SELECTION,
        themes::THEME_EXAMPLES,
        theme_map::THEME_MAP,
        bursts::BURSTS,
    ];
    if choice.tokens {
        tables.push(tokens::TOKENS);
    }
    tables
}

/// A term's display form.
fn term(r: &Results, id: u32) -> &str {
    &r.vocab.terms[id as usize].display
}

/// How many of a theme's top terms make its label (`themes`, `theme_map`).
const LABEL_TERMS: usize = 3;

/// The texts of the documents `docs`, read back.
fn texts_of(r: &Results, docs: Range<usize>) -> PolarsResult<Vec<String>> {
    docs.map(|i| {
        r.texts
            .text(i)
            .map_err(|e| polars_err!(ComputeError: "{e}"))
    })
    .collect()
}

/// Converts increasing byte offsets of a text into character offsets.
struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: u64,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn at(&mut self, byte: usize) -> u64 {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count() as u64;
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_from_their_declaration_and_checked_against_it() {
        let declared = [col("a", ColumnType::U32), col("b", ColumnType::Str)];
        let built = frame(&declared, vec![values([1u32, 2]), values(["x", "y"])]).unwrap();
        let names: Vec<&str> = built
            .get_column_names()
            .iter()
            .map(|n| n.as_str())
            .collect();
        assert_eq!(names, ["a", "b"]);
        assert!(frame(&declared, vec![values([1u64, 2]), values(["x", "y"])]).is_err());
        assert!(frame(&declared, vec![values([1u32, 2])]).is_err());
    }
}
