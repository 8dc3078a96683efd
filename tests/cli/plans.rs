//! Plans as the user sees them: `plans`, `show`, `validate`, `import`, `completions`.

use crate::support::{Pym, editor, run_in_terminal};

const MY_PLAN: &str = "# My Rust Plan\n\n## Week 1: Basics\n\n### Day 1: Ownership\n- [ ] Read chapter 4\n- [ ] Write a borrow checker kata\n\n### Day 2: Traits\n- [ ] Read chapter 10\n";

#[test]
fn plans_lists_the_five_built_in_plans_with_the_default_current() {
    let pym = Pym::new();
    let plans = pym.json(&["plans"]);
    let ids: Vec<&str> = plans
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "rotating-48",
            "mastery-23",
            "roadmap-30",
            "interview",
            "deep-dive"
        ]
    );
    assert_eq!(plans[0]["days"], 336);
    assert_eq!(plans[0]["current"], true);
    assert_eq!(plans[3]["source"], "built-in");
    let text = pym.run(&["plans"]).ok();
    assert!(
        text.stdout
            .contains("Python Study Plan (Interview + Pet Project)"),
        "{}",
        text.stdout
    );
}

#[test]
fn show_prints_the_outline_with_meta_phases_days_and_sections() {
    let pym = Pym::new();
    let run = pym.run(&["show", "--plan", "rotating-48"]).ok();
    for want in [
        "Python Practice Plan",
        "10-15 minutes daily",
        "Cycle 1",
        "Week 3: Advanced Data Structures",
        "w3.d2",
        "w48.d7",
    ] {
        assert!(run.stdout.contains(want), "outline lacks {want:?}");
    }
    let interview = pym.run(&["show", "interview"]).ok();
    assert!(
        interview.stdout.contains("интервью"),
        "{}",
        interview.stdout
    );
    assert!(
        interview.stdout.contains("Interview Readiness Checklist"),
        "{}",
        interview.stdout
    );
    let outline = pym.json(&["show", "--plan", "interview"]);
    assert_eq!(outline["days"].as_array().unwrap().len(), 16);
    let readiness = outline["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["checkable"] == true)
        .unwrap();
    assert_eq!(readiness["items"].as_array().unwrap().len(), 7);
}

#[test]
fn show_takes_keys_ordinals_next_weeks_and_sections() {
    let pym = Pym::new();
    assert!(
        pym.json(&["show", "W3.D2"])["day"]["title"]
            .as_str()
            .unwrap()
            .contains("deque")
    );
    assert_eq!(pym.json(&["show", "#16"])["day"]["key"], "w3.d2");
    assert_eq!(pym.json(&["show", "next"])["day"]["key"], "w1.d2");
    assert_eq!(
        pym.json(&["show", "d4.1", "--plan", "interview"])["day"]["ordinal"],
        5
    );
    assert_eq!(
        pym.json(&["show", "d28-30", "--plan", "roadmap-30"])["day"]["span"],
        3
    );
    let week = pym.run(&["show", "week", "3"]).ok();
    assert!(week.stdout.contains("w3.d7"), "{}", week.stdout);
    let readiness = pym.run(&["show", "readiness", "--plan", "interview"]).ok();
    assert!(
        readiness.stdout.contains("Explain GIL"),
        "{}",
        readiness.stdout
    );
    pym.run(&["check", "readiness:3", "--plan", "interview"])
        .ok();
    let section = pym.json(&["show", "readiness", "--plan", "interview"]);
    assert_eq!(section["section"]["items"][2]["checked"], true);
}

#[test]
fn show_week_quoted_as_one_word_shows_the_week() {
    let pym = Pym::new();
    let quoted = pym.run(&["show", "week 3"]).ok().stdout;
    assert_eq!(quoted, pym.run(&["show", "week", "3"]).ok().stdout);
    assert!(quoted.contains("w3.d7"), "{quoted}");
    let quoted = pym
        .run(&["show", "week 2", "--plan", "roadmap-30"])
        .ok()
        .stdout;
    assert!(quoted.contains("d8 "), "{quoted}");
}

#[test]
fn re_importing_a_plan_with_force_says_it_was_replaced_not_begin_with_start() {
    let pym = Pym::new();
    let file = pym.home().join("mine-source.md");
    std::fs::write(&file, MY_PLAN).unwrap();
    let first = pym
        .run(&["import", file.to_str().unwrap(), "--id", "mine"])
        .ok()
        .stdout;
    assert!(
        first.contains("Begin with `pymastery start mine`"),
        "{first}"
    );
    pym.run(&["start", "mine"]).ok();
    pym.run(&["done"]).ok();
    let again = pym
        .run(&["import", file.to_str().unwrap(), "--id", "mine", "--force"])
        .ok()
        .stdout;
    assert!(!again.contains("Begin with"), "{again}");
    assert!(again.contains("Replaced 'mine'"), "{again}");
}

#[test]
fn import_adds_a_plan_that_can_be_started() {
    let pym = Pym::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("My Rust Plan.md");
    std::fs::write(&file, MY_PLAN).unwrap();
    let report = pym.json(&["validate", file.to_str().unwrap()]);
    assert_eq!(
        (report["days"].as_u64(), report["items"].as_u64()),
        (Some(2), Some(3))
    );
    assert!(pym.snapshot().is_empty(), "validate wrote into the home");

    let imported = pym.json(&["import", file.to_str().unwrap()]);
    assert_eq!(imported["id"], "my-rust-plan");
    pym.run(&["start", "my-rust-plan"]).ok();
    let today = pym.json(&["today"]);
    assert_eq!(today["day"]["title"], "Ownership");
    let plans = pym.json(&["plans"]);
    assert!(
        plans
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == "my-rust-plan" && p["source"] == "user")
    );

    let again = pym.run(&["import", file.to_str().unwrap()]).code(2);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    pym.run(&["import", file.to_str().unwrap(), "--force"]).ok();
}

#[test]
fn import_refuses_what_it_cannot_use_and_writes_nothing() {
    let pym = Pym::new();
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("notes.md");
    std::fs::write(&empty, "# Shopping\n\nJust some prose, nothing to track.\n").unwrap();
    let binary = dir.path().join("image.md");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0, 0, 1, 2]).unwrap();
    let good = dir.path().join("good.md");
    std::fs::write(&good, MY_PLAN).unwrap();
    // A file that yields nothing is refused with the code `validate` gives it.
    let run = pym.run(&["import", empty.to_str().unwrap()]).code(1);
    assert!(run.stderr.contains("nothing to track"), "{}", run.stderr);
    assert!(pym.snapshot().is_empty(), "import wrote into the home");
    let cases: [(&[&str], &str); 5] = [
        (&["import", binary.to_str().unwrap()], "not a text file"),
        (&["import", good.to_str().unwrap(), "--id", "../x"], "../x"),
        (
            &["import", good.to_str().unwrap(), "--id", "Interview"],
            "Interview",
        ),
        (
            &["import", good.to_str().unwrap(), "--id", "interview"],
            "built-in",
        ),
        (&["import", dir.path().to_str().unwrap()], "directory"),
    ];
    for (args, names) in cases {
        let run = pym.run(args).code(2);
        assert!(run.stderr.contains(names), "{args:?}: {}", run.stderr);
        assert!(pym.snapshot().is_empty(), "{args:?} wrote into the home");
    }
    let run = pym.run(&["validate", empty.to_str().unwrap()]).code(1);
    assert!(run.stderr.contains("notes.md"), "{}", run.stderr);
}

#[test]
fn a_plan_saved_as_utf16_is_read_as_text() {
    let pym = Pym::new();
    let dir = tempfile::tempdir().unwrap();
    for (name, bom, little) in [
        ("le.md", [0xFF, 0xFE], true),
        ("be.md", [0xFE, 0xFF], false),
    ] {
        let mut bytes = bom.to_vec();
        for unit in
            "# Plan\n\n## Day 1: Ünïcode\n- [ ] read\n\n## Day 2: Two\n- [ ] write\n".encode_utf16()
        {
            bytes.extend(if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let report = pym.json(&["validate", file.to_str().unwrap()]);
        assert_eq!(report["days"], 2, "{name}: {report}");
        let id = name.trim_end_matches(".md");
        pym.run(&["import", file.to_str().unwrap(), "--id", id])
            .ok();
        let shown = pym.run(&["show", "-p", id, "d1"]).ok().stdout;
        assert!(shown.contains("Ünïcode"), "{shown}");
    }
}

#[test]
fn plan_text_never_sends_escape_sequences_to_the_terminal() {
    let pym = Pym::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.md");
    std::fs::write(&file, "# Evil \x1b]0;pwned\x07Plan\n\n## Day 1: Clear \x1b[2J screen\n- [ ] ring \x07 bell \x1b[31mred\n").unwrap();
    pym.run(&["import", file.to_str().unwrap()]).ok();
    for args in [
        &["show", "--plan", "evil"][..],
        &["today", "--plan", "evil"],
        &["plans"],
    ] {
        let run = pym.run(args).ok();
        assert!(
            !run.stdout.contains('\x1b') && !run.stdout.contains('\x07'),
            "{args:?}: {:?}",
            run.stdout
        );
    }
    pym.run(&[
        "done",
        "--plan",
        "evil",
        "--note",
        "note with \x1b[2J escape",
    ])
    .ok();
    for args in [&["log"][..], &["status"], &["log", "--format", "md"]] {
        let run = pym.run(args).ok();
        assert!(!run.stdout.contains('\x1b'), "{args:?}: {:?}", run.stdout);
    }
}

#[test]
fn completions_are_printed_for_every_shell() {
    let pym = Pym::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = pym.run(&["completions", shell]).ok();
        assert!(run.stdout.contains("pymastery"), "{shell}");
    }
}

#[test]
fn the_cli_definition_is_consistent() {
    use clap::CommandFactory;
    pymastery::cli::Cli::command().debug_assert();
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let pym = Pym::new();
    let always = pym.run(&["today", "--color", "always"]).ok();
    assert!(always.stdout.contains("\x1b["));
    let never = pym.run(&["today"]).ok();
    assert!(!never.stdout.contains("\x1b["));
}

/// The read-only commands of CLI.md, with a plan file for `validate`.
fn read_only_commands(plan: &str) -> [Vec<&str>; 13] {
    [
        vec!["today"],
        vec!["today", "--short"],
        vec!["status", "--all"],
        vec!["status", "--format", "md"],
        vec!["show"],
        vec!["show", "next"],
        vec!["plans"],
        vec!["log", "--format", "csv"],
        vec!["validate", plan],
        vec!["doctor"],
        vec!["review"],
        vec!["review", "--json"],
        vec!["calendar"],
    ]
}

#[test]
fn read_only_commands_never_create_the_home() {
    let pym = Pym::new();
    std::fs::remove_dir(pym.home()).unwrap();
    let plan = std::env::temp_dir().join(format!("pym-ro-{}.md", std::process::id()));
    std::fs::write(&plan, MY_PLAN).unwrap();
    for args in read_only_commands(plan.to_str().unwrap()) {
        pym.run(&args).ok();
        assert!(!pym.home().exists(), "{args:?} created the home");
    }
    std::fs::remove_file(plan).unwrap();
}

/// The checkpoint and the parsed-plan cache are written only where something was recorded: a
/// home made ready by hand (or by a script) stays empty after read-only commands.
#[test]
fn read_only_commands_leave_an_empty_home_empty() {
    use std::os::unix::fs::PermissionsExt;
    let pym = Pym::new();
    std::fs::set_permissions(pym.home(), std::fs::Permissions::from_mode(0o700)).unwrap();
    let plan = std::env::temp_dir().join(format!("pym-ro-empty-{}.md", std::process::id()));
    std::fs::write(&plan, MY_PLAN).unwrap();
    for args in read_only_commands(plan.to_str().unwrap()) {
        pym.run(&args).ok();
        let left: Vec<_> = std::fs::read_dir(pym.home()).unwrap().collect();
        assert!(left.is_empty(), "{args:?} wrote into an empty home");
    }
    std::fs::remove_file(plan).unwrap();
}

#[test]
fn log_with_a_filter_that_matches_nothing_does_not_say_nothing_is_logged() {
    let mut pym = Pym::new();
    pym.at(5, "09:00");
    pym.run(&["done", "--note", "first"]).ok();
    for args in [
        &[
            "log", "--since", "today", "--until", "today", "--grep", "zzz",
        ][..],
        &["log", "--until", "-1d"],
        &["log", "-p", "interview"],
    ] {
        let out = pym.run(args).ok().stdout;
        assert!(!out.contains("Nothing logged yet"), "{args:?}: {out}");
        assert!(out.starts_with("No entry matches"), "{args:?}: {out}");
    }
    let all = pym.run(&["log"]).ok().stdout;
    assert!(all.contains("— first"), "{all}");
}

#[test]
fn log_exports_csv_and_markdown_in_date_order() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "deep-dive"]).ok();
    pym.at(2, "09:00")
        .run(&[
            "done",
            "--plan",
            "deep-dive",
            "--note",
            "said \"hi\", twice",
        ])
        .ok();
    pym.at(3, "09:00")
        .run(&[
            "done",
            "--plan",
            "deep-dive",
            "--date",
            "2026-11-01",
            "--minutes",
            "10",
        ])
        .ok();
    let csv = pym.run(&["log", "--format", "csv"]).ok().stdout;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "date,plan,day,title,event,note,minutes,items");
    assert!(lines[1].starts_with("2026-11-01,deep-dive,d2,"), "{csv}");
    assert!(lines[2].contains("\"said \"\"hi\"\", twice\""), "{csv}");
    let since = pym.json(&["log", "--since", "2026-11-02"]);
    assert_eq!(since.as_array().unwrap().len(), 1);
    let md = pym.run(&["status", "--format", "md"]).ok().stdout;
    assert!(md.starts_with("# Weekly review, 2026-11-03"), "{md}");
    assert!(md.contains("| 2026-11-02 | deep-dive"), "{md}");
}

#[test]
fn a_current_plan_removed_from_the_home_falls_back_with_a_warning() {
    let pym = Pym::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.md");
    std::fs::write(&file, MY_PLAN).unwrap();
    pym.run(&["import", file.to_str().unwrap()]).ok();
    pym.run(&["start", "mine"]).ok();
    std::fs::remove_file(pym.home().join("curricula/mine.md")).unwrap();
    let run = pym.run(&["today"]).ok();
    assert!(run.stderr.contains("'mine' is no longer"), "{}", run.stderr);
    assert!(
        run.stdout.contains("Python Practice Plan"),
        "{}",
        run.stdout
    );
    let doctor = pym.run(&["doctor"]);
    assert!(
        doctor.stdout.contains("mine"),
        "doctor should name the missing plan: {}",
        doctor.stdout
    );
}

#[test]
fn validate_says_which_rule_found_the_steps() {
    let pym = Pym::new();
    let fixture =
        |name: &str| format!("{}/tests/fixtures/plans/{name}", env!("CARGO_MANIFEST_DIR"));
    let by_words = pym.run(&["validate", &fixture("trailing-labels.md")]).ok();
    assert!(
        by_words
            .stdout
            .contains("steps found by day labels in headings"),
        "{}",
        by_words.stdout
    );
    let by_structure = pym
        .run(&["validate", &fixture("structure-lekce-cs.md")])
        .ok();
    assert!(
        by_structure
            .stdout
            .contains("steps found by structure: a run of list items labelled `Lekce N`"),
        "{}",
        by_structure.stdout
    );
    let report = pym.json(&["validate", &fixture("structure-plain.txt")]);
    assert_eq!(report["days"], 4);
    assert!(
        report["found_by"]
            .as_str()
            .is_some_and(|s| s.contains("`Session N`"))
    );
    pym.run(&["validate", &fixture("false-runs.md")]).code(1);
}

/// A plan in German with a session structure, levels over cycles and a continuation after the
/// last cycle: `today` shows them as it does for rotating-48, and the end offers what follows.
#[test]
fn roles_of_a_plan_in_another_language_show_in_today() {
    let mut pym = Pym::new();
    let file = format!(
        "{}/tests/fixtures/plans/roles-de.md",
        env!("CARGO_MANIFEST_DIR")
    );
    pym.run(&["import", &file, "--id", "rust-zyklen"]).ok();
    pym.at(1, "09:00").run(&["start", "rust-zyklen"]).ok();
    let first = pym.run(&["today"]).ok().stdout;
    for day in 1..=5 {
        pym.at(day, "09:00").run(&["done"]).ok();
    }
    pym.at(6, "09:00");
    let cycle_2 = pym.run(&["today"]).ok().stdout;
    pym.run(&["done"]).ok();
    let end = pym.run(&["today"]).ok().stdout;
    insta::assert_snapshot!(format!(
        "$ pymastery today\n{first}$ pymastery today (day 6)\n{cycle_2}$ pymastery today (the end)\n{end}"
    ));
}

/// A plan whose headings are dates: each day's key and title are the same text.
const DATED_PLAN: &str =
    "# Dated plan\n\n## 2026-11-02\n- [ ] read chapter 1\n\n## 2026-11-03\n- [ ] read chapter 2\n";

#[test]
fn a_plan_whose_headings_are_dates_names_each_day_once() {
    let pym = Pym::new();
    pym.import_text("dated", DATED_PLAN).ok();
    let started = pym.run(&["start", "dated"]).ok().stdout;
    assert!(
        started.contains("Today: 2026-11-02. Run"),
        "the key and a title that repeats it are said once: {started}"
    );
    let today = pym.run(&["today"]).ok().stdout;
    assert_eq!(today.matches("2026-11-02").count(), 1, "{today}");
    let done = pym.run(&["done"]).ok().stdout;
    assert!(done.starts_with("✓ Done: 2026-11-02\n"), "{done}");
    assert!(done.contains("Next: 2026-11-03 ("), "{done}");
    let undone = pym.run(&["undo"]).ok().stdout;
    assert!(undone.contains("done 2026-11-02"), "{undone}");
    assert_eq!(undone.matches("2026-11-02").count(), 1, "{undone}");
}

#[test]
fn log_show_status_note_and_the_reflection_template_name_a_dated_day_once() {
    let pym = Pym::new();
    pym.import_text("dated", DATED_PLAN).ok();
    pym.run(&["start", "dated"]).ok();
    let tools = tempfile::tempdir().unwrap();
    // Keeps the template it was given beside itself, then writes the note.
    let body = "cp \"$1\" \"$(dirname \"$0\")/template.md\"\nprintf 'first\\n' >> \"$1\"";
    let keep_and_write = editor(tools.path(), "editor.sh", body);
    run_in_terminal(&pym, &["done", "--note"], &keep_and_write).ok();
    let template = std::fs::read_to_string(tools.path().join("template.md")).unwrap();
    assert!(
        template.contains("\n# Reflection on 2026-11-02 (dated)\n"),
        "{template}"
    );
    let noted = pym.run(&["note", "more"]).ok().stdout;
    assert_eq!(noted, "Noted on 2026-11-02 (2026-11-01).\n");
    let log = pym.run(&["log"]).ok().stdout;
    assert_eq!(
        log,
        "2026-11-01  done    dated 2026-11-02 — first\n2026-11-01  note    dated 2026-11-02 — more\n"
    );
    let outline = pym.run(&["show"]).ok().stdout;
    assert!(
        outline.ends_with("\n✓ 2026-11-02\n  2026-11-03\n"),
        "{outline}"
    );
    let status = pym.run(&["status"]).ok().stdout;
    assert!(
        status.contains("  now at 2026-11-03 · Day 2 of 2\n"),
        "{status}"
    );
    assert!(
        status.contains("  2026-11-01  dated  2026-11-02  done        0  first\n"),
        "the last days leave out a title that only repeats the day: {status}"
    );
}

#[test]
fn the_markdown_log_shows_an_amendment_as_one_and_keeps_reviews_and_pauses() {
    let mut pym = Pym::new();
    pym.at(2, "09:00").run(&["start", "interview"]).ok();
    pym.run(&["done", "--note", "first"]).ok();
    pym.at(2, "21:00")
        .run(&["done", "--amend", "--note", "second thought"])
        .ok();
    pym.at(4, "09:00")
        .run(&["review", "d1", "--rate", "hard"])
        .ok();
    pym.run(&["pause", "--until", "2026-11-06", "--reason", "flu"])
        .ok();
    let md = pym.run(&["log", "--format", "md"]).ok().stdout;
    assert_eq!(md.matches("**Done**").count(), 1, "{md}");
    assert!(md.contains("- **Added to** interview `d1`"), "{md}");
    assert!(
        md.contains("- **Reviewed** interview `d1`: Python Basics & Philosophy (rated hard)"),
        "{md}"
    );
    assert!(md.contains("- **Paused** until 2026-11-06 (flu)"), "{md}");
    let text = pym.run(&["log"]).ok().stdout;
    assert!(text.contains("  added   interview d1"), "{text}");
    // The JSON keeps to the days' own events, and marks the amendment.
    let json = pym.json(&["log"]);
    let events: Vec<(&str, bool)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["event"].as_str().unwrap(), e["amend"] == true))
        .collect();
    assert_eq!(events, [("done", false), ("done", true)]);
}

#[test]
fn switching_back_to_a_plan_under_way_says_since_when_not_a_new_start_date() {
    let mut pym = Pym::new();
    pym.at(2, "09:00").run(&["start", "mastery-23"]).ok();
    pym.at(3, "09:00").run(&["start", "interview"]).ok();
    let run = pym.at(5, "09:00").run(&["start", "mastery-23"]).ok();
    assert!(
        run.stdout
            .starts_with("Switched to mastery-23: 23-Day Python Mastery Plan (Flexible Schedule) (under way since 2026-11-02)."),
        "{}",
        run.stdout
    );
}

#[test]
fn doctor_takes_dash_p_and_looks_at_that_plans_events_only() {
    let pym = Pym::new();
    pym.import_text("mine", "# Mine\n\n## Day 1: One\n- [ ] a\n")
        .ok();
    pym.run(&["done", "-p", "mine"]).ok();
    pym.run(&["done", "-p", "deep-dive"]).ok();
    std::fs::remove_file(pym.home().join("curricula/mine.md")).unwrap();
    let all = pym.run(&["doctor"]).stdout;
    assert!(all.contains("plan 'mine'"), "{all}");
    let one = pym.run(&["doctor", "-p", "deep-dive"]);
    assert_ne!(one.code, 2, "{}", one.stderr);
    assert!(!one.stdout.contains("plan 'mine'"), "{}", one.stdout);
}
