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
- [ ] Spawn a thread
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
    insta::assert_snapshot!(pym.run(&["doctor", "--remap", "d5", "d6"]), @"Copied 2 events of 'd5' onto d6 (Threads); the old lines stay in the log.");
    let lines_after = std::fs::read_to_string(pym.log_path()).unwrap();
    assert!(
        lines_after.starts_with(&lines_before),
        "the old lines stay as they were"
    );
    let d6 = pym.json(&["show", "d6"]);
    assert_eq!(d6["day"]["done"], true);
    assert_eq!(ticked(&pym, "d6"), [1]);
    insta::assert_snapshot!(pym.run(&["doctor", "--remap", "d1", "d6"]), @"
    [stderr]
    error: plan 'kata' still has a day 'd1' (Inserting), and everything recorded on it was recorded for
           that day; only the events of a day the plan no longer has, or recorded under another title,
           are remapped
    [exit status: 2]
    ");
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
    insta::assert_snapshot!(pym.run(&["validate", file.to_str().unwrap()]), @"
    Half done
      2 days, 4 items, 0 sections
      steps found by day labels in headings
      readings, best first (`import --reading N` takes another):
      * 1. 2 days: level-2 headings 'Day N': A; B
      3 items already ticked (`[x]`); `pymastery import --keep-ticks` records them as ticked
    ");
    insta::assert_snapshot!(pym.run(&["import", file.to_str().unwrap()]), @"
    Half done
      2 days, 4 items, 0 sections
      steps found by day labels in headings
      reading 1 of 1: 2 days: level-2 headings 'Day N': A; B
      3 items already ticked (`[x]`); `pymastery import --keep-ticks` records them as ticked
    Imported as 'done-already' ([HOME]/curricula/done-already.md). Begin with
    `pymastery start done-already`.
    ");
    assert!(
        pym.log_path_if_any().is_none(),
        "import without --keep-ticks records nothing"
    );
    let kept = pym.run(&["import", file.to_str().unwrap(), "--force", "--keep-ticks"]);
    insta::assert_snapshot!(kept, @"
    Half done
      2 days, 4 items, 0 sections
      steps found by day labels in headings
      reading 1 of 1: 2 days: level-2 headings 'Day N': A; B
    Replaced 'done-already' ([HOME]/curricula/done-already.md); no day moved, was added or
    vanished, so what you recorded stays where it was.
      recorded 3 items ticked in the file as ticked today
    ");
    pym.run(&["start", "done-already"]).ok();
    assert_eq!(ticked(&pym, "d1"), [1, 2]);
    assert_eq!(ticked(&pym, "d2"), [1]);
}

/// Days follow their content through a re-import, as items do.
pub mod days {
    use super::ticked;
    use crate::support::{Pym, Run};

    /// A plan of four days, the third of which the tests insert a day before.
    pub const SQL: &str = "# SQL

## Day 1: Select
- [ ] select basics
- [ ] where clauses

## Day 2: Joins
- [ ] inner join
- [ ] left join

## Day 3: Aggregation
- [ ] group by
- [ ] having

## Day 4: Subqueries
- [ ] exists
";

    /// A home with SQL imported from `sql.md`, d2 and d3 done with notes and a tick each.
    fn with_progress() -> (Pym, tempfile::TempDir) {
        let mut pym = Pym::new();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("sql.md"), SQL).unwrap();
        pym.run(&["import", dir.path().join("sql.md").to_str().unwrap()])
            .ok();
        pym.run(&["start", "sql"]).ok();
        pym.run(&["done", "d1"]).ok();
        pym.at(2, "09:00");
        pym.run(&["done", "d2", "--note", "joins click"]).ok();
        pym.run(&["check", "d2:2"]).ok();
        pym.at(3, "09:00");
        pym.run(&["done", "d3", "--note", "group by first"]).ok();
        pym.run(&["check", "d3:2"]).ok();
        pym.at(4, "09:00");
        (pym, dir)
    }

    fn reimport(pym: &Pym, dir: &tempfile::TempDir, text: &str) -> Run {
        let file = dir.path().join("sql.md");
        std::fs::write(&file, text).unwrap();
        pym.run(&["import", file.to_str().unwrap(), "--force"])
    }

    fn day(pym: &Pym, key: &str) -> serde_json::Value {
        pym.json(&["show", key])["day"].clone()
    }

    fn notes(pym: &Pym, key: &str) -> Vec<String> {
        let log = pym.json(&["log"]);
        log.as_array()
            .unwrap()
            .iter()
            .filter(|e| e["day"] == key && !e["note"].is_null())
            .map(|e| e["note"].as_str().unwrap().to_string())
            .collect()
    }

    /// The messages of doctor's findings of one kind.
    fn findings(pym: &Pym, kind: &str) -> Vec<String> {
        let doctor = pym.run(&["doctor", "--json"]).json();
        doctor["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"] == kind)
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn a_day_inserted_and_the_rest_renumbered() {
        let (pym, dir) = with_progress();
        let inserted = SQL
            .replace("## Day 4: Subqueries", "## Day 5: Subqueries")
            .replace("## Day 3: Aggregation", "## Day 4: Aggregation")
            .replace(
                "## Day 4: Aggregation",
                "## Day 3: Set operations\n- [ ] union\n\n## Day 4: Aggregation",
            );
        insta::assert_snapshot!(reimport(&pym, &dir, &inserted), @"
        SQL
          5 days, 8 items, 0 sections
          steps found by day labels in headings
          reading 1 of 1: 5 days: level-2 headings 'Day N': Select; Joins; Set operations
        Replaced 'sql' ([HOME]/curricula/sql.md); what you recorded follows its days:
          Aggregation: d3 → d4, progress kept
          Subqueries: d4 → d5
          new: d3 Set operations
        ");
        let aggregation = day(&pym, "d4");
        assert_eq!(aggregation["title"], "Aggregation");
        assert_eq!(aggregation["done"], true);
        assert_eq!(ticked(&pym, "d4"), [2]);
        assert_eq!(notes(&pym, "d4"), ["group by first"]);
        let set_operations = day(&pym, "d3");
        assert_eq!(set_operations["done"], false);
        assert!(ticked(&pym, "d3").is_empty());
        assert!(notes(&pym, "d3").is_empty());
        // Nothing else moved, nothing counted twice; the new day is the one to do next.
        assert_eq!(ticked(&pym, "d2"), [2]);
        let today = pym.json(&["today"]);
        assert_eq!(today["day"]["key"], "d3");
        assert_eq!(today["progress"]["days_done"], 3);
        // The same text again moves nothing.
        insta::assert_snapshot!(reimport(&pym, &dir, &inserted), @"
        SQL
          5 days, 8 items, 0 sections
          steps found by day labels in headings
          reading 1 of 1: 5 days: level-2 headings 'Day N': Select; Joins; Set operations
        Replaced 'sql' ([HOME]/curricula/sql.md); no day moved, was added or vanished, so what you
        recorded stays where it was.
        ");
        assert_eq!(ticked(&pym, "d4"), [2]);
        assert!(findings(&pym, "unknown-day").is_empty());
        assert!(findings(&pym, "vanished-tick").is_empty());
        assert!(findings(&pym, "strayed-events").is_empty());
    }

    #[test]
    fn two_days_swapped() {
        let (pym, dir) = with_progress();
        let swapped = SQL
            .replace("## Day 2: Joins", "## Day 3: Joins")
            .replace("## Day 3: Aggregation", "## Day 2: Aggregation");
        let swapped = {
            // Day 3 written before Day 2 is read in source order: put them back in order.
            let (head, rest) = swapped.split_once("## Day 3: Joins").unwrap();
            let (joins, rest) = rest.split_once("## Day 2: Aggregation").unwrap();
            let (aggregation, tail) = rest.split_once("## Day 4").unwrap();
            format!("{head}## Day 2: Aggregation{aggregation}## Day 3: Joins{joins}## Day 4{tail}")
        };
        insta::assert_snapshot!(reimport(&pym, &dir, &swapped), @"
        SQL
          4 days, 7 items, 0 sections
          steps found by day labels in headings
          reading 1 of 1: 4 days: level-2 headings 'Day N': Select; Aggregation; Joins
        Replaced 'sql' ([HOME]/curricula/sql.md); what you recorded follows its days:
          Aggregation: d3 → d2, progress kept
          Joins: d2 → d3, progress kept
        ");
        assert_eq!(day(&pym, "d2")["title"], "Aggregation");
        assert_eq!(notes(&pym, "d2"), ["group by first"]);
        assert_eq!(notes(&pym, "d3"), ["joins click"]);
        assert_eq!(ticked(&pym, "d2"), [2]);
        assert_eq!(ticked(&pym, "d3"), [2]);
    }

    #[test]
    fn a_day_renamed_with_the_same_items_and_moved() {
        let (pym, dir) = with_progress();
        let renamed = SQL
            .replace("## Day 4: Subqueries", "## Day 5: Subqueries")
            .replace("## Day 3: Aggregation", "## Day 4: Grouping rows")
            .replace("## Day 2: Joins", "## Day 3: Joins")
            .replace(
                "## Day 1: Select",
                "## Day 1: Setup\n- [ ] install\n\n## Day 2: Select",
            );
        insta::assert_snapshot!(reimport(&pym, &dir, &renamed), @"
        SQL
          5 days, 8 items, 0 sections
          steps found by day labels in headings
          reading 1 of 1: 5 days: level-2 headings 'Day N': Setup; Select; Joins
        Replaced 'sql' ([HOME]/curricula/sql.md); what you recorded follows its days:
          Select: d1 → d2, progress kept
          Joins: d2 → d3, progress kept
          Grouping rows: d3 → d4, progress kept
          Subqueries: d4 → d5
          renamed: d4 'Aggregation' → 'Grouping rows'
          new: d1 Setup
        ");
        assert_eq!(day(&pym, "d4")["done"], true);
        assert_eq!(notes(&pym, "d4"), ["group by first"]);
        assert_eq!(ticked(&pym, "d4"), [2]);
        assert_eq!(day(&pym, "d2")["title"], "Select");
        assert_eq!(day(&pym, "d2")["done"], true);
        assert_eq!(day(&pym, "d1")["done"], false);
    }

    #[test]
    fn a_day_deleted_is_named_by_doctor_and_can_be_remapped() {
        let (pym, dir) = with_progress();
        let (head, rest) = SQL.split_once("## Day 2: Joins").unwrap();
        let (_, tail) = rest.split_once("## Day 3").unwrap();
        let deleted = format!("{head}## Day 2{tail}").replace("## Day 4:", "## Day 3:");
        insta::assert_snapshot!(reimport(&pym, &dir, &deleted), @"
        SQL
          3 days, 5 items, 0 sections
          steps found by day labels in headings
          reading 1 of 1: 3 days: level-2 headings 'Day N': Select; Aggregation; Subqueries
        Replaced 'sql' ([HOME]/curricula/sql.md); what you recorded follows its days:
          Aggregation: d3 → d2, progress kept
          Subqueries: d4 → d3
          vanished: d2 Joins, what was recorded on it is kept as 'd2~abae03be': `pymastery doctor` lists it
        ");
        assert_eq!(day(&pym, "d2")["title"], "Aggregation");
        assert_eq!(notes(&pym, "d2"), ["group by first"]);
        assert_eq!(ticked(&pym, "d2"), [2]);
        assert_eq!(day(&pym, "d3")["done"], false);

        let messages = findings(&pym, "unknown-day");
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].contains("(`Joins`) (it was 'd2' until a re-import dropped it)"));
        assert!(
            messages[0].contains("items ticked on it: `left join`"),
            "{}",
            messages[0]
        );
        let parked = messages[0].split('\'').nth(1).unwrap().to_string();
        assert!(parked.starts_with("d2~"), "{parked}");
        insta::assert_snapshot!(pym.run(&["doctor", "--remap", &parked, "d3"]), @"Copied 2 events of 'd2~abae03be' onto d3 (Subqueries); the old lines stay in the log.");
        assert_eq!(notes(&pym, "d3"), ["joins click"]);
    }

    #[test]
    fn remap_of_a_key_that_names_another_day_now() {
        // What an earlier version did: the file replaced, progress left on the old keys.
        let (pym, _dir) = with_progress();
        let inserted = SQL
            .replace("## Day 4: Subqueries", "## Day 5: Subqueries")
            .replace(
                "## Day 3: Aggregation",
                "## Day 3: Set operations\n- [ ] union\n\n## Day 4: Aggregation",
            );
        std::fs::write(pym.home().join("curricula/sql.md"), inserted).unwrap();
        assert_eq!(
            day(&pym, "d3")["done"],
            true,
            "Set operations shows Aggregation's done"
        );
        let strayed = findings(&pym, "strayed-events");
        assert_eq!(strayed.len(), 1, "{strayed:?}");
        assert!(
            strayed[0].starts_with(
                "2 events name day 'd3' of plan 'sql' as `Aggregation`, which is day 'd4' now"
            ),
            "{}",
            strayed[0]
        );
        assert!(strayed[0].ends_with("`pymastery --plan sql doctor --remap d3 d4` moves them"));
        insta::assert_snapshot!(pym.run(&["doctor", "--remap", "d3", "d4"]), @"
        Moved 2 events of 'd3' recorded under another title than 'Set operations' onto d4 (Aggregation); the
        old lines stay in the log, taken back.
        ");
        assert_eq!(day(&pym, "d3")["done"], false);
        assert_eq!(day(&pym, "d4")["done"], true);
        assert_eq!(notes(&pym, "d4"), ["group by first"]);
        // Everything left on d3 belongs to it: nothing more to move, nothing for doctor to say.
        insta::assert_snapshot!(pym.run(&["doctor", "--remap", "d3", "d4"]), @"
        [stderr]
        error: plan 'sql' still has a day 'd3' (Set operations), and everything recorded on it was recorded
               for that day; only the events of a day the plan no longer has, or recorded under another
               title, are remapped
        [exit status: 2]
        ");
        assert!(findings(&pym, "strayed-events").is_empty());
    }

    #[test]
    fn undo_after_a_reimport_takes_back_the_latest_change_where_it_moved() {
        let (pym, dir) = with_progress();
        let inserted = SQL.replace(
            "## Day 1: Select",
            "## Day 0: Setup\n- [ ] install\n\n## Day 1: Select",
        );
        let inserted = inserted
            .replace("## Day 4:", "## Day 5:")
            .replace("## Day 3:", "## Day 4:")
            .replace("## Day 2:", "## Day 3:")
            .replace("## Day 1:", "## Day 2:")
            .replace("## Day 0:", "## Day 1:");
        reimport(&pym, &dir, &inserted).ok();
        insta::assert_snapshot!(pym.run(&["undo"]), @"Undid check d4: 2 on sql (2026-11-03, recorded 2026-11-03 09:00).");
        assert!(ticked(&pym, "d4").is_empty());
        assert_eq!(day(&pym, "d4")["done"], true);
    }
}
