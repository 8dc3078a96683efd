//! `config.toml`: this machine's settings, read once into typed values (a time, a set of
//! weekdays, a number), so that no command parses a setting again.
//!
//! Every key has a default and the file is optional. A file that does not load is refused with
//! its line and column (from toml's spans), what the key takes, and the command that repairs it;
//! `config set` rewrites one key in place, keeping the user's comments and other keys.

mod damage;
mod edit;
mod key;
mod value;

use std::path::Path;

use anyhow::Context as _;
use chrono::{NaiveTime, WeekdaySet};
use toml::de::DeTable;

pub(crate) use damage::Damaged;
pub(crate) use key::{Key, KeyParser};
pub(crate) use value::{Value, weekdays};

use crate::error::CommandError;
use crate::home::Home;

/// Default of `review_cap`.
pub(crate) const DEFAULT_REVIEW_CAP: u32 = 5;

/// Default of `day_starts_at`: practice at 01:00 counts for the day before.
pub(crate) const DEFAULT_DAY_START: NaiveTime = match NaiveTime::from_hms_opt(4, 0, 0) {
    Some(time) => time,
    None => NaiveTime::MIN,
};

/// The settings, each typed and with its default filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Config {
    /// The plan used when no plan has been started.
    pub plan: Option<String>,
    /// When a practice day begins; earlier practice counts for the day before.
    pub day_starts_at: NaiveTime,
    /// Editor for `done --note`, before $VISUAL and $EDITOR.
    pub editor: Option<String>,
    /// Weekdays off: they neither break the streak nor count against pace.
    pub rest_days: WeekdaySet,
    /// The most days `today` asks to review in one day.
    pub review_cap: u32,
    /// The keys the file sets, so that `config list` can tell a default from a choice.
    written: Vec<Key>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            plan: None,
            day_starts_at: DEFAULT_DAY_START,
            editor: None,
            rest_days: WeekdaySet::EMPTY,
            review_cap: DEFAULT_REVIEW_CAP,
            written: Vec::new(),
        }
    }
}

impl Config {
    /// Reads `config.toml`; a missing file gives the defaults, a damaged one is a failure
    /// naming its line.
    pub(crate) fn load(path: &Path) -> anyhow::Result<Config> {
        match read_text(path)? {
            Some(text) => Ok(Config::parse(path, &text).map_err(CommandError::from)?),
            None => Ok(Config::default()),
        }
    }

    /// The settings in `text`, the contents of the file at `path`: an unknown key, or a value
    /// a key does not take, is refused with where it is and what is allowed.
    pub(crate) fn parse(path: &Path, text: &str) -> Result<Config, Damaged> {
        let table = DeTable::parse(text).map_err(|e| Damaged::not_toml(path, text, &e))?;
        // In the order of the file, so that the first trouble is the one named.
        let mut entries: Vec<_> = table.get_ref().iter().collect();
        entries.sort_by_key(|(name, _)| name.span().start);
        let mut config = Config::default();
        for (name, value) in entries {
            let Some(key) = Key::named(name.get_ref()) else {
                return Err(Damaged::unknown_key(
                    path,
                    text,
                    name.span(),
                    name.get_ref(),
                ));
            };
            let typed = Value::read(key, value.get_ref())
                .map_err(|why| Damaged::bad_value(path, text, key, value.span(), why))?;
            config.set(typed);
        }
        Ok(config)
    }

    /// Takes `value` for its key.
    fn set(&mut self, value: Value) {
        let key = value.key();
        match value {
            Value::Plan(plan) => self.plan = Some(plan),
            Value::DayStartsAt(time) => self.day_starts_at = time,
            Value::Editor(editor) => self.editor = Some(editor),
            Value::RestDays(days) => self.rest_days = days,
            Value::ReviewCap(cap) => self.review_cap = cap,
        }
        if !self.written.contains(&key) {
            self.written.push(key);
        }
    }

    /// The value of `key` the file sets, or `None` when it holds its default.
    pub(crate) fn value(&self, key: Key) -> Option<Value> {
        if !self.written.contains(&key) {
            return None;
        }
        match key {
            Key::Plan => self.plan.clone().map(Value::Plan),
            Key::DayStartsAt => Some(Value::DayStartsAt(self.day_starts_at)),
            Key::Editor => self.editor.clone().map(Value::Editor),
            Key::RestDays => Some(Value::RestDays(self.rest_days)),
            Key::ReviewCap => Some(Value::ReviewCap(self.review_cap)),
        }
    }
}

/// Sets `key` to `value` in the home's `config.toml` and returns the settings it then holds.
/// Under the config lock, the file is read as it is now (so a change made meanwhile by another
/// process is kept), changed in place, checked whole, and replaced atomically. A damaged value
/// of this key is what it repairs; damage elsewhere is refused, and nothing is written.
pub(crate) fn set(home: &Home, key: Key, value: &Value) -> anyhow::Result<Config> {
    let _lock = home.lock("config")?;
    write(&home.config_path(), key, value)
}

/// [`set`] on the file at `path`, for a caller that holds the lock.
fn write(path: &Path, key: Key, value: &Value) -> anyhow::Result<Config> {
    let text = read_text(path)?.unwrap_or_default();
    let text = edit::set(&text, key, value);
    let config = Config::parse(path, &text).map_err(CommandError::from)?;
    crate::fs::write_atomically(path, text.as_bytes())?;
    Ok(config)
}

/// The text of `config.toml`, or `None` when there is none.
pub(crate) fn read_text(path: &Path) -> anyhow::Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn parse(text: &str) -> Result<Config, Damaged> {
        Config::parse(Path::new("home/config.toml"), text)
    }

    #[test]
    fn an_empty_file_gives_every_default() {
        let config = parse("# nothing set yet\n").unwrap();
        assert_eq!(config, Config::default());
        assert_eq!(
            config.day_starts_at,
            NaiveTime::from_hms_opt(4, 0, 0).unwrap()
        );
        assert_eq!(config.review_cap, 5);
        assert!(config.rest_days.is_empty());
        assert!(Key::ALL.iter().all(|k| config.value(*k).is_none()));
    }

    #[test]
    fn each_key_is_read_once_into_its_type() {
        let config = parse(
            "plan = \"interview\"\nday_starts_at = \"3:30\"\neditor = \"code --wait\"\nrest_days = \"Sun, sat\"\nreview_cap = 12\n",
        )
        .unwrap();
        assert_eq!(config.plan.as_deref(), Some("interview"));
        assert_eq!(
            config.day_starts_at,
            NaiveTime::from_hms_opt(3, 30, 0).unwrap()
        );
        assert_eq!(config.editor.as_deref(), Some("code --wait"));
        assert_eq!(
            config.rest_days,
            WeekdaySet::from_array([Weekday::Sat, Weekday::Sun])
        );
        assert_eq!(config.review_cap, 12);
        let shown = Key::ALL.map(|k| config.value(k).map(|v| v.to_string()));
        assert_eq!(
            shown.map(Option::unwrap_or_default),
            ["interview", "03:30", "code --wait", "sat,sun", "12"]
        );
    }

    #[test]
    fn a_default_written_out_is_a_choice_and_shown_as_one() {
        let config = parse("rest_days = \"none\"\nreview_cap = 5\n").unwrap();
        assert_eq!(config.value(Key::RestDays).unwrap().to_string(), "none");
        assert_eq!(config.value(Key::ReviewCap), Some(Value::ReviewCap(5)));
        assert_eq!(config.value(Key::DayStartsAt), None);
    }

    #[test]
    fn each_bad_value_is_refused_at_its_line_and_column_with_what_is_allowed() {
        for (text, at, problem) in [
            (
                "editor = \"vi\"\nday_starts_at = \"25:00\"\n",
                (2, 17),
                "day_starts_at is \"25:00\", which is not a time of day as HH:MM",
            ),
            (
                "day_starts_at = 4\n",
                (1, 17),
                "day_starts_at is 4, which is not a time of day as HH:MM",
            ),
            (
                "\n\nrest_days = \"sat,funday\"\n",
                (3, 13),
                "rest_days is \"sat,funday\": 'funday' is not a weekday; it takes weekdays separated by commas, like sat,sun (or none)",
            ),
            (
                "review_cap = 101\n",
                (1, 14),
                "review_cap is 101, which is not how many reviews `today` asks for a day, a whole number from 0 to 100",
            ),
            (
                "review_cap = \"5\"\n",
                (1, 14),
                "review_cap is \"5\", which is not how many reviews `today` asks for a day, a whole number from 0 to 100",
            ),
            (
                "plan = \"\"\n",
                (1, 8),
                "plan is \"\": it is empty; it takes a plan id (see `pymastery plans`); setting it switches to the plan as `start` does",
            ),
            (
                "editor = [\"vi\"]\n",
                (1, 10),
                "editor is [\"vi\"], which is not an editor command",
            ),
        ] {
            let damaged = parse(text).unwrap_err();
            assert_eq!(damaged.at, Some(at), "{text}");
            assert_eq!(damaged.problem, problem, "{text}");
            assert!(
                damaged.hint.starts_with("`pymastery config set ")
                    && damaged.hint.ends_with(&format!(
                        "rewrites it, or edit line {} of home/config.toml",
                        at.0
                    )),
                "{}",
                damaged.hint
            );
        }
    }

    #[test]
    fn the_first_trouble_in_the_file_is_the_one_named() {
        // The table is sorted by key; the file is not.
        let damaged = parse("review_cap = -1\neditor = \"\"\n").unwrap_err();
        assert_eq!(damaged.at, Some((1, 14)));
        assert_eq!(
            damaged.to_string(),
            "home/config.toml:1:14: review_cap is -1, which is not how many reviews `today` asks for a day, a whole number from 0 to 100"
        );
        assert_eq!(
            damaged.hint,
            "`pymastery config set review_cap 5` rewrites it, or edit line 1 of home/config.toml"
        );
    }

    #[test]
    fn an_unknown_key_is_named_with_the_keys() {
        let damaged = parse("plan = \"interview\"\n  colour = \"red\"\n").unwrap_err();
        assert_eq!(damaged.at, Some((2, 3)));
        assert_eq!(
            damaged.problem,
            "'colour' is not a setting; the keys are plan, day_starts_at, editor, rest_days, review_cap"
        );
        assert_eq!(
            damaged.hint,
            "remove line 2 ('colour = ...') from home/config.toml, or write one of the keys there"
        );
        assert!(parse("[plan]\nid = \"x\"\n").is_err());
    }

    #[test]
    fn text_that_is_not_toml_is_named_with_its_line_and_the_key_it_sets() {
        let damaged = parse("plan = \"interview\"\nday_starts_at = 25:00\n").unwrap_err();
        assert_eq!(damaged.at.map(|(line, _)| line), Some(2));
        assert!(
            damaged.problem.starts_with("`day_starts_at = 25:00`: ")
                && damaged
                    .problem
                    .ends_with("(day_starts_at takes a time of day as HH:MM)"),
            "{}",
            damaged.problem
        );
        assert_eq!(
            damaged.hint,
            "`pymastery config set day_starts_at 04:00` rewrites it, or edit line 2 of home/config.toml"
        );
        let damaged = parse("editor = \"vi\"\n???\n").unwrap_err();
        assert_eq!(damaged.at.map(|(line, _)| line), Some(2));
        assert!(
            damaged
                .hint
                .starts_with("edit line 2 of home/config.toml, or move"),
            "{}",
            damaged.hint
        );
    }

    #[test]
    fn a_huge_damaged_line_is_quoted_cut_short() {
        let text = format!("editor = \"{}\n", "x".repeat(1 << 20));
        let damaged = parse(&text).unwrap_err();
        assert_eq!(damaged.at.map(|(line, _)| line), Some(1));
        assert!(
            damaged.to_string().len() < 400,
            "{}",
            damaged.to_string().len()
        );
    }

    #[test]
    fn setting_a_key_keeps_the_file_and_checks_it_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "# mine\neditor = \"nano\"\n").unwrap();
        let config = write(&path, Key::ReviewCap, &Value::ReviewCap(2)).unwrap();
        assert_eq!(config.review_cap, 2);
        assert_eq!(config.editor.as_deref(), Some("nano"));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "# mine\neditor = \"nano\"\nreview_cap = 2\n"
        );
        // Damage elsewhere is refused, and the file stays as it was.
        std::fs::write(&path, "day_starts_at = \"25:00\"\n").unwrap();
        let err = write(&path, Key::Editor, &Value::Editor("vi".into())).unwrap_err();
        assert!(
            err.to_string().contains("config.toml:1:17: day_starts_at"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "day_starts_at = \"25:00\"\n"
        );
    }
}
