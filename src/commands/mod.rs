//! One module per command: each parses nothing itself, loads what it needs, computes, renders,
//! and (for the writing commands) appends one event.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::cli::{Cli, ColorChoice, Command};
use crate::clock::{self, Clock};
use crate::config::Config;
use crate::curriculum::Curriculum;
use crate::curriculum::catalog::Catalog;
use crate::event::label::Label;
use crate::event::new_event_id;
use crate::home::Home;
use crate::progress::{Event, EventKind, Folded, Progress, SCHEMA_VERSION, reads};
use crate::render::text::Paint;
use chrono::NaiveDate;

mod calendar;
mod check;
pub mod completions;
mod config;
mod doctor;
mod done;
mod import;
mod install;
mod journal;
mod log;
mod man;
mod note;
mod pause;
mod plans;
mod reflection;
mod review;
mod show;
mod skip;
mod start;
mod status;
mod sync;
mod today;
mod undo;

/// The environment variables the program reads, read once at start-up.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// `PYMASTERY_HOME`: the home, unless `--home` is given.
    pub home: Option<PathBuf>,
    /// `PYMASTERY_NOW`: the moment to take as now, so that tests run on a fixed clock.
    pub now: Option<String>,
    /// `NO_COLOR` is set and not empty.
    pub no_color: bool,
    /// `VISUAL`: the editor for notes, before `EDITOR`.
    pub visual: Option<String>,
    /// `EDITOR`: the editor for notes when `VISUAL` is not set.
    pub editor: Option<String>,
    /// Whether stdout is a terminal: colour and width follow it.
    pub stdout_is_terminal: bool,
    /// Whether stdin is a terminal: `--note` with no text opens an editor then, and reads
    /// standard input otherwise.
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

    /// Reads the variables from this process's environment, and its terminals.
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
pub(crate) struct Context {
    pub(crate) home: Home,
    pub(crate) config: Config,
    pub(crate) clock: Clock,
    pub(crate) catalog: Catalog,
    /// `--plan`, when given.
    pub(crate) plan_flag: Option<String>,
    pub(crate) json: bool,
    pub(crate) quiet: bool,
    pub(crate) color: bool,
    /// The editor command for notes: config, then $VISUAL, then $EDITOR.
    pub(crate) editor: Option<String>,
    pub(crate) stdin_is_terminal: bool,
    /// What the command did that outlives its result: events recorded, a note draft kept, a
    /// newer checkpoint.
    pub(crate) journal: journal::Journal,
    /// Columns text screens are fitted to; `None` keeps lines whole (piped, no `COLUMNS`).
    pub(crate) width: Option<usize>,
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
            journal: journal::Journal::default(),
            width: env.width(),
        })
    }

    /// The progress logs, quarantining damaged lines under today's practice date.
    pub(crate) fn store(&self) -> crate::progress::Store {
        self.home.store().with_quarantine_date(self.clock.today())
    }

    /// This machine's current plan: the one it last started, unless another machine started
    /// one after seeing that (see [`Progress::current_plan_on`]).
    pub(crate) fn current_plan(&self, progress: &Progress) -> Option<String> {
        if progress.starts.len() < 2 {
            return progress.current_plan.clone();
        }
        progress.current_plan_on(self.device().as_deref())
    }

    /// This machine's device id, if it has recorded anything here (never makes one).
    pub(crate) fn device(&self) -> Option<String> {
        crate::progress::device::recorded_id(self.home.dir(), &self.home.local_dir())
    }

    /// The plan a command acts on: `--plan`, else the current plan.
    pub(crate) fn plan_id(&self, progress: &Progress) -> String {
        self.plan_flag
            .clone()
            .or_else(|| self.current_plan(progress))
            .or_else(|| self.config.plan.clone())
            .unwrap_or_else(|| crate::curriculum::builtin::DEFAULT_PLAN.to_string())
    }

    /// A new event for `plan`, recorded now, counting for `date`.
    pub(crate) fn event(&self, plan: &str, pass: u32, date: NaiveDate, kind: EventKind) -> Event {
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
    pub(crate) fn paint(&self) -> Paint {
        Paint {
            enabled: self.color,
        }
    }

    /// The days off as of today: the config's rest days and the log's pauses.
    pub(crate) fn days_off(&self, progress: &Progress) -> crate::rest::DaysOff {
        crate::rest::DaysOff::new(
            crate::config::weekdays(self.config.rest_days),
            &progress.pause_events,
            self.clock.today(),
        )
    }

    /// The folded log: plans, days, practice dates, pauses and the review outlook; from the
    /// checkpoint when it is valid.
    pub(crate) fn progress(&self) -> anyhow::Result<Folded<reads::State>> {
        self.load()
    }

    /// The folded log with the events in effect of the recent days.
    pub(crate) fn progress_recent(&self) -> anyhow::Result<Folded<reads::Recent>> {
        self.load()
    }

    /// The folded log with every grade of spaced review read (for `review`).
    pub(crate) fn progress_with_grades(&self) -> anyhow::Result<Folded<reads::Graded>> {
        self.load()
    }

    /// Review events recorded on dates from `from` to `to`: from the outlook the checkpoint
    /// kept when it reaches back that far (it nearly always does), else from every event.
    pub(crate) fn reviews_between(
        &self,
        progress: &Progress,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> anyhow::Result<usize> {
        if let Some(n) = progress.reviews.reviews_between(from, to) {
            return Ok(n);
        }
        let all = self.progress_all()?;
        Ok(all.grades().reviews_between(from, to).unwrap_or(0))
    }

    /// Today's reviews under the daily cap, of `due` days whose review date has come.
    pub(crate) fn due_today(
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

    /// The folded log with every event in effect and every grade; reads every line.
    pub(crate) fn progress_all(&self) -> anyhow::Result<Folded<reads::All>> {
        self.load()
    }

    /// The folded log, with as much read as `R` says.
    fn load<R: reads::Read>(&self) -> anyhow::Result<Folded<R>> {
        let loaded = self
            .store()
            .load(R::NEED)
            .map_err(crate::progress::store::user_error)?;
        for warning in &loaded.warnings {
            eprintln!("warning: {}", crate::render::text::sanitize(warning));
        }
        if loaded.changed {
            self.journal.folded(loaded.checkpoint);
        }
        Ok(Folded::new(loaded.progress)?)
    }

    /// Loads the plan a command acts on.
    ///
    /// A current plan that was since removed from the home falls back to the default plan with
    /// a warning, so that `today` keeps working; a plan named with `--plan` must exist.
    pub(crate) fn plan(&self, progress: &Progress) -> anyhow::Result<Curriculum> {
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
    pub(crate) fn plan_to_write(&self, progress: &Progress) -> anyhow::Result<Curriculum> {
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
pub(crate) fn plan_prefix(ctx: &Context, progress: &Progress, plan: &str) -> String {
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
pub(crate) fn pass_of(progress: &Progress, plan: &str) -> u32 {
    progress.plan(plan).map_or(1, |p| p.pass)
}

/// Appends what `decide` returns under the log's lock; errors in `decide` write nothing.
///
/// With `--json` it prints the recorded events (`{"recorded": [...]}`) and returns `None`, so
/// the command prints nothing else.
pub(crate) fn record<T>(
    ctx: &Context,
    out: &mut dyn Write,
    decide: impl FnOnce(&Folded<reads::State>) -> anyhow::Result<(Vec<Event>, T)>,
) -> anyhow::Result<Option<T>> {
    record_with(ctx, out, decide)
}

/// [`record`] with `decide` given as much of the log as `R` reads (`undo` needs every event).
pub(crate) fn record_with<R: reads::Read, T>(
    ctx: &Context,
    out: &mut dyn Write,
    decide: impl FnOnce(&Folded<R>) -> anyhow::Result<(Vec<Event>, T)>,
) -> anyhow::Result<Option<T>> {
    ctx.home.check_owner()?;
    let store = ctx.store();
    let device = device_id(&store)?;
    let updated = store.update(&device, decide)?;
    if !updated.events.is_empty() {
        ctx.journal.recorded(updated.checkpoint);
    }
    if ctx.json {
        crate::render::write_json(out, &serde_json::json!({ "recorded": updated.events }))?;
        return Ok(None);
    }
    Ok(Some(updated.value))
}

/// This machine's device id in the home of `store`, made the first time; when it replaced a
/// damaged `local/device.json`, says so on stderr.
pub(crate) fn device_id(store: &crate::progress::Store) -> anyhow::Result<String> {
    let device = store.device().map_err(crate::progress::store::user_error)?;
    if let Some(warning) = &device.warning {
        warn(warning);
    }
    Ok(device.id)
}

/// Says `message` on stderr as a warning, made safe like everything else printed.
pub(crate) fn warn(message: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(
        stderr,
        "warning: {}",
        crate::render::text::sanitize(message)
    );
}

/// Prints a confirmation, unless `--quiet`.
pub(crate) fn say(ctx: &Context, out: &mut dyn Write, message: &str) -> anyhow::Result<()> {
    if !ctx.quiet {
        writeln!(out, "{message}")?;
    }
    Ok(())
}

/// Runs the command the user typed.
pub fn run(cli: Cli, env: Env, out: &mut dyn Write) -> anyhow::Result<()> {
    if let (Some(_), Some(command)) = (&cli.global.plan, &cli.command)
        && !command.takes_plan()
    {
        return Err(crate::error::bad_input(format!(
            "`{}` acts on no one plan, so it takes no --plan",
            command.name()
        )));
    }
    if let Some(Command::Completions(args)) = &cli.command {
        return completions::run(args, out);
    }
    if let Some(Command::Man(args)) = &cli.command {
        return man::run(args, cli.global.quiet, out);
    }
    let lenient_config = cli
        .command
        .as_ref()
        .is_some_and(Command::reads_config_leniently);
    let mut ctx = Context::new(&cli, &env, lenient_config)?;
    // Documents keep their lines whole; text screens fit the terminal.
    if ctx.json || cli.command.as_ref().is_some_and(Command::writes_document) {
        ctx.width = None;
    }
    let mut fitted = crate::render::width::FitWriter::new(out, ctx.width);
    let out: &mut dyn Write = &mut fitted;
    let result = dispatch(cli, &ctx, out).and_then(|()| Ok(out.flush()?));
    let cache = ctx.home.holds_records().then(|| ctx.home.cache_dir());
    ctx.journal.settle(result, cache)
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
        Some(Command::Config(args)) => match config::run(ctx, &args, out)? {
            config::Then::Nothing => Ok(()),
            config::Then::Start(args) => start::run(ctx, &args, out),
        },
        Some(Command::Review(args)) => review::run(ctx, &args, out),
        Some(Command::Calendar(args)) => calendar::run(ctx, &args, out),
        Some(Command::Pause(args)) => pause::pause(ctx, &args, out),
        Some(Command::Resume) => pause::resume(ctx, out),
        Some(Command::Sync(args)) => sync::run(ctx, &args, out),
        Some(Command::Completions(_) | Command::Man(_)) => Ok(()),
    }
}
