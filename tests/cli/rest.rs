//! Rest days, pauses and plans paced by their weekdays, through the real binary.

use crate::support::{Pym, plan_status};

#[test]
fn rest_days_are_a_validated_config_key() {
    let pym = Pym::new();
    let run = pym.run(&["config", "set", "rest_days", "Sun, SAT"]).ok();
    assert!(
        run.stdout.starts_with("rest_days = sat,sun, from today"),
        "{}",
        run.stdout
    );
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
        0,
        "Saturday was a rest day when it passed; Sunday, a practice day from today, is not over"
    );
    let status = pym.at(9, "20:00").json(&["status"]);
    assert_eq!(
        plan_status(&status, "interview")["pace_days"],
        -1,
        "Sunday counted"
    );
}

#[test]
fn a_change_of_rest_days_mid_plan_keeps_the_pace_of_the_days_before() {
    // 2026-11-02 is a Monday; a day done each weekday but Wednesday the 11th.
    let mut pym = Pym::new();
    pym.at(2, "09:00").run(&["start", "interview"]).ok();
    for day in [2, 3, 4, 5, 6, 9, 10, 12] {
        pym.at(day, "20:00").run(&["done", "-q"]).ok();
    }
    let before = pym.at(13, "09:00").json(&["status"]);
    let pace = plan_status(&before, "interview")["pace_days"].clone();
    let forecast = plan_status(&before, "interview")["forecast_finish"].clone();
    assert_eq!(pace, -3, "the weekend and the 11th missed");
    let run = pym.run(&["config", "set", "rest_days", "sat,sun"]).ok();
    assert_eq!(
        run.stdout,
        "rest_days = sat,sun, from today (2026-11-13) on; the days before keep the pace they had\n"
    );
    let after = pym.json(&["status"]);
    assert_eq!(
        plan_status(&after, "interview")["pace_days"],
        pace,
        "the past weekend stays missed"
    );
    assert!(
        plan_status(&after, "interview")["forecast_finish"].as_str() > forecast.as_str(),
        "the weekends ahead are off, so the finish moves later: {after}"
    );
    // The next weekend is off: Monday evening with Friday done, the pace has not moved.
    pym.at(13, "20:00").run(&["done", "-q"]).ok();
    let monday = pym.at(16, "09:00").json(&["status"]);
    assert_eq!(plan_status(&monday, "interview")["pace_days"], -3);
    // Undo leaves the setting alone: it is changed back with `config set`.
    let undo = pym.run(&["undo"]).ok();
    assert!(undo.stdout.contains("done d8"), "{}", undo.stdout);
}

#[test]
fn rest_days_travel_with_the_log_so_two_machines_agree() {
    let mut laptop = Pym::new();
    laptop.at(2, "09:00").run(&["start", "interview"]).ok();
    for day in [2, 3, 4, 5, 6] {
        laptop.at(day, "20:00").run(&["done", "-q"]).ok();
    }
    laptop
        .at(4, "21:00")
        .run(&["config", "set", "rest_days", "sat,sun"])
        .ok();
    // The desktop has the same log (as `sync` gives it) and rest days of its own in config.toml.
    let mut desktop = Pym::new();
    desktop.run(&["config", "set", "rest_days", "wed"]).ok();
    let name = laptop.log_path().file_name().unwrap().to_owned();
    std::fs::create_dir_all(desktop.home().join("log")).unwrap();
    std::fs::copy(laptop.log_path(), desktop.home().join("log").join(name)).unwrap();
    let shown = |pym: &mut Pym| {
        let status = pym.at(10, "09:00").json(&["status"]);
        (
            plan_status(&status, "interview")["pace_days"].clone(),
            plan_status(&status, "interview")["forecast_finish"].clone(),
            status["rest_days"].clone(),
        )
    };
    let on_laptop = shown(&mut laptop);
    assert_eq!(on_laptop.0, -1, "the 9th missed, the weekend off");
    assert_eq!(shown(&mut desktop), on_laptop);
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

#[test]
fn the_heat_map_shows_paused_days_as_paused_not_missed() {
    let mut pym = Pym::new();
    pym.at(2, "09:00").run(&["start", "interview"]).ok();
    pym.run(&["done", "-q"]).ok();
    pym.at(3, "09:00")
        .run(&["pause", "--until", "2026-11-05", "--reason", "flu"])
        .ok();
    let status = pym.at(6, "09:00").run(&["status"]).ok().stdout;
    let row = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(&format!("  {name} ")))
            .unwrap()
            .trim_end()
            .to_string()
    };
    // The week of 2 November is the last column.
    assert!(row("Mon").ends_with('■'), "{status}");
    for day in ["Tue", "Wed", "Thu"] {
        assert!(row(day).ends_with('-'), "{day}: {status}");
    }
    assert!(status.contains("- paused"), "{status}");
}
