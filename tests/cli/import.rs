//! `import` and `validate`: a plan of the user's own, checked before it is kept.
#![allow(clippy::unwrap_used)]

use crate::support::{Pym, RUST_PLAN};

#[test]
fn re_importing_a_plan_with_force_says_it_was_replaced_not_begin_with_start() {
    let pym = Pym::new();
    let file = pym.home().join("mine-source.md");
    std::fs::write(&file, RUST_PLAN).unwrap();
    let first = pym.run(&["import", file.to_str().unwrap(), "--id", "mine"]);
    insta::assert_snapshot!(first, @"
    My Rust Plan
      2 days, 1 week, 3 items, 0 sections
      steps found by day labels in headings
      reading 1 of 1: 2 days: level-3 headings 'Day N': Ownership; Traits
    Imported as 'mine' ([HOME]/curricula/mine.md). Begin with `pymastery start mine`.
    ");
    pym.run(&["start", "mine"]).ok();
    pym.run(&["done"]).ok();
    let again = pym.run(&["import", file.to_str().unwrap(), "--id", "mine", "--force"]);
    insta::assert_snapshot!(again, @"
    My Rust Plan
      2 days, 1 week, 3 items, 0 sections
      steps found by day labels in headings
      reading 1 of 1: 2 days: level-3 headings 'Day N': Ownership; Traits
    Replaced 'mine' ([HOME]/curricula/mine.md); no day moved, was added or vanished, so what
    you recorded stays where it was.
    ");
}

#[test]
fn import_adds_a_plan_that_can_be_started() {
    let pym = Pym::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("My Rust Plan.md");
    std::fs::write(&file, RUST_PLAN).unwrap();
    let report = pym.json(&["validate", file.to_str().unwrap()]);
    assert_eq!(
        (report["days"].as_u64(), report["items"].as_u64()),
        (Some(2), Some(3))
    );
    assert!(pym.snapshot().is_empty(), "validate wrote into the home");

    let imported = pym.json(&["import", file.to_str().unwrap()]);
    assert_eq!(imported["id"], "my-rust-plan");
    pym.run(&["start", "my-rust-plan"]).ok();
    let today = pym.json(&["today"]);
    assert_eq!(today["day"]["title"], "Ownership");
    let plans = pym.json(&["plans"]);
    assert!(
        plans
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == "my-rust-plan" && p["source"] == "user")
    );

    insta::assert_snapshot!(pym.run(&["import", file.to_str().unwrap()]), @"
    [stderr]
    error: a plan 'my-rust-plan' was imported already; add --force to replace it, or choose another id
           with --id
    [exit status: 2]
    ");
    pym.run(&["import", file.to_str().unwrap(), "--force"]).ok();
}

#[test]
fn import_refuses_what_it_cannot_use_and_writes_nothing() {
    let pym = Pym::new();
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("notes.md");
    std::fs::write(&empty, "# Shopping\n\nJust some prose, nothing to track.\n").unwrap();
    let binary = dir.path().join("image.md");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0, 0, 1, 2]).unwrap();
    let good = dir.path().join("good.md");
    std::fs::write(&good, RUST_PLAN).unwrap();
    // A file that yields nothing is refused with the code `validate` gives it.
    let run = pym.run(&["import", empty.to_str().unwrap()]).code(1);
    assert!(run.stderr.contains("nothing to track"), "{}", run.stderr);
    assert!(pym.snapshot().is_empty(), "import wrote into the home");
    let cases: [(&[&str], &str); 5] = [
        (&["import", binary.to_str().unwrap()], "not a text file"),
        (&["import", good.to_str().unwrap(), "--id", "../x"], "../x"),
        (
            &["import", good.to_str().unwrap(), "--id", "Interview"],
            "Interview",
        ),
        (
            &["import", good.to_str().unwrap(), "--id", "interview"],
            "built-in",
        ),
        (&["import", dir.path().to_str().unwrap()], "directory"),
    ];
    for (args, names) in cases {
        let run = pym.run(args).code(2);
        assert!(run.stderr.contains(names), "{args:?}: {}", run.stderr);
        assert!(pym.snapshot().is_empty(), "{args:?} wrote into the home");
    }
    let run = pym.run(&["validate", empty.to_str().unwrap()]).code(1);
    assert!(run.stderr.contains("notes.md"), "{}", run.stderr);
}

#[test]
fn a_plan_saved_as_utf16_is_read_as_text() {
    let pym = Pym::new();
    let dir = tempfile::tempdir().unwrap();
    for (name, bom, little) in [
        ("le.md", [0xFF, 0xFE], true),
        ("be.md", [0xFE, 0xFF], false),
    ] {
        let mut bytes = bom.to_vec();
        for unit in
            "# Plan\n\n## Day 1: Ünïcode\n- [ ] read\n\n## Day 2: Two\n- [ ] write\n".encode_utf16()
        {
            bytes.extend(if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let report = pym.json(&["validate", file.to_str().unwrap()]);
        assert_eq!(report["days"], 2, "{name}: {report}");
        let id = name.trim_end_matches(".md");
        pym.run(&["import", file.to_str().unwrap(), "--id", id])
            .ok();
        let shown = pym.run(&["show", "-p", id, "d1"]).ok().stdout;
        assert!(shown.contains("Ünïcode"), "{shown}");
    }
}

#[test]
fn validate_says_which_rule_found_the_steps() {
    let pym = Pym::new();
    let fixture =
        |name: &str| format!("{}/tests/fixtures/plans/{name}", env!("CARGO_MANIFEST_DIR"));
    let by_words = pym.run(&["validate", &fixture("trailing-labels.md")]);
    insta::assert_snapshot!(by_words, @"
    Machine Learning Warm-up
      3 days, 5 items, 1 section
      steps found by day labels in headings
      readings, best first (`import --reading N` takes another):
      * 1. 3 days: level-2 headings 'Day N': Loading Data; Cleaning Text; Feature Scaling
    ");
    let by_structure = pym.run(&["validate", &fixture("structure-lekce-cs.md")]);
    insta::assert_snapshot!(by_structure, @"
    Kurz Pythonu
      5 days, 5 items, 0 sections
      steps found by structure: a run of list items labelled `Lekce N`, advancing step by step
      readings, best first (`import --reading N` takes another):
      * 1. 5 steps: items 'Lekce N' of the list under 'Kurz Pythonu': Proměnné; Podmínky; Cykly
    ");
    let report = pym.json(&["validate", &fixture("structure-plain.txt")]);
    assert_eq!(report["days"], 4);
    assert!(
        report["found_by"]
            .as_str()
            .is_some_and(|s| s.contains("`Session N`"))
    );
    pym.run(&["validate", &fixture("false-runs.md")]).code(1);
}
