//! `done`: recording a session — its date, note, minutes, amendments — and what it prints.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Stdio;

use crate::support::{Pym, editor, log_dates, plan_status, run_in_terminal, to_run};

#[test]
fn a_first_week_with_notes_skips_undo_and_streaks() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    let run = pym.run(&["done", "--note", "mutable defaults bite", "--minutes", "30"]);
    insta::assert_snapshot!(run, @"
    ✓ Done: d1 Python Basics & Philosophy (with a note, 30 min)
    streak 1 day
    Next: d2 Collections & Dataclasses (`pymastery show next` to read it ahead)
    ");

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

    // undo names what it undid.
    insta::assert_snapshot!(pym.run(&["undo"]), @"Undid skip d3 (Functions, Args & Closures) on interview (2026-11-03, recorded 2026-11-03 09:00).");
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
        .run(&["done", "d1", "--note", "extra thought"]);
    insta::assert_snapshot!(run, @"
    d1 Python Basics & Philosophy was already done on 2026-11-01; added (with a note). It still counts
    once.
    streak 1 day (longest 4)
    Next: d5 Exceptions & Context Managers (`pymastery show next` to read it ahead)
    ");
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
fn a_second_plain_done_on_a_date_is_refused_with_the_two_ways_forward() {
    let mut pym = Pym::new();
    pym.env("COLUMNS", "80");
    pym.at(2, "19:30").run(&["start", "interview"]).ok();
    pym.run(&["done"]).ok();
    let before = pym.snapshot();
    let refused = pym.run(&["done", "--note", "forgot: USING vs ON"]);
    insta::assert_snapshot!(refused, @"
    [stderr]
    error: a day of interview is already done today (d1 Python Basics & Philosophy),
           so nothing was recorded: `pymastery done next` marks the next day too,
           `pymastery done --amend --note TEXT` adds to d1
    [exit status: 2]
    ");
    // From standard input too, refused before the note is read (read first, an empty one
    // would be refused as empty instead).
    let from_stdin = pym.run(&["done", "--note"]);
    assert_eq!(from_stdin.to_string(), refused.to_string());
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
    insta::assert_snapshot!(pym.run(&["done", "next"]), @"
    ✓ Done: d2 Collections & Dataclasses
    streak 1 day
    Next: d3 Functions, Args & Closures (`pymastery show next` to read it ahead)
    ");
    assert_eq!(
        pym.json(&["today"])["done_today"].as_array().unwrap().len(),
        2
    );
    // Another plan's day done today does not stand in the way.
    pym.run(&["done", "-p", "deep-dive"]).ok();
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
    insta::assert_snapshot!(pym.run(&["done", "--date", "2025-11-03"]), @"
    [stderr]
    error: --date 2025-11-03 is before interview was started (2026-11-02)
    [exit status: 2]
    ");
    insta::assert_snapshot!(pym.run(&["done", "--date", "2026-11-06"]), @"
    [stderr]
    error: --date 2026-11-06 is in the future (today is 2026-11-05)
    [exit status: 2]
    ");
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
    insta::assert_snapshot!(pym.run(&["log", "--since", "-2x"]), @"
    [stderr]
    error: --since '-2x' is not a date; write it as YYYY-MM-DD, `today`, `yesterday` or `-2d`
    [exit status: 2]
    ");
}

#[test]
fn done_date_plus_2d_is_refused_as_the_future_not_recorded_two_days_back() {
    let mut pym = Pym::new();
    pym.at(5, "09:00");
    pym.run(&["start", "interview", "--date", "-3d"]).ok();
    let before = pym.snapshot();
    insta::assert_snapshot!(pym.run(&["done", "--date", "+2d"]), @"
    [stderr]
    error: --date +2d is in the future (today is 2026-11-05)
    [exit status: 2]
    ");
    assert_eq!(pym.snapshot(), before, "a refused date wrote something");
}

#[test]
fn done_amend_adds_to_the_day_done_last() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    pym.at(1, "20:00").run(&["done", "--note", "A"]).ok();
    // Meaning to add the time to the same session.
    insta::assert_snapshot!(pym.run(&["done", "--amend", "--minutes", "40"]), @"d1 Python Basics & Philosophy was already done on 2026-11-01; added (40 min). It still counts once.");
    pym.at(2, "08:00");
    insta::assert_snapshot!(pym.run(&["done", "--amend", "--note", "B"]), @"
    d1 Python Basics & Philosophy was already done on 2026-11-01; added (with a note). It still counts
    once.
    ");
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
    insta::assert_snapshot!(fresh.run(&["done", "--amend", "--note", "x"]), @"
    [stderr]
    error: nothing to amend: no day of interview is done yet; `pymastery done` marks one
    [exit status: 2]
    ");
    insta::assert_snapshot!(fresh.run(&["done", "--amend"]), @"
    [stderr]
    error: --amend adds a note or minutes to the day done last: give --note or --minutes
    [exit status: 2]
    ");
}

// A recorded session reported as a failure.
#[test]
fn a_recorded_session_reported_as_a_failure() {
    let pym = Pym::new();
    for json in [false, true] {
        let mut args = vec!["done", "next", "--note", "x", "--minutes", "30"];
        if json {
            args.push("--json");
        }
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = pym
            .command(&args)
            .stdin(Stdio::null())
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        // The same message with or without --json.
        insta::allow_duplicates! {
            insta::assert_snapshot!(pym.stable(to_run(output)), @"
            [stderr]
            error: recorded, but the confirmation could not be printed: No space left on device (os error 28)
            hint: do not run the command again, or it will be recorded twice; `pymastery log` shows what was
                  recorded
            [exit status: 3]
            ");
        }
    }
    let log = pym.json(&["log"]);
    assert_eq!(log.as_array().unwrap().len(), 2, "{log}");
    // Bad input before recording still exits 2, and a closed pipe is still success.
    let output = pym
        .command(&["done", "--minutes", "x"])
        .stdout(
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(to_run(output).code, 2);
}

// The note file for the editor.
fn notes(pym: &Pym) -> Vec<String> {
    pym.json(&["log"])
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["note"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn the_note_file_for_the_editor() {
    let pym = Pym::new();
    let tools = tempfile::tempdir().unwrap();
    let seen = tools.path().join("seen");
    // Writes the note, then kills pymastery as a crash or a closed terminal would.
    let write_then_die = editor(
        tools.path(),
        "die.sh",
        &format!(
            "stat -c '%a %n' \"$1\" > '{}'\nprintf 'precious thought\\n' >> \"$1\"\n\
             p=$PPID\n\
             while [ \"$p\" -gt 1 ] && [ \"$(cat /proc/$p/comm)\" != pymastery ]; do p=$(cut -d' ' -f4 /proc/$p/stat); done\n\
             kill -9 \"$p\"",
            seen.display()
        ),
    );
    let run = run_in_terminal(&pym, &["done", "--note"], &write_then_die);
    assert_ne!(run.code, 0, "{}", run.stdout);
    let seen = std::fs::read_to_string(&seen).unwrap();
    let (mode, path) = seen.trim().split_once(' ').unwrap();
    assert_eq!(mode, "600", "{seen}");
    let drafts = pym.home().join("local").join("drafts");
    assert!(Path::new(path).starts_with(&drafts), "{seen}");
    assert!(
        !path.contains("pymastery-note-"),
        "a predictable name: {seen}"
    );
    assert!(notes(&pym).is_empty());
    // The text is in the home, and doctor says so.
    let kept: Vec<_> = std::fs::read_dir(&drafts).unwrap().flatten().collect();
    assert_eq!(kept.len(), 1);
    assert!(
        std::fs::read_to_string(kept[0].path())
            .unwrap()
            .contains("precious thought")
    );
    let doctor = pym.run(&["doctor"]);
    assert!(
        doctor.stdout.contains("note written in the editor"),
        "{}",
        doctor.stdout
    );

    // The next note opens it again; saved as offered, it is recorded and the draft goes.
    let run = run_in_terminal(&pym, &["done", "--note"], "true");
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(notes(&pym), ["precious thought"]);
    assert_eq!(std::fs::read_dir(&drafts).unwrap().count(), 0);

    // A failure after the editor closed says where the note is.
    let damage = editor(
        tools.path(),
        "damage.sh",
        "printf 'second thought\\n' >> \"$1\"\n\
         find \"$PYMASTERY_HOME\" -name '*.jsonl' ! -path '*quarantine*' -exec sh -c 'printf \"garbage\\n\" >> \"$0\"' {} \\;",
    );
    let run = run_in_terminal(&pym, &["done", "next", "--note"], &damage);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("your note is kept in") && run.stdout.contains("local/drafts/note-"),
        "{}",
        run.stdout
    );
    pym.run(&["doctor", "--repair"]);
    let run = run_in_terminal(&pym, &["done", "next", "--note"], "true");
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(notes(&pym), ["precious thought", "second thought"]);
    assert_eq!(std::fs::read_dir(&drafts).unwrap().count(), 0);
}
