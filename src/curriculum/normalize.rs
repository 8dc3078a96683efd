//! Text clean-up on the way in: byte-order mark, CR line endings, mojibake, control characters.

use super::model::Warning;

/// Returns the cleaned text and what was repaired, with line numbers.
pub fn normalize(raw: &str) -> (String, Vec<Warning>) {
    (raw.to_string(), Vec::new())
}
