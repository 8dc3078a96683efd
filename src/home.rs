//! Where files live: the home directory and `config.toml`.
//!
//! The home is `--home`, else `$PYMASTERY_HOME`, else the platform data directory. It is created
//! on the first write with mode 0700; read-only commands never create it.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use crate::clock::parse_time_of_day;
use crate::fs::{create_private_dir, private_file_options};
use crate::progress::Store;

pub use crate::fs::layout::{CACHE_DIR, CONFIG_FILE, LOCAL_DIR, PLANS_DIR, QUARANTINE_DIR};
pub use crate::progress::store::{LEGACY_LOG_FILE, LOG_DIR};

/// The directory holding everything the tool writes.
#[derive(Debug, Clone)]
pub struct Home {
    dir: PathBuf,
}

impl Home {
    /// Resolves the home: the flag, else the environment variable, else the platform default.
    pub fn resolve(flag: Option<PathBuf>, env: Option<PathBuf>) -> anyhow::Result<Home> {
        if let Some(dir) = flag.or(env).filter(|d| !d.as_os_str().is_empty()) {
            if dir.exists() && !dir.is_dir() {
                return Err(crate::error::bad_input(format!(
                    "the home {} is a file, not a directory; point --home or PYMASTERY_HOME at a directory",
                    dir.display()
                )));
            }
            return Ok(Home { dir });
        }
        let dirs = directories::ProjectDirs::from("", "", "pymastery").context(
            "cannot find a home directory for pymastery; set PYMASTERY_HOME or pass --home",
        )?;
        // A $HOME that does not exist (a service account, a typo) would be created, parents
        // and all, by the first write.
        if let Some(base) = directories::BaseDirs::new()
            && !base.home_dir().is_dir()
            && dirs.data_dir().starts_with(base.home_dir())
        {
            return Err(crate::error::bad_input(format!(
                "the home directory {} does not exist, so pymastery has nowhere to keep its files; set PYMASTERY_HOME or pass --home",
                base.home_dir().display()
            )));
        }
        Ok(Home {
            dir: dirs.data_dir().to_path_buf(),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The progress logs: `log/<device>.jsonl`, one per machine.
    pub fn store(&self) -> Store {
        Store::new(&self.dir)
    }

    /// `log/`, the folder of per-machine log files.
    pub fn log_dir(&self) -> PathBuf {
        self.dir.join(LOG_DIR)
    }

    /// Whether anything was ever recorded or imported here: derived data (`cache/`) is written
    /// only into such a home, so that read-only commands leave a new or empty home untouched.
    pub fn holds_records(&self) -> bool {
        self.log_dir().is_dir()
            || self.plans_dir().is_dir()
            || self.dir.join(LEGACY_LOG_FILE).exists()
    }

    /// `local/`, per-machine state that sync never carries.
    pub fn local_dir(&self) -> PathBuf {
        self.dir.join(LOCAL_DIR)
    }

    /// `cache/`, derived data that may be deleted at any time.
    pub fn cache_dir(&self) -> PathBuf {
        self.dir.join(CACHE_DIR)
    }

    /// `quarantine/`, lines moved out of the logs.
    pub fn quarantine_dir(&self) -> PathBuf {
        self.dir.join(QUARANTINE_DIR)
    }

    pub fn config_path(&self) -> PathBuf {
        self.dir.join(CONFIG_FILE)
    }

    pub fn plans_dir(&self) -> PathBuf {
        self.dir.join(PLANS_DIR)
    }

    /// Takes the lock `NAME.lock` in the home (creating the home), held until the file is
    /// dropped: writers of `config.toml` and `curricula/` read, decide and write under it, so
    /// that two at once cannot lose each other's change.
    pub fn lock(&self, name: &str) -> anyhow::Result<fs::File> {
        self.ensure_dir(None)?;
        let path = self.dir.join(format!("{name}.lock"));
        let file = private_file_options()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        file.lock()
            .with_context(|| format!("cannot lock {}", path.display()))?;
        Ok(file)
    }

    /// Refuses a write by root in a home that belongs to another user (the home, or the
    /// nearest folder above it that exists): files root creates there (mode 0600) would lock
    /// that user out of their own notes.
    #[cfg(unix)]
    pub fn check_owner(&self) -> anyhow::Result<()> {
        use std::os::unix::fs::MetadataExt;
        if !rustix::process::geteuid().is_root() {
            return Ok(());
        }
        let owner = self
            .dir
            .ancestors()
            .map(|d| {
                if d.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    d
                }
            })
            .find_map(|d| fs::metadata(d).ok().map(|m| (d.to_path_buf(), m.uid())));
        match owner {
            Some((dir, uid)) if uid != 0 => anyhow::bail!(
                "refusing to write as root in {}, which belongs to user {uid}: files made there would be root's and lock that user out, so run pymastery as that user",
                dir.display()
            ),
            _ => Ok(()),
        }
    }

    /// Refuses a write by root in another user's home (Unix only).
    #[cfg(not(unix))]
    pub fn check_owner(&self) -> anyhow::Result<()> {
        Ok(())
    }

    /// Creates the home (and `sub`, if given) with mode 0700 before a write.
    pub fn ensure_dir(&self, sub: Option<&str>) -> anyhow::Result<PathBuf> {
        self.check_owner()?;
        let path = match sub {
            Some(sub) => self.dir.join(sub),
            None => self.dir.clone(),
        };
        create_private_dir(&path).with_context(|| format!("cannot create {}", path.display()))?;
        Ok(path)
    }
}

/// The settings in `config.toml`; every key has a default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The plan used when no plan has been started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// When a practice day begins (`HH:MM`); earlier practice counts for the day before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_starts_at: Option<String>,
    /// Editor for `done --note`, before $VISUAL and $EDITOR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editor: Option<String>,
    /// Weekdays off (`sat,sun`): they neither break the streak nor count against pace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest_days: Option<String>,
    /// The most days `today` asks to review in one day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_cap: Option<u32>,
}

/// Default of `review_cap`.
pub const DEFAULT_REVIEW_CAP: u32 = 5;
/// Largest `review_cap` accepted.
pub const MAX_REVIEW_CAP: u32 = 100;

/// The config keys, with their defaults and what they take.
pub const CONFIG_KEYS: [(&str, &str, &str); 5] = [
    (
        "plan",
        "rotating-48",
        "a plan id (see `pymastery plans`); setting it switches to the plan as `start` does",
    ),
    ("day_starts_at", "04:00", "a time of day as HH:MM"),
    ("editor", "$VISUAL or $EDITOR", "an editor command"),
    (
        "rest_days",
        "none",
        "weekdays separated by commas, like sat,sun (or none)",
    ),
    (
        "review_cap",
        "5",
        "how many reviews `today` asks for a day, a whole number from 0 to 100",
    ),
];

impl Config {
    /// Reads `config.toml`; a missing file gives the defaults.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        match read_config_text(path)? {
            Some(text) => Config::parse(path, &text, &parse_table(path, &text)?),
            None => Ok(Config::default()),
        }
    }

    /// The settings in a parsed `config.toml`: an unknown key, or a value a key does not take,
    /// is named with what is allowed and a command that repairs it.
    /// `text` is the file's text, for line numbers.
    pub fn parse(path: &Path, text: &str, table: &toml::Table) -> anyhow::Result<Config> {
        let mut config = Config::default();
        for (key, value) in table {
            let line = text
                .lines()
                .position(|l| l.split('=').next().map(str::trim) == Some(key.as_str()));
            let place = match line {
                Some(n) => format!("{}:{}", path.display(), n + 1),
                None => path.display().to_string(),
            };
            let Some((_, _, allowed)) = CONFIG_KEYS.iter().find(|(k, _, _)| k == key) else {
                return Err(anyhow::Error::new(
                    crate::error::CommandError::failure(format!(
                        "{place}: '{key}' is not a setting; the keys are {}",
                        CONFIG_KEYS.map(|k| k.0).join(", ")
                    ))
                    .hinted(format!(
                        "remove the line '{key} = ...' from {}",
                        path.display()
                    )),
                ));
            };
            let bad = || {
                anyhow::Error::new(
                    crate::error::CommandError::failure(format!(
                        "{place}: {key} is {value}, which is not {allowed}"
                    ))
                    .hinted(format!(
                        "fix it with `pymastery config set {key} {}`",
                        example_value(key)
                    )),
                )
            };
            if key == "review_cap" {
                let cap = value
                    .as_integer()
                    .and_then(|n| u32::try_from(n).ok())
                    .filter(|c| *c <= MAX_REVIEW_CAP)
                    .ok_or_else(bad)?;
                config.review_cap = Some(cap);
                continue;
            }
            let text = value
                .as_str()
                .map(str::trim)
                .filter(|v| valid_value(key, v))
                .ok_or_else(bad)?
                .to_string();
            match key.as_str() {
                "plan" => config.plan = Some(text),
                "day_starts_at" => config.day_starts_at = Some(text),
                "rest_days" => config.rest_days = Some(text),
                _ => config.editor = Some(text),
            }
        }
        Ok(config)
    }

    /// The weekly rest days.
    pub fn rest_days(&self) -> Vec<chrono::Weekday> {
        self.rest_days
            .as_deref()
            .and_then(|text| crate::rest::parse_rest_days(text).ok())
            .unwrap_or_default()
    }

    /// How many reviews `today` asks for in one day.
    pub fn review_cap(&self) -> u32 {
        self.review_cap.unwrap_or(DEFAULT_REVIEW_CAP)
    }

    /// When a practice day begins.
    pub fn day_starts_at(&self) -> NaiveTime {
        self.day_starts_at
            .as_deref()
            .and_then(parse_time_of_day)
            .unwrap_or(NaiveTime::from_hms_opt(4, 0, 0).unwrap_or(NaiveTime::MIN))
    }
}

/// Whether `key` takes `value` (a key from [`CONFIG_KEYS`]).
fn valid_value(key: &str, value: &str) -> bool {
    match key {
        "day_starts_at" => parse_time_of_day(value).is_some(),
        "rest_days" => crate::rest::parse_rest_days(value).is_ok(),
        _ => !value.is_empty(),
    }
}

/// A value that works for `key`, for hints.
fn example_value(key: &str) -> &'static str {
    match key {
        "day_starts_at" => "04:00",
        "editor" => "vi",
        "rest_days" => "sat,sun",
        "review_cap" => "5",
        _ => crate::curriculum::builtin::DEFAULT_PLAN,
    }
}

/// The text of `config.toml`, or `None` when there is none.
pub fn read_config_text(path: &Path) -> anyhow::Result<Option<String>> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// `config.toml` as a TOML table; a file that is not TOML is named with its line.
pub fn parse_table(path: &Path, text: &str) -> anyhow::Result<toml::Table> {
    text.parse::<toml::Table>()
        .map_err(|e| damaged(path, text, &e))
}

/// The most of a damaged line of `config.toml` an error quotes.
const QUOTED_CHARS: usize = 80;

fn damaged(path: &Path, text: &str, err: &toml::de::Error) -> anyhow::Error {
    let line = err
        .span()
        .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
    let place = match line {
        Some(line) => format!("{}:{line}", path.display()),
        None => path.display().to_string(),
    };
    let shown = line.and_then(|n| text.lines().nth(n - 1)).map(str::trim);
    // A line setting a known key can be repaired with `config set`.
    let key = shown
        .and_then(|l| l.split('=').next())
        .map(str::trim)
        .and_then(|k| CONFIG_KEYS.iter().find(|(key, _, _)| *key == k));
    let hint = match key {
        Some((key, _, _)) => format!(
            "fix it with `pymastery config set {key} {}`",
            example_value(key)
        ),
        None => format!(
            "edit the file, or move it away to use the defaults (keys: {})",
            CONFIG_KEYS.map(|k| k.0).join(", ")
        ),
    };
    // The line quoted as far as a reader needs it: a 20 MB line does not go to stderr.
    let shown = shown.map(|line| crate::render::text::excerpt(line, QUOTED_CHARS));
    let message = match (shown.as_deref(), key) {
        (Some(shown), Some((key, _, allowed))) => format!(
            "{place}: `{shown}`: {} ({key} takes {allowed})",
            err.message().trim()
        ),
        (Some(shown), None) => format!("{place}: `{shown}`: {}", err.message().trim()),
        _ => format!("{place}: {}", err.message().trim()),
    };
    anyhow::Error::new(crate::error::CommandError::failure(message).hinted(hint))
}
