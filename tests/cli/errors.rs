//! Rejected input: exit 2, one sentence naming the bad value, and nothing written.
//! A damaged home: exit 1, naming file and line, and nothing written.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use crate::support::{
    Pym, RUST_PLAN, Run, assert_one_sentence, edit_logs, home_with_mine, log_files, to_run,
};

/// Runs a command that must be refused and checks it wrote nothing; the caller pins the
/// run (exit 2, one sentence naming the bad value, nothing on stdout) in a snapshot.
#[track_caller]
fn refused(pym: &Pym, args: &[&str]) -> Run {
    let before = pym.snapshot();
    let run = pym.run(args);
    assert_eq!(pym.snapshot(), before, "{args:?} changed the home");
    run
}

fn started() -> Pym {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    pym.run(&["done", "--note", "first"]).ok();
    pym
}

#[test]
fn every_rejected_day_item_or_plan_exits_2_naming_it_and_writes_nothing() {
    let pym = started();
    insta::assert_snapshot!(refused(&pym, &["done", "w99.d9", "--plan", "rotating-48"]), @"
    [stderr]
    error: no day 'w99.d9' in rotating-48 (weeks 1-48, keys like w1.d1, or #1-#336)
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["done", "w49.d1", "--plan", "rotating-48"]), @"
    [stderr]
    error: no day 'w49.d1' in rotating-48 (weeks 1-48, keys like w1.d1, or #1-#336)
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["check", "99"]), @"
    [stderr]
    error: no item 99 in d2 of interview: items are 1-11
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["check", "two"]), @"
    [stderr]
    error: 'two' is not an item: write its number (3) or DAY:NUMBER (d5:3)
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["check", "d77:1"]), @"
    [stderr]
    error: no day 'd77' in interview (days d1 to final, or #1-#16)
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["uncheck", "0"]), @"
    [stderr]
    error: '0' is not an item: write its number (3) or DAY:NUMBER (d5:3)
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["start", "no-such-plan"]), @"
    [stderr]
    error: no plan 'no-such-plan'; the plans are rotating-48, mastery-23, roadmap-30, interview,
           deep-dive
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["today", "--plan", "no-such-plan"]), @"
    [stderr]
    error: no plan 'no-such-plan'; the plans are rotating-48, mastery-23, roadmap-30, interview,
           deep-dive
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["show", "#0"]), @"
    [stderr]
    error: no day '#0' in interview (days d1 to final, or #1-#16)
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["show", "#17"]), @"
    [stderr]
    error: no day '#17' in interview (days d1 to final, or #1-#16)
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["show", "week", "99", "--plan", "rotating-48"]), @"
    [stderr]
    error: no week '99' in rotating-48 (weeks 1-48)
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["skip", "d1"]), @"
    [stderr]
    error: d1 was done on 2026-11-01, so it cannot be skipped; `pymastery undo` takes back a done
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["start", "interview", "--at", "d9"]), @"
    [stderr]
    error: interview is already under way; to begin again at d9, add --fresh (the current pass stays in
           the history)
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["start", "deep-dive", "--at", "d42"]), @"
    [stderr]
    error: no day 'd42' in deep-dive (days d1 to d7, or #1-#7)
    [exit status: 2]
    ");
}

#[test]
fn every_rejected_date_note_or_minutes_exits_2_naming_it_and_writes_nothing() {
    let pym = started();
    insta::assert_snapshot!(refused(&pym, &["done", "--date", "2026-13-45"]), @"
    [stderr]
    error: --date '2026-13-45' is not a date; write it as YYYY-MM-DD, `today`, `yesterday` or `-2d`
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["done", "--date", "2027-01-01"]), @"
    [stderr]
    error: --date 2027-01-01 is in the future (today is 2026-11-01)
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["note", "x", "--date", "someday"]), @"
    [stderr]
    error: --date 'someday' is not a date; write it as YYYY-MM-DD, `today`, `yesterday` or `-2d`
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["done", "--note", ""]), @"
    [stderr]
    error: the note is empty, so nothing was recorded
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["done", "--note", "   "]), @"
    [stderr]
    error: the note is empty, so nothing was recorded
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["note", ""]), @"
    [stderr]
    error: the note is empty, so nothing was recorded
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["done", "--minutes", "-5"]), @"
    [stderr]
    error: --minutes '-5' is not a number of minutes from 1 to 1440 (no session is longer than a day)
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["done", "--minutes", "lots"]), @"
    [stderr]
    error: --minutes 'lots' is not a number of minutes from 1 to 1440 (no session is longer than a day)
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["done", "--minutes", "99999"]), @"
    [stderr]
    error: --minutes '99999' is not a number of minutes from 1 to 1440 (no session is longer than a day)
    [exit status: 2]
    ");
}

#[test]
fn every_other_rejected_argument_exits_2_naming_it_and_writes_nothing() {
    let pym = started();
    insta::assert_snapshot!(refused(&pym, &["-p", "interview", "plans"]), @"
    [stderr]
    error: `plans` acts on no one plan, so it takes no --plan
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["log", "--since", "last week"]), @"
    [stderr]
    error: --since 'last week' is not a date; write it as YYYY-MM-DD, `today`, `yesterday` or `-2d`
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["status", "--weeks", "0"]), @"
    [stderr]
    error: --weeks 0 is out of range (1 to 520)
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["config", "set", "colour", "blue"]), @"
    [stderr]
    error: no config key 'colour'
    hint: the keys are plan, day_starts_at, editor, rest_days, review_cap
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["config", "set", "day_starts_at", "25:99"]), @"
    [stderr]
    error: day_starts_at '25:99' is not a time of day as HH:MM
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["config", "set", "plan", "nope"]), @"
    [stderr]
    error: no plan 'nope'; the plans are rotating-48, mastery-23, roadmap-30, interview, deep-dive
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["import", "/no/such/file.md"]), @"
    [stderr]
    error: cannot read /no/such/file.md: no such file
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["frobnicate"]), @"
    [stderr]
    error: unrecognized subcommand 'frobnicate'

    Usage: pymastery [OPTIONS] [COMMAND]

    For more information, try '--help'.
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["done", "--bogus-flag"]), @"
    [stderr]
    error: unexpected argument '--bogus-flag' found

      tip: to pass '--bogus-flag' as a value, use '-- --bogus-flag'

    Usage: pymastery done [OPTIONS] [DAY]

    For more information, try '--help'.
    [exit status: 2]
    ");
}

#[test]
fn skip_with_an_empty_reason_is_refused_as_an_empty_note_is() {
    let pym = started();
    insta::assert_snapshot!(refused(&pym, &["skip", "--reason", ""]), @"
    [stderr]
    error: the --reason is empty, so nothing was recorded; leave --reason out to skip without one
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["skip", "--reason", "  "]), @"
    [stderr]
    error: the --reason is empty, so nothing was recorded; leave --reason out to skip without one
    [exit status: 2]
    ");
    pym.run(&["skip", "--reason", "know it"]).ok();
}

#[test]
fn a_bad_clock_override_is_bad_input() {
    let pym = Pym::new();
    let run = pym
        .command(&["today"])
        .env("PYMASTERY_NOW", "soon")
        .output()
        .unwrap();
    insta::assert_snapshot!(pym.stable(to_run(run)), @"
    [stderr]
    error: PYMASTERY_NOW is 'soon', which is neither an RFC 3339 date-time nor a YYYY-MM-DD date
    [exit status: 2]
    ");
}

#[test]
fn a_corrupted_line_in_the_middle_stops_every_command_naming_file_and_line() {
    let pym = started();
    pym.run(&["done", "next"]).ok();
    let log = pym.log_path();
    let text = std::fs::read_to_string(&log).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(1, "{\"v\":1,\"id\":\"broken");
    std::fs::write(&log, lines.join("\n") + "\n").unwrap();
    let before = pym.snapshot();
    // Every command stops with the same message, which says how to recover.
    for args in [
        &["today"][..],
        &["status"],
        &["done"],
        &["check", "1"],
        &["undo"],
        &["log"],
    ] {
        insta::allow_duplicates! {
            insta::assert_snapshot!(pym.run(args), @"
            [stderr]
            error: [HOME]/log/[DEVICE-ID].jsonl:2: damaged progress log line: EOF while parsing a
                   string at line 1 column 19
            hint: run `pymastery doctor` to see what is damaged, and `pymastery doctor --repair` to move bad
                  lines to a quarantine file
            [exit status: 1]
            ");
        }
    }
    assert_eq!(pym.snapshot(), before, "a command wrote to a damaged log");
}

#[test]
fn an_interrupted_last_line_is_skipped_with_a_warning_and_the_next_write_goes_on() {
    let pym = started();
    let log = pym.log_path();
    let mut text = std::fs::read_to_string(&log).unwrap();
    text.push_str("{\"v\":1,\"id\":\"half-writ");
    std::fs::write(&log, &text).unwrap();
    let run = pym.run(&["today"]).ok();
    assert!(run.stderr.contains("warning"), "{}", run.stderr);
    pym.run(&["done", "next"]).ok();
    let status = pym.json(&["status"]);
    assert_eq!(
        crate::support::plan_status(&status, "interview")["days_done"],
        2
    );
    let after = std::fs::read_to_string(&log).unwrap();
    assert!(
        after.ends_with('\n') && !after.contains("half-writ"),
        "{after}"
    );
}

#[test]
fn a_damaged_config_names_file_and_line() {
    let mut pym = Pym::new();
    // The message names the home, whose length varies: keep it on one line.
    pym.env("COLUMNS", "1000");
    std::fs::write(
        pym.home().join("config.toml"),
        "plan = \"interview\"\nday_starts_at = 4\n",
    )
    .unwrap();
    insta::assert_snapshot!(pym.run(&["today"]), @"
    [stderr]
    error: [HOME]/config.toml:2:17: day_starts_at is 4, which is not a time of day as HH:MM
    hint: `pymastery config set day_starts_at 04:00` rewrites it, or edit line 2 of [HOME]/config.toml
    [exit status: 1]
    ");
}

#[test]
fn twenty_commands_at_once_lose_nothing() {
    let pym = Pym::new();
    pym.run(&["start", "rotating-48"]).ok();
    let children: Vec<_> = (0..20)
        .map(|i| {
            let mut command = pym.command(&["done", "next", "--note", &format!("session {i}")]);
            command
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped());
            command.spawn().unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let status = pym.json(&["status"]);
    assert_eq!(
        crate::support::plan_status(&status, "rotating-48")["days_done"],
        20,
        "each done took the next day"
    );
    let log = pym.json(&["log"]);
    let mut notes: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["note"].as_str())
        .collect();
    notes.sort_unstable();
    notes.dedup();
    assert_eq!(notes.len(), 20);
}

#[test]
fn a_note_or_reason_over_64_kib_is_refused_in_one_sentence_and_nothing_written() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    let over = "y".repeat(65 * 1024);
    insta::assert_snapshot!(refused(&pym, &["note", &over]), @"
    [stderr]
    error: the note is 65.0 KiB, over the limit of 64 KiB, so nothing was recorded
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["done", "--note", &over]), @"
    [stderr]
    error: the note is 65.0 KiB, over the limit of 64 KiB, so nothing was recorded
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["skip", "--reason", &over]), @"
    [stderr]
    error: the --reason is 65.0 KiB, over the limit of 64 KiB, so nothing was recorded
    [exit status: 2]
    ");
    insta::assert_snapshot!(refused(&pym, &["pause", "--reason", &over]), @"
    [stderr]
    error: the --reason is 65.0 KiB, over the limit of 64 KiB, so nothing was recorded
    [exit status: 2]
    ");
    let before = pym.snapshot();
    let run = pym
        .run_with_stdin(&["done", "--note"], Some(&"z".repeat(100 * 1024)))
        .code(2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert_eq!(pym.snapshot(), before, "a note from stdin over the limit");
    // Exactly the limit is a note like any other.
    pym.run(&["note", &"y".repeat(64 * 1024)]).ok();
}

/// Makes a FIFO at `path` (with the system's `mkfifo`).
#[cfg(unix)]
fn mkfifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_this_machines_log_is_refused_by_every_command_at_once() {
    let pym = Pym::new();
    pym.run(&["done"]).ok();
    // The checkpoint is written: the next read takes the fast path that opened the log.
    pym.run(&["today"]).ok();
    let log = pym.log_path();
    std::fs::remove_file(&log).unwrap();
    mkfifo(&log);
    for args in [
        &["today"][..],
        &["status"],
        &["note", "blocked?"],
        &["done"],
    ] {
        let run = pym.run(args).code(1);
        assert!(run.stderr.contains("FIFO"), "{args:?}: {}", run.stderr);
    }
}

#[cfg(unix)]
#[test]
fn validate_and_import_refuse_a_pipe_or_a_device_at_once() {
    let pym = Pym::new();
    let fifo = pym.home().join("plan.md");
    mkfifo(&fifo);
    for file in [fifo.display().to_string(), "/dev/zero".to_string()] {
        for args in [
            vec!["validate", file.as_str()],
            vec!["import", file.as_str(), "--id", "x"],
        ] {
            let run = pym.run(&args).code(2);
            assert!(
                run.stderr.contains("not a regular file"),
                "{args:?}: {}",
                run.stderr
            );
        }
    }
    assert!(!pym.home().join("curricula").exists());
}

#[cfg(unix)]
#[test]
fn a_plan_in_curricula_that_is_a_link_is_never_read() {
    let pym = Pym::new();
    let outside = pym.home().join("outside.md");
    std::fs::write(&outside, "# Outside\n\n## Day 1: Secret\n- [ ] hidden\n").unwrap();
    std::fs::create_dir_all(pym.home().join("curricula")).unwrap();
    std::os::unix::fs::symlink(&outside, pym.home().join("curricula/linked.md")).unwrap();
    insta::assert_snapshot!(pym.run(&["show", "-p", "linked"]), @"
    [stderr]
    error: the plan [HOME]/curricula/linked.md is a link or not a plain file, and pymastery
           reads only plain files in curricula/
    hint: put the plan itself there (`pymastery import FILE --force` copies it)
    [exit status: 1]
    ");
}

#[test]
fn a_clock_whose_practice_date_falls_outside_the_years_writes_nothing() {
    for now in ["1900-01-01T02:00:00Z", "9999-12-31T23:59:00-12:00"] {
        let mut pym = Pym::new();
        pym.env("TZ", "UTC").now(now);
        let run = pym.run(&["done"]).code(2);
        assert!(
            run.stderr.contains("outside the years"),
            "{now}: {}",
            run.stderr
        );
        assert!(pym.log_path_if_any().is_none(), "{now}: a line was written");
    }
}

/// `text` with the number after every `"key":` replaced by `value`.
fn set_number(text: &str, key: &str, value: &str) -> String {
    let tag = format!("\"{key}\":");
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(&tag) {
        out.push_str(&rest[..i + tag.len()]);
        out.push_str(value);
        rest = rest[i + tag.len()..].trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

// A missing current plan sends writes to another plan.
#[test]
fn a_missing_current_plan_sends_writes_to_another_plan() {
    let pym = home_with_mine();
    let plan = pym.home().join("curricula").join("mine.md");
    let away = pym.home().join("mine.away");
    std::fs::rename(&plan, &away).unwrap();
    let before = pym.snapshot();
    for args in [
        &["done", "--note", "important", "--minutes", "50"][..],
        &["check", "1"],
        &["uncheck", "1"],
        &["note", "a thought"],
        &["skip"],
    ] {
        insta::allow_duplicates! {
            insta::assert_snapshot!(pym.run(args), @"
            [stderr]
            error: the current plan 'mine' is no longer among your plans, so nothing was recorded: put
                   [HOME]/curricula/mine.md back, re-import it with `pymastery import FILE --id mine`,
                   or choose a plan with `pymastery start PLAN` or `--plan PLAN`
            [exit status: 1]
            ");
        }
        assert_eq!(pym.snapshot(), before, "{args:?} wrote something");
    }
    // Reading still works, with the warning.
    let today = pym.run(&["today"]).ok();
    assert!(today.stderr.contains("no longer among your plans"));
    // With the file back, the plan has only what was recorded for it.
    std::fs::rename(&away, &plan).unwrap();
    let log = pym.json(&["log"]);
    let entries = log.as_array().unwrap();
    assert!(entries.iter().all(|e| e["plan"] == "mine"), "{log}");
    assert_eq!(entries.iter().filter(|e| e["event"] == "done").count(), 1);
}

#[test]
fn an_emptied_plan_file_is_named_as_damage_not_shown_as_a_finished_plan() {
    let pym = home_with_mine();
    std::fs::write(pym.home().join("curricula").join("mine.md"), "").unwrap();
    let before = pym.snapshot();
    for args in [
        &["today"][..],
        &["done", "--note", "important"],
        &["check", "1"],
    ] {
        insta::allow_duplicates! {
            insta::assert_snapshot!(pym.run(args), @"
            [stderr]
            error: [HOME]/curricula/mine.md holds no day to track any more, so plan 'mine' cannot be
                   shown or recorded against
            hint: put the plan's text back in that file, or import it again with
                  `pymastery import FILE --id mine --force`; what you recorded is kept in the log
            [exit status: 1]
            ");
        }
    }
    assert_eq!(pym.snapshot(), before, "a write on an emptied plan");
    let doctor = pym.run(&["doctor"]).code(1);
    assert!(
        doctor.stdout.contains("plan 'mine', whose file holds"),
        "{}",
        doctor.stdout
    );
}

// Numbers out of range.
#[test]
fn numbers_out_of_range() {
    let mut pym = Pym::new();
    for minutes in ["0", "1441", "4000000000", "-5", "99999999999999999999"] {
        let run = pym.run(&["done", "--minutes", minutes]).code(2);
        assert!(run.stderr.contains("1 to 1440"), "{}", run.stderr);
        assert_one_sentence(&run.stderr);
    }
    assert!(!pym.home().join("progress.jsonl").exists());
    assert!(log_files(pym.home()).is_empty());

    pym.run(&["done", "--minutes", "30"]).ok();
    pym.at(2, "09:00");
    pym.run(&["done", "--minutes", "30"]).ok();
    edit_logs(&pym, |text| {
        text.replace("\"minutes\":30", "\"minutes\":4000000000")
    });
    let status = pym.json(&["status"]);
    let plan = crate::support::plan_status(&status, "rotating-48");
    assert_eq!(plan["minutes_total"], u32::MAX, "{status}");
    pym.run(&["status"]).ok();
    pym.run(&["log"]).ok();
    pym.run(&["today"]).ok();
    let doctor = pym.run(&["doctor"]).code(1);
    assert!(
        doctor.stdout.contains("minutes is 4000000000") && doctor.stdout.contains("1440"),
        "{}",
        doctor.stdout
    );

    for now in [
        "+262142-01-01T00:00:00Z",
        "+262142-12-31",
        "-262143-01-01",
        "1899-12-31",
        "10000-01-01",
    ] {
        let run = pym
            .command(&["today"])
            .env("PYMASTERY_NOW", now)
            .output()
            .unwrap();
        let run = to_run(run);
        assert_eq!(run.code, 2, "{now}: {}", run.stderr);
        assert!(run.stderr.contains("PYMASTERY_NOW"), "{}", run.stderr);
        assert_one_sentence(&run.stderr);
    }
    for args in [
        &["done", "--date", "+200000-01-01"][..],
        &["done", "--date", "1066-10-14"],
        &["start", "interview", "--date", "0001-01-01"],
        &["log", "--since=-5000-01-01"],
        &["log", "--until", "+99999-01-01"],
    ] {
        let run = pym.run(args).code(2);
        assert_one_sentence(&run.stderr);
    }
    for weeks in ["0", "521", "4294967295", "99999999999"] {
        pym.run(&["status", "--weeks", weeks]).code(2);
    }
    // Counters at their limits are damage too, not an overflow on the next write.
    for (key, huge) in [("clock", "18446744073709551615"), ("pass", "4294967295")] {
        let saved: Vec<(PathBuf, String)> = log_files(pym.home())
            .into_iter()
            .map(|f| {
                let text = std::fs::read_to_string(&f).unwrap();
                (f, text)
            })
            .collect();
        edit_logs(&pym, |text| set_number(text, key, huge));
        for args in [
            &["status"][..],
            &["done"],
            &["start", "rotating-48", "--fresh"],
        ] {
            let run = pym.run(args).code(1);
            assert!(run.stderr.contains(huge), "{args:?}: {}", run.stderr);
        }
        for (file, text) in saved {
            std::fs::write(file, text).unwrap();
        }
    }
    pym.run(&["status"]).ok();

    // A log line dated outside the sane years is damage, not a panic.
    edit_logs(&pym, |text| {
        text.replacen("\"date\":\"2026-11-01\"", "\"date\":\"+200000-11-01\"", 1)
    });
    let run = pym.run(&["status"]).code(1);
    assert!(run.stderr.contains("1900 to 9999"), "{}", run.stderr);
    pym.run(&["doctor"]).code(1);
}

#[test]
fn a_current_plan_removed_from_the_home_falls_back_with_a_warning() {
    let pym = Pym::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.md");
    std::fs::write(&file, RUST_PLAN).unwrap();
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
