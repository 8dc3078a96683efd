//! Fixture plans: what their outline snapshots (tests/parse_snapshots.rs) cannot show: damaged
//! and mis-encoded text, files that are not text, escapes, the raw text of a fixture.

use pymastery::curriculum::Curriculum;
use pymastery::curriculum::normalize::normalize;
use pymastery::curriculum::parse::{parse, parse_file_text};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    String::from_utf8(bytes).expect("fixture is UTF-8")
}

fn plan(name: &str) -> Curriculum {
    parse("fixture", &fixture(&format!("plans/{name}")))
}

fn keys(p: &Curriculum) -> Vec<&str> {
    p.days.iter().map(|d| d.key.as_str()).collect()
}

fn titles(p: &Curriculum) -> Vec<&str> {
    p.days.iter().map(|d| d.title.as_str()).collect()
}

fn item_counts(p: &Curriculum) -> Vec<usize> {
    p.days.iter().map(|d| d.items.len()).collect()
}

#[test]
fn front_matter_crlf_and_bom() {
    let text = fixture("plans/frontmatter-crlf-bom.md");
    assert!(text.starts_with('\u{feff}') && text.contains("\r\n"));
    let p = parse("fm", &text);
    assert_eq!(p.title, "Front Matter Plan");
    assert_eq!(keys(&p), ["d1", "d2"]);
    assert_eq!(titles(&p), ["CRLF", "Still CRLF"]);
    assert_eq!(p.days[0].line, 6);
    assert!(
        p.meta
            .iter()
            .any(|m| m.label == "author" && m.value == "Ana")
    );
    assert!(
        p.days
            .iter()
            .flat_map(|d| &d.items)
            .all(|i| !i.text.contains('\r'))
    );
}

#[test]
fn windows_1252_mojibake_parses_like_the_clean_text() {
    let damaged = plan("mojibake-1252.md");
    let clean = plan("mojibake-1252.clean.md");
    assert_eq!(damaged.title, clean.title);
    assert_eq!(damaged.days, clean.days);
    assert!(clean.warnings.is_empty());
    assert_eq!(damaged.warnings.len(), 6);
    assert!(
        damaged
            .warnings
            .iter()
            .all(|w| w.message.contains("Windows-1252"))
    );
}

#[test]
fn damaged_deep_dive_repairs_exactly() {
    let (text, warnings) = normalize(&fixture("seeds/deep-dive-damaged.txt"));
    let clean = include_str!("../curricula/deep-dive.md");
    assert_eq!(text.trim_end(), clean.trim_end());
    assert!(!warnings.is_empty());
    assert!(warnings.iter().all(|w| w.message.contains("Windows-1252")));
}

#[test]
fn damaged_roadmap_parses_like_the_clean_one() {
    let damaged = parse("roadmap-30", &fixture("seeds/roadmap-30-damaged.txt"));
    let clean = pymastery::curriculum::builtin::load("roadmap-30").expect("builtin");
    assert_eq!(keys(&damaged), keys(&clean));
    assert_eq!(item_counts(&damaged), item_counts(&clean));
    assert_eq!(damaged.days[0].items[3].text, clean.days[0].items[3].text);
    assert_eq!(damaged.phases.len(), 4);
    assert!(damaged.title.contains("Python Mastery Roadmap"));
    assert!(
        damaged
            .warnings
            .iter()
            .any(|w| w.message.contains("could not repair"))
    );
}

#[test]
fn damaged_interview_parses_like_the_clean_one() {
    let text = fixture("seeds/interview-damaged.txt");
    let (repaired, _) = normalize(&text);
    assert!(repaired.contains("Подготовка к Python backend"));
    let damaged = parse("interview", &text);
    let clean = pymastery::curriculum::builtin::load("interview").expect("builtin");
    assert_eq!(keys(&damaged), keys(&clean));
    assert_eq!(item_counts(&damaged), item_counts(&clean));
    assert_eq!(titles(&damaged), titles(&clean));
    assert_eq!(damaged.sections.len(), clean.sections.len());
    assert_eq!(damaged.sections[0].title, "Interview Readiness Checklist");
    assert!(
        damaged
            .warnings
            .iter()
            .any(|w| w.message.contains("Windows-1254"))
    );
}

#[test]
fn files_that_are_not_text_are_refused() {
    let path = std::path::Path::new("plan.bin");
    let err = parse_file_text("x", path, b"# Plan\0\0").expect_err("NUL bytes");
    assert!(err.to_string().contains("plan.bin is not a text file"));
    assert!(parse_file_text("x", path, &[0x89, b'P', b'N', b'G', 1, 2, 3, 4, 5]).is_err());
    let ok = parse_file_text("x", path, "## Day 1\n- a\n".as_bytes()).expect("text");
    assert_eq!(ok.days.len(), 1);
    let empty = parse_file_text("x", path, b"Just prose.\n").expect("prose is text");
    assert!(!empty.is_trackable());
}

#[test]
fn text_that_is_not_utf8_is_read_as_windows_1252() {
    let path = std::path::Path::new("latin.md");
    let plan = parse_file_text(
        "x",
        path,
        b"# Plan\n\n## Day 1: Caf\xe9 \x93quotes\x94\n- [ ] r\xe9sum\xe9\n",
    )
    .expect("text");
    assert_eq!(plan.days[0].title, "Café “quotes”");
    assert_eq!(plan.days[0].items[0].text, "résumé");
    assert!(
        plan.warnings
            .iter()
            .any(|w| w.line == 3 && w.message.contains("Windows-1252"))
    );
}

#[test]
fn terminal_escapes_never_reach_titles_or_items() {
    let p = parse(
        "esc",
        "# T\u{1b}[2J\n\n## Day 1: Hi\u{7}\n- item\u{1b}]0;evil\u{7}\n",
    );
    assert_eq!(p.days[0].title, "Hi");
    assert_eq!(p.days[0].items[0].text, "item");
    assert_eq!(p.title, "T");
    assert!(!p.warnings.is_empty());
}
