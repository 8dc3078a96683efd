//! What the shell is offered while a command line is typed: plan ids and day keys, read from
//! the home (the plan named with `-p` on the line, else the current one). The definitions in
//! [`crate::cli`] point at these; nothing here knows the commands.

use clap_complete::engine::CompletionCandidate;

use crate::config::Config;
use crate::curriculum::catalog::Catalog;
use crate::home::Home;
use crate::progress::Progress;

/// The home the completion is for: `$PYMASTERY_HOME`, else the platform directory.
fn home() -> Option<Home> {
    Home::resolve(None, std::env::var_os("PYMASTERY_HOME").map(Into::into)).ok()
}

/// Every plan id, with its title as help.
pub(crate) fn plan_ids() -> Vec<CompletionCandidate> {
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

/// The plan `-p`/`--plan` names on the command line being completed. The engine gives a
/// candidate function only the word it completes, so the rest is read from the words the shell
/// passed after `--` (`pymastery -- pymastery show -p interview d1`).
fn plan_on_command_line() -> Option<String> {
    let words: Vec<String> = std::env::args().skip_while(|a| a != "--").skip(1).collect();
    let mut found = None;
    let mut words = words.iter();
    while let Some(word) = words.next() {
        if word == "-p" || word == "--plan" {
            found = words.next().cloned().or(found);
        } else if let Some(plan) = word.strip_prefix("--plan=") {
            found = Some(plan.to_string());
        } else if let Some(plan) = word.strip_prefix("-p").filter(|p| !p.is_empty()) {
            found = Some(plan.to_string());
        }
    }
    found
}

/// The plan completion is for: the one named with `-p`, else the current plan.
fn plan() -> Option<crate::curriculum::Curriculum> {
    let home = home()?;
    let catalog = Catalog::new(&home.plans_dir());
    let id = plan_on_command_line().unwrap_or_else(|| {
        let config = Config::load(&home.config_path()).unwrap_or_default();
        home.store()
            .read()
            .ok()
            .and_then(|read| Progress::from_events(read.events).current_plan)
            .or(config.plan)
            .unwrap_or_else(|| crate::curriculum::builtin::DEFAULT_PLAN.to_string())
    });
    catalog.load(&id).ok()
}

fn candidate(key: &str, title: &str) -> CompletionCandidate {
    let title = crate::render::text::one_line(&crate::render::text::plain_inline(title));
    CompletionCandidate::new(key.to_string()).help(Some(title.into()))
}

/// The day keys of the plan (what `done`, `skip` and `review` take), with their titles as help.
pub(crate) fn day_keys() -> Vec<CompletionCandidate> {
    let Some(plan) = plan() else {
        return Vec::new();
    };
    let mut candidates: Vec<CompletionCandidate> = ["today", "next"]
        .into_iter()
        .map(CompletionCandidate::new)
        .collect();
    candidates.extend(plan.days.iter().map(|d| candidate(&d.key, &d.title)));
    candidates
}

/// The day keys and the section keys of the plan (what `note --day` takes).
pub(crate) fn days_and_sections() -> Vec<CompletionCandidate> {
    let mut candidates = day_keys();
    if let Some(plan) = plan() {
        candidates.extend(plan.sections.iter().map(|s| candidate(&s.key, &s.title)));
    }
    candidates
}

/// What `check` and `uncheck` take besides bare numbers: `d5:` and `readiness:`, the prefix
/// of an item of another day or of a checkable section.
pub(crate) fn item_prefixes() -> Vec<CompletionCandidate> {
    let Some(plan) = plan() else {
        return Vec::new();
    };
    let days = plan.days.iter().map(|d| (&d.key, &d.title));
    let sections = plan
        .sections
        .iter()
        .filter(|s| !s.items.is_empty())
        .map(|s| (&s.key, &s.title));
    days.chain(sections)
        .map(|(key, title)| candidate(&format!("{key}:"), title))
        .collect()
}

/// What `show` takes: a day, a section, or a plan.
pub(crate) fn days_and_plans() -> Vec<CompletionCandidate> {
    let mut candidates = days_and_sections();
    candidates.extend(plan_ids());
    candidates
}
