//! Progress bars on standard error: one indicatif bar per stage the library reports through
//! [`Progress`].

use std::sync::Mutex;
use std::time::Duration;

use corpuscope::progress::Progress;
use indicatif::{ProgressBar, ProgressStyle};

/// Draws one indicatif bar per stage on standard error.
pub struct Bars {
    current: Mutex<Option<ProgressBar>>,
    hidden: bool,
}

impl Bars {
    /// Bars drawn on standard error, or none when `hidden`.
    pub fn new(hidden: bool) -> Self {
        Bars {
            current: Mutex::new(None),
            hidden,
        }
    }
}

impl Progress for Bars {
    fn start(&self, stage: &str, total: u64) {
        if self.hidden {
            return;
        }
        let bar = if total > 0 {
            // Throughput and time left: in bytes where the stage counts bytes (tokenize).
            let rate = if stage == "tokenize" {
                "{binary_bytes_per_sec}"
            } else {
                "{per_sec}"
            };
            ProgressBar::new(total).with_style(
                ProgressStyle::with_template(&format!(
                    "{{prefix:>18}} [{{bar:30}}] {{percent:>3}}% {{elapsed}} {rate}, eta {{eta}} {{msg}}"
                ))
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            )
        } else {
            let b = ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{prefix:>18} {spinner} {elapsed} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            b.enable_steady_tick(Duration::from_millis(100));
            b
        };
        bar.set_prefix(stage.to_string());
        if let Ok(mut current) = self.current.lock() {
            *current = Some(bar);
        }
    }

    fn advance(&self, n: u64) {
        if let Ok(current) = self.current.lock()
            && let Some(bar) = current.as_ref()
        {
            bar.inc(n);
        }
    }

    fn finish(&self) {
        if let Ok(mut current) = self.current.lock()
            && let Some(bar) = current.take()
        {
            bar.finish_with_message("done");
        }
    }
}
