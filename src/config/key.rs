//! The keys of `config.toml`: one table says, for each, its name, its default, what it takes and
//! a value that works, so that `config get/set`, `--help`, completion and every error message
//! agree.

use std::ffi::OsStr;

use clap::builder::{PossibleValue, TypedValueParser};

use crate::error::CommandError;

/// A setting in `config.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    Plan,
    DayStartsAt,
    Editor,
    RestDays,
    ReviewCap,
}

/// What a reader needs to know about a key.
struct About {
    name: &'static str,
    /// The default, as `config list` shows it.
    default: &'static str,
    /// What the key takes, completing "… is not `<allows>`".
    allows: &'static str,
    /// A value that works, for hints.
    example: &'static str,
    /// The line `config set --help` shows.
    help: &'static str,
}

impl Key {
    /// Every key, in the order `config list` shows them.
    pub const ALL: [Key; 5] = [
        Key::Plan,
        Key::DayStartsAt,
        Key::Editor,
        Key::RestDays,
        Key::ReviewCap,
    ];

    fn about(self) -> About {
        match self {
            Key::Plan => About {
                name: "plan",
                default: crate::curriculum::builtin::DEFAULT_PLAN,
                allows: "a plan id (see `pymastery plans`); setting it switches to the plan as `start` does",
                example: crate::curriculum::builtin::DEFAULT_PLAN,
                help: "a plan id (see `pymastery plans`); setting it switches to the plan as `start` does",
            },
            Key::DayStartsAt => About {
                name: "day_starts_at",
                default: "04:00",
                allows: "a time of day as HH:MM",
                example: "04:00",
                help: "a time of day as HH:MM (default 04:00); earlier counts for the day before",
            },
            Key::Editor => About {
                name: "editor",
                default: "$VISUAL or $EDITOR",
                allows: "an editor command",
                example: "vi",
                help: "an editor command for notes (default $VISUAL, then $EDITOR)",
            },
            Key::RestDays => About {
                name: "rest_days",
                default: "none",
                allows: "weekdays separated by commas, like sat,sun (or none)",
                example: "sat,sun",
                help: "weekdays off, like sat,sun (or none): they neither break the streak nor count against pace",
            },
            Key::ReviewCap => About {
                name: "review_cap",
                default: "5",
                allows: "how many reviews `today` asks for a day, a whole number from 0 to 100",
                example: "5",
                help: "how many reviews `today` asks for a day, 0 to 100 (default 5)",
            },
        }
    }

    /// The key as written in `config.toml` and on the command line.
    pub fn name(self) -> &'static str {
        self.about().name
    }

    /// The default, as `config list` shows it.
    pub fn default_shown(self) -> &'static str {
        self.about().default
    }

    /// What the key takes: "day_starts_at '25:99' is not {allows}".
    pub fn allows(self) -> &'static str {
        self.about().allows
    }

    /// A value the key takes, for hints.
    pub fn example(self) -> &'static str {
        self.about().example
    }

    /// The key named `name` (exactly as written in the file).
    pub fn named(name: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|k| k.name() == name)
    }

    /// `plan, day_starts_at, editor, rest_days, review_cap`.
    pub fn names() -> String {
        Key::ALL.map(Key::name).join(", ")
    }

    /// The command that sets the key to a value that works: the fix a hint suggests.
    pub fn repair(self) -> String {
        format!("pymastery config set {} {}", self.name(), self.example())
    }

    /// The KEY of `config get/set`: one of the keys, or bad input naming them.
    pub fn parse(text: &str) -> Result<Key, CommandError> {
        Key::named(text).ok_or_else(|| {
            CommandError::bad_input(format!(
                "no config key '{}'",
                crate::render::text::one_line(text)
            ))
            .hinted(format!("the keys are {}", Key::names()))
        })
    }

    /// What `config set --help` says after the options: each key and what it takes.
    pub fn help() -> String {
        let width = Key::ALL
            .map(|k| k.name().len())
            .into_iter()
            .max()
            .unwrap_or(0);
        let keys: String = Key::ALL
            .iter()
            .map(|k| format!("\n  {:width$}  {}", k.name(), k.about().help))
            .collect();
        format!(
            "Keys and the values they take:{keys}\n\nExamples:\n  pymastery config set day_starts_at 03:30\n  pymastery config set editor \"code --wait\""
        )
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The clap parser of KEY: refuses an unknown key as [`Key::parse`] does (one sentence and
/// the keys, exit 2) and offers the keys to shell completion.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeyParser;

impl TypedValueParser for KeyParser {
    type Value = Key;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<Key, clap::Error> {
        Key::parse.parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            Key::ALL
                .into_iter()
                .map(|k| PossibleValue::new(k.name()).help(k.about().help)),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_is_found_by_its_name_and_nothing_else_is_a_key() {
        for key in Key::ALL {
            assert_eq!(Key::named(key.name()), Some(key));
        }
        for name in ["colour", "Plan", "plan ", ""] {
            assert_eq!(Key::named(name), None, "{name:?}");
        }
        let err = Key::parse("colour").unwrap_err();
        assert_eq!(err.to_string(), "no config key 'colour'");
        assert_eq!(
            err.hints(),
            ["the keys are plan, day_starts_at, editor, rest_days, review_cap"]
        );
    }

    #[test]
    fn the_help_lists_every_key_with_what_it_takes() {
        let help = Key::help();
        for key in Key::ALL {
            assert!(help.contains(&format!("\n  {} ", key.name())), "{help}");
        }
        assert!(
            help.contains("  day_starts_at  a time of day as HH:MM"),
            "{help}"
        );
    }
}
