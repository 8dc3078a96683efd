//! The store across machines and versions: per-machine log files, the causal order, and a home
//! written by pymastery 0.1.
//! The home itself: made private on the first write, never written by root for a user, never made
//! where `HOME` points nowhere, and no update lost beside the log when commands run at once.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::support::{MY_PLAN, Pym, RUST_PLAN, Run, assert_one_sentence, plan_status, to_run};

/// Runs `args` in the time zone `tz`.
fn run_in(pym: &Pym, tz: &str, args: &[&str]) -> Run {
    to_run(pym.command(args).env("TZ", tz).output().unwrap())
}

/// Copies a directory tree, as a user copying a home to another machine does.
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The `*.jsonl` files in `log/`, by name.
fn log_files(home: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = fs::read_dir(home.join("log"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    files
}

#[test]
fn a_home_copied_to_another_machine_gets_its_own_log_file() {
    let mut laptop = Pym::new();
    laptop.at(1, "09:00").run(&["start", "interview"]).ok();
    let desktop = Pym::new();
    copy_dir(laptop.home(), desktop.home());
    laptop.at(2, "09:00");
    let done = run_in(&desktop, "UTC", &["done"]).ok();
    assert_eq!(done.stderr, "", "a copied home is expected: no warning");
    let files = log_files(desktop.home());
    assert_eq!(files.len(), 2, "{files:?}");
    // The copied file is untouched: each machine appends only to its own.
    let laptop_file = laptop.log_path();
    let name = laptop_file.file_name().unwrap();
    assert_eq!(
        fs::read(desktop.home().join("log").join(name)).unwrap(),
        fs::read(&laptop_file).unwrap()
    );
}

#[test]
fn a_damaged_device_file_makes_a_new_log_file_and_says_so_once() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    pym.run(&["done"]).ok();
    let device_file = pym.home().join("local").join("device.json");
    fs::write(&device_file, "{\"id\": \"tru").unwrap();
    let done = pym.at(2, "09:00").run(&["done"]).ok();
    let files = log_files(pym.home());
    assert_eq!(files.len(), 2, "{files:?}");
    let new_id = fs::read_to_string(&device_file).unwrap();
    let new_file = files
        .iter()
        .find(|f| new_id.contains(&*f.file_stem().unwrap().to_string_lossy()))
        .expect("the new id names one of the log files");
    let warning = format!(
        "warning: {} was damaged; this machine now records to log/{}",
        device_file.display(),
        new_file.file_name().unwrap().to_string_lossy()
    );
    assert!(done.stderr.starts_with(&warning), "{}", done.stderr);
    assert!(done.stderr.contains("`undo`"), "{}", done.stderr);
    assert_eq!(done.stderr.lines().count(), 1, "{}", done.stderr);
    assert!(done.stdout.starts_with("✓ Done: d2 "), "{}", done.stdout);
    // Once: the next command reads the new id.
    assert_eq!(pym.run(&["note", "still here"]).ok().stderr, "");
    let days: Vec<serde_json::Value> = pym
        .json(&["log"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "done")
        .map(|e| e["day"].clone())
        .collect();
    assert_eq!(days, ["d1", "d2"], "both sessions are in the log");
}

#[test]
fn the_tokyo_los_angeles_fresh_pass_folds_to_one_day_and_45_minutes() {
    let mut laptop = Pym::new();
    laptop.at(1, "09:00");
    run_in(&laptop, "Asia/Tokyo", &["start", "interview"]).ok();
    run_in(&laptop, "Asia/Tokyo", &["done", "--minutes", "30"]).ok();
    laptop.at(5, "00:00");
    run_in(&laptop, "Asia/Tokyo", &["start", "interview", "--fresh"]).ok();

    let mut desktop = Pym::new();
    copy_dir(laptop.home(), desktop.home());
    desktop.at(5, "01:00");
    let la = "America/Los_Angeles";
    run_in(&desktop, la, &["done", "--note", "d", "--minutes", "45"]).ok();

    // Both machines end up with both files (what sync or a folder-sync tool does).
    for file in log_files(desktop.home()) {
        fs::copy(
            &file,
            laptop.home().join("log").join(file.file_name().unwrap()),
        )
        .unwrap();
    }
    for (pym, tz) in [(&mut laptop, "Asia/Tokyo"), (&mut desktop, la)] {
        pym.at(5, "02:00");
        let status = run_in(pym, tz, &["status", "--json"]).ok().json();
        let plan = plan_status(&status, "interview");
        assert_eq!(plan["pass"], 2, "{plan}");
        assert_eq!(plan["days_done"], 1, "{plan}");
        assert_eq!(plan["days_total"], 16, "{plan}");
        assert_eq!(plan["minutes_total"], 45, "{plan}");
    }
}

#[test]
fn a_log_file_duplicated_by_cat_counts_once() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    pym.run(&["done", "--minutes", "30"]).ok();
    pym.at(2, "09:00").run(&["done", "--minutes", "20"]).ok();
    let before = pym.json(&["status"]);
    let log_before = pym.run(&["log", "--format", "json"]).ok().stdout;
    // `cat a a > merged`, beside the original.
    let text = fs::read_to_string(pym.log_path()).unwrap();
    fs::write(pym.home().join("log/merged.jsonl"), format!("{text}{text}")).unwrap();
    let after = pym.json(&["status"]);
    assert_eq!(plan_status(&after, "interview")["minutes_total"], 50);
    assert_eq!(after, before);
    assert_eq!(
        pym.run(&["log", "--format", "json"]).ok().stdout,
        log_before
    );
    // And undo still takes back the latest change, once.
    insta::assert_snapshot!(pym.run(&["undo"]), @"Undid done d2 (Collections & Dataclasses) on interview (2026-11-02, recorded 2026-11-02 09:00).");
    let status = pym.json(&["status"]);
    assert_eq!(plan_status(&status, "interview")["minutes_total"], 30);
}

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/upgrade");

/// The figures of a plan in `status --json` that the log decides.
fn figures(status: &serde_json::Value, plan: &str) -> Vec<serde_json::Value> {
    let plan = plan_status(status, plan);
    [
        "pass",
        "days_done",
        "days_skipped",
        "items_checked",
        "minutes_total",
        "current_day",
        "started",
    ]
    .iter()
    .map(|key| plan[*key].clone())
    .collect()
}

#[test]
fn a_home_written_by_0_1_reads_the_same_and_the_first_write_takes_it_over() {
    let mut pym = Pym::new();
    copy_dir(&Path::new(FIXTURE).join("v1-home"), pym.home());
    let old_log = fs::read_to_string(pym.home().join("progress.jsonl")).unwrap();
    pym.at(8, "09:00");
    let expected =
        |name: &str| fs::read_to_string(Path::new(FIXTURE).join("expected").join(name)).unwrap();
    let expected_status: serde_json::Value =
        serde_json::from_str(&expected("status.json")).unwrap();

    let check = |pym: &Pym| {
        let log: serde_json::Value = pym.run(&["log", "--format", "json"]).ok().json();
        let status = pym.json(&["status"]);
        for plan in ["interview", "rotating-48"] {
            assert_eq!(
                figures(&status, plan),
                figures(&expected_status, plan),
                "{plan}"
            );
        }
        assert_eq!(status["calendar"], expected_status["calendar"]);
        log
    };
    // Read where it is: nothing is moved by reading.
    let before = pym.snapshot();
    let log = check(&pym);
    let expected_log: serde_json::Value = serde_json::from_str(&expected("log.json")).unwrap();
    assert_eq!(log, expected_log);
    assert_eq!(pym.snapshot(), before, "reading changed the home");

    // The first write moves every line into log/, byte for byte, and leaves the marker.
    pym.run(&["note", "after the upgrade"]).ok();
    let moved = fs::read_to_string(pym.log_path()).unwrap();
    assert!(moved.starts_with(&old_log), "{moved}");
    assert_eq!(moved.lines().count(), old_log.lines().count() + 1);
    let marker = fs::read_to_string(pym.home().join("progress.jsonl")).unwrap();
    assert_eq!(marker.lines().count(), 1);
    assert!(marker.contains(r#""v":2"#), "{marker}");
    let log = check(&pym);
    let entries = log.as_array().unwrap();
    assert_eq!(
        &entries[..entries.len() - 1],
        expected_log.as_array().unwrap().as_slice()
    );
    assert_eq!(entries.last().unwrap()["note"], "after the upgrade");
    // Undo takes back the new note, then walks back into the old history.
    insta::assert_snapshot!(pym.run(&["undo"]), @"Undid note on d2 on interview (2026-11-08, recorded 2026-11-08 09:00).");
    insta::assert_snapshot!(pym.run(&["undo"]), @"Undid check d2: 2 on interview (2026-11-07, recorded 2026-11-07 09:00).");
}

#[test]
fn a_write_interrupted_while_taking_over_the_old_log_loses_and_doubles_nothing() {
    let mut pym = Pym::new();
    copy_dir(&Path::new(FIXTURE).join("v1-home"), pym.home());
    let old_log = fs::read_to_string(pym.home().join("progress.jsonl")).unwrap();
    pym.at(8, "09:00");
    let status = pym.json(&["status"]);
    // Killed after copying the lines, before the marker: each line is in both files.
    pym.run(&["note", "first"]).ok();
    let own = pym.log_path();
    fs::write(pym.home().join("progress.jsonl"), &old_log).unwrap();
    let mut after = pym.json(&["status"]);
    assert_eq!(figures(&after, "interview"), figures(&status, "interview"));
    // The next write finishes the move without copying a line twice.
    pym.run(&["note", "second"]).ok();
    let text = fs::read_to_string(&own).unwrap();
    assert_eq!(text.lines().count(), old_log.lines().count() + 2);
    after = pym.json(&["status"]);
    assert_eq!(
        figures(&after, "rotating-48"),
        figures(&status, "rotating-48")
    );
}

#[cfg(unix)]
#[test]
fn a_write_past_the_file_size_limit_fails_and_is_cut_back_instead_of_killing_the_process() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    let before = fs::read(pym.log_path()).unwrap();
    let note = "x".repeat(9000);
    // `ulimit -f 4`: 4 blocks (2 KiB in sh, 4 KiB in bash), less than the new line.
    let command = pym.command(&["done", "--note", &note]);
    let program = command.get_program().to_owned();
    let args: Vec<_> = command.get_args().map(|a| a.to_owned()).collect();
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 4; exec \"$0\" \"$@\"")
        .arg(program)
        .args(args)
        .envs(command.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .output()
        .unwrap();
    let run = to_run(output);
    assert_eq!(run.code, 1, "killed by SIGXFSZ? {}", run.stderr);
    assert!(run.stderr.contains("File too large"), "{}", run.stderr);
    assert_eq!(fs::read(pym.log_path()).unwrap(), before);
}

/// A home of one file per machine (the layout before segments) is taken over by the first
/// write past the segment size: the whole file becomes the first sealed segment, byte for byte,
/// the other machine's file stays as it is, and every command shows what it showed.
#[test]
fn a_home_of_one_log_file_per_machine_is_sealed_into_segments_without_a_line_lost() {
    let mut pym = Pym::new();
    let other = Pym::new();
    other.run(&["start", "deep-dive"]).ok();
    other.run(&["done", "--note", "elsewhere"]).ok();
    pym.run(&["start", "interview"]).ok();
    for day in 2..12 {
        pym.at(day, "09:00");
        pym.run(&["check", "1", "2"]).ok();
        pym.run(&["done", "--note", &format!("day {day}")]).ok();
    }
    let own = pym.log_path();
    let other_log = other.log_path();
    let copied = pym.home().join("log").join(other_log.file_name().unwrap());
    fs::copy(&other_log, &copied).unwrap();
    let old = fs::read(&own).unwrap();
    let log_before: serde_json::Value = pym.run(&["log", "--format", "json"]).ok().json();
    let status_before = pym.json(&["status"]);

    pym.env("PYMASTERY_SEGMENT_BYTES", "2000");
    pym.run(&["note", "after the upgrade"]).ok();
    let device = own.file_stem().unwrap().to_string_lossy().into_owned();
    let sealed = pym.home().join("log").join(&device).join("000001.jsonl");
    assert_eq!(
        fs::read(&sealed).unwrap(),
        old,
        "the sealed segment is the old file"
    );
    assert_eq!(fs::read_to_string(&own).unwrap().lines().count(), 1);
    let own_files: Vec<_> = fs::read_dir(pym.home().join("log").join(&device))
        .unwrap()
        .collect();
    assert_eq!(own_files.len(), 1);
    assert_eq!(fs::read(&copied).unwrap(), fs::read(&other_log).unwrap());
    let marker = fs::read_to_string(pym.home().join("log/segments.jsonl")).unwrap();
    assert!(marker.contains(r#""v":3"#), "{marker}");

    let log_after: serde_json::Value = pym.run(&["log", "--format", "json"]).ok().json();
    let (before, after) = (
        log_before.as_array().unwrap(),
        log_after.as_array().unwrap(),
    );
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.iter().any(|e| e["note"] == "after the upgrade"));
    for entry in before {
        assert!(after.contains(entry), "{entry} was lost");
    }
    let status_after = pym.json(&["status"]);
    assert_eq!(status_after["plans"], status_before["plans"]);
    // The same without the checkpoint: every segment is read.
    fs::remove_dir_all(pym.home().join("cache")).unwrap();
    assert_eq!(pym.json(&["status"])["plans"], status_before["plans"]);
    let doctor = pym.run(&["doctor"]);
    assert!(!doctor.stdout.contains("/log/"), "{}", doctor.stdout);
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

// Lost updates beside the log.
#[test]
fn lost_updates_beside_the_log() {
    let pym = Pym::new();
    let sets: [&[&str]; 3] = [
        &["config", "set", "plan", "interview"],
        &["config", "set", "day_starts_at", "05:30"],
        &["config", "set", "editor", "nano"],
    ];
    for trial in 0..20 {
        let _ = std::fs::remove_file(pym.home().join("config.toml"));
        let children: Vec<_> = sets
            .iter()
            .map(|args| {
                pym.command(args)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let run = to_run(child.wait_with_output().unwrap());
            assert_eq!(run.code, 0, "trial {trial}: {}", run.stderr);
        }
        let config = pym.json(&["config", "list"]);
        assert_eq!(config["plan"], "interview", "trial {trial}: {config}");
        assert_eq!(config["day_starts_at"], "05:30", "trial {trial}: {config}");
        assert_eq!(config["editor"], "nano", "trial {trial}: {config}");
    }

    let sources: Vec<PathBuf> = (0..2)
        .map(|n| {
            let file = pym.home().join(format!("source-{n}.md"));
            std::fs::write(&file, MY_PLAN.replace("# Mine", &format!("# Mine {n}"))).unwrap();
            file
        })
        .collect();
    for trial in 0..20 {
        let _ = std::fs::remove_file(pym.home().join("curricula").join("same.md"));
        let children: Vec<_> = sources
            .iter()
            .map(|file| {
                pym.command(&["import", file.to_str().unwrap(), "--id", "same"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let runs: Vec<_> = children
            .into_iter()
            .map(|c| to_run(c.wait_with_output().unwrap()))
            .collect();
        let won: Vec<usize> = (0..2).filter(|n| runs[*n].code == 0).collect();
        assert_eq!(won.len(), 1, "trial {trial}: both or neither imported");
        let lost = 1 - won[0];
        assert_eq!(runs[lost].code, 2, "trial {trial}: {}", runs[lost].stderr);
        assert!(runs[lost].stderr.contains("imported already"));
        let kept = std::fs::read(pym.home().join("curricula").join("same.md")).unwrap();
        assert_eq!(
            kept,
            std::fs::read(&sources[won[0]]).unwrap(),
            "trial {trial}"
        );
    }
}

// Root on a user's home.
#[test]
fn root_on_a_users_home() {
    use std::os::unix::fs::MetadataExt;
    let pym = Pym::new();
    if std::fs::metadata(pym.home()).unwrap().uid() != 0 {
        eprintln!("not root: root's writes in another user's home cannot be tried here");
        return;
    }
    pym.run(&["done"]).ok();
    let plan = pym.home().join("plan.md");
    std::fs::write(&plan, MY_PLAN).unwrap();
    std::os::unix::fs::chown(pym.home(), Some(1000), Some(1000)).unwrap();
    let before = pym.snapshot();
    for args in [
        &["done", "w1.d2"][..],
        &["config", "set", "editor", "vi"],
        &["import", plan.to_str().unwrap(), "--id", "mine"],
        &["start", "interview"],
        &["undo"],
        &["doctor", "--repair"],
    ] {
        let run = pym.run(args).code(1);
        assert!(
            run.stderr.contains("refusing to write as root") && run.stderr.contains("user 1000"),
            "{args:?}: {}",
            run.stderr
        );
        assert_one_sentence(&run.stderr);
        assert_eq!(pym.snapshot(), before, "{args:?} wrote something");
    }
    // Reading is harmless.
    pym.run(&["today"]).ok();
    pym.run(&["doctor"]);

    // A home not made yet, under a folder of the user's: not made by root either.
    let parent = tempfile::tempdir().unwrap();
    std::os::unix::fs::chown(parent.path(), Some(1000), Some(1000)).unwrap();
    let home = parent.path().join("pymastery");
    let run = to_run(
        pym.command(&["done"])
            .env("PYMASTERY_HOME", &home)
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!home.exists());
}

// HOME pointing nowhere.
#[test]
fn a_home_directory_that_does_not_exist_is_refused_not_created() {
    let pym = Pym::new();
    let missing = pym.home().join("nonexistent");
    let run = crate::support::to_run(
        pym.command(&["start", "interview"])
            .env_remove("PYMASTERY_HOME")
            .env_remove("XDG_DATA_HOME")
            .env("HOME", &missing)
            .output()
            .unwrap(),
    );
    insta::assert_snapshot!(pym.stable(run), @"
    [stderr]
    error: the home directory [HOME]/nonexistent does not exist, so pymastery has nowhere to
           keep its files; set PYMASTERY_HOME or pass --home
    [exit status: 2]
    ");
    assert!(!missing.exists(), "the missing home was created");
}

/// The read-only commands of CLI.md, with a plan file for `validate`.
fn read_only_commands(plan: &str) -> [Vec<&str>; 13] {
    [
        vec!["today"],
        vec!["today", "--short"],
        vec!["status", "--all"],
        vec!["status", "--format", "md"],
        vec!["show"],
        vec!["show", "next"],
        vec!["plans"],
        vec!["log", "--format", "csv"],
        vec!["validate", plan],
        vec!["doctor"],
        vec!["review"],
        vec!["review", "--json"],
        vec!["calendar"],
    ]
}

#[test]
fn read_only_commands_never_create_the_home() {
    let pym = Pym::new();
    std::fs::remove_dir(pym.home()).unwrap();
    let plan = std::env::temp_dir().join(format!("pym-ro-{}.md", std::process::id()));
    std::fs::write(&plan, RUST_PLAN).unwrap();
    for args in read_only_commands(plan.to_str().unwrap()) {
        pym.run(&args).ok();
        assert!(!pym.home().exists(), "{args:?} created the home");
    }
    std::fs::remove_file(plan).unwrap();
}

/// The checkpoint and the parsed-plan cache are written only where something was recorded: a
/// home made ready by hand (or by a script) stays empty after read-only commands.
#[test]
fn read_only_commands_leave_an_empty_home_empty() {
    use std::os::unix::fs::PermissionsExt;
    let pym = Pym::new();
    std::fs::set_permissions(pym.home(), std::fs::Permissions::from_mode(0o700)).unwrap();
    let plan = std::env::temp_dir().join(format!("pym-ro-empty-{}.md", std::process::id()));
    std::fs::write(&plan, RUST_PLAN).unwrap();
    for args in read_only_commands(plan.to_str().unwrap()) {
        pym.run(&args).ok();
        let left: Vec<_> = std::fs::read_dir(pym.home()).unwrap().collect();
        assert!(left.is_empty(), "{args:?} wrote into an empty home");
    }
    std::fs::remove_file(plan).unwrap();
}
