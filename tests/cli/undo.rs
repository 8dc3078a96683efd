//! `undo`: taking back one recorded change at a time.
#![allow(clippy::unwrap_used)]

use crate::support::Pym;

#[test]
fn undo_walks_back_one_change_at_a_time() {
    let pym = Pym::new();
    pym.run(&["start", "deep-dive"]).ok();
    pym.run(&["check", "1"]).ok();
    pym.run(&["done"]).ok();
    insta::assert_snapshot!(pym.run(&["undo"]), @"Undid done d1 (Python Fundamentals Refresh) on deep-dive (2026-11-01, recorded 2026-11-01 09:00).");
    insta::assert_snapshot!(pym.run(&["undo"]), @"Undid check d1: 1 on deep-dive (2026-11-01, recorded 2026-11-01 09:00).");
    insta::assert_snapshot!(pym.run(&["undo"]), @"Undid start deep-dive (2026-11-01, recorded 2026-11-01 09:00).");
    insta::assert_snapshot!(pym.run(&["undo"]), @"
    [stderr]
    error: nothing to undo: the progress log has no changes left to take back
    [exit status: 2]
    ");
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
    insta::assert_snapshot!(pym.run(&["undo"]), @"Undid pause (2026-11-01, recorded 2026-11-01 09:00).");
    insta::assert_snapshot!(pym.run(&["undo"]), @"Undid start mastery-23 (2026-11-01, recorded 2026-11-01 09:00).");
}
