//! `completions`: what the shell is offered after each command and `-p`.
#![allow(clippy::unwrap_used)]

use crate::support::{Pym, to_run};

/// What the completion engine offers for `pymastery WORDS`, the last word being completed.
fn complete(pym: &Pym, words: &[&str]) -> Vec<String> {
    let mut command = pym.command(&["--", "pymastery"]);
    command
        .args(words)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", words.len().to_string())
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .env("_CLAP_IFS", "\n");
    let run = to_run(command.output().expect("the binary runs"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout.lines().map(str::to_string).collect()
}

#[test]
fn config_completes_its_keys() {
    let pym = Pym::new();
    assert_eq!(
        complete(&pym, &["config", "get", "re"]),
        ["rest_days", "review_cap"]
    );
    let all = complete(&pym, &["config", "set", ""]);
    assert!(
        ["plan", "day_starts_at", "editor", "rest_days", "review_cap"]
            .iter()
            .all(|k| all.iter().any(|c| c == k)),
        "{all:?}"
    );
}

#[test]
fn completion_follows_dash_p_and_offers_what_each_command_takes() {
    let pym = Pym::new();
    pym.run(&["start", "deep-dive"]).ok();
    let shown = complete(&pym, &["show", "-p", "interview", "d1"]);
    assert!(shown.iter().any(|c| c == "d10"), "{shown:?}");
    let days = complete(&pym, &["done", "-p", "interview", "d4"]);
    assert!(days.iter().any(|c| c == "d4.1"), "{days:?}");
    let days = complete(&pym, &["done", "--plan=interview", "d4"]);
    assert!(days.iter().any(|c| c == "d4.1"), "{days:?}");
    let reviewed = complete(&pym, &["review", "-p", "interview", "f"]);
    assert_eq!(reviewed, ["final"]);
    // `done` takes days, not the plan's sections.
    let all = complete(&pym, &["done", "-p", "interview", ""]);
    assert!(all.iter().any(|c| c == "d1"), "{all:?}");
    assert!(
        !all.iter().any(|c| c.contains("checklist")),
        "sections offered to done: {all:?}"
    );
    let items = complete(&pym, &["check", "-p", "interview", "d"]);
    assert!(items.iter().any(|c| c == "d5:"), "{items:?}");
    // Without -p, the current plan's.
    let current = complete(&pym, &["done", "d"]);
    assert!(!current.iter().any(|c| c == "d4.1"), "{current:?}");
}

#[test]
fn completions_offer_plan_ids_and_day_keys_and_man_prints_a_page() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    let plans = complete(&pym, &["start", ""]);
    for id in ["rotating-48", "interview", "deep-dive"] {
        assert!(plans.iter().any(|c| c == id), "{id}: {plans:?}");
    }
    let plans = complete(&pym, &["today", "--plan", "ro"]);
    assert!(
        plans
            .iter()
            .any(|c| c == "rotating-48" || c == "roadmap-30"),
        "{plans:?}"
    );
    let days = complete(&pym, &["done", "d4"]);
    assert!(days.iter().any(|c| c == "d4.1"), "{days:?}");
    let shown = complete(&pym, &["show", "inter"]);
    assert!(shown.iter().any(|c| c == "interview"), "{shown:?}");
    assert!(
        shown.iter().any(|c| c == "interview-readiness-checklist"),
        "{shown:?}"
    );

    let script = pym.run(&["completions", "bash"]).ok().stdout;
    assert!(script.contains("COMPLETE=\"bash\""), "{script}");
    let man = pym.run(&["man"]).ok().stdout;
    assert!(man.starts_with(".ie \\n(.g"), "{man}");
    assert!(man.contains(".SH SUBCOMMANDS"), "{man}");
}

#[test]
fn completions_are_printed_for_every_shell() {
    let pym = Pym::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = pym.run(&["completions", shell]).ok();
        assert!(run.stdout.contains("pymastery"), "{shell}");
    }
}
