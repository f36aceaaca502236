//! Trends: how often the most frequent terms are used across an ordered metadata column (a
//! year, a date).
//!
//! A document's period is read from the first of `trends.columns` it has a value for:
//! - `period = "year"`: the first four-digit year (1000 to 2999) in the value;
//! - `period = "month"`: the year and the month that follows it (`2024-02` from `2024-02-28`,
//!   `2024/2/28` or `2024年2月28日`);
//! - `period = "value"`: the value itself.
//!
//! Periods are sorted (as numbers when every period is a number, as text otherwise). For every
//! period and each of the `top_terms` most frequent terms of the corpus there is a row, zero
//! counts included, so a chart can be drawn straight from the table: `count`, the period's
//! `tokens`, `share = count / tokens` and `per_10k = 10000 · share`.

use rustc_hash::FxHashMap as HashMap;

use crate::analysis::frequency::Counts;
use crate::config::Period;
use crate::ingest::fields::{year, year_month};

#[derive(Debug, Clone, PartialEq)]
pub struct TrendRow {
    /// Index into [`Trends::periods`].
    pub period: usize,
    pub term: u32,
    pub count: u64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trends {
    pub periods: Vec<PeriodTotal>,
    /// By period, then by the term's rank.
    pub rows: Vec<TrendRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PeriodTotal {
    pub value: String,
    pub documents: u64,
    pub tokens: u64,
}

/// The period a metadata value falls in, if any.
pub fn period_of(value: &str, period: Period) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match period {
        Period::Value => Some(value.to_string()),
        Period::Year => year(value).map(str::to_string),
        Period::Month => year_month(value).map(|(year, month)| format!("{year}-{month:02}")),
    }
}

/// Counts the `top` terms in every period. `period_of_doc[i]` is document `i`'s period.
pub fn trends(period_of_doc: &[Option<String>], doc_counts: &[Counts], top: &[u32]) -> Trends {
    let mut values: Vec<&str> = period_of_doc.iter().flatten().map(String::as_str).collect();
    values.sort_unstable();
    values.dedup();
    if values.iter().all(|v| v.parse::<f64>().is_ok()) {
        values.sort_by(|a, b| {
            let (x, y) = (
                a.parse::<f64>().unwrap_or(0.0),
                b.parse::<f64>().unwrap_or(0.0),
            );
            x.total_cmp(&y).then_with(|| a.cmp(b))
        });
    }
    let index: HashMap<&str, usize> = values.iter().enumerate().map(|(i, v)| (*v, i)).collect();
    let column: HashMap<u32, usize> = top.iter().enumerate().map(|(i, &t)| (t, i)).collect();
    let mut counts = vec![vec![0u64; top.len()]; values.len()];
    let mut periods: Vec<PeriodTotal> = values
        .iter()
        .map(|v| PeriodTotal {
            value: v.to_string(),
            documents: 0,
            tokens: 0,
        })
        .collect();
    for (p, c) in period_of_doc.iter().zip(doc_counts) {
        let Some(p) = p else { continue };
        let pi = index[p.as_str()];
        periods[pi].documents += 1;
        for &(t, n) in c {
            periods[pi].tokens += u64::from(n);
            if let Some(&j) = column.get(&t) {
                counts[pi][j] += u64::from(n);
            }
        }
    }
    let rows = counts
        .iter()
        .enumerate()
        .flat_map(|(pi, row)| {
            row.iter().enumerate().map(move |(j, &count)| TrendRow {
                period: pi,
                term: top[j],
                count,
            })
        })
        .collect();
    Trends { periods, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_from_dates() {
        assert_eq!(
            period_of("2024-02-28", Period::Year).as_deref(),
            Some("2024")
        );
        assert_eq!(
            period_of("2024-02-28", Period::Month).as_deref(),
            Some("2024-02")
        );
        assert_eq!(
            period_of("2024/2/8", Period::Month).as_deref(),
            Some("2024-02")
        );
        assert_eq!(
            period_of("2022年11月28日", Period::Month).as_deref(),
            Some("2022-11")
        );
        assert_eq!(
            period_of("posted 1999", Period::Year).as_deref(),
            Some("1999")
        );
        // Not years: five digits, a 3 in front.
        assert_eq!(period_of("12024", Period::Year), None);
        assert_eq!(period_of("3024", Period::Year), None);
        assert_eq!(period_of("2024-13-01", Period::Month), None);
        assert_eq!(
            period_of(" spring ", Period::Value).as_deref(),
            Some("spring")
        );
        assert_eq!(period_of("  ", Period::Value), None);
    }

    #[test]
    fn dense_rows_sorted_numerically() {
        let periods = vec![Some("10".to_string()), Some("9".to_string()), None];
        let counts: Vec<Counts> = vec![vec![(0, 2), (1, 1)], vec![(1, 3), (2, 5)], vec![(0, 7)]];
        let t = trends(&periods, &counts, &[1, 0]);
        let values: Vec<&str> = t.periods.iter().map(|p| p.value.as_str()).collect();
        assert_eq!(values, ["9", "10"]);
        assert_eq!(t.periods[0].tokens, 8);
        assert_eq!(t.periods[1].tokens, 3);
        let rows: Vec<(usize, u32, u64)> =
            t.rows.iter().map(|r| (r.period, r.term, r.count)).collect();
        assert_eq!(rows, vec![(0, 1, 3), (0, 0, 0), (1, 1, 1), (1, 0, 2)]);
    }
}
