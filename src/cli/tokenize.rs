//! The `tokenize` command: how one text is tokenized under a configuration, one line per token
//! (tab-separated), as [`corpuscope::tokenize::inspect`] finds them, with the character offsets
//! of each in the text as read (argument, file or standard input), not in its cleaned form.

use std::io::{Read, Write};
use std::path::PathBuf;

use corpuscope::tokenize::inspect::inspect;

/// Tokenizes `text`, or the file's text, or standard input's; an error is the message shown.
pub fn tokenize(
    text: Option<String>,
    file: Option<PathBuf>,
    config: Option<PathBuf>,
) -> Result<(), String> {
    let settings = super::settings(config.as_deref()).map_err(|e| e.to_string())?;
    let config = settings.validate().map_err(|e| e.to_string())?;
    let raw = match (text, file) {
        (Some(text), _) => text,
        (None, Some(path)) => std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
        (None, None) => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            text
        }
    };
    let tokens = inspect(&config, &raw);
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "surface\tform\tstem\tlang\tstart_char\tend_char");
    for placed in &tokens {
        let token = &placed.token;
        let line = format!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            token.surface,
            token.form,
            token.key,
            token.lang.as_str(),
            placed.chars.start,
            placed.chars.end
        );
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    Ok(())
}
