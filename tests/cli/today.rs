//! `today`: the day to practise, before, during and after a plan.
#![allow(clippy::unwrap_used)]

use crate::support::{DATED_PLAN, Pym};

#[test]
fn today_before_anything_previews_day_one_and_writes_nothing() {
    let pym = Pym::new();
    let run = pym.run(&["today"]).ok();
    insta::assert_snapshot!(run.stdout);
    assert!(pym.snapshot().is_empty(), "today wrote into the home");
}

#[test]
fn the_end_of_the_rotating_plan_offers_the_cycle_five_tracks() {
    let pym = Pym::new();
    pym.run(&["start", "rotating-48", "--at", "w48.d7"]).ok();
    pym.run(&["done"]).ok();
    let run = pym.run(&["today"]).ok();
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn today_after_done_opens_with_the_day_done_and_shows_the_next_as_what_comes_next() {
    let mut pym = Pym::new();
    pym.env("COLUMNS", "80");
    pym.at(2, "19:30").run(&["start", "interview"]).ok();
    pym.run(&["done", "--note", "closures capture variables"])
        .ok();
    let run = pym.run(&["today"]).ok();
    assert!(
        run.stdout
            .starts_with("✓ Done today: d1 Python Basics & Philosophy\n"),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!(run.stdout);
    let today = pym.json(&["today"]);
    assert_eq!(
        today["done_today"],
        serde_json::json!([{ "key": "d1", "title": "Python Basics & Philosophy" }])
    );
    assert_eq!(today["day"]["key"], "d2", "what comes next");
    // The next morning is a new day: nothing done yet, d2 is today's.
    let morning = pym.at(3, "08:00").json(&["today"]);
    assert_eq!(morning["done_today"], serde_json::json!([]));
    let run = pym.run(&["today"]).ok();
    assert!(
        run.stdout.starts_with("Python Study Plan"),
        "{}",
        run.stdout
    );
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
fn a_plan_numbered_with_gaps_reads_day_2_of_2_not_day_6_of_2() {
    let pym = Pym::new();
    pym.import_text(
        "gap",
        "# Gap plan\n\n## Day 1: Start\n\n- [ ] Read the intro\n\n## Day 6: Later\n\n- [ ] Read chapter six\n",
    )
    .ok();
    pym.run(&["start", "gap"]).ok();
    pym.run(&["done"]).ok();
    insta::assert_snapshot!(pym.run(&["today"]), @"
    ✓ Done today: d1 Start

    Gap plan
    Next: Day 2 of 2

    d6  Later

      [ ] 1. Read chapter six

    streak 1 day · on track · 1/2 days · more today: `pymastery done next`
    ");
    let json = pym.json(&["today"]);
    assert_eq!(json["position"]["day"], 2, "{json}");
}

#[test]
fn several_plans_at_once_today_shows_the_others_and_suggestions_leave_them_out() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    pym.run(&["done"]).ok();
    // A plan never started, done with -p: it says it started it.
    insta::assert_snapshot!(pym.run(&["-p", "deep-dive", "done"]), @"
    ✓ Done: deep-dive d1 Python Fundamentals Refresh
    That started deep-dive, from 2026-11-01. The current plan is still interview;
    `pymastery start deep-dive` switches to it.
    streak 1 day
    Next: d2 Functions & Modules (`pymastery show next` to read it ahead)
    ");
    insta::assert_snapshot!(pym.at(2, "09:00").run(&["today"]), @"
    Python Study Plan (Interview + Pet Project)
    Day 2 of 16

    d2  Collections & Dataclasses

    Topics
      [ ]  1. list / tuple / set / dict
      [ ]  2. Time complexity basics
      [ ]  3. `collections`: defaultdict, Counter, deque
      [ ]  4. Common collection pitfalls
      [ ]  5. `@dataclass`
      [ ]  6. `field(default_factory=...)`
      [ ]  7. `frozen=True`
      [ ]  8. `slots=True`
    Practice
      [ ]  9. Word frequency counter (`Counter`)
      [ ] 10. Bounded queue (`deque`)
      [ ] 11. Immutable DTO with dataclass

    streak 1 day · on track · 1/16 days · next: `pymastery done --note`

    Also under way
      deep-dive d2 Functions & Modules · 1/7 days · on track
    ");
    // deep-dive finished: the suggestions leave out interview, which is in progress.
    pym.run(&["start", "deep-dive"]).ok();
    for day in 2..=7 {
        pym.at(day, "20:00").run(&["done"]).ok();
    }
    insta::assert_snapshot!(pym.run(&["today"]), @"
    ✓ Done today: d7 Concurrency & Interview Prep

    Week 1 – Python Deep Dive Plan
    ✓ You finished the plan: 7 of 7 days done, 0 skipped.

    Begin a new pass: `pymastery start deep-dive --fresh`
    Or start another plan: rotating-48, mastery-23, roadmap-30

    Also under way
      interview d2 Collections & Dataclasses · 1/16 days · 5 days behind
    5 reviews due today · 1 in the backlog: `pymastery review`
    ");
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

#[test]
fn a_plan_whose_headings_are_dates_names_each_day_once() {
    let pym = Pym::new();
    pym.import_text("dated", DATED_PLAN).ok();
    // The key and a title that repeats it are said once, in every message.
    insta::assert_snapshot!(pym.run(&["start", "dated"]), @"
    Started dated: Dated plan (2026-11-01).
    Today: 2026-11-02. Run `pymastery today` to see it.
    ");
    let today = pym.run(&["today"]).ok().stdout;
    assert_eq!(today.matches("2026-11-02").count(), 1, "{today}");
    insta::assert_snapshot!(pym.run(&["done"]), @"
    ✓ Done: 2026-11-02
    streak 1 day
    Next: 2026-11-03 (`pymastery show next` to read it ahead)
    ");
    insta::assert_snapshot!(pym.run(&["undo"]), @"Undid done 2026-11-02 on dated (2026-11-01, recorded 2026-11-01 09:00).");
}
