//! `start`: beginning a plan, mid-plan with `--at`, or a fresh pass.
#![allow(clippy::unwrap_used)]

use crate::support::{Pym, plan_status};

#[test]
fn two_plans_are_active_at_once_and_the_current_one_is_the_last_started() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    pym.run(&["done"]).ok();
    pym.run(&["done", "--plan", "rotating-48", "--minutes", "15"])
        .ok();
    assert_eq!(pym.json(&["today"])["plan"]["id"], "interview");
    let status = pym.json(&["status", "--all"]);
    let mut ids: Vec<&str> = status["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, ["interview", "rotating-48"]);
    assert_eq!(plan_status(&status, "rotating-48")["current_day"], "w1.d2");
    pym.run(&["start", "deep-dive"]).ok();
    assert_eq!(pym.json(&["today"])["plan"]["id"], "deep-dive");
    assert_eq!(crate::support::current_plans(&pym), ["deep-dive"]);
}

#[test]
fn start_at_begins_mid_plan_and_fresh_begins_a_new_pass() {
    let pym = Pym::new();
    pym.run(&["start", "deep-dive", "--at", "d5"]).ok();
    assert_eq!(pym.json(&["today"])["day"]["key"], "d5");
    pym.run(&["done"]).ok();
    for _ in 0..2 {
        pym.run(&["done", "next"]).ok();
    }
    insta::assert_snapshot!(pym.run(&["today"]), @"
    ✓ Done today: d5 Iterators & Generators
                  d6 Advanced Python Features
                  d7 Concurrency & Interview Prep

    Week 1 – Python Deep Dive Plan
    ✓ You finished the plan: 3 of 7 days done, 0 skipped.

    Begin a new pass: `pymastery start deep-dive --fresh`
    Or start another plan: rotating-48, mastery-23, roadmap-30, interview
    ");
    pym.run(&["start", "deep-dive", "--fresh"]).ok();
    let today = pym.json(&["today"]);
    assert_eq!(
        (
            today["day"]["key"].as_str(),
            today["progress"]["days_done"].as_u64()
        ),
        (Some("d1"), Some(0))
    );
    assert_eq!(
        pym.json(&["log"]).as_array().unwrap().len(),
        3,
        "the old pass stays in the history"
    );
}

#[test]
fn a_fresh_pass_dated_before_the_current_pass_began_is_refused() {
    let mut pym = Pym::new();
    pym.at(5, "09:00");
    pym.run(&["start", "interview"]).ok();
    pym.run(&["done"]).ok();
    let before = pym.snapshot();
    let run = pym.run(&["start", "interview", "--fresh", "--date", "yesterday"]);
    insta::assert_snapshot!(run, @"
    [stderr]
    error: --date 2026-11-04 is before pass 1 of interview began (2026-11-05); a new pass begins on or
           after it
    [exit status: 2]
    ");
    assert_eq!(pym.snapshot(), before, "a refused start wrote something");
    pym.run(&["start", "interview", "--fresh", "--date", "today"])
        .ok();
}

#[test]
fn switching_back_to_a_plan_under_way_says_since_when_not_a_new_start_date() {
    let mut pym = Pym::new();
    pym.at(2, "09:00").run(&["start", "mastery-23"]).ok();
    pym.at(3, "09:00").run(&["start", "interview"]).ok();
    insta::assert_snapshot!(pym.at(5, "09:00").run(&["start", "mastery-23"]), @"
    Switched to mastery-23: 23-Day Python Mastery Plan (Flexible Schedule) (under way since 2026-11-02).
    Today: d0 Setup & Preparation. Run `pymastery today` to see it.
    ");
}

#[test]
fn each_start_says_whether_it_began_switched_back_or_began_a_new_pass() {
    let mut pym = Pym::new();
    insta::assert_snapshot!(pym.run(&["start", "interview"]), @"
    Started interview: Python Study Plan (Interview + Pet Project) (2026-11-01).
    Today: d1 Python Basics & Philosophy. Run `pymastery today` to see it.
    ");
    insta::assert_snapshot!(pym.run(&["start", "interview"]), @"
    interview is already the current plan (started 2026-11-01); `pymastery start interview --fresh`
    begins a new pass.
    ");
    pym.run(&["done", "-q"]).ok();
    pym.at(2, "09:00").run(&["start", "deep-dive", "-q"]).ok();
    insta::assert_snapshot!(pym.run(&["start", "interview"]), @"
    Switched to interview: Python Study Plan (Interview + Pet Project) (under way since 2026-11-01).
    Today: d2 Collections & Dataclasses. Run `pymastery today` to see it.
    ");
    insta::assert_snapshot!(pym.at(3, "09:00").run(&["start", "interview", "--fresh"]), @"
    Began pass 2 of interview: Python Study Plan (Interview + Pet Project) (2026-11-03).
    Today: d1 Python Basics & Philosophy. Run `pymastery today` to see it.
    ");
    // Five starts asked, four recorded: starting the current plan again records nothing.
    let starts = |pym: &Pym| {
        let log = std::fs::read_to_string(pym.log_path()).unwrap();
        log.matches(r#""type":"start""#).count()
    };
    assert_eq!(starts(&pym), 4);
}
