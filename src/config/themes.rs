//! `[themes]`: how themes are found (spherical k-means, NMF or network communities), in which
//! units, and how many.

use serde::{Deserialize, Serialize};

use super::bounds::out_of_range;
use super::check_range;
use crate::error::Result;

/// What a theme clustering unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Document,
    Paragraph,
    Sentence,
}

/// How themes are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeMethod {
    /// Spherical k-means on the units' TF-IDF vectors.
    Kmeans,
    /// Non-negative matrix factorisation of the unit × term TF-IDF matrix.
    Nmf,
    /// The co-occurrence network's communities, units assigned by their weight on each.
    Communities,
}

/// `themes.k`: a number of themes, or `"auto"` (chosen from `k_min` to `k_max`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeCount {
    Fixed(usize),
    Auto,
}

impl Serialize for ThemeCount {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        match self {
            ThemeCount::Fixed(k) => serializer.serialize_u64(*k as u64),
            ThemeCount::Auto => serializer.serialize_str("auto"),
        }
    }
}

impl<'de> Deserialize<'de> for ThemeCount {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = ThemeCount;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&super::bounds::allowed("themes.k").unwrap_or_default())
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<ThemeCount, E> {
                usize::try_from(v)
                    .map(ThemeCount::Fixed)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<ThemeCount, E> {
                u64::try_from(v)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(v), &self))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<ThemeCount, E> {
                if v == "auto" {
                    Ok(ThemeCount::Auto)
                } else {
                    Err(E::invalid_value(serde::de::Unexpected::Str(v), &self))
                }
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `[themes]`: themes found by spherical k-means, NMF or network communities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ThemeSettings {
    /// How themes are found.
    pub method: ThemeMethod,
    /// Number of themes, or `auto`.
    pub k: ThemeCount,
    /// The range of k tried when `k = "auto"`.
    pub k_min: usize,
    pub k_max: usize,
    /// Units clustered.
    pub unit: UnitKind,
    /// Units with fewer tokens are not clustered.
    pub min_unit_tokens: usize,
    /// Terms found in fewer units are left out of the clustering.
    pub min_df: usize,
    /// At most this many terms (the most frequent) describe a unit.
    pub max_terms: usize,
    /// Seeded k-means++ restarts; the one with the best objective is kept.
    pub restarts: usize,
    /// k-means: with more units than this, the restarts run on a seeded sample of this many
    /// units, and the best one's centroids start one run over every unit (0: no sample).
    pub sample: usize,
    /// Iterations per restart at most.
    pub max_iter: usize,
    /// A restart stops when its total similarity grows by less than this fraction.
    pub tolerance: f64,
    /// Terms listed per theme.
    pub top_terms: usize,
    /// Example units shown per theme.
    pub examples: usize,
}

impl Default for ThemeSettings {
    fn default() -> Self {
        ThemeSettings {
            method: ThemeMethod::Kmeans,
            k: ThemeCount::Fixed(4),
            k_min: 2,
            k_max: 10,
            unit: UnitKind::Paragraph,
            min_unit_tokens: 5,
            min_df: 2,
            max_terms: 5000,
            restarts: 10,
            sample: 20_000,
            max_iter: 100,
            tolerance: 1e-4,
            top_terms: 10,
            examples: 3,
        }
    }
}

/// Checks `[themes]`.
pub(super) fn validate(s: &ThemeSettings) -> Result<()> {
    if let ThemeCount::Fixed(k) = s.k {
        check_range("themes.k", k, 1, 1000)?;
    }
    check_range("themes.k_min", s.k_min, 2, 1000)?;
    check_range("themes.k_max", s.k_max, s.k_min, 1000)?;
    check_range("themes.min_unit_tokens", s.min_unit_tokens, 1, 100_000)?;
    check_range("themes.min_df", s.min_df, 1, 1_000_000)?;
    check_range("themes.max_terms", s.max_terms, 2, 1_000_000)?;
    check_range("themes.restarts", s.restarts, 1, 1000)?;
    if s.sample != 0 && !(100..=1_000_000_000).contains(&s.sample) {
        return Err(out_of_range("themes.sample", s.sample));
    }
    check_range("themes.max_iter", s.max_iter, 1, 100_000)?;
    check_range("themes.top_terms", s.top_terms, 1, 1000)?;
    check_range("themes.examples", s.examples, 0, 1000)?;
    if !(s.tolerance.is_finite() && (0.0..1.0).contains(&s.tolerance)) {
        return Err(out_of_range("themes.tolerance", s.tolerance));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    #[test]
    fn theme_count_is_an_integer_or_auto() {
        let k = |text: &str| Settings::from_toml(text, "t.toml").map(|s| s.themes.k);
        assert_eq!(k("[themes]\nk = 7\n").unwrap(), ThemeCount::Fixed(7));
        assert_eq!(k("[themes]\nk = \"auto\"\n").unwrap(), ThemeCount::Auto);
        let err = k("[themes]\nk = -2\n").unwrap_err().to_string();
        assert!(
            err.contains("`themes.k`") && err.contains("\"auto\""),
            "{err}"
        );
        // Written back as it was given.
        let mut s = Settings::default();
        s.themes.k = ThemeCount::Auto;
        let text = toml::to_string(&s).unwrap();
        assert!(text.contains("k = \"auto\""), "{text}");
        assert_eq!(Settings::from_toml(&text, "t").unwrap(), s);
    }

    #[test]
    fn bad_enum_value_lists_variants() {
        let err = Settings::from_toml("[themes]\nunit = \"chapter\"\n", "t.toml").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("document") && msg.contains("paragraph"),
            "{msg}"
        );
    }
}
