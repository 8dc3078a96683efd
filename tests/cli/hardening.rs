//! What a hostile tester found outside the log file: each test is named after one finding.
#![allow(clippy::unwrap_used)] // test helpers, where a panic is the failure report

use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::support::{Pym, editor, run_in_terminal, to_run};

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

#[test]
fn a_review_rating_with_the_current_plan_missing_is_refused_not_sent_to_another_plan() {
    let pym = home_with_mine();
    let plan = pym.home().join("curricula").join("mine.md");
    std::fs::rename(&plan, pym.home().join("mine.away")).unwrap();
    let before = pym.snapshot();
    let run = pym.run(&["review", "#1", "--rate", "good"]).code(1);
    assert!(run.stderr.contains("'mine'"), "{}", run.stderr);
    assert_one_sentence(&run.stderr);
    assert_eq!(pym.snapshot(), before, "review wrote something");
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
        let run = pym.run(args).code(1);
        assert!(
            run.stderr.contains("mine.md holds no day") && run.stderr.contains("\nhint: "),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!run.stdout.contains("finished"), "{args:?}: {}", run.stdout);
    }
    assert_eq!(pym.snapshot(), before, "a write on an emptied plan");
    let doctor = pym.run(&["doctor"]).code(1);
    assert!(
        doctor.stdout.contains("plan 'mine', whose file holds"),
        "{}",
        doctor.stdout
    );
}

// 2. A recorded session reported as a failure.

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

// 3. Terminal escapes.

/// OSC 52 (set the clipboard), clear screen, 8-bit CSI and OSC, and bidirectional controls.
const HOSTILE: &str =
    "\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\u{9b}6n\u{9d}0;t\u{7}\u{202e}\u{61c}\u{2066}\u{200f}\u{85}x";

/// Fails when `text` holds anything that could drive a terminal; colour sequences
/// (`ESC [ digits m`) only where `color` allows them.
#[track_caller]
fn assert_terminal_safe(what: &str, text: &str, color: bool) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && color {
            assert_eq!(chars.next(), Some('['), "{what}: {text:?}");
            let mut end = None;
            for c in chars.by_ref() {
                if !(c.is_ascii_digit() || c == ';') {
                    end = Some(c);
                    break;
                }
            }
            assert_eq!(end, Some('m'), "{what}: a non-colour sequence in {text:?}");
            continue;
        }
        let bad = (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(!bad, "{what}: U+{:04X} in {text:?}", u32::from(c));
    }
}

#[test]
fn terminal_escapes() {
    let pym = Pym::new();
    let note = format!("note {HOSTILE}");
    pym.run(&["done", "--note", &note, "--minutes", "20"]).ok();
    pym.run(&["note", &note]).ok();
    // Hostile plan and day fields in the log, as a damaged or forged log would have them.
    let escaped = serde_json::to_string(HOSTILE).unwrap();
    let escaped = &escaped[1..escaped.len() - 1];
    edit_logs(&pym, |text| {
        text.replace(
            "\"plan\":\"rotating-48\"",
            &format!("\"plan\":\"evil{escaped}\""),
        )
        .replace("\"day\":\"w1.d1\"", &format!("\"day\":\"w1.d1{escaped}\""))
    });
    // A plan whose file name carries the escapes.
    let curricula = pym.home().join("curricula");
    std::fs::create_dir_all(&curricula).unwrap();
    std::fs::write(curricula.join(format!("x{HOSTILE}.md")), MY_PLAN).unwrap();
    pym.run(&["config", "set", "editor", &format!("vim {HOSTILE}")])
        .ok();

    let runs: &[&[&str]] = &[
        &["plans"],
        &["today"],
        &["show"],
        &["log"],
        &["log", "--format", "md"],
        &["log", "--format", "csv"],
        &["status", "--all"],
        &["status", "--all", "--format", "md"],
        &["doctor"],
        &["config", "list"],
        &["config", "get", "editor"],
        &["show", HOSTILE],
        &["start", HOSTILE],
        &[HOSTILE],
        &["log", "--format", HOSTILE],
    ];
    let mut seen = String::new();
    for color in [false, true] {
        let choice = if color {
            "--color=always"
        } else {
            "--color=never"
        };
        for args in runs {
            let mut args = args.to_vec();
            args.push(choice);
            let run = pym.run(&args);
            assert!(run.code <= 2, "{args:?}: {}", run.stderr);
            assert_terminal_safe(&format!("{args:?} stdout"), &run.stdout, color);
            assert_terminal_safe(&format!("{args:?} stderr"), &run.stderr, false);
            seen.push_str(&run.stdout);
            seen.push_str(&run.stderr);
        }
    }
    // The text around the escapes is still shown: the log's fields, the note, the file name.
    assert!(seen.contains("evil]52;c;aGk="), "{seen}");
    assert!(seen.contains("note ]52;c;aGk="), "{seen}");
    assert!(seen.contains("x]52;c;aGk="), "{seen}");

    for args in [
        &["plans", "--json"][..],
        &["log", "--json"],
        &["log", "--format", "json"],
        &["status", "--all", "--json"],
        &["doctor", "--json"],
        &["config", "list", "--json"],
        &["today", "--json"],
        &["note", "--json", "--plan", "rotating-48", HOSTILE],
    ] {
        let run = pym.run(args);
        assert!(run.code <= 1, "{args:?}: {}", run.stderr);
        assert_terminal_safe(&format!("{args:?} stdout"), &run.stdout, false);
        assert_terminal_safe(&format!("{args:?} stderr"), &run.stderr, false);
        for escape in ["\\u009b", "\\u009d", "\\u202e", "\\u061c", "\\u001b"] {
            if args[0] == "log" || args[0] == "note" {
                assert!(
                    run.stdout.contains(escape),
                    "{args:?}: no {escape} in {}",
                    run.stdout
                );
            }
        }
        if args[0] == "log" {
            // Escaped, not lost: the data reads back whole.
            assert!(run.json().to_string().contains("aGk="));
            assert!(
                run.json()
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|e| e["plan"].as_str() == Some(&format!("evil{HOSTILE}")))
            );
        }
    }

    // The first takes back the note just added, the second the one with the hostile fields.
    let mut undone = String::new();
    for color in ["--color=never", "--color=always"] {
        let run = pym.run(&["undo", color]).ok();
        assert_terminal_safe("undo", &run.stdout, color.ends_with("always"));
        undone.push_str(&run.stdout);
    }
    assert!(undone.contains("evil]52;c;aGk="), "{undone}");

    // A damaged config value on stderr, from a writing command.
    std::fs::write(
        pym.home().join("config.toml"),
        format!(
            "day_starts_at = {}\n",
            serde_json::to_string(HOSTILE).unwrap()
        ),
    )
    .unwrap();
    for args in [&["done"][..], &["doctor"]] {
        let run = pym.run(args).code(1);
        assert_terminal_safe("config error stdout", &run.stdout, false);
        assert_terminal_safe("config error stderr", &run.stderr, false);
    }
}

// 4. Lost updates beside the log.

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

// 5. A damaged config.toml blocks everything, and the suggested fix fails.

#[test]
fn a_damaged_config_blocks_everything_and_the_suggested_fix_fails() {
    let pym = Pym::new();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(pym.home(), std::fs::Permissions::from_mode(0o700)).unwrap();
    let config = pym.home().join("config.toml");
    for damaged in [
        "day_starts_at = \"25:00\"\neditor = \"nano\"\n",
        "day_starts_at = 25:00\neditor = \"nano\"\n",
        "day_starts_at = 4\neditor = \"nano\"\n",
    ] {
        std::fs::write(&config, damaged).unwrap();
        let doctor = pym.run(&["doctor"]).code(1);
        assert!(
            doctor.stdout.contains("day_starts_at") && doctor.stdout.contains("25:00")
                || doctor.stdout.contains("day_starts_at is 4"),
            "{damaged}: {}",
            doctor.stdout
        );
        let done = pym.run(&["done"]).code(1);
        let hint = done
            .stderr
            .lines()
            .find_map(|l| l.strip_prefix("hint: "))
            .unwrap_or_default()
            .to_string();
        assert!(
            hint.contains("`pymastery config set day_starts_at 04:00`"),
            "{}",
            done.stderr
        );
        // The hint works as written.
        pym.run(&["config", "set", "day_starts_at", "04:00"]).ok();
        let list = pym.json(&["config", "list"]);
        assert_eq!(list["day_starts_at"], "04:00", "{damaged}");
        assert_eq!(list["editor"], "nano", "{damaged}: the other key was lost");
        pym.run(&["done"]).ok();
        pym.run(&["undo"]).ok();
        pym.run(&["doctor"]).ok();
    }
    // Setting another key does not hide the damage: it is refused, naming the damaged key.
    std::fs::write(&config, "day_starts_at = \"25:00\"\n").unwrap();
    let run = pym.run(&["config", "set", "editor", "vi"]).code(1);
    assert!(run.stderr.contains("day_starts_at"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "day_starts_at = \"25:00\"\n"
    );
    // An unknown key is named, with what the keys are.
    std::fs::write(&config, "colour = \"red\"\n").unwrap();
    let doctor = pym.run(&["doctor"]).code(1);
    assert!(
        doctor.stdout.contains("'colour'") && doctor.stdout.contains("day_starts_at"),
        "{}",
        doctor.stdout
    );
}

// 6. The note file for the editor.

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

// 7. Root on a user's home.

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

// U+2028 and U+2029 in what is printed.

#[test]
fn line_and_paragraph_separators_are_escaped_in_json_and_dropped_elsewhere() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    pym.run(&["done", "--note", "one\u{2028}two\u{2029}three"])
        .ok();
    pym.run(&["config", "set", "editor", "vi\u{2028}x"]).ok();
    for args in [
        &["log", "--format", "json"][..],
        &["log", "--format", "md"],
        &["log", "--format", "csv"],
        &["log"],
        &["today", "--json"],
        &["config"],
        &["config", "--json"],
    ] {
        let out = pym.run(args).ok().stdout;
        assert!(
            !out.contains('\u{2028}') && !out.contains('\u{2029}'),
            "{args:?}: {out:?}"
        );
    }
    let json = pym.run(&["log", "--format", "json"]).ok().stdout;
    assert!(json.contains("one\\u2028two\\u2029three"), "{json}");
}

// A config.toml line of megabytes.

#[test]
fn a_damaged_config_line_is_quoted_cut_short() {
    let pym = Pym::new();
    let line = format!("editor = \"{}\n", "x".repeat(1 << 20));
    std::fs::write(pym.home().join("config.toml"), line).unwrap();
    let run = pym.run(&["today"]).code(1);
    assert!(
        run.stderr.contains("config.toml:1"),
        "{}",
        &run.stderr[..200]
    );
    assert!(
        run.stderr.len() < 1000,
        "{} bytes on stderr",
        run.stderr.len()
    );
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
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    assert!(!missing.exists(), "the missing home was created");
}
