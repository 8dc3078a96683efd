//! Every command, flag and help text, as clap derive definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Track your study plans from the terminal: what to practise today, what you did, how it goes.
#[derive(Debug, Parser)]
#[command(name = "pymastery", version, about, long_about = None)]
#[command(
    after_help = "Daily use:\n  pymastery today            what to practise now\n  pymastery done --note      record the session, with a reflection\n  pymastery status           the weekly review"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Plan to act on (default: the current plan)
    #[arg(short, long, global = true, value_name = "PLAN")]
    pub plan: Option<String>,

    /// Directory holding the progress log, config and your plans [env: PYMASTERY_HOME]
    #[arg(long, global = true, value_name = "DIR")]
    pub home: Option<PathBuf>,

    /// Print one JSON document on stdout instead of text
    #[arg(long, global = true)]
    pub json: bool,

    /// When to colour the output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print only what was asked for: no hints, no confirmations
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set
    Auto,
    /// Colour even when piped
    Always,
    /// No colour
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what to practise now: the current day of the current plan
    Today(TodayArgs),
    /// Mark a day done, with an optional reflection and time spent
    Done(DoneArgs),
    /// Tick items of a day: `check 2 5`, or `check d5:3`
    Check(CheckArgs),
    /// Untick items of a day
    Uncheck(CheckArgs),
    /// Add a reflection to a day without finishing it
    Note(NoteArgs),
    /// Pass over a day you already master: the plan moves on, it does not count as done
    Skip(SkipArgs),
    /// Take back the most recent change; repeat to walk further back
    Undo,
    /// The weekly review: progress, pace, streaks, recent reflections
    Status(StatusArgs),
    /// List all plans, built-in and your own
    Plans,
    /// Make a plan current and start it
    Start(StartArgs),
    /// Show a day, a week, or a plan's outline, without changing anything
    Show(ShowArgs),
    /// The practice log in date order
    Log(LogArgs),
    /// Check a Markdown or plain-text plan and add it to your plans
    Import(ImportArgs),
    /// Check a plan file and report what it contains, without adding it
    Validate(ValidateArgs),
    /// Check the home for damaged log lines and bad permissions
    Doctor(DoctorArgs),
    /// Read or change config.toml
    Config(ConfigArgs),
    /// The past days due for spaced review today; with DAY and --rate, record a review
    Review(ReviewArgs),
    /// An iCalendar (RFC 5545) feed of the practice days ahead, with an alarm for each
    Calendar(CalendarArgs),
    /// Pause practice (a holiday, an illness): the days neither break the streak nor count against pace
    Pause(PauseArgs),
    /// End the pause in effect: today is a practice day again
    Resume,
    /// Carry progress between machines through git: commit, pull, merge, push
    Sync(SyncArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct TodayArgs {
    /// One line, for a shell prompt
    #[arg(long)]
    pub short: bool,
}

#[derive(Debug, Args)]
pub struct DoneArgs {
    /// The day to mark (default: the current day): a key like `w3.d2`, `#5`, `today` or `next`
    pub day: Option<String>,

    /// A reflection; with no text, opens $VISUAL/$EDITOR (or reads standard input when piped)
    #[arg(long, num_args = 0..=1, value_name = "TEXT")]
    pub note: Option<Option<String>>,

    /// Minutes spent
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub minutes: Option<String>,

    /// The date it was practised, to backfill (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// How well the topic sat, for spaced review: again, hard, good, easy (or 1-4; default good)
    #[arg(long, value_name = "RATING")]
    pub rate: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Item numbers (`2 5`) of the day practised today, else the current day; or `DAY:N` (`d5:3`)
    #[arg(required = true, value_name = "ITEM")]
    pub items: Vec<String>,
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The reflection
    pub text: String,

    /// The day it is about (default: the current day)
    #[arg(long, value_name = "DAY")]
    pub day: Option<String>,

    /// File it under a past date (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
pub struct SkipArgs {
    /// The day to skip (default: the current day)
    pub day: Option<String>,

    /// Why, for the record
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    Text,
    Md,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Include plans that are finished or not started
    #[arg(long)]
    pub all: bool,

    /// Weeks of practice in the calendar heat map
    #[arg(long, default_value_t = 12, value_name = "N")]
    pub weeks: u32,

    /// Output format
    #[arg(long, value_enum, default_value_t = ReviewFormat::Text)]
    pub format: ReviewFormat,
}

#[derive(Debug, Args)]
pub struct StartArgs {
    /// The plan to start (see `pymastery plans`)
    pub plan: String,

    /// Begin mid-plan, at this day
    #[arg(long, value_name = "DAY")]
    pub at: Option<String>,

    /// The start date (YYYY-MM-DD), default today
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// Begin a new pass over a plan, keeping the old one in the history
    #[arg(long)]
    pub fresh: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A day (`w3.d2`, `#5`, `next`), `week N`, a section, or a plan id; nothing for the outline
    #[arg(num_args = 0..=2, value_name = "WHAT")]
    pub what: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Md,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Only entries on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "D")]
    pub since: Option<String>,

    /// Only entries on or before this date (YYYY-MM-DD)
    #[arg(long, value_name = "D")]
    pub until: Option<String>,

    /// Only entries whose title or note contains TEXT (case-insensitive)
    #[arg(long, value_name = "TEXT")]
    pub grep: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub format: LogFormat,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The plan file (Markdown or plain text)
    pub file: PathBuf,

    /// Id to give the plan (default: from the file name)
    #[arg(long)]
    pub id: Option<String>,

    /// Replace a plan imported earlier under the same id
    #[arg(long)]
    pub force: bool,

    /// Record the items the file already ticks (`- [x]`) as ticked, dated today
    #[arg(long)]
    pub keep_ticks: bool,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The plan file (Markdown or plain text)
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Move damaged log lines to a dated file in quarantine/ (never deletes them)
    #[arg(long)]
    pub repair: bool,
    /// Copy the events of a day the plan no longer has (OLD) onto one it has (NEW), as new
    /// events; the old lines stay as they are
    #[arg(long, num_args = 2, value_names = ["OLD", "NEW"])]
    pub remap: Option<Vec<String>>,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Where to sync: a git URL or the path of a bare repository; remembered, so later syncs
    /// need none
    #[arg(value_name = "REMOTE")]
    pub remote: Option<String>,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub action: Option<ConfigAction>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Every key with its value
    List,
    /// One key's value
    Get { key: String },
    /// Change a key
    Set { key: String, value: String },
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The day reviewed (with --rate)
    pub day: Option<String>,

    /// How well it sat: again, hard, good, easy (or 1-4)
    #[arg(long, value_name = "RATING")]
    pub rate: Option<String>,
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// How many days ahead
    #[arg(long, default_value_t = 28, value_name = "N")]
    pub days: u32,

    /// The time of day each session starts, and its alarm rings (HH:MM, local time)
    #[arg(long, default_value = "18:00", value_name = "HH:MM")]
    pub at: String,

    /// How long each session lasts
    #[arg(long, default_value_t = 30, value_name = "M")]
    pub minutes: u32,
}

#[derive(Debug, Args)]
pub struct PauseArgs {
    /// The last day of the pause (YYYY-MM-DD); without it, the pause lasts until `resume`
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Why, for the record (a holiday, an illness)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    pub shell: clap_complete::Shell,
}
