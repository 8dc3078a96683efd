//! `skip`: passing over a day, and what it says of the day that comes next.

use crate::support::Pym;

#[test]
fn a_skip_names_the_next_day_and_a_second_skip_of_the_day_records_nothing() {
    let pym = Pym::new();
    pym.run(&["start", "interview", "-q"]).ok();
    insta::assert_snapshot!(pym.run(&["skip", "d3"]), @"Skipped d3 Functions, Args & Closures. Next: d4 OOP in Python");
    let log = std::fs::read_to_string(pym.log_path()).unwrap();
    insta::assert_snapshot!(pym.run(&["skip", "d3", "--reason", "know it"]), @"d3 was already skipped on 2026-11-01.");
    assert_eq!(std::fs::read_to_string(pym.log_path()).unwrap(), log);
    // The current day is still the first: a skip ahead leaves it where it was.
    insta::assert_snapshot!(pym.run(&["skip"]), @"Skipped d1 Python Basics & Philosophy. Next: d2 Collections & Dataclasses");
}
