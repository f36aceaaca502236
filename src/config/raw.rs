//! The TOML layer: configuration text → [`Settings`], with messages that name the offending key
//! (`cooccurrence.windw`) and say in a config author's words what was expected.

use std::path::Path;

use super::Settings;
use crate::error::{Error, Result};

impl Settings {
    /// Parses configuration text. `origin` names it in messages (a path, or `built-in default`).
    pub fn from_toml(text: &str, origin: &str) -> Result<Settings> {
        let syntax = |message: String| Error::ConfigSyntax {
            origin: origin.to_string(),
            message,
        };
        // TOML syntax first (its messages carry line and column), then the keys and types,
        // with the path of the offending key.
        let table: toml::Table =
            toml::from_str(text).map_err(|e| syntax(e.to_string().trim_end().to_string()))?;
        serde_path_to_error::deserialize(toml::Value::Table(table)).map_err(|e| {
            let key = e.path().to_string();
            let inner = e.into_inner().to_string();
            let message = friendly(&key, inner.lines().next().unwrap_or_default());
            syntax(if key == "." || key.is_empty() {
                message
            } else {
                format!("`{key}`: {message}")
            })
        })
    }

    /// Reads and parses a configuration file.
    pub fn from_file(path: &Path) -> Result<Settings> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::ConfigRead {
            path: path.to_path_buf(),
            source,
        })?;
        Settings::from_toml(&text, &path.display().to_string())
    }
}

/// Rewrites serde's names of Rust types as a config author would say them: a numeric key's type
/// as the values the key accepts (`bounds`), the same words its range check uses.
fn friendly(key: &str, message: &str) -> String {
    let allowed = super::bounds::allowed(key);
    let integer = allowed.as_deref().unwrap_or("an integer of 0 or more");
    let number = allowed.as_deref().unwrap_or("a number");
    message
        .replace("expected usize", &format!("expected {integer}"))
        .replace("expected u64", &format!("expected {integer}"))
        .replace("expected f64", &format!("expected {number}"))
        .replace("expected a boolean", "expected true or false")
        .replace(
            "expected a sequence",
            "expected a list such as [\"a\", \"b\"]",
        )
}

#[cfg(test)]
mod tests {
    use crate::config::Settings;

    #[test]
    fn unknown_key_is_named_with_the_allowed_keys() {
        let err = Settings::from_toml("[cooccurrence]\nwindw = 3\n", "test.toml").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("test.toml"), "{msg}");
        assert!(msg.contains("`cooccurrence.windw`"), "{msg}");
        assert!(
            msg.contains(
                "expected one of `context`, `window`, `window_within`, `counting`, `top_terms`, \
                 `min_term_count`, `min_count`, `max_pairs`"
            ),
            "{msg}"
        );
        assert!(err.is_config());
    }

    #[test]
    fn wrong_type_is_refused() {
        let err = Settings::from_toml("[themes]\nk = \"four\"\n", "t.toml").unwrap_err();
        let msg = err.to_string();
        assert_eq!(
            msg,
            "invalid config t.toml: `themes.k`: invalid value: string \"four\", expected an integer from 1 to 1000, or \"auto\""
        );
    }
}
