//! What a hostile tester found outside the log file: each test is named after one finding.
#![allow(clippy::unwrap_used)] // test helpers, where a panic is the failure report

use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::support::{Pym, to_run};

const MY_PLAN: &str = "# Mine\n\n## Day 1: Ownership\n- [ ] Read chapter 4\n- [ ] Kata\n\n## Day 2: Traits\n- [ ] Read chapter 10\n\n## Day 3: Lifetimes\n- [ ] Read chapter 11\n";

/// A home with the plan `mine` imported, started, and its first day done.
fn home_with_mine() -> Pym {
    let pym = Pym::new();
    let file = pym.home().join("mine-source.md");
    std::fs::write(&file, MY_PLAN).unwrap();
    pym.run(&["import", file.to_str().unwrap(), "--id", "mine"])
        .ok();
    std::fs::remove_file(&file).unwrap();
    pym.run(&["start", "mine"]).ok();
    pym.run(&["done"]).ok();
    pym
}

/// Every progress log in the home (wherever the store keeps them), quarantine aside.
fn log_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(log_files(&path));
        } else if path.extension().is_some_and(|e| e == "jsonl")
            && !path.to_string_lossy().contains("quarantine")
        {
            found.push(path);
        }
    }
    found
}

/// Rewrites every log in the home with `edit`.
fn edit_logs(pym: &Pym, edit: impl Fn(&str) -> String) {
    let files = log_files(pym.home());
    assert!(!files.is_empty(), "no log in {}", pym.home().display());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, edit(&text)).unwrap();
    }
}

/// One error sentence (the terminal may wrap it), no hint, no warning.
#[track_caller]
fn assert_one_sentence(stderr: &str) {
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
    assert!(
        !stderr.contains("hint:") && !stderr.contains("warning:"),
        "{stderr}"
    );
}

// 1. A missing current plan sends writes to another plan.

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
        let run = pym.run(args).code(1);
        assert!(
            run.stderr.contains("'mine'") && run.stderr.contains("pymastery start"),
            "{args:?}: {}",
            run.stderr
        );
        assert_one_sentence(&run.stderr);
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

// 2. A recorded session reported as a failure.

#[test]
fn a_recorded_session_reported_as_a_failure() {
    let pym = Pym::new();
    for json in [false, true] {
        let mut args = vec!["done", "--note", "x", "--minutes", "30"];
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
        let run = to_run(output);
        assert_eq!(run.code, 3, "{}", run.stderr);
        assert!(
            run.stderr
                .contains("recorded, but the confirmation could not be printed"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("do not run the command again"));
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

// 8. Numbers out of range.

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
    // A log line dated outside the sane years is damage, not a panic.
    edit_logs(&pym, |text| {
        text.replacen("\"date\":\"2026-11-01\"", "\"date\":\"+200000-11-01\"", 1)
    });
    let run = pym.run(&["status"]).code(1);
    assert!(run.stderr.contains("1900 to 9999"), "{}", run.stderr);
    pym.run(&["doctor"]).code(1);
}
