//! `check` and `uncheck`: ticking items of the day `today` shows.
#![allow(clippy::unwrap_used)]

use crate::support::{Pym, ticked};

#[test]
fn check_and_uncheck_tick_items_of_the_current_day() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    pym.run(&["check", "1", "2", "5"]).ok();
    pym.run(&["uncheck", "2"]).ok();
    let today = pym.json(&["today"]);
    let checked: Vec<u64> = today["day"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["checked"] == true)
        .map(|i| i["n"].as_u64().unwrap())
        .collect();
    assert_eq!(checked, [1, 5]);
    insta::assert_snapshot!(pym.run(&["check", "d2:3"]), @"Checked d2: 3. `collections`: defaultdict, Counter, deque");
    let d2 = pym.json(&["show", "d2"]);
    assert_eq!(d2["day"]["items"][2]["checked"], true);
}

#[test]
fn check_numbers_are_those_of_the_day_today_shows_and_confirmations_name_the_plan_when_two_are_under_way()
 {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    pym.run(&["done"]).ok();
    // After the session `today` shows d2's items: `check 2` is d2's item 2.
    insta::assert_snapshot!(pym.run(&["check", "2"]), @"Checked d2: 2. Time complexity basics");
    let checked = |day: &str| ticked(&pym, day);
    assert_eq!((checked("d1"), checked("d2")), (vec![], vec![2]));
    // The day done earlier is still reachable by its key.
    pym.run(&["check", "d1:2"]).ok();
    assert_eq!(checked("d1"), [2]);

    // With a second plan under way, every confirmation says which plan it acted on.
    pym.run(&["start", "deep-dive"]).ok();
    insta::assert_snapshot!(pym.run(&["check", "1"]), @"Checked deep-dive d1: 1. Data types: int, float, bool, str, list, tuple, dict, set");
    insta::assert_snapshot!(pym.run(&["uncheck", "1"]), @"Unchecked deep-dive d1: 1. Data types: int, float, bool, str, list, tuple, dict, set");
    insta::assert_snapshot!(pym.run(&["note", "x", "-p", "interview"]), @"Noted on interview d1 Python Basics & Philosophy (2026-11-01).");
    insta::assert_snapshot!(pym.run(&["done", "next", "-p", "interview"]), @"
    ✓ Done: interview d2 Collections & Dataclasses
    streak 1 day
    Next: d3 Functions, Args & Closures (`pymastery show next` to read it ahead)
    ");
    insta::assert_snapshot!(pym.run(&["skip", "-p", "interview"]), @"Skipped interview d3 Functions, Args & Closures. Next: d4 OOP in Python");
}

#[test]
fn ticking_an_item_already_ticked_says_so_and_writes_nothing_and_log_shows_unticks() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    pym.run(&["check", "1", "2"]).ok();
    let before = pym.snapshot();
    insta::assert_snapshot!(pym.run(&["check", "2"]), @"Already ticked on d1, nothing recorded: 2. Everything is an object");
    insta::assert_snapshot!(pym.run(&["uncheck", "3"]), @"Already not ticked on d1, nothing recorded: 3. Duck typing");
    assert_eq!(pym.snapshot(), before, "a no-op tick was recorded");

    insta::assert_snapshot!(pym.run(&["check", "2", "3"]), @"
    Already ticked on d1, nothing recorded: 2. Everything is an object
    Checked d1: 3. Duck typing
    ");
    // undo takes back the tick of 3, not a no-op.
    pym.run(&["undo"]).ok();
    pym.run(&["uncheck", "1"]).ok();
    insta::assert_snapshot!(pym.run(&["log"]), @"
    2026-11-01  check   interview d1 Python Basics & Philosophy [items 1, 2]
    2026-11-01  uncheck interview d1 Python Basics & Philosophy [item 1]
    ");
    insta::assert_snapshot!(pym.run(&["log", "--format", "md"]), @"
    # Practice Log

    ## 2026-11-01

    - **Ticked** interview `d1`: Python Basics & Philosophy (items 1, 2)
    - **Unticked** interview `d1`: Python Basics & Philosophy (item 1)
    ");
}
