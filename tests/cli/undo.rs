//! `undo`: taking back one recorded change at a time.
#![allow(clippy::unwrap_used)]

use crate::support::Pym;

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
