//! Typed command-line values: the parsers clap runs on `--minutes` and `--rate`, so that a
//! command receives a number of minutes or a rating, never text to check. A refusal is a
//! [`CommandError`], which `main` reports as it reports any bad input: one sentence, exit 2.

use crate::clock::MAX_MINUTES;
use crate::error::CommandError;
use crate::event::Rating;

/// `--minutes`: a whole number from 1 to a day's worth (no session is longer).
pub fn minutes(text: &str) -> Result<u32, CommandError> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=MAX_MINUTES).contains(m))
        .ok_or_else(|| {
            CommandError::bad_input(format!(
                "--minutes '{}' is not a number of minutes from 1 to {MAX_MINUTES} (no session is longer than a day)",
                crate::render::text::one_line(text)
            ))
        })
}

/// `--rate`: again, hard, good, easy, or 1 to 4, in any case.
pub fn rating(text: &str) -> Result<Rating, CommandError> {
    Rating::parse(text).ok_or_else(|| {
        CommandError::bad_input(format!(
            "--rate '{}' is not a rating; use again, hard, good or easy (or 1-4)",
            crate::render::text::one_line(text)
        ))
    })
}

/// The input error a clap error carries, when one of the parsers above refused a value.
pub fn refusal(err: &clap::Error) -> Option<&CommandError> {
    std::error::Error::source(err)?.downcast_ref::<CommandError>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_are_whole_and_at_most_a_day() {
        assert_eq!(minutes(" 30 ").ok(), Some(30));
        assert_eq!(minutes("1440").ok(), Some(1440));
        for text in ["0", "1441", "-5", "lots", "2.5"] {
            let err = minutes(text).unwrap_err();
            assert!(err.to_string().starts_with(&format!("--minutes '{text}'")));
        }
    }

    #[test]
    fn ratings_are_named_or_numbered() {
        assert_eq!(rating("Hard").ok(), Some(Rating::Hard));
        assert_eq!(rating("4").ok(), Some(Rating::Easy));
        let err = rating("meh").unwrap_err();
        assert_eq!(
            err.to_string(),
            "--rate 'meh' is not a rating; use again, hard, good or easy (or 1-4)"
        );
    }
}
