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
    let run = pym.run(&["check", "d2:3"]).ok();
    assert!(run.stdout.contains("d2"), "{}", run.stdout);
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
    let run = pym.run(&["check", "2"]).ok();
    assert_eq!(run.stdout, "Checked d2: 2. Time complexity basics\n");
    let checked = |day: &str| ticked(&pym, day);
    assert_eq!((checked("d1"), checked("d2")), (vec![], vec![2]));
    // The day done earlier is still reachable by its key.
    pym.run(&["check", "d1:2"]).ok();
    assert_eq!(checked("d1"), [2]);

    // With a second plan under way, every confirmation says which plan it acted on.
    pym.run(&["start", "deep-dive"]).ok();
    let said = [
        pym.run(&["check", "1"]).ok().stdout,
        pym.run(&["uncheck", "1"]).ok().stdout,
        pym.run(&["note", "x", "-p", "interview"]).ok().stdout,
        pym.run(&["done", "next", "-p", "interview"]).ok().stdout,
        pym.run(&["skip", "-p", "interview"]).ok().stdout,
    ];
    assert!(said[0].starts_with("Checked deep-dive d1:"), "{}", said[0]);
    assert!(
        said[1].starts_with("Unchecked deep-dive d1:"),
        "{}",
        said[1]
    );
    assert!(said[2].starts_with("Noted on interview d1 "), "{}", said[2]);
    assert!(said[3].starts_with("✓ Done: interview d2 "), "{}", said[3]);
    assert!(said[4].starts_with("Skipped interview d3 "), "{}", said[4]);
}

#[test]
fn ticking_an_item_already_ticked_says_so_and_writes_nothing_and_log_shows_unticks() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    pym.run(&["check", "1", "2"]).ok();
    let before = pym.snapshot();
    let run = pym.run(&["check", "2"]).ok();
    assert_eq!(
        run.stdout,
        "Already ticked on d1, nothing recorded: 2. Everything is an object\n"
    );
    let run = pym.run(&["uncheck", "3"]).ok();
    assert!(
        run.stdout
            .starts_with("Already not ticked on d1, nothing recorded: 3."),
        "{}",
        run.stdout
    );
    assert_eq!(pym.snapshot(), before, "a no-op tick was recorded");

    let run = pym.run(&["check", "2", "3"]).ok();
    assert!(
        run.stdout
            .contains("Already ticked on d1, nothing recorded: 2."),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Checked d1: 3."), "{}", run.stdout);
    // undo takes back the tick of 3, not a no-op.
    pym.run(&["undo"]).ok();
    pym.run(&["uncheck", "1"]).ok();
    let log = pym.run(&["log"]).ok().stdout;
    assert!(
        log.contains("uncheck interview d1 Python Basics & Philosophy [item 1]"),
        "{log}"
    );
    let md = pym.run(&["log", "--format", "md"]).ok().stdout;
    assert!(md.contains("**Unticked** interview `d1`"), "{md}");
}
