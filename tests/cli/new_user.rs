//! What a new user tripped over in two weeks of daily use: one test for each.

use crate::support::{Pym, to_run};

/// Runs `args` with stdout a pipe whose reader is already gone.
fn into_closed_pipe(pym: &Pym, args: &[&str]) -> crate::support::Run {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let output = pym
        .command(args)
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("the binary runs");
    to_run(output)
}

#[test]
fn a_closed_pipe_exits_quietly() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    pym.run(&["done", "--note", "a note"]).ok();
    for args in [
        &["completions", "bash"][..],
        &["completions", "zsh"],
        &["show", "rotating-48", "--json"],
        &["show", "rotating-48"],
        &["today"],
        &["status"],
        &["log", "--format", "csv"],
        &["log", "--format", "md"],
        &["plans", "--json"],
        &["--help"],
    ] {
        let run = into_closed_pipe(&pym, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr, "", "{args:?}");
    }
}

#[test]
fn dates_after_today_or_before_the_plan_start_are_refused_and_relative_dates_accepted() {
    let mut pym = Pym::new();
    pym.at(5, "09:00");
    pym.run(&["start", "interview", "--date", "-3d"]).ok();
    let status = pym.json(&["status"]);
    assert_eq!(
        crate::support::plan_status(&status, "interview")["started"],
        "2026-11-02"
    );

    let before = pym.snapshot();
    let run = pym.run(&["done", "--date", "2025-11-03"]).code(2);
    assert_eq!(
        run.stderr,
        "error: --date 2025-11-03 is before interview was started (2026-11-02)\n"
    );
    let run = pym.run(&["done", "--date", "2026-11-06"]).code(2);
    assert!(run.stderr.contains("in the future"), "{}", run.stderr);
    assert_eq!(pym.snapshot(), before, "a refused date wrote something");

    pym.run(&["done", "--date", "yesterday"]).ok();
    pym.run(&["done", "--date", "today"]).ok();
    let log = pym.json(&["log", "--since", "-1d", "--until", "today"]);
    let dates: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2026-11-04", "2026-11-05"]);
    let run = pym.run(&["log", "--since", "-2x"]).code(2);
    assert!(run.stderr.contains("`-2d`"), "{}", run.stderr);
}

#[test]
fn done_date_plus_2d_is_refused_as_the_future_not_recorded_two_days_back() {
    let mut pym = Pym::new();
    pym.at(5, "09:00");
    pym.run(&["start", "interview", "--date", "-3d"]).ok();
    let before = pym.snapshot();
    let run = pym.run(&["done", "--date", "+2d"]).code(2);
    assert!(run.stderr.contains("in the future"), "{}", run.stderr);
    assert_eq!(pym.snapshot(), before, "a refused date wrote something");
}

#[test]
fn a_fresh_pass_dated_before_the_current_pass_began_is_refused() {
    let mut pym = Pym::new();
    pym.at(5, "09:00");
    pym.run(&["start", "interview"]).ok();
    pym.run(&["done"]).ok();
    let before = pym.snapshot();
    let run = pym
        .run(&["start", "interview", "--fresh", "--date", "yesterday"])
        .code(2);
    assert!(
        run.stderr.starts_with(
            "error: --date 2026-11-04 is before pass 1 of interview began (2026-11-05)"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(pym.snapshot(), before, "a refused start wrote something");
    pym.run(&["start", "interview", "--fresh", "--date", "today"])
        .ok();
}

#[test]
fn today_short_on_a_finished_plan_is_one_line() {
    let mut pym = Pym::new();
    pym.at(1, "09:00");
    pym.run(&["start", "deep-dive"]).ok();
    for day in 1..=7 {
        pym.at(day, "09:00").run(&["done"]).ok();
    }
    let short = pym.run(&["today", "--short"]).ok().stdout;
    assert_eq!(short, "deep-dive finished · 7/7 days · streak 7\n");
}

#[test]
fn ticking_an_item_already_ticked_says_so_and_writes_nothing_and_log_shows_unticks() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    pym.run(&["check", "1", "2"]).ok();
    let before = pym.snapshot();
    let run = pym.run(&["check", "2"]).ok();
    assert_eq!(
        run.stdout,
        "Already ticked on d1, nothing recorded: 2. Everything is an object\n"
    );
    let run = pym.run(&["uncheck", "3"]).ok();
    assert!(
        run.stdout
            .starts_with("Already not ticked on d1, nothing recorded: 3."),
        "{}",
        run.stdout
    );
    assert_eq!(pym.snapshot(), before, "a no-op tick was recorded");

    let run = pym.run(&["check", "2", "3"]).ok();
    assert!(
        run.stdout
            .contains("Already ticked on d1, nothing recorded: 2."),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Checked d1: 3."), "{}", run.stdout);
    // undo takes back the tick of 3, not a no-op.
    pym.run(&["undo"]).ok();
    pym.run(&["uncheck", "1"]).ok();
    let log = pym.run(&["log"]).ok().stdout;
    assert!(
        log.contains("uncheck interview d1 Python Basics & Philosophy [item 1]"),
        "{log}"
    );
    let md = pym.run(&["log", "--format", "md"]).ok().stdout;
    assert!(md.contains("**Unticked** interview `d1`"), "{md}");
}

#[test]
fn the_forecast_is_steady_and_agrees_with_the_pace() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "deep-dive"]).ok();
    let forecast = |pym: &Pym| {
        let status = pym.json(&["status"]);
        let plan = crate::support::plan_status(&status, "deep-dive");
        (
            plan["pace_days"].as_i64().unwrap(),
            plan["forecast_finish"].as_str().unwrap().to_string(),
        )
    };
    for day in 1..=3 {
        pym.at(day, "08:00");
        assert_eq!(
            forecast(&pym),
            (0, "2026-11-07".into()),
            "morning of the {day}th"
        );
        pym.at(day, "20:00").run(&["done"]).ok();
        assert_eq!(
            forecast(&pym),
            (0, "2026-11-07".into()),
            "evening of the {day}th"
        );
    }
    // The 4th passes without practice: one day behind, one day later, steady through the 5th.
    pym.at(5, "08:00");
    assert_eq!(forecast(&pym), (-1, "2026-11-08".into()));
    pym.at(5, "20:00").run(&["done"]).ok();
    assert_eq!(forecast(&pym), (-1, "2026-11-08".into()));
    let text = pym.run(&["status"]).ok().stdout;
    assert!(
        text.contains("1 day behind · forecast finish 2026-11-08"),
        "{text}"
    );
}

#[test]
fn done_amend_adds_to_the_day_done_last() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    pym.at(1, "20:00").run(&["done", "--note", "A"]).ok();
    // Meaning to add the time to the same session.
    let run = pym.run(&["done", "--amend", "--minutes", "40"]).ok();
    assert_eq!(
        run.stdout,
        "d1 Python Basics & Philosophy was already done on 2026-11-01; added (40 min). It still counts once.\n"
    );
    pym.at(2, "08:00");
    let run = pym.run(&["done", "--amend", "--note", "B"]).ok();
    assert!(run.stdout.starts_with("d1 Python Basics"), "{}", run.stdout);
    let d1 = pym.json(&["show", "d1"]);
    assert_eq!(d1["minutes"], 40);
    assert_eq!(d1["done_on"], "2026-11-01");
    assert_eq!(d1["notes"].as_array().unwrap().len(), 2);
    let today = pym.json(&["today"]);
    assert_eq!(today["day"]["key"], "d2", "amend moved the plan");
    assert_eq!(today["progress"]["days_done"], 1);
    assert_eq!(
        today["streak"]["current"], 1,
        "an amendment is not practice on a new date"
    );

    let fresh = Pym::new();
    fresh.run(&["start", "interview"]).ok();
    let run = fresh.run(&["done", "--amend", "--note", "x"]).code(2);
    assert!(run.stderr.contains("nothing to amend"), "{}", run.stderr);
    let run = fresh.run(&["done", "--amend"]).code(2);
    assert!(
        run.stderr.contains("give --note or --minutes"),
        "{}",
        run.stderr
    );
}

#[test]
fn status_shows_an_amended_day_once_and_its_last_7_days_in_date_order() {
    let mut pym = Pym::new();
    pym.at(5, "09:00");
    pym.run(&["start", "mastery-23", "--date", "-4d"]).ok();
    pym.run(&["done", "--date", "-3d", "--note", "one"]).ok();
    pym.run(&["done", "--date", "-2d", "--minutes", "20"]).ok();
    pym.run(&["skip"]).ok();
    pym.run(&["done", "--amend", "--minutes", "5"]).ok();
    pym.run(&["done", "--amend", "--note", "more"]).ok();
    let status = pym.json(&["status"]);
    let rows: Vec<(String, String, serde_json::Value, serde_json::Value)> = status["recent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["date"].as_str().unwrap().to_string(),
                r["day"].as_str().unwrap().to_string(),
                r["minutes"].clone(),
                r["note"].clone(),
            )
        })
        .collect();
    let row = |date: &str, day: &str, minutes: serde_json::Value, note: serde_json::Value| {
        (date.to_string(), day.to_string(), minutes, note)
    };
    use serde_json::json;
    assert_eq!(
        rows,
        [
            row("2026-11-02", "d0", json!(null), json!("one")),
            row("2026-11-03", "d1", json!(25), json!("more")),
            row("2026-11-05", "d2", json!(null), json!(null)),
        ]
    );
}

#[test]
fn status_counts_items_of_old_passes_from_their_own_pass() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "deep-dive"]).ok();
    pym.run(&["check", "1", "2", "3"]).ok();
    pym.run(&["done"]).ok();
    pym.at(2, "09:00")
        .run(&["start", "deep-dive", "--fresh"])
        .ok();
    let status = pym.json(&["status"]);
    let rows = status["recent"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{status}");
    assert_eq!(rows[0]["day"], "d1");
    assert_eq!(rows[0]["items_ticked"], 3, "the first pass's ticks");
    pym.run(&["done"]).ok();
    let status = pym.json(&["status"]);
    let ticked: Vec<i64> = status["recent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["items_ticked"].as_i64().unwrap())
        .collect();
    assert_eq!(ticked, [3, 0]);
}

#[test]
fn status_all_shows_finished_and_not_started_plans_and_earlier_passes() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "deep-dive"]).ok();
    for day in 1..=7 {
        pym.at(day, "20:00").run(&["done"]).ok();
    }
    pym.at(8, "09:00")
        .run(&["start", "deep-dive", "--fresh"])
        .ok();
    for day in 8..=14 {
        pym.at(day, "20:00").run(&["done"]).ok();
    }
    pym.at(15, "09:00").run(&["start", "interview"]).ok();
    let plain = pym.run(&["status"]).ok().stdout;
    let all = pym.run(&["status", "--all"]).ok().stdout;
    assert_ne!(plain, all);
    assert!(!plain.contains("deep-dive  Week 1"), "{plain}");
    assert!(
        all.contains("deep-dive  Week 1 – Python Deep Dive Plan"),
        "{all}"
    );
    assert!(all.contains("started 2026-11-08 (pass 2)"), "{all}");
    assert!(
        all.contains(
            "Earlier passes\n  deep-dive pass 1: 7/7 days done, 2026-11-01 to 2026-11-07\n"
        ),
        "{all}"
    );
    assert!(all.contains("Not started\n"), "{all}");
    for id in ["rotating-48", "mastery-23", "roadmap-30"] {
        let lines: Vec<&str> = all
            .lines()
            .filter(|l| l.trim_start().starts_with(id))
            .collect();
        assert_eq!(lines.len(), 1, "{id} in one line: {all}");
    }
    let json = pym.json(&["status", "--all"]);
    assert_eq!(json["not_started"].as_array().unwrap().len(), 3);
    assert_eq!(json["earlier_passes"][0]["days_done"], 7);
}

#[test]
fn labels_number_days_as_the_plan_does_checklists_are_not_code_tips_are_not_checkboxes() {
    let pym = Pym::new();
    let d5 = pym.run(&["show", "-p", "interview", "d5"]).ok().stdout;
    assert!(
        d5.starts_with("Python Study Plan (Interview + Pet Project) · Day 5 of 16\n"),
        "{d5}"
    );
    let d41 = pym.run(&["show", "-p", "interview", "d4.1"]).ok().stdout;
    assert!(d41.contains("· Day 4.1 of 16\n"), "{d41}");

    let readiness = pym
        .run(&["show", "-p", "interview", "readiness"])
        .ok()
        .stdout;
    let last = pym.run(&["show", "-p", "interview", "final"]).ok().stdout;
    for text in [&readiness, &last] {
        assert!(!text.lines().any(|l| l == "Code"), "{text}");
        assert!(text.contains("  [ ] 1. "), "{text}");
    }

    let d1 = pym.run(&["show", "-p", "mastery-23", "d1"]).ok().stdout;
    assert!(d1.contains("\nTip\n  Use `sys.getsizeof()`"), "{d1}");
    assert!(!d1.contains("[ ] 13."), "a tip shown as a checkbox: {d1}");

    let outline = pym.run(&["show", "rotating-48"]).ok().stdout;
    for stale in ["Current Day", "Current Cycle", "Last Updated", " 0 items"] {
        assert!(!outline.contains(stale), "{stale}: {outline}");
    }
}

#[test]
fn a_plan_numbered_with_gaps_reads_day_2_of_2_not_day_6_of_2() {
    let pym = Pym::new();
    pym.import_text(
        "gap",
        "# Gap plan\n\n## Day 1: Start\n\n- [ ] Read the intro\n\n## Day 6: Later\n\n- [ ] Read chapter six\n",
    )
    .ok();
    pym.run(&["start", "gap"]).ok();
    pym.run(&["done"]).ok();
    let today = pym.run(&["today"]).ok().stdout;
    assert!(today.contains("\nGap plan\nNext: Day 2 of 2\n"), "{today}");
    let json = pym.json(&["today"]);
    assert_eq!(json["position"]["day"], 2, "{json}");
}

#[test]
fn several_plans_at_once_today_shows_the_others_and_suggestions_leave_them_out() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    pym.run(&["done"]).ok();
    // A plan never started, done with -p: it says it started it.
    let run = pym.run(&["-p", "deep-dive", "done"]).ok();
    let said = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        said.contains(
            "That started deep-dive, from 2026-11-01. The current plan is still interview; `pymastery start deep-dive` switches to it."
        ),
        "{said}"
    );
    let today = pym.at(2, "09:00").run(&["today"]).ok().stdout;
    assert!(
        today.starts_with("Python Study Plan (Interview + Pet Project)\n"),
        "{today}"
    );
    assert!(
        today.ends_with(
            "\nAlso under way\n  deep-dive d2 Functions & Modules · 1/7 days · on track\n"
        ),
        "{today}"
    );
    // deep-dive finished: the suggestions leave out interview, which is in progress.
    pym.run(&["start", "deep-dive"]).ok();
    for day in 2..=7 {
        pym.at(day, "20:00").run(&["done"]).ok();
    }
    let finished = pym.run(&["today"]).ok().stdout;
    let suggestion = finished
        .lines()
        .find(|l| l.starts_with("Or start another plan:"))
        .unwrap();
    assert!(!suggestion.contains("interview"), "{finished}");
    assert!(!suggestion.contains("deep-dive"), "{finished}");
    assert!(
        finished.contains("Also under way\n  interview d2"),
        "{finished}"
    );
}

#[test]
fn one_notion_of_the_current_plan_for_start_config_and_plans() {
    let pym = Pym::new();
    let run = pym.run(&["config", "list"]).ok();
    assert!(
        run.stdout.contains("plan = rotating-48 (default)"),
        "{}",
        run.stdout
    );
    pym.run(&["start", "interview"]).ok();
    assert_eq!(
        pym.run(&["config", "get", "plan"]).ok().stdout,
        "interview\n"
    );
    let run = pym.run(&["config", "list"]).ok();
    assert!(run.stdout.contains("plan = interview\n"), "{}", run.stdout);

    // Setting it changes what today shows, and plans agrees.
    let run = pym.run(&["config", "set", "plan", "deep-dive"]).ok();
    assert!(
        run.stdout.starts_with("Started deep-dive"),
        "{}",
        run.stdout
    );
    assert_eq!(pym.json(&["today"])["plan"]["id"], "deep-dive");
    assert_eq!(crate::support::current_plans(&pym), ["deep-dive"]);
    pym.run(&["config", "set", "plan", "interview"]).ok();
    assert_eq!(pym.json(&["today"])["plan"]["id"], "interview");
    assert_eq!(
        pym.run(&["config", "get", "plan"]).ok().stdout,
        "interview\n"
    );
}

#[test]
fn quiet_hides_the_next_hints() {
    let pym = Pym::new();
    let preview = pym.run(&["-q", "today"]).ok().stdout;
    assert!(
        preview.ends_with("\nNot started: this is a preview of day 1.\n"),
        "{preview}"
    );
    pym.run(&["start", "interview"]).ok();
    let today = pym.run(&["-q", "today"]).ok().stdout;
    assert!(!today.contains("next:"), "{today}");
    assert!(today.contains("0/16 days"), "{today}");
    let done = pym.run(&["-q", "done"]).ok().stdout;
    assert_eq!(done, "");
}

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
fn show_aligns_sections_says_what_else_a_word_could_be_and_csv_has_item_numbers() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    let outline = pym.run(&["show", "interview"]).ok().stdout;
    let sections: Vec<&str> = outline
        .split("\nSections\n")
        .nth(1)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .collect();
    let titles: Vec<usize> = sections
        .iter()
        .map(|l| {
            l.len()
                - l[2..]
                    .trim_start_matches(|c: char| c != ' ')
                    .trim_start()
                    .len()
        })
        .collect();
    assert!(sections.len() > 1, "{outline}");
    assert!(
        titles.windows(2).all(|w| w[0] == w[1]),
        "{titles:?}: {outline}"
    );
    let run = pym.run(&["show", "nosuch"]).code(2);
    assert!(run.stderr.contains("or a plan"), "{}", run.stderr);
    pym.run(&["check", "1", "2"]).ok();
    let csv = pym.run(&["log", "--format", "csv"]).ok().stdout;
    assert!(
        csv.starts_with("date,plan,day,title,event,note,minutes,items\n"),
        "{csv}"
    );
    assert!(csv.contains(",check,,,1 2\n"), "{csv}");
}
