//! `--help`: every command with an example, its own options first.
#![allow(clippy::unwrap_used)]

use crate::support::Pym;

#[test]
fn help_gives_every_command_an_example_and_plan_only_where_it_means_something() {
    let pym = Pym::new();
    let with_plan = [
        "today", "done", "check", "uncheck", "note", "skip", "status", "show", "log", "review",
        "calendar", "doctor",
    ];
    let without_plan = [
        "plans",
        "validate",
        "config",
        "completions",
        "undo",
        "start",
        "import",
        "pause",
        "resume",
    ];
    for command in with_plan.iter().chain(&without_plan) {
        let help = pym.run(&[command, "--help"]).ok().stdout;
        assert!(
            help.contains("\nExamples:\n  pymastery "),
            "{command}: {help}"
        );
        assert_eq!(
            help.contains("--plan <PLAN>"),
            with_plan.contains(command),
            "{command}: {help}"
        );
    }
    let set = pym.run(&["config", "set", "--help"]).ok().stdout;
    for key in ["plan ", "day_starts_at ", "editor "] {
        assert!(set.contains(&format!("\n  {key}")), "{key}: {set}");
    }
    assert!(set.contains("HH:MM"), "{set}");
    // The top level keeps -p for the bare `pymastery -p PLAN` and `pymastery -p PLAN done`.
    pym.run(&["-p", "interview"]).ok();
}

#[test]
fn sync_help_has_an_example_as_every_command_listed_by_help_does() {
    let pym = Pym::new();
    let top = pym.run(&["--help"]).ok().stdout;
    let commands = crate::support::commands_in_help(&top);
    assert!(commands.iter().any(|c| c == "sync"), "{top}");
    for command in &commands {
        let help = pym.run(&[command, "--help"]).ok().stdout;
        assert!(
            help.contains("\nExamples:\n  pymastery "),
            "{command}: {help}"
        );
    }
}

#[test]
fn help_lists_a_commands_own_options_before_the_global_ones() {
    let pym = Pym::new();
    let help = pym.run(&["done", "--help"]).ok().stdout;
    let (own, global) = help.split_once("\nGlobal options:\n").expect(&help);
    for flag in ["--note", "--minutes", "--date", "--amend", "--rate"] {
        assert!(own.contains(flag), "{flag}: {help}");
    }
    for flag in ["--home", "--json", "--color", "--quiet"] {
        assert!(
            global.contains(flag) && !own.contains(flag),
            "{flag}: {help}"
        );
    }
}

#[test]
fn the_cli_definition_is_consistent() {
    use clap::CommandFactory;
    pymastery::cli::Cli::command().debug_assert();
}
