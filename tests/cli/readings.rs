//! Readings from the command line: `validate` lists them, `import --reading N` chooses one and
//! the choice stays with the plan (by rule) for every later command and re-import.
#![allow(clippy::unwrap_used)]

use crate::support::Pym;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/plans/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A course of four blocks of three lessons: lessons are the best reading, blocks the second.
const COURSE: &str = "readings-nested-nl.md";

#[test]
fn validate_lists_the_chosen_reading_and_its_alternatives() {
    let pym = Pym::new();
    let run = pym.run(&["validate", &fixture(COURSE)]).ok();
    insta::assert_snapshot!(run.stdout, @r"
    Cursus Webontwikkeling
      12 days, 4 other phases, 12 items, 0 sections
      steps found by structure: a run of headings labelled `Les N`, advancing step by step
      readings, best first (`import --reading N` takes another):
      * 1. 12 steps: level-3 headings 'Les N': Structuur; Formulieren; Toegankelijkheid
        2. 4 steps: level-2 headings 'Blok N': HTML; CSS; JavaScript
    ");
    assert!(pym.snapshot().is_empty(), "validate wrote into the home");
}

#[test]
fn validate_json_gives_the_readings_best_first_and_the_chosen_rank() {
    let pym = Pym::new();
    let report = pym.json(&["validate", &fixture(COURSE)]);
    assert_eq!(report["chosen"], 1);
    let readings = report["readings"].as_array().expect("readings");
    assert_eq!(readings.len(), 2);
    assert_eq!(readings[0]["rank"], 1);
    assert_eq!(readings[0]["steps"], 12);
    assert_eq!(readings[0]["unit"], "les");
    assert_eq!(readings[0]["rule"], "level-3 headings 'Les N'");
    assert_eq!(
        readings[0]["first"],
        serde_json::json!(["Structuur", "Formulieren", "Toegankelijkheid"])
    );
    assert_eq!(readings[1]["rank"], 2);
    assert_eq!(readings[1]["steps"], 4);
}

#[test]
fn import_reading_n_takes_that_reading_and_keeps_it_for_later_commands_and_reimports() {
    let pym = Pym::new();
    let source = pym.home().join("course.md");
    std::fs::copy(fixture(COURSE), &source).unwrap();
    let file = source.to_str().unwrap();
    let run = pym.run(&["import", file, "--id", "course", "--reading", "2"]);
    insta::assert_snapshot!(run, @"
    Cursus Webontwikkeling
      4 days, 12 items, 0 sections
      steps found by structure: a run of headings labelled `Blok N`, advancing step by step
      reading 2 of 2: 4 steps: level-2 headings 'Blok N': HTML; CSS; JavaScript
    Imported as 'course' ([HOME]/curricula/course.md). Begin with `pymastery start course`.
    ");
    let outline = pym.json(&["show", "course"]);
    assert_eq!(outline["days"].as_array().map(Vec::len), Some(4));
    assert_eq!(outline["days"][1]["title"], "CSS");
    let kept = std::fs::read_to_string(pym.home().join("curricula/course.toml")).unwrap();
    assert_eq!(kept.trim(), "reading = \"h2 Blok N\"");

    // The plan grows a block at the start: the kept rule, not a number, finds the blocks.
    std::fs::write(&source, course_with_a_new_first_block()).unwrap();
    let again = pym.json(&["import", file, "--id", "course", "--force"]);
    assert_eq!(again["days"], 5);
    assert_eq!(
        again["readings"][again["chosen"].as_u64().unwrap() as usize - 1]["steps"],
        5
    );
    let outline = pym.json(&["show", "course"]);
    assert_eq!(outline["days"][0]["title"], "Voorbereiding");

    // Choosing the best reading again is kept just the same.
    let back = pym.json(&[
        "import",
        file,
        "--id",
        "course",
        "--force",
        "--reading",
        "1",
    ]);
    assert_eq!(back["days"], 15);
    assert_eq!(
        pym.json(&["show", "course"])["days"]
            .as_array()
            .map(Vec::len),
        Some(15)
    );
}

/// The course with a block added at its start: five blocks of three lessons.
fn course_with_a_new_first_block() -> String {
    std::fs::read_to_string(fixture(COURSE))
        .unwrap()
        .replace("## Blok 4: Project", "## Blok 5: Project")
        .replace("## Blok 3: JavaScript", "## Blok 4: JavaScript")
        .replace("## Blok 2: CSS", "## Blok 3: CSS")
        .replace(
            "## Blok 1: HTML",
            "## Blok 1: Voorbereiding\n\n### Les 1: Editor\n- VS Code\n\n### Les 2: Terminal\n- cd en ls\n\n### Les 3: Git\n- commit\n\n## Blok 2: HTML",
        )
}

#[test]
fn plans_update_reads_the_upstream_with_the_kept_reading() {
    let pym = Pym::new();
    let up = crate::upstream::repository(&std::fs::read_to_string(fixture(COURSE)).unwrap());
    let url = up.path().to_str().unwrap();
    let imported = pym.json(&[
        "import",
        "--git",
        url,
        "--path",
        "plan.md",
        "--id",
        "course",
        "--reading",
        "2",
    ]);
    assert_eq!(imported["days"], 4);
    crate::upstream::commit(up.path(), &course_with_a_new_first_block());
    pym.run(&["plans", "update", "course"]).ok();
    let outline = pym.json(&["show", "course"]);
    assert_eq!(outline["days"].as_array().map(Vec::len), Some(5));
    assert_eq!(outline["days"][0]["title"], "Voorbereiding");
}

#[test]
fn a_reading_the_file_does_not_have_is_refused_and_nothing_is_written() {
    let mut pym = Pym::new();
    // Wide enough that the message, which names the source tree, is not wrapped.
    pym.env("COLUMNS", "1000");
    let run = pym.run(&["import", &fixture(COURSE), "--reading", "3"]);
    insta::assert_snapshot!(run, @"
    [stderr]
    error: [REPO]/tests/fixtures/plans/readings-nested-nl.md has 2 readings; --reading takes 1-2 (`pymastery validate` lists them)
    [exit status: 2]
    ");
    assert!(
        pym.snapshot().is_empty(),
        "a refused import wrote into the home"
    );
    insta::assert_snapshot!(pym.run(&["import", &fixture(COURSE), "--reading", "0"]), @"
    [stderr]
    error: invalid value '0' for '--reading <N>': 0 is not in 1..=65535

    For more information, try '--help'.
    [exit status: 2]
    ");
}

#[test]
fn a_damaged_settings_file_is_named_with_its_line() {
    let pym = Pym::new();
    pym.run(&[
        "import",
        &fixture(COURSE),
        "--id",
        "course",
        "--reading",
        "2",
    ])
    .ok();
    std::fs::write(pym.home().join("curricula/course.toml"), "reading = [\n").unwrap();
    insta::assert_snapshot!(pym.run(&["show", "course"]), @"
    [stderr]
    error: [HOME]/curricula/course.toml:1: unclosed array, expected `]`; fix or delete it (the
           plan is then read the default way)
    [exit status: 1]
    ");
}

#[test]
fn a_plan_in_tables_then_a_list_is_one_sequence_and_its_done_column_is_no_item() {
    let mut pym = Pym::new();
    pym.run(&[
        "import",
        &fixture("readings-mixed-shape.md"),
        "--id",
        "rust",
    ])
    .ok();
    let outline = pym.json(&["show", "rust"]);
    assert_eq!(outline["days"].as_array().map(Vec::len), Some(15));
    assert_eq!(
        outline["days"][10]["title"]
            .as_str()
            .map(|t| t.starts_with("Error handling")),
        Some(true)
    );
    pym.run(&["start", "rust"]).ok();
    pym.at(1, "09:00");
    let today = pym.json(&["today"]);
    let items: Vec<&str> = today["day"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["text"].as_str())
        .collect();
    assert_eq!(items, ["Build a greeter CLI"]);
}

#[test]
fn nothing_to_track_says_what_was_looked_for() {
    let mut pym = Pym::new();
    // Wide enough that the message, which names the source tree, is not wrapped.
    pym.env("COLUMNS", "1000");
    insta::assert_snapshot!(pym.run(&["validate", &fixture("false-runs.md")]), @"
    Notes on packaging
      0 days, 0 items, 8 sections
    [stderr]
    error: [REPO]/tests/fixtures/plans/false-runs.md yields nothing to track: looked for runs of steps (headings of one level, items of one list, table rows or columns, or lines whose labels advance: `Day 1`, `Lesson 2`, `第3课`, `IV`, dates, weekdays), weeks and checklist sections, and found none
    hint: mark days as `## Day 1: Title` headings or `- [ ]` checklists; the README shows the format
    [exit status: 1]
    ");
}
