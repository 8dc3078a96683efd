//! `pymastery doctor` end to end: a home with damage, the report, the repair.

#![allow(clippy::unwrap_used)] // test helpers, where a panic is the failure report

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use pymastery::progress::LogFile;

const GOOD_1: &str = r#"{"v":1,"id":"a1","at":"2026-11-01T09:00:00+00:00","date":"2026-11-01","plan":"interview","pass":1,"type":"done","day":"d1","title":"Python Basics & Philosophy"}"#;
const BAD: &str = "{\"v\":1,\"id\":\"a2\",\"at\":\"2026-11-02T09:00:00+00:00\",\"da\u{1b}[2J";
const GOOD_3: &str = r#"{"v":1,"id":"a3","at":"2026-11-03T09:00:00+00:00","date":"2026-11-03","plan":"interview","pass":1,"type":"note","day":"d1","title":"Python Basics & Philosophy","text":"again"}"#;
const GOOD_4: &str = r#"{"v":1,"id":"a4","at":"2026-11-04T09:00:00+00:00","date":"2026-11-04","plan":"interview","pass":1,"type":"undo","target":"a3"}"#;
const QUARANTINE: &str = "quarantine/progress.quarantine-2026-11-08.jsonl";

fn doctor(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pymastery"));
    cmd.arg("doctor")
        .env("PYMASTERY_HOME", home)
        .env("PYMASTERY_NOW", "2026-11-08T12:00:00Z")
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .env_remove("VISUAL")
        .env_remove("EDITOR");
    cmd
}

/// A private home holding `log` as its progress log.
fn home_with(log: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    fs::create_dir(&home).unwrap();
    fs::write(home.join("progress.jsonl"), log).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&home, fs::Permissions::from_mode(0o700)).unwrap();
        fs::set_permissions(
            home.join("progress.jsonl"),
            fs::Permissions::from_mode(0o600),
        )
        .unwrap();
    }
    dir
}

#[test]
fn a_healthy_home_passes() {
    let dir = home_with(&format!("{GOOD_1}\n{GOOD_3}\n{GOOD_4}\n"));
    let home = dir.path().join("home");
    doctor(&home)
        .assert()
        .success()
        .stdout(predicate::str::contains("healthy"));
}

#[test]
fn a_missing_home_is_healthy_and_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("nowhere");
    doctor(&home).arg("--repair").assert().success();
    assert!(!home.exists());
}

#[test]
fn a_corrupt_middle_line_is_reported_then_quarantined_by_repair() {
    let original = format!("{GOOD_1}\n{BAD}\n{GOOD_3}\n{GOOD_4}\n");
    let dir = home_with(&original);
    let home = dir.path().join("home");
    let log_path = home.join("progress.jsonl");

    let output = doctor(&home).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stdout.contains("progress.jsonl:2: problem"), "{stdout}");
    assert!(
        !stdout.contains('\u{1b}'),
        "control characters reached the terminal"
    );
    assert!(stderr.contains("needs repair"), "{stderr}");
    assert!(stderr.contains("doctor --repair"), "{stderr}");
    // Checking alone changes nothing.
    assert_eq!(fs::read_to_string(&log_path).unwrap(), original);
    assert!(!home.join(QUARANTINE).exists());

    doctor(&home).arg("--repair").assert().success().stdout(
        predicate::str::contains("repaired: moved").and(predicate::str::contains(QUARANTINE)),
    );
    assert_eq!(
        fs::read_to_string(home.join(QUARANTINE)).unwrap(),
        format!("{BAD}\n")
    );
    assert_eq!(
        fs::read_to_string(&log_path).unwrap(),
        format!("{GOOD_1}\n{GOOD_3}\n{GOOD_4}\n")
    );
    let read = LogFile::new(log_path).read().unwrap();
    let ids: Vec<&str> = read.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["a1", "a3", "a4"]);
    assert!(read.warnings.is_empty());
    doctor(&home).assert().success();
}

#[test]
fn an_interrupted_last_line_is_reported_and_repaired() {
    let dir = home_with(&format!("{GOOD_1}\n{{\"v\":1,\"id\":\"a"));
    let home = dir.path().join("home");
    doctor(&home).assert().code(1).stdout(
        predicate::str::contains("progress.jsonl:2").and(predicate::str::contains("interrupted")),
    );
    doctor(&home).arg("--repair").assert().success();
    assert_eq!(
        fs::read_to_string(home.join(QUARANTINE)).unwrap(),
        "{\"v\":1,\"id\":\"a\n"
    );
    assert_eq!(
        fs::read_to_string(home.join("progress.jsonl")).unwrap(),
        format!("{GOOD_1}\n")
    );
}

#[test]
fn json_report_lists_findings_and_repairs() {
    let dir = home_with(&format!("{GOOD_1}\n{BAD}\n{GOOD_3}\n"));
    let home = dir.path().join("home");
    let output = doctor(&home).arg("--json").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["healthy"], false);
    let finding = &report["findings"][0];
    assert_eq!(finding["kind"], "bad-line");
    assert_eq!(finding["line"], 2);
    assert!(
        finding["file"]
            .as_str()
            .unwrap()
            .ends_with("progress.jsonl")
    );
    assert!(finding["message"].as_str().is_some());

    let output = doctor(&home).args(["--json", "--repair"]).output().unwrap();
    assert!(output.status.success());
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["healthy"], true);
    assert_eq!(report["findings"].as_array().unwrap().len(), 0);
    assert_eq!(report["repaired"].as_array().unwrap().len(), 1);
}

#[test]
fn events_for_an_unknown_plan_are_a_notice() {
    let line = GOOD_1.replace("\"interview\"", "\"no-such-plan\"");
    let dir = home_with(&format!("{line}\n"));
    let home = dir.path().join("home");
    doctor(&home).assert().success().stdout(
        predicate::str::contains("progress.jsonl:1: notice")
            .and(predicate::str::contains("no-such-plan")),
    );
}

#[test]
fn a_newer_line_is_reported_and_kept_by_repair() {
    let newer = r#"{"v":99,"id":"z","type":"teleport"}"#;
    let original = format!("{GOOD_1}\n{newer}\n");
    let dir = home_with(&original);
    let home = dir.path().join("home");
    doctor(&home)
        .arg("--repair")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("progress.jsonl:2").and(predicate::str::contains("newer")))
        .stderr(predicate::str::contains("upgrade"));
    assert_eq!(
        fs::read_to_string(home.join("progress.jsonl")).unwrap(),
        original
    );
}

#[cfg(unix)]
#[test]
fn loose_permissions_are_reported_and_tightened() {
    use std::os::unix::fs::PermissionsExt;
    let dir = home_with(&format!("{GOOD_1}\n"));
    let home = dir.path().join("home");
    let log_path = home.join("progress.jsonl");
    fs::set_permissions(&home, fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&log_path, fs::Permissions::from_mode(0o644)).unwrap();
    doctor(&home)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("0644").and(predicate::str::contains("0755")));
    doctor(&home).arg("--repair").assert().success();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&home), 0o700);
    assert_eq!(mode(&log_path), 0o600);
    assert_eq!(
        fs::read_to_string(&log_path).unwrap(),
        format!("{GOOD_1}\n")
    );
}

#[test]
fn stale_temporary_files_of_dead_processes_are_reported_and_removed_by_repair() {
    let dir = home_with(&format!("{GOOD_1}\n"));
    let home = dir.path().join("home");
    // A process that has ended: its pid names nothing any more.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let stale = home.join(format!(".progress.jsonl.tmp-{dead}"));
    fs::write(&stale, "half a copy of the log").unwrap();
    fs::create_dir_all(home.join("log")).unwrap();
    let stale_in_log = home.join(format!("log/.a.jsonl.tmp-{dead}"));
    fs::write(&stale_in_log, "x").unwrap();
    // One of a live process (this test) is a write in progress: left alone.
    let live = home.join(format!(".config.toml.tmp-{}", std::process::id()));
    fs::write(&live, "x").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for path in [&stale, &stale_in_log, &live] {
            fs::set_permissions(path, fs::Permissions::from_mode(0o600)).unwrap();
        }
        fs::set_permissions(home.join("log"), fs::Permissions::from_mode(0o700)).unwrap();
    }
    let output = doctor(&home).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains(&format!("tmp-{dead}: problem")), "{stdout}");
    assert!(stdout.contains("a temporary file"), "{stdout}");
    assert!(
        !stdout.contains(&format!("tmp-{}", std::process::id())),
        "{stdout}"
    );
    doctor(&home).arg("--repair").assert().success();
    assert!(!stale.exists() && !stale_in_log.exists());
    assert!(live.exists());
    assert_eq!(
        fs::read_to_string(home.join("progress.jsonl")).unwrap(),
        format!("{GOOD_1}\n")
    );
}
