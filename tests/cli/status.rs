//! `status`: pace, forecast, streaks and the days behind them.
#![allow(clippy::unwrap_used)]

use crate::support::{Pym, plan_status};

#[test]
fn pace_is_ahead_when_more_days_are_done_than_the_calendar_asks() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "roadmap-30"]).ok();
    pym.run(&["done"]).ok();
    for _ in 0..2 {
        pym.run(&["done", "next"]).ok();
    }
    let status = pym.at(2, "09:00").json(&["status"]);
    assert_eq!(plan_status(&status, "roadmap-30")["pace_days"], 2);
    let behind = pym.at(10, "09:00").json(&["status"]);
    assert_eq!(
        plan_status(&behind, "roadmap-30")["pace_days"],
        -6,
        "3 done by Nov 10 (9 days elapsed, none today)"
    );
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
    insta::assert_snapshot!(pym.run(&["status"]), @"
    Review for the week to 2026-11-05

    deep-dive  Week 1 – Python Deep Dive Plan
      [#################.............] 4/7 days (57%)
      now at d5 Iterators & Generators · Day 5 of 7
      started 2026-11-01 · 1 day behind · forecast finish 2026-11-08
      items ticked 0/39 · time logged 0 min

    Streak: 1 day (longest 3 days)
    Reviews: 3 due today · 0 done in the last 7 days · 1 coming in the next 7 days

    Last 7 days
      date        plan       day  title                              status  items
      2026-11-01  deep-dive  d1   Python Fundamentals Refresh        done        0
      2026-11-02  deep-dive  d2   Functions & Modules                done        0
      2026-11-03  deep-dive  d3   Object-Oriented Programming (OOP)  done        0
      2026-11-05  deep-dive  d4   Advanced OOP + Design Patterns     done        0

    Practice, last 12 weeks
      Mon · · · · · · · · · · · ■
      Tue · · · · · · · · · · · ■
      Wed · · · · · · · · · · · ·
      Thu · · · · · · · · · · · ■
      Fri · · · · · · · · · · ·
      Sat · · · · · · · · · · ·
      Sun · · · · · · · · · · ■
    ■ practised  · none   `pymastery log` lists every session
    ");
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
    assert!(!plain.contains("deep-dive  Week 1"), "{plain}");
    // Each plan not started is one line.
    insta::assert_snapshot!(pym.run(&["status", "--all"]), @"
    Review for the week to 2026-11-15

    deep-dive  Week 1 – Python Deep Dive Plan
      [##############################] 7/7 days (100%)
      finished
      started 2026-11-08 (pass 2) · on track · finished 2026-11-14
      items ticked 0/39 · time logged 0 min

    interview  Python Study Plan (Interview + Pet Project)
      [..............................] 0/16 days (0%)
      now at d1 Python Basics & Philosophy · Day 1 of 16
      started 2026-11-15 · on track · forecast finish 2026-11-30
      items ticked 0/139 · time logged 0 min

    Earlier passes
      deep-dive pass 1: 7/7 days done, 2026-11-01 to 2026-11-07

    Not started
      rotating-48  Python Practice Plan - Senior Developer Edition  336 days
      mastery-23   23-Day Python Mastery Plan (Flexible Schedule)    23 days
      roadmap-30   Python Mastery Roadmap (1-Month Intensive Plan)   28 days

    Streak: 14 days (longest 14 days)
    Reviews: 0 due today · 0 done in the last 7 days · 0 coming in the next 7 days

    Last 7 days
      date        plan       day  title                              status  items
      2026-11-09  deep-dive  d2   Functions & Modules                done        0
      2026-11-10  deep-dive  d3   Object-Oriented Programming (OOP)  done        0
      2026-11-11  deep-dive  d4   Advanced OOP + Design Patterns     done        0
      2026-11-12  deep-dive  d5   Iterators & Generators             done        0
      2026-11-13  deep-dive  d6   Advanced Python Features           done        0
      2026-11-14  deep-dive  d7   Concurrency & Interview Prep       done        0

    Practice, last 12 weeks
      Mon · · · · · · · · · · ■ ■
      Tue · · · · · · · · · · ■ ■
      Wed · · · · · · · · · · ■ ■
      Thu · · · · · · · · · · ■ ■
      Fri · · · · · · · · · · ■ ■
      Sat · · · · · · · · · · ■ ■
      Sun · · · · · · · · · ■ ■ ·
    ■ practised  · none   `pymastery log` lists every session
    ");
    let json = pym.json(&["status", "--all"]);
    assert_eq!(json["not_started"].as_array().unwrap().len(), 3);
    assert_eq!(json["earlier_passes"][0]["days_done"], 7);
}
