//! Rest days, pauses and plans paced by their weekdays, through the real binary.

use crate::support::{Pym, plan_status};

#[test]
fn rest_days_are_a_validated_config_key() {
    let pym = Pym::new();
    insta::assert_snapshot!(pym.run(&["config", "set", "rest_days", "Sun, SAT"]), @"rest_days = sat,sun, from today (2026-11-01) on; the days before keep the pace they had");
    assert_eq!(
        pym.run(&["config", "get", "rest_days"]).ok().stdout.trim(),
        "sat,sun"
    );
    insta::assert_snapshot!(pym.run(&["config", "set", "rest_days", "sat,funday"]), @"
    [stderr]
    error: rest_days 'sat,funday': 'funday' is not a weekday; it takes weekdays separated by commas,
           like sat,sun (or none)
    [exit status: 2]
    ");
    insta::assert_snapshot!(pym.run(&["config", "set", "review_cap", "many"]), @"
    [stderr]
    error: review_cap 'many' is not how many reviews `today` asks for a day, a whole number from 0 to
           100
    [exit status: 2]
    ");
    insta::assert_snapshot!(pym.run(&["config"]), @"
    plan = rotating-48 (default)
    day_starts_at = 04:00 (default)
    editor = $VISUAL or $EDITOR (default)
    rest_days = sat,sun
    review_cap = 5 (default)
    ");
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
    insta::assert_snapshot!(pym.run(&["config", "set", "rest_days", "sat,sun"]), @"rest_days = sat,sun, from today (2026-11-13) on; the days before keep the pace they had");
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
    insta::assert_snapshot!(pym.run(&["undo"]), @"Undid done d8 (Typing & Static Analysis) on interview (2026-11-13, recorded 2026-11-13 20:00).");
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
        .run(&["pause", "--until", "2026-11-08", "--reason", "holiday"]);
    insta::assert_snapshot!(run, @"
    Paused from 2026-11-04 to 2026-11-08 (holiday): these days count neither against your streak nor
    your pace, and the forecast moves with them.
    ");
    insta::assert_snapshot!(pym.at(6, "09:00").run(&["today"]), @"
    Paused since 2026-11-04 until 2026-11-08 (holiday): these days count neither against your streak nor
    your pace. `pymastery resume` when you are back.

    Python Study Plan (Interview + Pet Project)
    Day 3 of 16

    d3  Functions, Args & Closures

    Topics
      [ ]  1. Positional vs keyword arguments
      [ ]  2. `*args` / `**kwargs`
      [ ]  3. Keyword-only arguments
      [ ]  4. Default arguments evaluation time
      [ ]  5. LEGB rule
      [ ]  6. `global` vs `nonlocal`
      [ ]  7. Closures
      [ ]  8. Late binding problem
      [ ]  9. Lambda limitations
    Practice
      [ ] 10. Closure-based counter
      [ ] 11. Fix late binding bug
      [ ] 12. Design keyword-only API

    streak 2 days · on track · 2/16 days · next: `pymastery done --note`
    2 reviews due today: `pymastery review`
    ");
    insta::assert_snapshot!(pym.run(&["today", "--short"]), @"interview d3 Functions, Args & Closures · streak 2 · paused");
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
    insta::assert_snapshot!(pym.at(12, "09:00").run(&["resume"]), @"Resumed after 2 days off (from 2026-11-10). `pymastery today` shows what comes next.");
    insta::assert_snapshot!(pym.run(&["resume"]), @"
    [stderr]
    error: there is no pause to end; `pymastery pause` begins one
    [exit status: 2]
    ");
    insta::assert_snapshot!(pym.run(&["undo"]), @"Undid resume (2026-11-12, recorded 2026-11-12 09:00).");
    assert!(
        pym.run(&["today"])
            .ok()
            .stdout
            .starts_with("Paused since 2026-11-10")
    );
    insta::assert_snapshot!(pym.run(&["pause", "--until", "2026-11-01"]), @"
    [stderr]
    error: --until 2026-11-01 is in the past (today is 2026-11-12); a pause begins today
    [exit status: 2]
    ");
    insta::assert_snapshot!(pym.run(&["pause", "--until", "soon"]), @"
    [stderr]
    error: --until 'soon' is not a date; write it as YYYY-MM-DD, `today`, `yesterday` or `-2d`
    [exit status: 2]
    ");
}

#[test]
fn a_weekday_plan_keeps_its_weekdays() {
    let mut pym = Pym::new();
    let plan =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plans/weekdays.md");
    pym.run(&["import", plan.to_str().unwrap()]).ok();
    insta::assert_snapshot!(pym.run(&["show", "-p", "weekdays"]), @"
    Running Plan
    weekdays · 5 days on their weekdays over 2 weeks · 6 items

    Week 1: Base building
        w1.mon  Monday
        w1.wed  Wednesday
        w1.sat  Saturday

    Week 2: Build
        w2.mon  Monday
        w2.thu  Thu
    ");
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

#[test]
fn a_pause_while_paused_replaces_it_and_a_resume_on_its_first_day_calls_it_off() {
    let mut pym = Pym::new();
    pym.run(&["start", "interview", "-q"]).ok();
    insta::assert_snapshot!(pym.run(&["pause", "--reason", "holiday"]), @"
    Paused from 2026-11-01 (holiday): these days count neither against your streak nor your pace, and
    the forecast moves with them. `pymastery resume` when you are back.
    ");
    insta::assert_snapshot!(pym.at(3, "09:00").run(&["pause", "--until", "2026-11-08"]), @"
    Paused from 2026-11-03 to 2026-11-08: these days count neither against your streak nor your pace,
    and the forecast moves with them. It replaces the pause begun on 2026-11-01.
    ");
    insta::assert_snapshot!(pym.run(&["resume"]), @"Resumed: the pause begun today is called off. `pymastery today` shows what comes next.");
    insta::assert_snapshot!(pym.run(&["resume"]), @"
    [stderr]
    error: there is no pause to end; `pymastery pause` begins one
    [exit status: 2]
    ");
}
