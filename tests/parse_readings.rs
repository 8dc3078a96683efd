//! Readings: the ways a plan can be read, best first. Every fixture's readings are pinned as
//! insta snapshots (the plan's own fixtures one by one, the rest together), and for every
//! fixture the reading that reads it right (tests/fixtures/readings.tsv) is among the first
//! three and gives that plan when chosen.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use pymastery::curriculum::Curriculum;
use pymastery::curriculum::builtin::BUILTINS;
use pymastery::curriculum::parse::{Choice, parse, parse_file_text_with, reading_notes};

fn fixtures() -> Vec<PathBuf> {
    let dir = format!("{}/tests/fixtures/plans", env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    paths
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn fixture(file: &str) -> PathBuf {
    fixtures()
        .into_iter()
        .find(|p| name(p) == file)
        .expect("fixture")
}

fn read(path: &Path, choice: &Choice) -> Curriculum {
    let bytes = std::fs::read(path).expect("fixture");
    parse_file_text_with("fixture", path, &bytes, choice).expect("parses")
}

/// The readings as `validate` weighs them: `*` marks the chosen one.
fn readings(p: &Curriculum) -> String {
    let mut s = String::new();
    for r in &p.readings {
        let mark = if r.rank == p.chosen { "*" } else { " " };
        let _ = writeln!(
            s,
            "{mark}{}. {} {} by {} (kept as `{}`; score {}, {}% of the text) first {:?}",
            r.rank, r.steps, r.unit, r.rule, r.key, r.score, r.coverage, r.first
        );
    }
    for note in reading_notes(p) {
        let _ = writeln!(s, "note: {note}");
    }
    s
}

#[test]
fn readings_of_each_kind_of_run() {
    let own: Vec<PathBuf> = fixtures()
        .into_iter()
        .filter(|p| name(p).starts_with("readings-"))
        .collect();
    assert!(own.len() >= 12);
    for path in own {
        let plan = read(&path, &Choice::Best);
        insta::assert_snapshot!(name(&path), readings(&plan));
    }
}

#[test]
fn readings_of_the_other_fixtures_and_the_builtin_plans() {
    let mut all = String::new();
    for path in fixtures()
        .into_iter()
        .filter(|p| !name(p).starts_with("readings-"))
    {
        let _ = writeln!(all, "== {}", name(&path));
        all.push_str(&readings(&read(&path, &Choice::Best)));
    }
    for b in &BUILTINS {
        let _ = writeln!(all, "== built-in {}", b.id);
        all.push_str(&readings(&parse(b.id, b.source)));
    }
    insta::assert_snapshot!("all", all);
}

/// `name<TAB>steps<TAB>kept rule` of the right reading of every fixture.
fn expected() -> Vec<(String, usize, String)> {
    let path = format!("{}/tests/fixtures/readings.tsv", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path)
        .expect("readings.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut f = l.split('\t');
            let name = f.next().unwrap_or_default().to_string();
            let steps = f.next().and_then(|s| s.parse().ok()).expect("steps");
            let rule = f.next().unwrap_or_default().to_string();
            (name, steps, rule)
        })
        .collect()
}

#[test]
fn the_right_reading_is_among_the_first_three_and_choosing_it_gives_the_plan() {
    let expected = expected();
    let files: Vec<String> = fixtures().iter().map(|p| name(p)).collect();
    let listed: Vec<&String> = expected.iter().map(|(n, _, _)| n).collect();
    assert_eq!(
        files.iter().collect::<Vec<_>>(),
        listed,
        "readings.tsv lists every fixture"
    );
    for (file, steps, rule) in &expected {
        let path = fixture(file);
        let best = read(&path, &Choice::Best);
        if *steps == 0 {
            assert!(!best.is_trackable(), "{file}: nothing to track");
            assert!(best.readings.is_empty(), "{file}: no reading");
            continue;
        }
        let rank = best
            .readings
            .iter()
            .find(|r| &r.key == rule)
            .map(|r| r.rank)
            .unwrap_or_else(|| panic!("{file}: no reading `{rule}` in\n{}", readings(&best)));
        assert!(rank <= 3, "{file}: `{rule}` is reading {rank}");
        let chosen = read(&path, &Choice::Rank(rank));
        assert_eq!(chosen.chosen, rank, "{file}");
        assert_eq!(chosen.days.len(), *steps, "{file}: reading {rank}");
        let kept = read(&path, &Choice::Rule(rule.clone()));
        assert_eq!(kept.days, chosen.days, "{file}: kept by rule");
    }
}

#[test]
fn a_kept_rule_the_file_no_longer_has_falls_back_to_the_best_with_a_warning() {
    let path = fixture("readings-nested-nl.md");
    let plan = read(&path, &Choice::Rule("h2 Unit N".into()));
    assert_eq!(plan.chosen, 1);
    assert!(
        plan.warnings
            .iter()
            .any(|w| w.message.contains("(h2 Unit N) no longer fits")),
        "{:?}",
        plan.warnings
    );
}

#[test]
fn a_plan_whose_steps_change_shape_reads_as_one_sequence() {
    let path = fixture("readings-mixed-shape.md");
    let plan = read(&path, &Choice::Best);
    let keys: Vec<&str> = plan.days.iter().map(|d| d.key.as_str()).collect();
    let want: Vec<String> = (1..=15).map(|n| format!("d{n}")).collect();
    assert_eq!(keys, want);
    // The Done column is state, not something to do.
    let texts: Vec<&str> = plan.days[0].items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, ["Build a greeter CLI"]);
}

#[test]
fn a_table_of_contents_is_no_reading_of_its_own() {
    let text = "# Go\n\n## Contents\n- [Day 1 - Setup](#day-1)\n- [Day 2 - Types](#day-2)\n- [Day 3 - Control](#day-3)\n- [Day 4 - Functions](#day-4)\n\n## Day 1 - Setup\n- a\n\n## Day 2 - Types\n- b\n\n## Day 3 - Control\n- c\n\n## Day 4 - Functions\n- d\n";
    let plan = parse("toc", text);
    let rules: Vec<&str> = plan.readings.iter().map(|r| r.rule.as_str()).collect();
    assert_eq!(rules, ["level-2 headings 'Day N'"]);
}

/// `1. nap: Title` over an unindented bullet list, day after day: Markdown reads one-item
/// ordered lists and bullet lists side by side; the days hold the bullets below them.
#[test]
fn numbered_day_lines_over_bullet_lists_are_days_holding_those_bullets() {
    let plan = read(&fixture("readings-day-lists-hu.md"), &Choice::Best);
    assert_eq!(plan.readings.len(), 1, "{}", readings(&plan));
    let keys: Vec<&str> = plan.days.iter().map(|d| d.key.as_str()).collect();
    let want: Vec<String> = (1..=12).map(|n| format!("d{n}")).collect();
    assert_eq!(keys, want);
    assert!(plan.days.iter().all(|d| d.items.len() == 3));
    assert_eq!(plan.days[0].title, "Telepítés és az első program");
    assert_eq!(plan.days[11].items[2].text, "A kód feltöltése GitHubra");
    // Bullets indented too little for `10.` to hold them split the list at day 10.
    let de = read(&fixture("readings-day-lists-de.md"), &Choice::Best);
    let items: Vec<usize> = de.days.iter().map(|d| d.items.len()).collect();
    assert_eq!(items, [2; 12]);
    // A word no table knows: the run of numbered lines alone makes the days.
    let en = parse(
        "en",
        "# Plan\n\n1. Day: Setup\n- install\n2. Day: Types\n- ints\n3. Day: Loops\n- for\n4. Day: Functions\n- def\n",
    );
    assert_eq!(en.readings[0].key, "li0 N. Day");
    let titles: Vec<&str> = en.days.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["Setup", "Types", "Loops", "Functions"]);
    assert!(en.days.iter().all(|d| d.items.len() == 1));
}

/// A known day word keeps its number even where Markdown takes it as the list's numbering, so
/// a plan too short for a run of its own still has its days.
#[test]
fn a_short_plan_of_numbered_day_lines_is_read_by_its_day_words() {
    let short = parse(
        "hu",
        "# Terv\n\n1. nap: Telepítés\n- a\n2. nap: Változók\n- b\n3. nap: Feltételek\n- c\n",
    );
    let labels: Vec<&str> = short.days.iter().map(|d| d.label.as_str()).collect();
    assert_eq!(labels, ["1. nap", "2. nap", "3. nap"]);
    assert_eq!(short.days[2].title, "Feltételek");
    let nested = parse(
        "de",
        "# Plan\n\n1. Tag: Setup\n   - a\n2. Tag: Typen\n   - b\n",
    );
    let items: Vec<usize> = nested.days.iter().map(|d| d.items.len()).collect();
    assert_eq!(items, [1, 1]);
}
