//! `log`: filters, exports as CSV and Markdown in date order, and a dated day or an amendment
//! shown once.
#![allow(clippy::unwrap_used)]

use crate::support::{DATED_PLAN, Pym, editor, run_in_terminal};

#[test]
fn log_with_a_filter_that_matches_nothing_does_not_say_nothing_is_logged() {
    let mut pym = Pym::new();
    pym.at(5, "09:00");
    pym.run(&["done", "--note", "first"]).ok();
    for args in [
        &[
            "log", "--since", "today", "--until", "today", "--grep", "zzz",
        ][..],
        &["log", "--until", "-1d"],
        &["log", "-p", "interview"],
    ] {
        let out = pym.run(args).ok().stdout;
        assert!(!out.contains("Nothing logged yet"), "{args:?}: {out}");
        assert!(out.starts_with("No entry matches"), "{args:?}: {out}");
    }
    let all = pym.run(&["log"]).ok().stdout;
    assert!(all.contains("— first"), "{all}");
}

#[test]
fn log_exports_csv_and_markdown_in_date_order() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "deep-dive"]).ok();
    pym.at(2, "09:00")
        .run(&[
            "done",
            "--plan",
            "deep-dive",
            "--note",
            "said \"hi\", twice",
        ])
        .ok();
    pym.at(3, "09:00")
        .run(&[
            "done",
            "--plan",
            "deep-dive",
            "--date",
            "2026-11-01",
            "--minutes",
            "10",
        ])
        .ok();
    let csv = pym.run(&["log", "--format", "csv"]).ok().stdout;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "date,plan,day,title,event,note,minutes,items");
    assert!(lines[1].starts_with("2026-11-01,deep-dive,d2,"), "{csv}");
    assert!(lines[2].contains("\"said \"\"hi\"\", twice\""), "{csv}");
    let since = pym.json(&["log", "--since", "2026-11-02"]);
    assert_eq!(since.as_array().unwrap().len(), 1);
    let md = pym.run(&["status", "--format", "md"]).ok().stdout;
    assert!(md.starts_with("# Weekly review, 2026-11-03"), "{md}");
    assert!(md.contains("| 2026-11-02 | deep-dive"), "{md}");
}

#[test]
fn log_show_status_note_and_the_reflection_template_name_a_dated_day_once() {
    let pym = Pym::new();
    pym.import_text("dated", DATED_PLAN).ok();
    pym.run(&["start", "dated"]).ok();
    let tools = tempfile::tempdir().unwrap();
    // Keeps the template it was given beside itself, then writes the note.
    let body = "cp \"$1\" \"$(dirname \"$0\")/template.md\"\nprintf 'first\\n' >> \"$1\"";
    let keep_and_write = editor(tools.path(), "editor.sh", body);
    run_in_terminal(&pym, &["done", "--note"], &keep_and_write).ok();
    let template = std::fs::read_to_string(tools.path().join("template.md")).unwrap();
    assert!(
        template.contains("\n# Reflection on 2026-11-02 (dated)\n"),
        "{template}"
    );
    let noted = pym.run(&["note", "more"]).ok().stdout;
    assert_eq!(noted, "Noted on 2026-11-02 (2026-11-01).\n");
    let log = pym.run(&["log"]).ok().stdout;
    assert_eq!(
        log,
        "2026-11-01  done    dated 2026-11-02 — first\n2026-11-01  note    dated 2026-11-02 — more\n"
    );
    let outline = pym.run(&["show"]).ok().stdout;
    assert!(
        outline.ends_with("\n✓ 2026-11-02\n  2026-11-03\n"),
        "{outline}"
    );
    let status = pym.run(&["status"]).ok().stdout;
    assert!(
        status.contains("  now at 2026-11-03 · Day 2 of 2\n"),
        "{status}"
    );
    assert!(
        status.contains("  2026-11-01  dated  2026-11-02  done        0  first\n"),
        "the last days leave out a title that only repeats the day: {status}"
    );
}

#[test]
fn the_markdown_log_shows_an_amendment_as_one_and_keeps_reviews_and_pauses() {
    let mut pym = Pym::new();
    pym.at(2, "09:00").run(&["start", "interview"]).ok();
    pym.run(&["done", "--note", "first"]).ok();
    pym.at(2, "21:00")
        .run(&["done", "--amend", "--note", "second thought"])
        .ok();
    pym.at(4, "09:00")
        .run(&["review", "d1", "--rate", "hard"])
        .ok();
    pym.run(&["pause", "--until", "2026-11-06", "--reason", "flu"])
        .ok();
    let md = pym.run(&["log", "--format", "md"]).ok().stdout;
    assert_eq!(md.matches("**Done**").count(), 1, "{md}");
    assert!(md.contains("- **Added to** interview `d1`"), "{md}");
    assert!(
        md.contains("- **Reviewed** interview `d1`: Python Basics & Philosophy (rated hard)"),
        "{md}"
    );
    assert!(md.contains("- **Paused** until 2026-11-06 (flu)"), "{md}");
    let text = pym.run(&["log"]).ok().stdout;
    assert!(text.contains("  added   interview d1"), "{text}");
    // The JSON keeps to the days' own events, and marks the amendment.
    let json = pym.json(&["log"]);
    let events: Vec<(&str, bool)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["event"].as_str().unwrap(), e["amend"] == true))
        .collect();
    assert_eq!(events, [("done", false), ("done", true)]);
}
