//! Ticks follow their items through an edited, re-imported plan; what cannot follow is listed
//! by `doctor`, and `doctor --remap` moves a vanished day's events; `import --keep-ticks`.
#![allow(clippy::unwrap_used)]

use crate::support::{Pym, ticked};

const BEFORE: &str = "# Kata plan

## Day 1: Inserting
- [ ] Read chapter 4
- [ ] Write a borrow kata
- [ ] Run the tests

## Day 2: Deleting
- [ ] Read chapter 10
- [ ] Implement Display
- [ ] Implement Debug

## Day 3: Rewording
- [ ] Read chapter 13
- [ ] Write an iterator
- [ ] Benchmark it

## Day 4: Reordering
- [ ] Read chapter 15
- [ ] Build a linked list
- [ ] Drop it

## Day 5: Going away
- [ ] Read chapter 16
";

const AFTER: &str = "# Kata plan

## Day 1: Inserting
- [ ] Read chapter 4
- [ ] Install clippy first
- [ ] Write a borrow kata
- [ ] Run the tests

## Day 2: Deleting
- [ ] Read chapter 10
- [ ] Implement Debug

## Day 3: Rewording
- [ ] Read chapter 13
- [ ] Write an iterator over lines
- [ ] Benchmark it

## Day 4: Reordering
- [ ] Drop it
- [ ] Read chapter 15
- [ ] Build a linked list

## Day 6: Threads
- [ ] Read chapter 16
";

#[test]
fn ticks_follow_their_items_through_an_edited_plan() {
    let mut pym = Pym::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kata.md");
    std::fs::write(&file, BEFORE).unwrap();
    pym.run(&["import", file.to_str().unwrap()]).ok();
    pym.run(&["start", "kata"]).ok();
    pym.run(&["check", "d1:2", "d2:2", "d2:3", "d3:2", "d4:1", "d5:1"])
        .ok();
    pym.run(&["done", "d5"]).ok();
    assert_eq!(ticked(&pym, "d2"), [2, 3]);

    std::fs::write(&file, AFTER).unwrap();
    pym.at(2, "09:00");
    pym.run(&["import", file.to_str().unwrap(), "--force"]).ok();
    // Inserted above: the tick moves down with its item.
    assert_eq!(ticked(&pym, "d1"), [3]);
    // Deleted: the deleted item's tick cannot follow; the other one does.
    assert_eq!(ticked(&pym, "d2"), [2]);
    // Reworded in place: the tick stays on it.
    assert_eq!(ticked(&pym, "d3"), [2]);
    // Reordered: the tick follows the text.
    assert_eq!(ticked(&pym, "d4"), [2]);

    let doctor = pym.run(&["doctor", "--json"]).json();
    let messages: Vec<&str> = doctor["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "vanished-tick" || f["kind"] == "unknown-day")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("day 'd2' (`Deleting`): the tick of item 2")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("day 'd5' (`Going away`), which plan 'kata' does not have")),
        "{messages:?}"
    );

    let lines_before = std::fs::read_to_string(pym.log_path()).unwrap();
    let remapped = pym.run(&["doctor", "--remap", "d5", "d6"]).ok().stdout;
    assert!(
        remapped.contains("Copied 2 events of 'd5' onto d6"),
        "{remapped}"
    );
    let lines_after = std::fs::read_to_string(pym.log_path()).unwrap();
    assert!(
        lines_after.starts_with(&lines_before),
        "the old lines stay as they were"
    );
    let d6 = pym.json(&["show", "d6"]);
    assert_eq!(d6["day"]["done"], true);
    assert_eq!(ticked(&pym, "d6"), [1]);
    pym.run(&["doctor", "--remap", "d1", "d6"]).code(2);
}

#[test]
fn old_ticks_by_number_keep_working() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    pym.run(&["check", "1"]).ok();
    // A line as an earlier version wrote it: numbers, no refs.
    let log = pym.log_path();
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains(",\"refs\":["), "{text}");
    let old = text.replace(",\"refs\":[", ",\"unused\":[");
    std::fs::write(&log, old).unwrap();
    assert_eq!(ticked(&pym, "d1"), [1]);
}

#[test]
fn ticked_boxes_in_an_imported_plan() {
    let pym = Pym::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("done-already.md");
    std::fs::write(
        &file,
        "# Half done\n\n## Day 1: A\n- [x] One\n- [X] Two\n- [ ] Three\n\n## Day 2: B\n- [x] Four\n",
    )
    .unwrap();
    let validate = pym.run(&["validate", file.to_str().unwrap()]).ok().stdout;
    assert!(
        validate.contains("3 items already ticked (`[x]`); `pymastery import --keep-ticks`"),
        "{validate}"
    );
    let plain = pym.run(&["import", file.to_str().unwrap()]).ok().stdout;
    assert!(plain.contains("3 items already ticked"), "{plain}");
    assert!(
        pym.log_path_if_any().is_none(),
        "import without --keep-ticks records nothing"
    );
    let kept = pym
        .run(&["import", file.to_str().unwrap(), "--force", "--keep-ticks"])
        .ok()
        .stdout;
    assert!(
        kept.contains("recorded 3 items ticked in the file"),
        "{kept}"
    );
    pym.run(&["start", "done-already"]).ok();
    assert_eq!(ticked(&pym, "d1"), [1, 2]);
    assert_eq!(ticked(&pym, "d2"), [1]);
}
