//! Every command, flag and help text, as clap derive definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCandidates;

use crate::event::Rating;

use crate::candidates::{day_keys, days_and_plans, days_and_sections, item_prefixes, plan_ids};

/// Track your study plans from the terminal: what to practise today, what you did, how it goes.
#[derive(Debug, Parser)]
#[command(name = "pymastery", version, about, long_about = None)]
#[command(
    after_help = "Daily use:\n  pymastery today            what to practise now\n  pymastery done --note      record the session, with a reflection\n  pymastery status           the weekly review"
)]
pub struct Cli {
    /// The options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,

    /// The command; none shows `today`.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The command line as clap parses it, with `--help` fitted to `width` columns: clap wraps the
/// text of `after_help` back to its indent, so a long example would continue under itself and
/// read as a second command. Each example is fitted here first, continuing further in.
pub fn command(width: usize) -> clap::Command {
    fit_help(<Cli as clap::CommandFactory>::command(), width)
}

/// How far in the rest of an example that does not fit on one line continues.
const EXAMPLE_HANG: usize = 6;

fn fit_help(command: clap::Command, width: usize) -> clap::Command {
    let command = command.term_width(width);
    let command = match command.get_after_help().map(|help| help.to_string()) {
        Some(help) => {
            let fitted: Vec<String> = help
                .lines()
                .map(|line| crate::render::width::wrap_hanging(line, Some(width), EXAMPLE_HANG))
                .collect();
            command.after_help(fitted.join("\n"))
        }
        None => command,
    };
    command.mut_subcommands(|sub| fit_help(sub, width))
}

/// The heading under which `--help` lists the options every command takes.
const GLOBAL: &str = "Global options";

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Plan to act on (default: the current plan)
    #[arg(short, long, value_name = "PLAN", add = ArgValueCandidates::new(plan_ids))]
    pub plan: Option<String>,

    /// Directory holding the progress log, config and your plans [env: PYMASTERY_HOME]
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "DIR")]
    pub home: Option<PathBuf>,

    /// Print one JSON document on stdout instead of text
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub json: bool,

    /// When to colour the output
    #[arg(long, global = true, help_heading = GLOBAL, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print only what was asked for: no hints, no confirmations
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub quiet: bool,
}

/// `-p/--plan`, on the commands where choosing a plan means something.
#[derive(Debug, Args, Default)]
pub struct PlanArg {
    /// Plan to act on (default: the current plan)
    #[arg(short, long, value_name = "PLAN", add = ArgValueCandidates::new(plan_ids))]
    pub plan: Option<String>,
}

/// `--color`: when the output is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set
    Auto,
    /// Colour even when piped
    Always,
    /// No colour
    Never,
}

/// The commands, in the order `--help` lists them.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what to practise now: the current day of the current plan
    #[command(
        after_help = "Examples:\n  pymastery today\n  pymastery today --short        one line for a shell prompt\n  pymastery today -p interview   another plan under way"
    )]
    Today(TodayArgs),
    /// Mark a day done, with an optional reflection and time spent
    #[command(
        long_about = "Mark a day done (the current day, or DAY), with an optional reflection and time spent, and say what comes next.\n\nOne plain `done` a day: a second one without DAY on a date where the plan already has a day done is refused, with nothing written. `pymastery done next` marks the next day too; `pymastery done --amend --note TEXT` adds to the day done."
    )]
    #[command(
        after_help = "Examples:\n  pymastery done --note \"closures capture variables\" --minutes 30\n  pymastery done --amend --minutes 40  add to the day done last\n  pymastery done d3 --date yesterday   backfill a session"
    )]
    Done(DoneArgs),
    /// Tick items of a day: `check 2 5`, or `check d5:3`
    #[command(
        after_help = "Examples:\n  pymastery check 2 5          items 2 and 5 of the day `today` shows\n  pymastery check d5:3         item 3 of day d5\n  pymastery check readiness:2  an item of a checkable section"
    )]
    Check(CheckArgs),
    /// Untick items of a day
    #[command(after_help = "Examples:\n  pymastery uncheck 5\n  pymastery uncheck d5:3")]
    Uncheck(CheckArgs),
    /// Add a reflection to a day without finishing it
    #[command(
        after_help = "Examples:\n  pymastery note \"generators are lazy\"\n  pymastery note \"read PEP 8 again\" --day d2 --date -2d"
    )]
    Note(NoteArgs),
    /// Pass over a day you already master: the plan moves on, it does not count as done
    #[command(
        after_help = "Examples:\n  pymastery skip --reason \"I know dataclasses well\"\n  pymastery skip w2.d3"
    )]
    Skip(SkipArgs),
    /// Take back the most recent change; repeat to walk further back
    #[command(
        after_help = "Examples:\n  pymastery undo     take back the latest change, and name it\n  pymastery undo     again, to walk further back"
    )]
    Undo,
    /// The weekly review: progress, pace, streaks, recent reflections
    #[command(
        after_help = "Examples:\n  pymastery status\n  pymastery status --all --weeks 52\n  pymastery status --format md > review.md\n  pymastery status --format html --weeks 52 -o review.html"
    )]
    Status(StatusArgs),
    /// List all plans, built-in and your own; `plans update` fetches those that follow a git repository
    #[command(
        after_help = "Examples:\n  pymastery plans\n  pymastery plans --json\n  pymastery plans update          fetch every plan imported with --git again\n  pymastery plans update sql-30   just this one"
    )]
    Plans(PlansArgs),
    /// Make a plan current and start it
    #[command(
        after_help = "Examples:\n  pymastery start interview\n  pymastery start rotating-48 --at w3.d1   begin mid-plan\n  pymastery start deep-dive --fresh        a new pass, the old one kept"
    )]
    Start(StartArgs),
    /// Show a day, a week, or a plan's outline, without changing anything
    #[command(
        after_help = "Examples:\n  pymastery show next       tomorrow's day, to read ahead\n  pymastery show week 3\n  pymastery show readiness  a section\n  pymastery show interview  a plan's outline"
    )]
    Show(ShowArgs),
    /// The practice log in date order
    #[command(
        after_help = "Examples:\n  pymastery log --since -7d\n  pymastery log --grep closures\n  pymastery log --format md > PRACTICE_LOG.md"
    )]
    Log(LogArgs),
    /// Check a Markdown or plain-text plan and add it to your plans
    #[command(
        after_help = "Examples:\n  pymastery import my-plan.md\n  pymastery import notes.txt --id rust-30 --force\n  pymastery import my-plan.md --reading 2   read it the second way `validate` lists"
    )]
    Import(ImportArgs),
    /// Check a plan file and report what it contains, without adding it
    #[command(
        after_help = "Examples:\n  pymastery validate my-plan.md   the readings it finds, best first"
    )]
    Validate(ValidateArgs),
    /// Check the home for damaged log lines and bad permissions
    #[command(
        after_help = "Examples:\n  pymastery doctor\n  pymastery doctor --repair   move damaged lines to a quarantine file"
    )]
    Doctor(DoctorArgs),
    /// Read or change config.toml
    #[command(
        after_help = "Examples:\n  pymastery config\n  pymastery config get day_starts_at\n  pymastery config set plan interview"
    )]
    Config(ConfigArgs),
    /// The past days due for spaced review today; with DAY and --rate, record a review
    #[command(
        after_help = "Examples:\n  pymastery review                    the days due, most overdue first\n  pymastery review d3 --rate hard     record how the review went (again, hard, good, easy or 1-4)\n  pymastery review --json"
    )]
    Review(ReviewArgs),
    /// An iCalendar (RFC 5545) feed of the practice days ahead, with an alarm for each
    #[command(
        after_help = "Examples:\n  pymastery calendar > pymastery.ics               import it into your phone's calendar\n  pymastery calendar --days 14 --at 07:30 --minutes 45"
    )]
    Calendar(CalendarArgs),
    /// Pause practice (a holiday, an illness): the days neither break the streak nor count against pace
    #[command(
        after_help = "Examples:\n  pymastery pause --until 2026-12-31 --reason holiday\n  pymastery pause              until `pymastery resume`"
    )]
    Pause(PauseArgs),
    /// End the pause in effect: today is a practice day again
    #[command(after_help = "Examples:\n  pymastery resume")]
    Resume,
    /// Carry progress between machines through git: commit, pull, merge, push
    #[command(
        after_help = "Examples:\n  pymastery sync /media/usb/pymastery.git  the first time: a bare repository, remembered\n  pymastery sync                           later: commit, pull, merge and push"
    )]
    Sync(SyncArgs),
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  pymastery completions bash > ~/.local/share/bash-completion/completions/pymastery\n  pymastery completions zsh > ~/.zfunc/_pymastery"
    )]
    Completions(CompletionsArgs),
    /// Print a manual page (roff): the main page, or a command's
    #[command(
        after_help = "Examples:\n  pymastery man | man -l -\n  pymastery man done | man -l -\n  pymastery man --dir ~/.local/share/man/man1   every page, for man to find"
    )]
    Man(ManArgs),
}

impl Command {
    /// The `-p/--plan` given to the command, on the commands that take one.
    pub fn plan(&self) -> Option<&str> {
        self.plan_arg()?.plan.as_deref()
    }

    /// Whether choosing a plan means something to the command.
    pub fn takes_plan(&self) -> bool {
        self.plan_arg().is_some()
    }

    fn plan_arg(&self) -> Option<&PlanArg> {
        match self {
            Command::Today(a) => Some(&a.plan),
            Command::Done(a) => Some(&a.plan),
            Command::Check(a) | Command::Uncheck(a) => Some(&a.plan),
            Command::Note(a) => Some(&a.plan),
            Command::Skip(a) => Some(&a.plan),
            Command::Status(a) => Some(&a.plan),
            Command::Show(a) => Some(&a.plan),
            Command::Log(a) => Some(&a.plan),
            Command::Review(a) => Some(&a.plan),
            Command::Calendar(a) => Some(&a.plan),
            Command::Doctor(a) => Some(&a.plan),
            _ => None,
        }
    }

    /// The command's name, as typed.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Today(_) => "today",
            Command::Done(_) => "done",
            Command::Check(_) => "check",
            Command::Uncheck(_) => "uncheck",
            Command::Note(_) => "note",
            Command::Skip(_) => "skip",
            Command::Undo => "undo",
            Command::Status(_) => "status",
            Command::Plans(_) => "plans",
            Command::Start(_) => "start",
            Command::Show(_) => "show",
            Command::Log(_) => "log",
            Command::Import(_) => "import",
            Command::Validate(_) => "validate",
            Command::Doctor(_) => "doctor",
            Command::Config(_) => "config",
            Command::Review(_) => "review",
            Command::Calendar(_) => "calendar",
            Command::Pause(_) => "pause",
            Command::Resume => "resume",
            Command::Sync(_) => "sync",
            Command::Completions(_) => "completions",
            Command::Man(_) => "man",
        }
    }

    /// Whether the command's output is a document (iCalendar, CSV, Markdown, HTML), whose
    /// lines are kept whole rather than fitted to the terminal.
    pub fn writes_document(&self) -> bool {
        match self {
            Command::Calendar(_) => true,
            Command::Log(a) => a.format != LogFormat::Text,
            Command::Status(a) => a.format != ReviewFormat::Text,
            _ => false,
        }
    }

    /// Whether the command runs with a damaged `config.toml` (read as the defaults): `doctor`
    /// reports it, and `config set` repairs it.
    pub fn reads_config_leniently(&self) -> bool {
        matches!(
            self,
            Command::Doctor(_)
                | Command::Config(ConfigArgs {
                    action: Some(ConfigAction::Set { .. })
                })
        )
    }
}

/// `pymastery today`: what to practise now.
#[derive(Debug, Args)]
pub struct TodayArgs {
    /// The plan whose day to show.
    #[command(flatten)]
    pub plan: PlanArg,

    /// One line, for a shell prompt
    #[arg(long)]
    pub short: bool,
}

/// `pymastery done`: the day finished, and what the session took.
#[derive(Debug, Args)]
pub struct DoneArgs {
    /// The plan the day belongs to.
    #[command(flatten)]
    pub plan: PlanArg,

    /// The day to mark (default: the current day): a key like `w3.d2`, `#5`, `today` or `next`
    #[arg(add = ArgValueCandidates::new(day_keys))]
    pub day: Option<String>,

    /// A reflection; with no text, opens $VISUAL/$EDITOR (or reads standard input when piped)
    #[arg(long, num_args = 0..=1, value_name = "TEXT")]
    pub note: Option<Option<String>>,

    /// Minutes spent, 1 to 1440 (no session is longer than a day)
    #[arg(long, value_name = "N", allow_hyphen_values = true, value_parser = crate::input::minutes)]
    pub minutes: Option<u32>,

    /// The date it was practised, to backfill: YYYY-MM-DD, `yesterday`, `-2d`
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,

    /// Add the note or minutes to the day done last instead of marking another day
    #[arg(long, conflicts_with_all = ["day", "date"])]
    pub amend: bool,

    /// How well the topic sat, for spaced review: again, hard, good, easy (or 1-4; default good)
    #[arg(long, value_name = "RATING", value_parser = crate::input::rating)]
    pub rate: Option<Rating>,
}

/// `pymastery check` and `uncheck`: the items to tick or untick.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The plan the items belong to.
    #[command(flatten)]
    pub plan: PlanArg,

    /// Item numbers (`2 5`) of the day `pymastery today` shows; or `DAY:N` (`d5:3`)
    #[arg(required = true, value_name = "ITEM", add = ArgValueCandidates::new(item_prefixes))]
    pub items: Vec<String>,
}

/// `pymastery note`: a reflection on a day, without finishing it.
#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The plan the day belongs to.
    #[command(flatten)]
    pub plan: PlanArg,

    /// The reflection
    pub text: String,

    /// The day it is about (default: the current day)
    #[arg(long, value_name = "DAY", add = ArgValueCandidates::new(days_and_sections))]
    pub day: Option<String>,

    /// File it under a past date: YYYY-MM-DD, `yesterday`, `-2d`
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
}

/// `pymastery skip`: a day passed over, and why.
#[derive(Debug, Args)]
pub struct SkipArgs {
    /// The plan the day belongs to.
    #[command(flatten)]
    pub plan: PlanArg,

    /// The day to skip (default: the current day)
    #[arg(add = ArgValueCandidates::new(day_keys))]
    pub day: Option<String>,

    /// Why, for the record
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

/// What `status --format` writes the weekly review as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    /// For the terminal
    Text,
    /// A Markdown document
    Md,
    /// One self-contained page of charts (no script, nothing fetched)
    Html,
}

/// `pymastery status`: the weekly review, on the terminal or as a document.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Only this plan (default: every plan the log names).
    #[command(flatten)]
    pub plan: PlanArg,

    /// Include plans that are finished or not started
    #[arg(long)]
    pub all: bool,

    /// Weeks the review looks back over: the heat map, and every chart of the HTML page
    #[arg(long, default_value_t = 12, value_name = "N")]
    pub weeks: u32,

    /// Output format
    #[arg(long, value_enum, default_value_t = ReviewFormat::Text)]
    pub format: ReviewFormat,

    /// Write the review to FILE instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,

    /// Then open FILE with the system's opener (a browser, for --format html)
    #[arg(long, requires = "output")]
    pub open: bool,
}

/// `pymastery start`: the plan to make current, and where to begin it.
#[derive(Debug, Args)]
pub struct StartArgs {
    /// The plan to start (see `pymastery plans`)
    #[arg(add = ArgValueCandidates::new(plan_ids))]
    pub plan: String,

    /// Begin mid-plan, at this day
    #[arg(long, value_name = "DAY")]
    pub at: Option<String>,

    /// The start date (YYYY-MM-DD, `yesterday`, `-2d`), default today
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,

    /// Begin a new pass over a plan, keeping the old one in the history
    #[arg(long)]
    pub fresh: bool,
}

/// `pymastery show`: what to show, without changing anything.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The plan to show from.
    #[command(flatten)]
    pub plan: PlanArg,

    /// A day (`w3.d2`, `#5`, `next`), `week N`, a section, or a plan id; nothing for the outline
    #[arg(num_args = 0..=2, value_name = "WHAT", add = ArgValueCandidates::new(days_and_plans))]
    pub what: Vec<String>,
}

/// What `log --format` writes the practice log as.
// No doc comments on the variants: clap would show them as help text, and `log --help` lists
// the formats bare.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Md,
    Json,
    Csv,
}

/// `pymastery log`: which entries of the practice log, and in what format.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Only this plan's entries (default: every plan's).
    #[command(flatten)]
    pub plan: PlanArg,

    /// Only entries on or after this date: YYYY-MM-DD, `yesterday`, `-7d`
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,

    /// Only entries on or before this date: YYYY-MM-DD, `yesterday`, `-7d`
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: Option<String>,

    /// Only entries whose title or note contains TEXT (case-insensitive)
    #[arg(long, value_name = "TEXT")]
    pub grep: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub format: LogFormat,
}

/// `pymastery plans`: the list of plans, or an action on them.
#[derive(Debug, Args)]
pub struct PlansArgs {
    /// `update`; none lists the plans.
    #[command(subcommand)]
    pub action: Option<PlansAction>,
}

/// What `plans` does besides listing.
#[derive(Debug, Subcommand)]
pub enum PlansAction {
    /// Fetch each plan imported with `import --git` again (or just ID), re-import it keeping
    /// progress by day and item, and say what changed
    #[command(after_help = "Examples:\n  pymastery plans update\n  pymastery plans update sql-30")]
    Update {
        /// The plan to update (default: every plan that has an upstream)
        #[arg(add = ArgValueCandidates::new(plan_ids))]
        id: Option<String>,
    },
}

/// `pymastery import`: where the plan comes from, and how it is read.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The plan file (Markdown or plain text)
    #[arg(required_unless_present = "git", conflicts_with = "git")]
    pub file: Option<PathBuf>,

    /// Import from this git repository (any URL git takes, or a local path) instead of a file;
    /// `plans update` fetches it again later
    #[arg(long, value_name = "URL", requires = "path")]
    pub git: Option<String>,

    /// With --git: the plan file's path inside the repository
    #[arg(long, value_name = "FILE", requires = "git")]
    pub path: Option<String>,

    /// With --git: the branch, tag or commit to import (default: the remote's default branch)
    #[arg(long = "ref", value_name = "REF", requires = "git")]
    pub reference: Option<String>,

    /// Id to give the plan (default: from the file name)
    #[arg(long)]
    pub id: Option<String>,

    /// Read the plan the N-th way `validate` lists (its readings, best first); the choice is
    /// kept with the plan and used again when it is imported anew
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub reading: Option<u16>,

    /// Replace a plan imported earlier under the same id
    #[arg(long)]
    pub force: bool,

    /// Record the items the file already ticks (`- [x]`) as ticked, dated today
    #[arg(long)]
    pub keep_ticks: bool,
}

/// `pymastery validate`: the plan file to check.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The plan file (Markdown or plain text)
    pub file: PathBuf,
}

/// `pymastery doctor`: the plan to look at, and what to repair.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// With -p, only that plan's events are looked at for unknown days and ticks (damaged
    /// lines and permissions are the whole home's), and --remap acts on that plan.
    #[command(flatten)]
    pub plan: PlanArg,

    /// Move damaged log lines to a dated file in quarantine/ (never deletes them)
    #[arg(long)]
    pub repair: bool,
    /// Copy the events of a day the plan no longer has (OLD) onto one it has (NEW), as new
    /// events; when OLD names another day now, move the events recorded on it under another
    /// title. The old lines stay as they are
    #[arg(long, num_args = 2, value_names = ["OLD", "NEW"])]
    pub remap: Option<Vec<String>>,
}

/// `pymastery sync`: the remote to carry progress through.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Where to sync: a git URL or the path of a bare repository; remembered, so later syncs
    /// need none
    #[arg(value_name = "REMOTE")]
    pub remote: Option<String>,
}

/// `pymastery config`: what to do with `config.toml`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// `list`, `get` or `set`; none lists every key.
    #[command(subcommand)]
    pub action: Option<ConfigAction>,
}

/// What `config` does.
#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Every key with its value
    List,
    /// One key's value
    Get {
        /// The setting to read
        #[arg(value_name = "KEY", value_parser = crate::config::KeyParser)]
        key: crate::config::Key,
    },
    /// Change a key
    #[command(after_help = crate::config::Key::help())]
    Set {
        /// The setting to change (the keys are listed below)
        #[arg(value_name = "KEY", value_parser = crate::config::KeyParser, hide_possible_values = true)]
        key: crate::config::Key,
        /// The new value
        value: String,
    },
}

/// `pymastery review`: the days due, or a review to record.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The plan whose days to list or review (listing: every plan's by default).
    #[command(flatten)]
    pub plan: PlanArg,

    /// The day reviewed (with --rate)
    #[arg(add = ArgValueCandidates::new(day_keys))]
    pub day: Option<String>,

    /// How well it sat: again, hard, good, easy (or 1-4)
    #[arg(long, value_name = "RATING", value_parser = crate::input::rating)]
    pub rate: Option<Rating>,
}

/// `pymastery calendar`: how far ahead the feed goes, and when its sessions are.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Only this plan's days (default: those of every plan under way).
    #[command(flatten)]
    pub plan: PlanArg,

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

/// `pymastery pause`: how long the pause lasts, and why.
#[derive(Debug, Args)]
pub struct PauseArgs {
    /// The last day of the pause (YYYY-MM-DD); without it, the pause lasts until `resume`
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Why, for the record (a holiday, an illness)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

/// `pymastery man`: which page, and where to write it.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (`done`, `config-set`); the main page without it
    #[arg(value_name = "COMMAND", conflicts_with = "dir")]
    pub command: Option<String>,

    /// Write every page into DIR (created if missing), as `pymastery.1`, `pymastery-done.1`, ...
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `pymastery completions`: the shell to print a script for.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    pub shell: clap_complete::Shell,
}
