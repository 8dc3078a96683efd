//! A `config.toml` that cannot be read as settings: where (file, line and column, from the
//! spans toml gives), what is wrong, and how to recover.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::Key;
use super::value::Refused;
use crate::error::CommandError;

/// The most of a damaged line, or of a value, an error quotes: a 20 MB line does not go to
/// stderr.
const QUOTED_CHARS: usize = 80;

/// Why `config.toml` did not load, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    pub path: PathBuf,
    /// The line and column (from 1) of the trouble, when toml could say.
    pub at: Option<(usize, usize)>,
    /// What is wrong, in one sentence.
    pub problem: String,
    /// How to recover.
    pub hint: String,
}

impl Damaged {
    /// Text that is not TOML. A line setting a known key is named with what the key takes, and
    /// `config set` repairs it.
    pub(super) fn not_toml(path: &Path, text: &str, err: &toml::de::Error) -> Damaged {
        let at = err.span().map(|span| line_and_column(text, span.start));
        let line = at.and_then(|(n, _)| text.lines().nth(n - 1)).map(str::trim);
        let key = line
            .and_then(|l| l.split('=').next())
            .and_then(|k| Key::named(k.trim()));
        let why = err.message().trim();
        let problem = match (line, key) {
            (Some(line), Some(key)) => {
                format!("`{}`: {why} ({key} takes {})", quoted(line), key.allows())
            }
            (Some(line), None) => format!("`{}`: {why}", quoted(line)),
            _ => why.to_string(),
        };
        let hint = match (key, at) {
            (Some(key), _) => rewrite_hint(key, path, at),
            (None, Some((line, _))) => format!(
                "edit line {line} of {}, or move the file away to use the defaults (keys: {})",
                path.display(),
                Key::names()
            ),
            (None, None) => format!(
                "edit the file, or move it away to use the defaults (keys: {})",
                Key::names()
            ),
        };
        Damaged {
            path: path.to_path_buf(),
            at,
            problem,
            hint,
        }
    }

    /// A key that is not a setting, at `span`.
    pub(super) fn unknown_key(path: &Path, text: &str, span: Range<usize>, name: &str) -> Damaged {
        let name = quoted(name);
        let (line, column) = line_and_column(text, span.start);
        Damaged {
            path: path.to_path_buf(),
            at: Some((line, column)),
            problem: format!("'{name}' is not a setting; the keys are {}", Key::names()),
            hint: format!(
                "remove line {line} ('{name} = ...') from {}, or write one of the keys there",
                path.display()
            ),
        }
    }

    /// A value `key` does not take, written at `span`.
    pub(super) fn bad_value(
        path: &Path,
        text: &str,
        key: Key,
        span: Range<usize>,
        refused: Refused,
    ) -> Damaged {
        let at = Some(line_and_column(text, span.start));
        let written = quoted(text.get(span).unwrap_or_default());
        let problem = match refused {
            Some(why) => format!("{key} is {written}: {why}; it takes {}", key.allows()),
            None => format!("{key} is {written}, which is not {}", key.allows()),
        };
        Damaged {
            path: path.to_path_buf(),
            at,
            problem,
            hint: rewrite_hint(key, path, at),
        }
    }

    /// `config.toml:3:17`, or the file alone when the place is unknown.
    pub fn place(&self) -> String {
        match self.at {
            Some((line, column)) => format!("{}:{line}:{column}", self.path.display()),
            None => self.path.display().to_string(),
        }
    }
}

impl std::fmt::Display for Damaged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place(), self.problem)
    }
}

impl std::error::Error for Damaged {}

/// A damaged file is a failure (exit 1), with the way to recover as its hint.
impl From<Damaged> for CommandError {
    fn from(damaged: Damaged) -> CommandError {
        CommandError::failure(damaged.to_string()).hinted(damaged.hint)
    }
}

/// The repair of a key's line: `config set` rewrites it, or the user edits it.
fn rewrite_hint(key: Key, path: &Path, at: Option<(usize, usize)>) -> String {
    let line = at.map_or_else(String::new, |(line, _)| format!("line {line} of "));
    format!(
        "`{}` rewrites it, or edit {line}{}",
        key.repair(),
        path.display()
    )
}

fn quoted(text: &str) -> String {
    crate::render::text::excerpt(text, QUOTED_CHARS)
}

/// The line and column (from 1, the column in characters) of byte `offset` in `text`.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let end = (0..=offset.min(text.len()))
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0);
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_a_line_and_a_column_in_characters() {
        let text = "plan = \"x\"\nédítor = 1\n";
        assert_eq!(line_and_column(text, 0), (1, 1));
        assert_eq!(line_and_column(text, 7), (1, 8));
        let value = text.find('1').unwrap();
        assert_eq!(line_and_column(text, value), (2, 10));
        // Past the end, or inside a character, is still a place.
        assert_eq!(line_and_column(text, 999), (3, 1));
        assert_eq!(line_and_column(text, 12), (2, 1));
    }
}
