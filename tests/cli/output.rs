//! What every command prints: nothing that drives a terminal, quiet on a closed pipe or with
//! `-q`, and separators escaped in JSON.
#![allow(clippy::unwrap_used)]

use crate::support::{MY_PLAN, Pym, edit_logs, to_run};

/// Runs `args` with stdout a pipe whose reader is already gone.
fn into_closed_pipe(pym: &Pym, args: &[&str]) -> crate::support::Run {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let output = pym
        .command(args)
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("the binary runs");
    to_run(output)
}

#[test]
fn a_closed_pipe_exits_quietly() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    pym.run(&["done", "--note", "a note"]).ok();
    for args in [
        &["completions", "bash"][..],
        &["completions", "zsh"],
        &["show", "rotating-48", "--json"],
        &["show", "rotating-48"],
        &["today"],
        &["status"],
        &["log", "--format", "csv"],
        &["log", "--format", "md"],
        &["plans", "--json"],
        &["--help"],
    ] {
        let run = into_closed_pipe(&pym, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr, "", "{args:?}");
    }
}

#[test]
fn quiet_hides_the_next_hints() {
    let pym = Pym::new();
    insta::assert_snapshot!(pym.run(&["-q", "today"]), @"
    Python Practice Plan - Senior Developer Edition
    Cycle 1 · Week 1: Pythonic Idioms · Day 1 of 7 · Level 1

    w1.d1  List comprehensions vs generator expressions (memory profiling)

    Daily Session Structure (10-15 minutes)
      1. Read/Review (2-3 min): Concept explanation or documentation
      2. Code Exercise (7-10 min): Hands-on implementation
      3. Reflect (1-2 min): Note insights, gotchas, or questions

    Not started: this is a preview of day 1.
    ");
    pym.run(&["start", "interview"]).ok();
    insta::assert_snapshot!(pym.run(&["-q", "today"]), @r#"
    Python Study Plan (Interview + Pet Project)
    Day 1 of 16

    d1  Python Basics & Philosophy

    Topics
      [ ]  1. Zen of Python (PEP 20)
      [ ]  2. Everything is an object
      [ ]  3. Duck typing
      [ ]  4. Truthy / Falsy values
      [ ]  5. `None`, `is` vs `==`
      [ ]  6. Mutable vs immutable types
      [ ]  7. Default arguments pitfall
      [ ]  8. Import execution model
      [ ]  9. `if __name__ == "__main__"`
    Practice
      [ ] 10. Explain mutable default args bug
      [ ] 11. Explain `if data:` vs `if data is None`

    streak 0 days · on track · 0/16 days
    "#);
    insta::assert_snapshot!(pym.run(&["-q", "done"]), @"");
}

// Terminal escapes.
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

/// A home whose log, plan file name and config hold terminal escapes ([`HOSTILE`]).
fn hostile_home() -> Pym {
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

    pym
}

#[test]
fn terminal_escapes_in_the_home_never_reach_the_terminal() {
    let pym = hostile_home();
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
}

#[test]
fn json_escapes_what_the_home_holds_and_keeps_it_whole() {
    let pym = hostile_home();
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
}

#[test]
fn undo_and_a_damaged_config_say_hostile_text_safely() {
    let pym = hostile_home();
    pym.run(&["note", "--plan", "rotating-48", HOSTILE]).ok();
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

#[test]
fn plan_text_never_sends_escape_sequences_to_the_terminal() {
    let pym = Pym::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.md");
    std::fs::write(&file, "# Evil \x1b]0;pwned\x07Plan\n\n## Day 1: Clear \x1b[2J screen\n- [ ] ring \x07 bell \x1b[31mred\n").unwrap();
    pym.run(&["import", file.to_str().unwrap()]).ok();
    for args in [
        &["show", "--plan", "evil"][..],
        &["today", "--plan", "evil"],
        &["plans"],
    ] {
        let run = pym.run(args).ok();
        assert!(
            !run.stdout.contains('\x1b') && !run.stdout.contains('\x07'),
            "{args:?}: {:?}",
            run.stdout
        );
    }
    pym.run(&[
        "done",
        "--plan",
        "evil",
        "--note",
        "note with \x1b[2J escape",
    ])
    .ok();
    for args in [&["log"][..], &["status"], &["log", "--format", "md"]] {
        let run = pym.run(args).ok();
        assert!(!run.stdout.contains('\x1b'), "{args:?}: {:?}", run.stdout);
    }
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let pym = Pym::new();
    let always = pym.run(&["today", "--color", "always"]).ok();
    assert!(always.stdout.contains("\x1b["));
    let never = pym.run(&["today"]).ok();
    assert!(!never.stdout.contains("\x1b["));
}
