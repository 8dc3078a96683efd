//! Every screen as the user reads it, pinned by snapshots at 120, 80 and 50 columns.
//!
//! Each snapshot holds one or more commands, each as `$ pymastery ARGS` followed by its
//! stdout, its stderr under `[stderr]` and a non-zero exit status, rendered at every width
//! (colour off; a representative subset also with colour on, escapes shown as `␛`).
//! `no_screen_line_is_wider_than_its_width` reads every snapshot file back and checks it.

use std::path::Path;

use crate::support::{Pym, Run};

/// The widths every screen is rendered at.
const WIDTHS: [usize; 3] = [120, 80, 50];

/// How a run looks in a snapshot: the command line, then the run as `Run` shows it
/// (stdout, stderr and exit status), escapes shown as `␛`.
fn render(pym: &Pym, args: &[&str], run: Run) -> String {
    let words: Vec<String> = args
        .iter()
        .map(|a| {
            if a.contains(' ') {
                format!("\"{a}\"")
            } else {
                a.to_string()
            }
        })
        .collect();
    let run = pym.stable(run).to_string().replace('\x1b', "␛");
    format!("$ pymastery {}\n{run}", words.join(" "))
}

/// Runs `args` at one width, colour on or off.
fn run_at(pym: &Pym, args: &[&str], width: usize, color: bool) -> Run {
    let mut command = pym.command(args);
    command.env("COLUMNS", width.to_string());
    if color {
        command.arg("--color=always");
    }
    crate::support::to_run(command.output().expect("the binary runs"))
}

/// Every command in `commands` at every width: the body of one snapshot. Each line is
/// checked against its width before the snapshot is compared.
fn screens(pym: &Pym, commands: &[&[&str]], color: bool) -> String {
    let mut out = String::new();
    for width in WIDTHS {
        out.push_str(&format!("──── {width} columns ────\n"));
        for args in commands {
            let run = run_at(pym, args, width, color);
            out.push_str(&render(pym, args, run));
        }
    }
    check_widths(&out);
    out
}

/// Whether a command prints a document (Markdown, JSON), whose lines are kept whole.
fn is_document(command_line: &str) -> bool {
    command_line.contains("--format md") || command_line.contains("--json")
}

/// Screen lines (escape sequences left out) wider than the width their `──── N columns ────`
/// section gives, with how many lines were checked.
fn too_wide(text: &str) -> (Vec<String>, usize) {
    let mut width = None;
    let mut document = false;
    let mut wide = Vec::new();
    let mut checked = 0;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("──── ") {
            width = rest.split(' ').next().and_then(|w| w.parse::<usize>().ok());
            continue;
        }
        if line.starts_with("$ pymastery") {
            document = is_document(line);
            continue;
        }
        let Some(width) = width.filter(|_| !document) else {
            continue;
        };
        let shown = visible_width(line);
        if shown > width {
            wide.push(format!("{shown} columns at {width}: {line}"));
        }
        checked += 1;
    }
    (wide, checked)
}

#[track_caller]
fn check_widths(text: &str) {
    let (wide, _) = too_wide(text);
    assert!(
        wide.is_empty(),
        "lines too wide:\n{}\n\n{text}",
        wide.join("\n")
    );
}

/// Display width of a snapshot line with its `␛[...m` sequences left out.
fn visible_width(line: &str) -> usize {
    let mut plain = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '␛' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
            continue;
        }
        plain.push(c);
    }
    unicode_width::UnicodeWidthStr::width(plain.as_str())
}

macro_rules! screen {
    ($name:expr, $pym:expr, $commands:expr) => {
        insta::assert_snapshot!($name, screens(&$pym, $commands, false))
    };
    ($name:expr, $pym:expr, $commands:expr, color) => {
        insta::assert_snapshot!($name, screens(&$pym, $commands, true))
    };
}

/// A home with the interview plan started on the 1st and `days` days done, one a day.
fn interview_after(days: u32) -> Pym {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    for day in 1..=days {
        pym.at(day, "20:00");
        if day == 1 {
            pym.run(&["check", "1", "2"]).ok();
            pym.run(&[
                "done",
                "--note",
                "mutable default arguments are evaluated once, when the function is defined; use None and build the list inside",
                "--minutes",
                "35",
            ])
            .ok();
        } else {
            pym.run(&["done", "--minutes", "20"]).ok();
        }
    }
    pym
}

#[test]
fn today_screens() {
    let pym = Pym::new();
    screen!("today_not_started", pym, &[&["today"]]);

    let mut pym = interview_after(3);
    pym.at(4, "09:00");
    screen!("today_mid_plan", pym, &[&["today"], &["today", "--short"]]);
    pym.run(&["check", "1", "3"]).ok();
    screen!("today_checked_day", pym, &[&["today"]], color);

    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "deep-dive"]).ok();
    for day in 1..=7 {
        pym.at(day, "20:00").run(&["done"]).ok();
    }
    screen!("today_finished", pym, &[&["today"]]);

    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "rotating-48"]).ok();
    pym.run(&["done"]).ok();
    pym.at(2, "09:00");
    screen!(
        "today_rotating_48",
        pym,
        &[&["today"], &["today", "--short"]],
        color
    );
    pym.run(&["-p", "interview", "done"]).ok();
    screen!("today_two_plans", pym, &[&["today"]]);
}

#[test]
fn confirmation_screens() {
    let commands: [&[&str]; 8] = [
        &["start", "interview"],
        &["check", "1", "2", "5"],
        &["uncheck", "5"],
        &[
            "done",
            "--note",
            "closures capture variables, not values; late binding in loops bites",
            "--minutes",
            "40",
        ],
        &["skip", "--reason", "I know dataclasses well"],
        &["undo"],
        &["start", "rotating-48"],
        &["done"],
    ];
    // The same session at every width, each in a home of its own.
    let mut out = String::new();
    for width in WIDTHS {
        let mut pym = Pym::new();
        pym.at(1, "09:00");
        out.push_str(&format!("──── {width} columns ────\n"));
        for args in commands {
            let run = run_at(&pym, args, width, false);
            out.push_str(&render(&pym, args, run));
        }
    }
    check_widths(&out);
    insta::assert_snapshot!("confirmations", out);
}

#[test]
fn status_screens() {
    let mut pym = interview_after(5);
    pym.at(5, "21:00");
    screen!(
        "status_on_track",
        pym,
        &[&["status"], &["status", "--format", "md"]],
        color
    );
    pym.at(8, "09:00");
    screen!("status_behind", pym, &[&["status"]]);
    pym.at(16, "09:00");
    screen!("status_missed_week", pym, &[&["status", "--weeks", "52"]]);

    pym.run(&["start", "rotating-48"]).ok();
    pym.run(&["done", "--note", "generators are lazy"]).ok();
    screen!(
        "status_two_plans",
        pym,
        &[&["status"], &["status", "--format", "md"]]
    );

    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "deep-dive"]).ok();
    for day in 1..=7 {
        pym.at(day, "20:00").run(&["done"]).ok();
    }
    screen!("status_finished", pym, &[&["status"], &["status", "--all"]]);
    pym.at(8, "09:00")
        .run(&["start", "deep-dive", "--fresh"])
        .ok();
    pym.run(&["done"]).ok();
    screen!("status_fresh_pass", pym, &[&["status", "--all"]]);
}

#[test]
fn show_screens() {
    let pym = interview_after(2);
    screen!(
        "show_day_and_section",
        pym,
        &[&["show", "d1"], &["show", "next"], &["show", "readiness"]]
    );
    let pym = Pym::new();
    screen!(
        "show_week_and_outline",
        pym,
        &[&["show", "week", "1"], &["show", "deep-dive"]]
    );
}

#[test]
fn plans_and_log_screens() {
    let pym = interview_after(3);
    pym.run(&["skip", "--reason", "seen it"]).ok();
    screen!("plans", pym, &[&["plans"]], color);
    screen!(
        "log",
        pym,
        &[
            &["log"],
            &["log", "--format", "md"],
            &["log", "--since", "2026-11-02"]
        ]
    );
}

#[test]
fn doctor_screens() {
    let pym = interview_after(2);
    // A home as pymastery creates it is private; the temporary directory is not.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(pym.home(), std::fs::Permissions::from_mode(0o700))
            .expect("the home's mode can be set");
    }
    screen!("doctor_healthy", pym, &[&["doctor"]]);
    let mut log = std::fs::read_to_string(pym.log_path()).unwrap_or_default();
    log.insert_str(0, "{\"v\":1,\"this line\": is damaged\n");
    std::fs::write(pym.log_path(), log).expect("the log is writable");
    screen!("doctor_damaged", pym, &[&["doctor"], &["today"]]);
}

#[test]
fn doctor_lines_wrap_under_the_text_after_their_label() {
    let pym = interview_after(1);
    let mut log = std::fs::read_to_string(pym.log_path()).expect("the log reads");
    log.push_str("{\"v\":2,\"garbage\n");
    std::fs::write(pym.log_path(), log).expect("the log is writable");
    let width = 60;
    let mut continued = 0;
    for args in [&["doctor"][..], &["doctor", "--repair"]] {
        let run = run_at(&pym, args, width, false);
        let mut hang = None;
        for line in run.stdout.lines() {
            let label = ["repaired: ", ": problem: ", ": notice: "]
                .iter()
                .find_map(|label| line.find(label).map(|at| at + label.len()));
            if let Some(end) = label.filter(|_| !line.starts_with(' ')) {
                hang = Some(end.min(width / 2));
            } else if line.starts_with(' ') {
                let hang = hang.unwrap_or_else(|| panic!("{line:?} continues nothing"));
                let text = line.trim_start_matches(' ');
                assert_eq!(line.len() - text.len(), hang, "{}", run.stdout);
                continued += 1;
            } else {
                assert!(
                    line.starts_with("The home at"),
                    "{line:?} continues at column 0:\n{}",
                    run.stdout
                );
                hang = None;
            }
        }
    }
    assert!(
        continued >= 2,
        "a problem and a repair wrap at {width} columns"
    );
}

#[test]
fn error_screens() {
    let pym = interview_after(1);
    screen!(
        "errors",
        pym,
        &[
            &["start", "no-such-plan"],
            &["show", "d99"],
            &["done", "--minutes", "lots"],
            &["done", "--date", "2026-13-01"],
            &["check", "99"],
            &["status", "--weeks", "0"],
            &["config", "set", "colour", "red"],
        ]
    );
}

#[test]
fn no_screen_line_is_wider_than_its_width() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/snapshots");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("the snapshots are committed") {
        let path = entry.expect("a snapshot").path();
        if path.extension().is_none_or(|e| e != "snap") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a snapshot reads");
        let (wide, lines) = too_wide(&text);
        assert!(wide.is_empty(), "{}:\n{}", path.display(), wide.join("\n"));
        checked += lines;
    }
    assert!(checked > 500, "only {checked} snapshot lines were checked");
}

#[test]
fn documents_keep_their_lines_whole_at_any_width() {
    let pym = interview_after(2);
    for args in [
        &["log", "--format", "csv"][..],
        &["log", "--format", "md"],
        &["status", "--format", "md"],
        &["status", "--json"],
        &["calendar"],
        &["completions", "bash"],
        &["man"],
    ] {
        let narrow = run_at(&pym, args, 20, false);
        let wide = run_at(&pym, args, 1000, false);
        assert_eq!(narrow.code, 0, "{args:?}: {}", narrow.stderr);
        assert_eq!(
            narrow.stdout, wide.stdout,
            "{args:?} was fitted to the width"
        );
    }
}

#[test]
fn wide_characters_wrap_by_display_width() {
    let mut pym = Pym::new();
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/screens/wide-text.md"
    );
    pym.run(&["import", file, "--id", "wide"]).ok();
    pym.at(1, "09:00").run(&["start", "wide"]).ok();
    pym.run(&["check", "2"]).ok();
    screen!(
        "wide_characters",
        pym,
        &[
            &["today"],
            &["show", "d2"],
            &["plans"],
            &["today", "--short"]
        ]
    );
}

#[test]
fn help_examples_that_wrap_continue_indented_never_as_another_command() {
    let mut pym = Pym::new();
    pym.env("COLUMNS", "50");
    let top = pym.run(&["--help"]).ok().stdout;
    let commands = crate::support::commands_in_help(&top);
    let mut wrapped = 0;
    for command in commands.iter().map(String::as_str).chain([""]) {
        let args: Vec<&str> = [command, "--help"]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect();
        let help = pym.run(&args).ok().stdout;
        let examples = help
            .split_once("\nExamples:\n")
            .or_else(|| help.split_once("\nDaily use:\n"))
            .map(|(_, e)| e)
            .unwrap_or_else(|| panic!("{command}: {help}"));
        for line in examples.lines().take_while(|l| !l.is_empty()) {
            assert!(
                visible_width(line) <= 50,
                "{command}: {line:?} is wider than 50"
            );
            let at_two = line.starts_with("  ") && !line.starts_with("   ");
            assert!(
                !at_two || line.starts_with("  pymastery"),
                "{command}: {line:?} continues where the commands begin"
            );
            wrapped += usize::from(line.starts_with("      "));
        }
    }
    assert!(wrapped > 5, "too few examples wrapped to tell: {wrapped}");
}
