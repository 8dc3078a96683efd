//! One module per command: each parses nothing itself, loads what it needs, computes, renders,
//! and (for the writing commands) appends one event.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::cli::{Cli, ColorChoice, Command};
use crate::clock::{self, Clock};
use crate::config::Config;
use crate::curriculum::Curriculum;
use crate::curriculum::catalog::Catalog;
use crate::home::Home;
use crate::progress::event::new_event_id;
use crate::progress::label::Label;
use crate::progress::store::{LogRead, Need};
use crate::progress::{Event, EventKind, Progress, SCHEMA_VERSION};
use crate::render::text::Paint;
use chrono::NaiveDate;

pub mod calendar;
pub mod check;
pub mod completions;
pub mod config;
pub mod doctor;
pub mod done;
pub mod import;
pub mod log;
pub mod man;
pub mod note;
pub mod pause;
pub mod plans;
pub mod reflection;
pub mod reimport;
pub mod review;
pub mod show;
pub mod skip;
pub mod start;
pub mod status;
pub mod sync;
pub mod today;
pub mod undo;
pub mod update;

/// The environment variables the program reads, read once at start-up.
#[derive(Debug, Clone, Default)]
pub struct Env {
    pub home: Option<PathBuf>,
    pub now: Option<String>,
    pub no_color: bool,
    pub visual: Option<String>,
    pub editor: Option<String>,
    pub stdout_is_terminal: bool,
    pub stdin_is_terminal: bool,
    /// `COLUMNS`, when set.
    pub columns: Option<String>,
    /// The terminal's width in columns, when stdout is a terminal.
    pub terminal_width: Option<usize>,
}

impl Env {
    /// Whether output is coloured: `--color`, else when stdout is a terminal and `NO_COLOR`
    /// is not set.
    pub fn color(&self, choice: ColorChoice) -> bool {
        match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => self.stdout_is_terminal && !self.no_color,
        }
    }

    pub fn from_process() -> Env {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Env {
            home: std::env::var_os("PYMASTERY_HOME").map(PathBuf::from),
            now: var("PYMASTERY_NOW"),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            visual: var("VISUAL"),
            editor: var("EDITOR"),
            stdout_is_terminal: std::io::stdout().is_terminal(),
            stdin_is_terminal: std::io::stdin().is_terminal(),
            columns: var("COLUMNS"),
            terminal_width: terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)),
        }
    }

    /// The width text output is fitted to (see [`crate::render::width::resolve`]).
    pub fn width(&self) -> Option<usize> {
        let terminal = self.terminal_width.filter(|_| self.stdout_is_terminal);
        crate::render::width::resolve(self.columns.as_deref(), terminal)
    }
}

/// Everything a command needs, resolved once from the arguments and the environment.
pub struct Context {
    pub home: Home,
    pub config: Config,
    pub clock: Clock,
    pub catalog: Catalog,
    /// `--plan`, when given.
    pub plan_flag: Option<String>,
    pub json: bool,
    pub quiet: bool,
    pub color: bool,
    /// The editor command for notes: config, then $VISUAL, then $EDITOR.
    pub editor: Option<String>,
    pub stdin_is_terminal: bool,
    /// Set once events are durably in the log: a later failure must not read as "nothing
    /// happened".
    pub recorded: std::cell::Cell<bool>,
    /// A note written in the editor, kept in the home until it is recorded.
    pub draft: std::cell::RefCell<Option<PathBuf>>,
    /// Columns text screens are fitted to; `None` keeps lines whole (piped, no `COLUMNS`).
    pub width: Option<usize>,
    /// A checkpoint of the log newer than the one on disk, saved when the command is done.
    checkpoint: std::cell::RefCell<Option<crate::progress::store::checkpoint::Checkpoint>>,
}

impl Context {
    /// `lenient_config` uses the defaults when `config.toml` is damaged (for `doctor`, which reports it).
    fn new(cli: &Cli, env: &Env, lenient_config: bool) -> anyhow::Result<Context> {
        let home = Home::resolve(cli.global.home.clone(), env.home.clone())?;
        let config = match Config::load(&home.config_path()) {
            Err(_) if lenient_config => Config::default(),
            loaded => loaded?,
        };
        let now = match &env.now {
            Some(text) => clock::parse_now(text)?,
            None => clock::system_now(),
        };
        let clock = Clock::new(now, config.day_starts_at);
        clock.check_in_range()?;
        let mut catalog = Catalog::new(&home.plans_dir());
        if home.holds_records() {
            catalog = catalog.with_cache(home.cache_dir().join("plans"));
        }
        let color = env.color(cli.global.color);
        let editor = config
            .editor
            .clone()
            .or_else(|| env.visual.clone())
            .or_else(|| env.editor.clone());
        Ok(Context {
            home,
            config,
            clock,
            catalog,
            plan_flag: cli
                .command
                .as_ref()
                .and_then(Command::plan)
                .or(cli.global.plan.as_deref())
                .map(str::to_string),
            json: cli.global.json,
            quiet: cli.global.quiet,
            color,
            editor,
            stdin_is_terminal: env.stdin_is_terminal,
            recorded: std::cell::Cell::new(false),
            draft: std::cell::RefCell::new(None),
            width: env.width(),
            checkpoint: std::cell::RefCell::new(None),
        })
    }

    /// The progress logs, quarantining damaged lines under today's practice date.
    pub fn store(&self) -> crate::progress::Store {
        self.home.store().with_quarantine_date(self.clock.today())
    }

    /// Reads the progress log, saying on stderr what the reader passed over.
    pub fn read_log(&self) -> anyhow::Result<Vec<crate::progress::Event>> {
        let LogRead { events, warnings } = self
            .store()
            .read()
            .map_err(crate::progress::store::user_error)?;
        for warning in warnings {
            warn(&warning);
        }
        Ok(events)
    }

    /// This machine's current plan: the one it last started, unless another machine started
    /// one after seeing that (see [`Progress::current_plan_on`]).
    pub fn current_plan(&self, progress: &Progress) -> Option<String> {
        if progress.starts.len() < 2 {
            return progress.current_plan.clone();
        }
        progress.current_plan_on(self.device().as_deref())
    }

    /// This machine's device id, if it has recorded anything here (never makes one).
    pub fn device(&self) -> Option<String> {
        crate::progress::device::recorded_id(self.home.dir(), &self.home.local_dir())
    }

    /// The plan a command acts on: `--plan`, else the current plan.
    pub fn plan_id(&self, progress: &Progress) -> String {
        self.plan_flag
            .clone()
            .or_else(|| self.current_plan(progress))
            .or_else(|| self.config.plan.clone())
            .unwrap_or_else(|| crate::curriculum::builtin::DEFAULT_PLAN.to_string())
    }

    /// A new event for `plan`, recorded now, counting for `date`.
    pub fn event(&self, plan: &str, pass: u32, date: NaiveDate, kind: EventKind) -> Event {
        Event {
            v: SCHEMA_VERSION,
            id: new_event_id(),
            at: self.clock.now(),
            date,
            plan: plan.into(),
            pass,
            clock: 0,
            dev: Label::default(),
            kind,
        }
    }

    /// Where output goes through colour.
    pub fn paint(&self) -> Paint {
        Paint {
            enabled: self.color,
        }
    }

    /// The days off as of today: the config's rest days and the log's pauses.
    pub fn days_off(&self, progress: &Progress) -> crate::rest::DaysOff {
        crate::rest::DaysOff::new(
            crate::config::weekdays(self.config.rest_days),
            &progress.pause_events,
            self.clock.today(),
        )
    }

    /// The folded log: plans, days, practice dates and pauses, without the other events
    /// (`live` is empty); from the checkpoint when it is valid.
    pub fn progress(&self) -> anyhow::Result<Progress> {
        self.load(Need::State)
    }

    /// The folded log with the events in effect of the recent days (`live` from `live_from`).
    pub fn progress_recent(&self) -> anyhow::Result<Progress> {
        self.load(Need::Recent)
    }

    /// The folded log with every grade of spaced review read (for `review`).
    pub fn progress_with_grades(&self) -> anyhow::Result<Progress> {
        self.load(Need::Grades)
    }

    /// Review events recorded on dates from `from` to `to`: from the outlook the checkpoint
    /// kept when it reaches back that far (it nearly always does), else from every event.
    pub fn reviews_between(
        &self,
        progress: &Progress,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> anyhow::Result<usize> {
        if let Some(n) = progress.reviews.reviews_between(from, to) {
            return Ok(n);
        }
        let all = self.progress_all()?;
        Ok(all.reviews.reviews_between(from, to).unwrap_or(0))
    }

    /// Today's reviews under the daily cap, of `due` days whose review date has come.
    pub fn due_today(
        &self,
        progress: &Progress,
        due: usize,
    ) -> anyhow::Result<crate::review::DueToday> {
        let today = self.clock.today();
        let done_today = self.reviews_between(progress, today, today)?;
        Ok(crate::review::DueToday::new(
            due,
            self.config.review_cap,
            done_today,
        ))
    }

    /// The folded log with every event in effect (`live` complete); reads every line.
    pub fn progress_all(&self) -> anyhow::Result<Progress> {
        self.load(Need::All)
    }

    fn load(&self, need: Need) -> anyhow::Result<Progress> {
        let loaded = self
            .store()
            .load(need)
            .map_err(crate::progress::store::user_error)?;
        for warning in &loaded.warnings {
            eprintln!("warning: {}", crate::render::text::sanitize(warning));
        }
        if loaded.changed {
            self.checkpoint.replace(loaded.checkpoint);
        }
        Ok(loaded.progress)
    }

    /// Saves a checkpoint newer than the one on disk, into a home that holds records only;
    /// failing to is never an error (the next command folds the log again).
    fn save_checkpoint(&self) {
        if let Some(checkpoint) = self.checkpoint.take()
            && self.home.holds_records()
        {
            let _ = checkpoint.save(&self.home.cache_dir());
        }
    }

    /// Loads the plan a command acts on.
    ///
    /// A current plan that was since removed from the home falls back to the default plan with
    /// a warning, so that `today` keeps working; a plan named with `--plan` must exist.
    pub fn plan(&self, progress: &Progress) -> anyhow::Result<Curriculum> {
        let id = self.plan_id(progress);
        if self.plan_flag.is_none() && !self.catalog.contains(&id) {
            let fallback = self
                .config
                .plan
                .clone()
                .filter(|p| self.catalog.contains(p))
                .unwrap_or_else(|| crate::curriculum::builtin::DEFAULT_PLAN.to_string());
            warn(&format!(
                "the current plan '{}' is no longer among your plans; showing {fallback} (`pymastery start PLAN` picks another)",
                crate::render::text::one_line(&id)
            ));
            return self.catalog.load(&fallback);
        }
        self.load_with_days(&id)
    }

    /// Loads a plan, refusing an imported one whose file no longer holds any day (emptied or
    /// damaged): it would read as finished, 0 of 0 days, and hide the progress recorded on it.
    fn load_with_days(&self, id: &str) -> anyhow::Result<Curriculum> {
        let plan = self.catalog.load(id)?;
        if plan.is_trackable() {
            return Ok(plan);
        }
        let user_file = self.catalog.entries().iter().find_map(|e| match &e.source {
            crate::curriculum::catalog::Source::User(path) if e.id.eq_ignore_ascii_case(id) => {
                Some(path.clone())
            }
            _ => None,
        });
        match user_file {
            Some(path) => Err(anyhow::Error::new(crate::error::CommandError::failure(format!(
                    "{} holds no day to track any more, so plan '{}' cannot be shown or recorded against",
                    path.display(),
                    crate::render::text::one_line(id)
                )).hinted(format!(
                    "put the plan's text back in that file, or import it again with `pymastery import FILE --id {} --force`; what you recorded is kept in the log",
                    crate::render::text::one_line(id)
                )))),
            None => Ok(plan),
        }
    }

    /// Loads the plan a writing command records against: like [`Context::plan`], but a current
    /// plan that is missing is refused rather than replaced, so that nothing is recorded under
    /// another plan.
    pub fn plan_to_write(&self, progress: &Progress) -> anyhow::Result<Curriculum> {
        let id = self.plan_id(progress);
        if self.plan_flag.is_none() && !self.catalog.contains(&id) {
            let id = crate::render::text::one_line(&id);
            anyhow::bail!(
                "the current plan '{id}' is no longer among your plans, so nothing was recorded: put {} back, re-import it with `pymastery import FILE --id {id}`, or choose a plan with `pymastery start PLAN` or `--plan PLAN`",
                self.home.plans_dir().join(format!("{id}.md")).display()
            );
        }
        self.load_with_days(&id)
    }
}

/// How a confirmation begins a day's name: `interview ` when another plan is under way too
/// (started and not finished), so that nobody wonders which plan moved; else nothing.
pub fn plan_prefix(ctx: &Context, progress: &Progress, plan: &str) -> String {
    let another = progress.plans.iter().any(|(id, p)| {
        id != plan
            && ctx
                .catalog
                .load(id)
                .is_ok_and(|other| crate::schedule::current_day(&other, Some(p)).is_some())
    });
    if another {
        format!("{} ", crate::render::text::one_line(plan))
    } else {
        String::new()
    }
}

/// The pass a plan's new events belong to (1 before it was started).
pub fn pass_of(progress: &Progress, plan: &str) -> u32 {
    progress.plan(plan).map_or(1, |p| p.pass)
}

/// Appends what `decide` returns under the log's lock; errors in `decide` write nothing.
///
/// With `--json` it prints the recorded events (`{"recorded": [...]}`) and returns `None`, so
/// the command prints nothing else.
pub fn record<T>(
    ctx: &Context,
    out: &mut dyn Write,
    decide: impl FnOnce(&Progress) -> anyhow::Result<(Vec<Event>, T)>,
) -> anyhow::Result<Option<T>> {
    record_with(ctx, out, Need::State, decide)
}

/// [`record`] with `decide` given as much of the log as `need` says (`undo` needs every event).
pub fn record_with<T>(
    ctx: &Context,
    out: &mut dyn Write,
    need: Need,
    decide: impl FnOnce(&Progress) -> anyhow::Result<(Vec<Event>, T)>,
) -> anyhow::Result<Option<T>> {
    ctx.home.check_owner()?;
    let store = ctx.store();
    let device = device_id(&store)?;
    let updated = store.update(&device, need, decide)?;
    if !updated.events.is_empty() {
        ctx.recorded.set(true);
        ctx.checkpoint.replace(updated.checkpoint);
        // The note is in the log now; its draft has done its job.
        if let Some(draft) = ctx.draft.borrow_mut().take() {
            let _ = std::fs::remove_file(draft);
        }
    }
    if ctx.json {
        crate::render::write_json(out, &serde_json::json!({ "recorded": updated.events }))?;
        return Ok(None);
    }
    Ok(Some(updated.value))
}

/// This machine's device id in the home of `store`, made the first time; when it replaced a
/// damaged `local/device.json`, says so on stderr.
pub fn device_id(store: &crate::progress::Store) -> anyhow::Result<String> {
    let device = store.device().map_err(crate::progress::store::user_error)?;
    if let Some(warning) = &device.warning {
        warn(warning);
    }
    Ok(device.id)
}

/// Says `message` on stderr as a warning, made safe like everything else printed.
pub fn warn(message: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(
        stderr,
        "warning: {}",
        crate::render::text::sanitize(message)
    );
}

/// Prints a confirmation, unless `--quiet`.
pub fn say(ctx: &Context, out: &mut dyn Write, message: &str) -> anyhow::Result<()> {
    if !ctx.quiet {
        writeln!(out, "{message}")?;
    }
    Ok(())
}

/// Runs the command the user typed.
pub fn run(cli: Cli, env: Env, out: &mut dyn Write) -> anyhow::Result<()> {
    if let Some(Command::Completions(args)) = &cli.command {
        return completions::run(args, out);
    }
    if let Some(Command::Man(args)) = &cli.command {
        return man::run(args, cli.global.quiet, out);
    }
    // doctor reports a damaged config.toml, and `config set` repairs it.
    let lenient_config = matches!(
        cli.command,
        Some(Command::Doctor(_))
            | Some(Command::Config(crate::cli::ConfigArgs {
                action: Some(crate::cli::ConfigAction::Set { .. })
            }))
    );
    let mut ctx = Context::new(&cli, &env, lenient_config)?;
    // Documents (JSON, CSV, Markdown) keep their lines whole; text screens fit the terminal.
    let document = ctx.json
        || matches!(&cli.command, Some(Command::Calendar(_)))
        || matches!(&cli.command, Some(Command::Log(a)) if a.format != crate::cli::LogFormat::Text)
        || matches!(&cli.command, Some(Command::Status(a)) if a.format != crate::cli::ReviewFormat::Text);
    if document {
        ctx.width = None;
    }
    let mut fitted = crate::render::width::FitWriter::new(out, ctx.width);
    let out: &mut dyn Write = &mut fitted;
    let result = dispatch(cli, &ctx, out).and_then(|()| Ok(out.flush()?));
    if result.is_ok() {
        ctx.save_checkpoint();
    }
    match result {
        // Whatever failed after the append, the events are in the log: say so, so that
        // nobody records them twice by trying again.
        Err(err) if ctx.recorded.get() => Err(err.context(crate::error::CommandError::recorded())),
        Err(err) => match ctx.draft.borrow_mut().take() {
            Some(draft) => Err(err.context(format!(
                "nothing was recorded; your note is kept in {} and the next `--note` opens it again",
                draft.display()
            ))),
            None => Err(err),
        },
        result => result,
    }
}

fn dispatch(cli: Cli, ctx: &Context, out: &mut dyn Write) -> anyhow::Result<()> {
    match cli.command {
        None => {
            let args = crate::cli::TodayArgs {
                plan: crate::cli::PlanArg::default(),
                short: false,
            };
            today::run(ctx, &args, out)
        }
        Some(Command::Today(args)) => today::run(ctx, &args, out),
        Some(Command::Done(args)) => done::run(ctx, &args, out),
        Some(Command::Check(args)) => check::run(ctx, &args, true, out),
        Some(Command::Uncheck(args)) => check::run(ctx, &args, false, out),
        Some(Command::Note(args)) => note::run(ctx, &args, out),
        Some(Command::Skip(args)) => skip::run(ctx, &args, out),
        Some(Command::Undo) => undo::run(ctx, out),
        Some(Command::Status(args)) => status::run(ctx, &args, out),
        Some(Command::Plans(args)) => plans::run(ctx, &args, out),
        Some(Command::Start(args)) => start::run(ctx, &args, out),
        Some(Command::Show(args)) => show::run(ctx, &args, out),
        Some(Command::Log(args)) => log::run(ctx, &args, out),
        Some(Command::Import(args)) => import::run(ctx, &args, out),
        Some(Command::Validate(args)) => import::validate(ctx, &args, out),
        Some(Command::Doctor(args)) => doctor::run(ctx, &args, out),
        Some(Command::Config(args)) => config::run(ctx, &args, out),
        Some(Command::Review(args)) => review::run(ctx, &args, out),
        Some(Command::Calendar(args)) => calendar::run(ctx, &args, out),
        Some(Command::Pause(args)) => pause::pause(ctx, &args, out),
        Some(Command::Resume) => pause::resume(ctx, out),
        Some(Command::Sync(args)) => sync::run(ctx, &args, out),
        Some(Command::Completions(_) | Command::Man(_)) => Ok(()),
    }
}
