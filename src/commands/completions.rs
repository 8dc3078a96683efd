//! Shell completion: `completions SHELL` prints a script that asks the binary itself what to
//! offer (`COMPLETE=SHELL pymastery -- WORDS`), so plan ids and day keys come from the home.

use std::io::Write;

use clap_complete::engine::CompletionCandidate;
use clap_complete::env::Shells;

use crate::cli::CompletionsArgs;
use crate::curriculum::catalog::Catalog;
use crate::error::bad_input;
use crate::home::{Config, Home};
use crate::progress::Progress;

/// The variable the registration script sets to ask for completions.
pub const VAR: &str = "COMPLETE";

pub fn run(args: &CompletionsArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let name = args.shell.to_string();
    let shells = Shells::builtins();
    let shell = shells
        .completer(&name)
        .ok_or_else(|| bad_input(format!("no completion support for {name}")))?;
    // Written through a buffer, so that a closed pipe is an ordinary error.
    let mut script = Vec::new();
    shell.write_registration(VAR, "pymastery", "pymastery", "pymastery", &mut script)?;
    out.write_all(&script)?;
    Ok(())
}

/// The home the completion is for: `$PYMASTERY_HOME`, else the platform directory.
fn home() -> Option<Home> {
    Home::resolve(None, std::env::var_os("PYMASTERY_HOME").map(Into::into)).ok()
}

/// Every plan id, with its title as help.
pub fn plan_ids() -> Vec<CompletionCandidate> {
    let Some(home) = home() else {
        return Vec::new();
    };
    let catalog = Catalog::new(&home.plans_dir());
    catalog
        .entries()
        .iter()
        .map(|entry| CompletionCandidate::new(entry.id.clone()))
        .collect()
}

/// The day keys and section keys of the current plan, with their titles as help.
pub fn day_keys() -> Vec<CompletionCandidate> {
    let Some(home) = home() else {
        return Vec::new();
    };
    let catalog = Catalog::new(&home.plans_dir());
    let config = Config::load(&home.config_path()).unwrap_or_default();
    let current = home
        .store()
        .read()
        .ok()
        .and_then(|read| Progress::from_events(read.events).current_plan)
        .or(config.plan)
        .unwrap_or_else(|| crate::curriculum::builtin::DEFAULT_PLAN.to_string());
    let Ok(plan) = catalog.load(&current) else {
        return Vec::new();
    };
    let title =
        |text: &str| crate::render::text::one_line(&crate::render::text::plain_inline(text));
    let mut candidates: Vec<CompletionCandidate> = ["today", "next"]
        .into_iter()
        .map(CompletionCandidate::new)
        .collect();
    candidates.extend(
        plan.days
            .iter()
            .map(|d| CompletionCandidate::new(d.key.clone()).help(Some(title(&d.title).into()))),
    );
    candidates.extend(
        plan.sections
            .iter()
            .map(|s| CompletionCandidate::new(s.key.clone()).help(Some(title(&s.title).into()))),
    );
    candidates
}

/// What `show` takes: a day, a section, or a plan.
pub fn days_and_plans() -> Vec<CompletionCandidate> {
    let mut candidates = day_keys();
    candidates.extend(plan_ids());
    candidates
}
