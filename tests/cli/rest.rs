//! Rest days, pauses and plans paced by their weekdays, through the real binary.

use crate::support::{Pym, plan_status};

#[test]
fn rest_days_are_a_validated_config_key() {
    let pym = Pym::new();
    let run = pym.run(&["config", "set", "rest_days", "Sun, SAT"]).ok();
    assert_eq!(run.stdout.trim(), "rest_days = sat,sun");
    assert_eq!(
        pym.run(&["config", "get", "rest_days"]).ok().stdout.trim(),
        "sat,sun"
    );
    let run = pym
        .run(&["config", "set", "rest_days", "sat,funday"])
        .code(2);
    assert!(run.stderr.contains("funday"), "{}", run.stderr);
    pym.run(&["config", "set", "review_cap", "many"]).code(2);
    let list = pym.run(&["config"]).ok();
    assert!(
        list.stdout.contains("rest_days = sat,sun"),
        "{}",
        list.stdout
    );
    assert!(
        list.stdout.contains("review_cap = 5 (default)"),
        "{}",
        list.stdout
    );
}

#[test]
fn a_weekend_off_keeps_the_streak_and_the_pace() {
    // 2026-11-02 is a Monday.
    let mut pym = Pym::new();
    pym.run(&["config", "set", "rest_days", "sat,sun"]).ok();
    pym.at(2, "09:00").run(&["start", "interview"]).ok();
    for day in 2..=6 {
        pym.at(day, "20:00").run(&["done", "-q"]).ok();
    }
    let status = pym.at(8, "20:00").json(&["status"]);
    assert_eq!(status["streak"]["current"], 5);
    assert_eq!(plan_status(&status, "interview")["pace_days"], 0);
    assert_eq!(status["rest_days"][1], "sun");
    pym.run(&["config", "set", "rest_days", "none"]).ok();
    let status = pym.json(&["status"]);
    assert_eq!(
        plan_status(&status, "interview")["pace_days"],
        -1,
        "without rest days Saturday counts; Sunday is not over"
    );
}

#[test]
fn pause_and_resume_are_events_that_undo_takes_back() {
    let mut pym = Pym::new();
    pym.at(2, "09:00").run(&["start", "interview"]).ok();
    pym.at(2, "20:00").run(&["done", "-q"]).ok();
    pym.at(3, "20:00").run(&["done", "-q"]).ok();
    let run = pym
        .at(4, "09:00")
        .run(&["pause", "--until", "2026-11-08", "--reason", "holiday"])
        .ok();
    assert!(
        run.stdout.contains("Paused from 2026-11-04 to 2026-11-08"),
        "{}",
        run.stdout
    );
    let today = pym.at(6, "09:00").run(&["today"]).ok();
    assert!(
        today
            .stdout
            .starts_with("Paused since 2026-11-04 until 2026-11-08 (holiday)"),
        "{}",
        today.stdout
    );
    assert!(
        today.stdout.contains("pymastery resume"),
        "{}",
        today.stdout
    );
    assert!(
        pym.run(&["today", "--short"])
            .ok()
            .stdout
            .contains("· paused")
    );
    assert_eq!(pym.json(&["today"])["paused"]["until"], "2026-11-08");
    let status = pym.at(9, "20:00").run(&["status"]).ok();
    assert!(
        status
            .stdout
            .contains("Paused 2026-11-04 to 2026-11-08, 5 days: holiday"),
        "{}",
        status.stdout
    );
    let status = pym.json(&["status"]);
    assert_eq!(
        status["streak"]["current"], 2,
        "the pause does not break the streak"
    );
    assert_eq!(plan_status(&status, "interview")["pace_days"], 0);

    // An open pause, ended by resume; resume without a pause is refused; undo takes it back.
    pym.at(10, "09:00").run(&["pause"]).ok();
    let run = pym.at(12, "09:00").run(&["resume"]).ok();
    assert!(
        run.stdout.contains("Resumed after 2 days off"),
        "{}",
        run.stdout
    );
    let run = pym.run(&["resume"]).code(2);
    assert!(run.stderr.contains("no pause"), "{}", run.stderr);
    let run = pym.run(&["undo"]).ok();
    assert!(run.stdout.contains("resume"), "{}", run.stdout);
    assert!(
        pym.run(&["today"])
            .ok()
            .stdout
            .starts_with("Paused since 2026-11-10")
    );
    pym.run(&["pause", "--until", "2026-11-01"]).code(2);
    pym.run(&["pause", "--until", "soon"]).code(2);
}

#[test]
fn a_weekday_plan_keeps_its_weekdays() {
    let mut pym = Pym::new();
    let plan =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plans/weekdays.md");
    pym.run(&["import", plan.to_str().unwrap()]).ok();
    let show = pym.run(&["show", "-p", "weekdays"]).ok();
    assert!(
        show.stdout
            .contains("weekdays · 5 days on their weekdays over 2 weeks"),
        "{}",
        show.stdout
    );
    // Started on Monday the 2nd; Monday, Wednesday and Saturday done: on track on Sunday.
    pym.at(2, "09:00").run(&["start", "weekdays"]).ok();
    for day in [2, 4, 7] {
        pym.at(day, "20:00").run(&["done", "-q"]).ok();
    }
    let status = pym.at(8, "20:00").json(&["status"]);
    let plan = plan_status(&status, "weekdays");
    assert_eq!(plan["pace_days"], 0);
    assert_eq!(
        plan["forecast_finish"], "2026-11-12",
        "w2.thu falls on Thursday the 12th"
    );
    let status = pym.at(10, "20:00").json(&["status"]);
    assert_eq!(
        plan_status(&status, "weekdays")["pace_days"],
        -1,
        "Monday the 9th missed"
    );
}
