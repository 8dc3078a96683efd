//! The daily loop: start, today, check, done, note, skip, undo, and what status makes of them.

use std::path::Path;

use crate::support::{Pym, log_dates, plan_status, ticked};

#[test]
fn today_before_anything_previews_day_one_and_writes_nothing() {
    let pym = Pym::new();
    let run = pym.run(&["today"]).ok();
    insta::assert_snapshot!(run.stdout);
    assert!(pym.snapshot().is_empty(), "today wrote into the home");
}

#[test]
fn the_home_is_created_private_on_first_write() {
    let pym = Pym::new();
    std::fs::remove_dir(pym.home()).unwrap();
    pym.run(&["start", "interview"]).ok();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::fs::metadata(pym.home()).unwrap().permissions().mode() & 0o777;
        let log = std::fs::metadata(pym.log_path())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!((dir, log), (0o700, 0o600));
    }
}

#[test]
fn check_and_uncheck_tick_items_of_the_current_day() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    pym.run(&["check", "1", "2", "5"]).ok();
    pym.run(&["uncheck", "2"]).ok();
    let today = pym.json(&["today"]);
    let checked: Vec<u64> = today["day"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["checked"] == true)
        .map(|i| i["n"].as_u64().unwrap())
        .collect();
    assert_eq!(checked, [1, 5]);
    let run = pym.run(&["check", "d2:3"]).ok();
    assert!(run.stdout.contains("d2"), "{}", run.stdout);
    let d2 = pym.json(&["show", "d2"]);
    assert_eq!(d2["day"]["items"][2]["checked"], true);
}

#[test]
fn a_first_week_with_notes_skips_undo_and_streaks() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    let run = pym
        .run(&["done", "--note", "mutable defaults bite", "--minutes", "30"])
        .ok();
    assert!(run.stdout.contains("d1"), "{}", run.stdout);
    assert!(run.stdout.contains("Next: d2"), "{}", run.stdout);

    pym.at(2, "09:00")
        .run_with_stdin(
            &["done", "--note"],
            Some("second session\nmulti-line reflection\n"),
        )
        .ok();
    pym.at(3, "09:00")
        .run(&["skip", "--reason", "know it"])
        .ok();
    let status = pym.json(&["status"]);
    let interview = plan_status(&status, "interview");
    assert_eq!(
        (
            interview["days_done"].as_u64(),
            interview["days_skipped"].as_u64()
        ),
        (Some(2), Some(1))
    );

    let run = pym.run(&["undo"]).ok();
    assert!(
        run.stdout.contains("skip d3"),
        "undo should name what it undid: {}",
        run.stdout
    );
    assert_eq!(pym.json(&["today"])["day"]["ordinal"], 3);

    for day in [3, 4, 6] {
        pym.at(day, "09:00").run(&["done"]).ok();
    }
    let status = pym.at(6, "18:00").json(&["status"]);
    assert_eq!(
        (
            status["streak"]["current"].as_u64(),
            status["streak"]["longest"].as_u64()
        ),
        (Some(1), Some(4))
    );
    let interview = plan_status(&status, "interview");
    assert_eq!(
        interview["pace_days"], -1,
        "5 of 6 calendar days done is one day behind"
    );
    assert!(interview["forecast_finish"].is_string());
    assert_eq!(interview["minutes_total"], 30);

    // done on a done day adds the note and counts once
    let run = pym
        .at(6, "19:00")
        .run(&["done", "d1", "--note", "extra thought"])
        .ok();
    assert!(run.stdout.contains("already done"), "{}", run.stdout);
    let again = pym.json(&["status"]);
    assert_eq!(plan_status(&again, "interview")["days_done"], 5);

    let log = pym.run(&["log", "--format", "md"]).ok();
    for note in [
        "mutable defaults bite",
        "multi-line reflection",
        "extra thought",
    ] {
        assert!(
            log.stdout.contains(note),
            "log lacks {note:?}: {}",
            log.stdout
        );
    }
}

#[test]
fn practice_at_two_in_the_morning_counts_for_the_day_before() {
    let mut pym = Pym::new();
    pym.at(6, "09:00").run(&["start", "deep-dive"]).ok();
    pym.run(&["done"]).ok();
    pym.at(7, "23:00").run(&["done"]).ok();
    pym.at(8, "02:00").run(&["done", "next"]).ok();
    pym.at(8, "12:00");
    assert_eq!(log_dates(&pym), ["2026-11-06", "2026-11-07", "2026-11-07"]);
    let status = pym.json(&["status"]);
    assert_eq!(
        status["streak"]["current"], 2,
        "today not practised yet keeps the streak"
    );
    assert_eq!(pym.at(9, "12:00").json(&["status"])["streak"]["current"], 0);
}

#[test]
fn a_configured_day_boundary_moves_the_practice_date() {
    let mut pym = Pym::new();
    pym.run(&["config", "set", "day_starts_at", "00:00"]).ok();
    pym.at(8, "02:00")
        .run(&["done", "--plan", "deep-dive"])
        .ok();
    assert_eq!(pym.json(&["log"])[0]["date"], "2026-11-08");
}

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
fn undo_walks_back_one_change_at_a_time() {
    let pym = Pym::new();
    pym.run(&["start", "deep-dive"]).ok();
    pym.run(&["check", "1"]).ok();
    pym.run(&["done"]).ok();
    let said: Vec<String> = (0..3).map(|_| pym.run(&["undo"]).ok().stdout).collect();
    let run = pym.run(&["undo"]).code(2);
    insta::assert_snapshot!(format!("{}{}", said.concat(), run.stderr));
    let lines = std::fs::read_to_string(pym.log_path())
        .unwrap()
        .lines()
        .count();
    assert_eq!(lines, 6, "the log keeps the history: 3 changes and 3 undos");
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
    let finished = pym.run(&["today"]).ok();
    insta::assert_snapshot!(finished.stdout);
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
fn the_end_of_the_rotating_plan_offers_the_cycle_five_tracks() {
    let pym = Pym::new();
    pym.run(&["start", "rotating-48", "--at", "w48.d7"]).ok();
    pym.run(&["done"]).ok();
    let run = pym.run(&["today"]).ok();
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn a_note_right_after_done_is_about_the_day_just_done() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    pym.run(&["done"]).ok();
    pym.run(&["note", "closures capture variables, not values"])
        .ok();
    let d1 = pym.json(&["show", "d1"]);
    assert_eq!(
        d1["day"]["notes"][0]["text"],
        "closures capture variables, not values"
    );
}

#[test]
fn done_note_with_no_text_and_a_terminal_opens_the_editor_on_a_template() {
    // `script` gives the command a terminal, as a person typing it would have.
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no `script` to provide a terminal");
        return;
    }
    let pym = Pym::new();
    let dir = tempfile::tempdir().unwrap();
    let seen = dir.path().join("seen.md");
    let editor = dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\ncp \"$1\" '{}'\nprintf 'reflection from the editor\\n' >> \"$1\"\n",
            seen.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    pym.run(&["start", "mastery-23", "--at", "d1"]).ok();
    let binary = env!("CARGO_BIN_EXE_pymastery");
    let status = std::process::Command::new("script")
        .args(["-qec", &format!("{binary} done --note"), "/dev/null"])
        .env("PYMASTERY_HOME", pym.home())
        .env("PYMASTERY_NOW", "2026-11-01T09:00:00Z")
        .env("TZ", "UTC")
        .env("NO_COLOR", "1")
        .env("EDITOR", &editor)
        .env_remove("VISUAL")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stdout)
    );
    let template = std::fs::read_to_string(&seen).unwrap();
    assert!(
        template.contains("# Reflection on d1: Types, Variables & The Object Model"),
        "{template}"
    );
    assert!(
        template.contains("everything is an object"),
        "the day's questions are in the template: {template}"
    );
    let d1 = pym.json(&["show", "d1"]);
    assert_eq!(d1["day"]["notes"][0]["text"], "reflection from the editor");
}

#[test]
fn show_next_the_night_after_a_session_is_tomorrows_day() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    assert_eq!(
        pym.json(&["show", "next"])["day"]["key"],
        "d2",
        "before the session, next is the day after today's"
    );
    pym.run(&["done"]).ok();
    pym.at(1, "21:00");
    assert_eq!(
        pym.json(&["show", "next"])["day"]["key"],
        "d2",
        "after it, next is tomorrow's"
    );
    assert_eq!(pym.json(&["show", "today"])["day"]["key"], "d1");
    assert_eq!(
        pym.at(2, "09:00").json(&["show", "today"])["day"]["key"],
        "d2"
    );
}

#[test]
fn writing_commands_print_what_they_recorded_with_json() {
    let pym = Pym::new();
    let started = pym.json(&["start", "interview"]);
    assert_eq!(started["recorded"][0]["type"], "start");
    let done = pym.json(&["done", "--note", "ok", "--minutes", "20"]);
    let event = &done["recorded"][0];
    assert_eq!(
        (
            event["type"].as_str(),
            event["day"].as_str(),
            event["minutes"].as_u64()
        ),
        (Some("done"), Some("d1"), Some(20))
    );
    assert_eq!(pym.json(&["undo"])["recorded"][0]["target"], event["id"]);
}

#[test]
fn show_day_json_has_the_day_fields_at_the_top_and_under_day() {
    let pym = Pym::new();
    let d = pym.json(&["show", "d1", "--plan", "interview"]);
    assert_eq!(d["key"], "d1");
    assert_eq!(d["day"]["key"], "d1");
    assert_eq!(d["items"].as_array().unwrap().len(), 11);
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
fn a_second_plain_done_on_a_date_is_refused_with_the_two_ways_forward() {
    let mut pym = Pym::new();
    pym.env("COLUMNS", "80");
    pym.at(2, "19:30").run(&["start", "interview"]).ok();
    pym.run(&["done"]).ok();
    let before = pym.snapshot();
    let run = pym.run(&["done", "--note", "forgot: USING vs ON"]).code(2);
    insta::assert_snapshot!(run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    // From standard input too, refused before the note is read (read first, an empty one
    // would be refused as empty instead).
    let run = pym.run(&["done", "--note"]).code(2);
    assert!(run.stderr.contains("already done today"), "{}", run.stderr);
    // Backfilling a date that already has a done is the same mistake.
    pym.at(3, "09:00")
        .run(&["done", "--date", "yesterday", "--minutes", "5"])
        .code(2);
    assert_eq!(pym.snapshot(), before, "a refused done wrote something");

    // The two ways forward do what the message says.
    pym.at(2, "20:00");
    pym.run(&["done", "--amend", "--note", "forgot: USING vs ON"])
        .ok();
    assert_eq!(pym.json(&["today"])["progress"]["days_done"], 1);
    let run = pym.run(&["done", "next"]).ok();
    assert!(run.stdout.starts_with("✓ Done: d2"), "{}", run.stdout);
    assert_eq!(
        pym.json(&["today"])["done_today"].as_array().unwrap().len(),
        2
    );
    // Another plan's day done today does not stand in the way.
    pym.run(&["done", "-p", "deep-dive"]).ok();
}

#[test]
fn check_numbers_are_those_of_the_day_today_shows_and_confirmations_name_the_plan_when_two_are_under_way()
 {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    pym.run(&["done"]).ok();
    // After the session `today` shows d2's items: `check 2` is d2's item 2.
    let run = pym.run(&["check", "2"]).ok();
    assert_eq!(run.stdout, "Checked d2: 2. Time complexity basics\n");
    let checked = |day: &str| ticked(&pym, day);
    assert_eq!((checked("d1"), checked("d2")), (vec![], vec![2]));
    // The day done earlier is still reachable by its key.
    pym.run(&["check", "d1:2"]).ok();
    assert_eq!(checked("d1"), [2]);

    // With a second plan under way, every confirmation says which plan it acted on.
    pym.run(&["start", "deep-dive"]).ok();
    let said = [
        pym.run(&["check", "1"]).ok().stdout,
        pym.run(&["uncheck", "1"]).ok().stdout,
        pym.run(&["note", "x", "-p", "interview"]).ok().stdout,
        pym.run(&["done", "next", "-p", "interview"]).ok().stdout,
        pym.run(&["skip", "-p", "interview"]).ok().stdout,
    ];
    assert!(said[0].starts_with("Checked deep-dive d1:"), "{}", said[0]);
    assert!(
        said[1].starts_with("Unchecked deep-dive d1:"),
        "{}",
        said[1]
    );
    assert!(said[2].starts_with("Noted on interview d1 "), "{}", said[2]);
    assert!(said[3].starts_with("✓ Done: interview d2 "), "{}", said[3]);
    assert!(said[4].starts_with("Skipped interview d3 "), "{}", said[4]);
}

#[test]
fn undo_names_a_plan_only_for_what_belongs_to_one() {
    let pym = Pym::new();
    pym.run(&["start", "mastery-23"]).ok();
    pym.run(&["pause", "--reason", "flu"]).ok();
    let pause = pym.run(&["undo"]).ok().stdout;
    assert!(pause.starts_with("Undid pause (2026-11-01"), "{pause}");
    let start = pym.run(&["undo"]).ok().stdout;
    assert!(
        start.starts_with("Undid start mastery-23 (2026-11-01"),
        "{start}"
    );
}

#[test]
fn a_session_in_the_hour_a_fall_back_repeats_never_gets_an_earlier_date() {
    // São Paulo left summer time at midnight on 18 February 2018: 23:00-23:59 on the 17th came
    // twice. With the day starting at 23:30, 23:45 the first time is the 17th's practice day,
    // and 23:10 the second time, later, must not fall back to the 16th.
    if !Path::new("/usr/share/zoneinfo/America/Sao_Paulo").exists() {
        eprintln!("skipped: no time zone data for America/Sao_Paulo");
        return;
    }
    let mut pym = Pym::new();
    pym.env("TZ", "America/Sao_Paulo");
    pym.run(&["config", "set", "day_starts_at", "23:30"]).ok();
    pym.now("2018-02-16T12:00:00Z")
        .run(&["start", "interview"])
        .ok();
    pym.now("2018-02-18T01:45:00Z").run(&["done"]).ok();
    pym.now("2018-02-18T02:10:00Z").run(&["done", "next"]).ok();
    assert_eq!(log_dates(&pym), ["2018-02-17", "2018-02-17"]);
}
