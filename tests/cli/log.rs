//! `log`: filters, exports as CSV and Markdown in date order, and a dated day or an amendment
//! shown once.
#![allow(clippy::unwrap_used)]

use crate::support::{DATED_PLAN, Pym, editor, run_in_terminal};

#[test]
fn log_with_a_filter_that_matches_nothing_does_not_say_nothing_is_logged() {
    let mut pym = Pym::new();
    pym.at(5, "09:00");
    pym.run(&["done", "--note", "first"]).ok();
    insta::assert_snapshot!(pym.run(&["log", "--since", "today", "--until", "today", "--grep", "zzz"]), @"No entry matches; `pymastery log` without --since, --until, --plan or --grep lists every one.");
    insta::assert_snapshot!(pym.run(&["log", "--until", "-1d"]), @"No entry matches; `pymastery log` without --since, --until, --plan or --grep lists every one.");
    insta::assert_snapshot!(pym.run(&["log", "-p", "interview"]), @"No entry matches; `pymastery log` without --since, --until, --plan or --grep lists every one.");
    insta::assert_snapshot!(pym.run(&["log"]), @"
    2026-11-05  done    rotating-48 w1.d1 List comprehensions vs generator expressions (memory
                        profiling) — first
    ");
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
    insta::assert_snapshot!(pym.run(&["log", "--format", "csv"]), @r#"
    date,plan,day,title,event,note,minutes,items
    2026-11-01,deep-dive,d2,Functions & Modules,done,,10,
    2026-11-02,deep-dive,d1,Python Fundamentals Refresh,done,"said ""hi"", twice",,
    "#);
    let since = pym.json(&["log", "--since", "2026-11-02"]);
    assert_eq!(since.as_array().unwrap().len(), 1);
    let md = pym.run(&["status", "--format", "md"]).ok().stdout;
    assert!(md.starts_with("# Weekly review, 2026-11-03"), "{md}");
    assert!(md.contains("| 2026-11-02 | deep-dive"), "{md}");
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
    insta::assert_snapshot!(pym.run(&["note", "more"]), @"Noted on 2026-11-02 (2026-11-01).");
    insta::assert_snapshot!(pym.run(&["log"]), @"
    2026-11-01  done    dated 2026-11-02 — first
    2026-11-01  note    dated 2026-11-02 — more
    ");
    insta::assert_snapshot!(pym.run(&["show"]), @"
    Dated plan
    dated · 2 days over 2 calendar days · 2 items

    ✓ 2026-11-02
      2026-11-03
    ");
    // The last days leave out a title that only repeats the day.
    insta::assert_snapshot!(pym.run(&["status"]), @"
    Review for the week to 2026-11-01

    dated  Dated plan
      [###############...............] 1/2 days (50%)
      now at 2026-11-03 · Day 2 of 2
      started 2026-11-01 · on track · forecast finish 2026-11-02
      items ticked 0/2 · time logged 0 min

    Streak: 1 day (longest 1 day)
    Reviews: 0 due today · 0 done in the last 7 days · 1 coming in the next 7 days

    Last 7 days
      date        plan   day         status  items  note
      2026-11-01  dated  2026-11-02  done        0  first

    Recent reflections
      2026-11-01 dated 2026-11-02: first
      2026-11-01 dated 2026-11-02: more

    Practice, last 12 weeks
      Mon · · · · · · · · · · · ·
      Tue · · · · · · · · · · · ·
      Wed · · · · · · · · · · · ·
      Thu · · · · · · · · · · · ·
      Fri · · · · · · · · · · · ·
      Sat · · · · · · · · · · · ·
      Sun · · · · · · · · · · · ■
    ■ practised  · none   `pymastery log` lists every session
    ");
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
    insta::assert_snapshot!(pym.run(&["log", "--format", "md"]), @"
    # Practice Log

    ## 2026-11-02

    - **Done** interview `d1`: Python Basics & Philosophy
      > first
    - **Added to** interview `d1`: Python Basics & Philosophy
      > second thought

    ## 2026-11-04

    - **Reviewed** interview `d1`: Python Basics & Philosophy (rated hard)
    - **Paused** until 2026-11-06 (flu)
    ");
    insta::assert_snapshot!(pym.run(&["log"]), @"
    2026-11-02  done    interview d1 Python Basics & Philosophy — first
    2026-11-02  added   interview d1 Python Basics & Philosophy — second thought
    ");
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
