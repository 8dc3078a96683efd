//! Plans in shapes the built-in ones do not have: each fixture pins days, keys, titles, items.

use pymastery::curriculum::normalize::normalize;
use pymastery::curriculum::parse::{parse, parse_file_text};
use pymastery::curriculum::{Curriculum, ItemKind, PhaseKind};

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
fn table_rows_are_days() {
    let p = plan("table-days.md");
    assert_eq!(keys(&p), ["d1", "d2", "d3"]);
    assert_eq!(
        titles(&p),
        ["SELECT basics", "Filtering with `WHERE`", "Joins"]
    );
    assert_eq!(item_counts(&p), [2, 2, 2]);
    assert_eq!(p.days[0].items[0].kind, ItemKind::Task);
    assert_eq!(p.days[0].items[1].kind, ItemKind::Practice);
    assert_eq!(p.days[1].items[1].text, "Filter by status");
    assert_eq!(p.sections.len(), 1);
}

#[test]
fn weekday_headings_under_weeks() {
    let p = plan("weekdays.md");
    assert_eq!(keys(&p), ["w1.mon", "w1.wed", "w1.sat", "w2.mon", "w2.thu"]);
    assert_eq!(p.days[4].label, "Thu");
    assert_eq!(item_counts(&p), [2, 1, 1, 1, 1]);
    assert_eq!(p.phases.len(), 2);
    assert_eq!(p.phases[1].title, "Build");
}

#[test]
fn numbered_list_days_with_nested_checkboxes() {
    let p = plan("numbered-nested.md");
    assert_eq!(keys(&p), ["d1", "d2", "d3"]);
    assert_eq!(
        titles(&p),
        ["Ownership", "Structs and enums", "Error handling"]
    );
    assert_eq!(item_counts(&p), [2, 2, 1]);
    let d1 = &p.days[0];
    assert!(
        d1.items
            .iter()
            .all(|i| i.checkbox && i.kind == ItemKind::Task)
    );
    assert_eq!(d1.items[1].children.len(), 1);
    assert_eq!(d1.items[1].children[0].text, "and one that borrows it");
}

#[test]
fn zero_padded_day_numbers() {
    let p = plan("zero-padded.md");
    assert_eq!(keys(&p), ["d1", "d2", "d10"]);
    assert_eq!(p.days[0].label, "Day 01");
    assert_eq!(p.days[0].items[1].text, "Write `hello.go`");
}

#[test]
fn combined_week_and_day_headings() {
    let p = plan("combined.md");
    assert_eq!(keys(&p), ["w1.d1", "w1.d2", "w2.d1"]);
    assert_eq!(titles(&p), ["Variables", "Loops", "Functions"]);
    let weeks: Vec<_> = p.phases.iter().map(|ph| (ph.kind, ph.number)).collect();
    assert_eq!(
        weeks,
        [(PhaseKind::Week, Some(1)), (PhaseKind::Week, Some(2))]
    );
    assert_eq!(p.days[2].phase, Some(1));
}

#[test]
fn bold_lines_are_days() {
    let p = plan("bold-lines.md");
    assert_eq!(keys(&p), ["d1", "d2", "d3"]);
    assert_eq!(titles(&p), ["Lists and tuples", "Dictionaries", "Sets"]);
    assert_eq!(item_counts(&p), [2, 2, 1]);
}

#[test]
fn restarting_day_numbers_carry_the_week() {
    let p = plan("restart.md");
    assert_eq!(keys(&p), ["w1.d1", "w1.d2", "w2.d1", "w2.d2"]);
    assert!(p.warnings.is_empty());
}

#[test]
fn code_blocks_and_comments_hold_no_days() {
    let p = plan("code-fences.md");
    assert_eq!(keys(&p), ["d1", "d2"]);
    assert_eq!(item_counts(&p), [1, 1]);
}

#[test]
fn prose_has_nothing_to_track() {
    let p = plan("nothing.md");
    assert!(p.days.is_empty());
    assert!(!p.is_trackable());
    assert_eq!(p.title, "Thoughts on learning");
    assert!(parse("empty", "").days.is_empty());
}

#[test]
fn weeks_without_days_become_entries() {
    let p = plan("weeks-only.md");
    assert_eq!(keys(&p), ["w1", "w2", "w3"]);
    assert!(p.days.iter().all(|d| d.span == 7));
    assert_eq!(titles(&p), ["Linear algebra", "Probability", "Regression"]);
    assert_eq!(item_counts(&p), [2, 2, 1]);
    assert_eq!(p.total_span(), 21);
}

#[test]
fn checklists_become_entries() {
    let p = plan("checklist-only.md");
    assert_eq!(keys(&p), ["accounts", "first-week"]);
    assert_eq!(item_counts(&p), [3, 2]);
    assert_eq!(p.sections.len(), 1);
    assert_eq!(p.sections[0].title, "About");
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
fn german_plan() {
    let p = plan("german.md");
    assert_eq!(keys(&p), ["d1", "d2", "d3"]);
    assert_eq!(p.days[0].label, "Tag 1");
    assert_eq!(p.days[0].items[1].text, "Größe von Objekten");
    assert_eq!(p.days[0].items[2].kind, ItemKind::Practice);
    assert_eq!(p.phases.len(), 2);
    assert_eq!(p.phases[0].label, "Woche 1");
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn french_spanish_italian_days() {
    let p = plan("french-spanish.md");
    assert_eq!(keys(&p), ["d1", "d2", "d3"]);
    assert_eq!(titles(&p), ["Variables", "Bucles", "Funzioni"]);
    assert_eq!(p.phases[0].label, "Semaine 1");
    assert_eq!(p.days[0].items[1].text, "Café et crème");
    assert!(p.warnings.is_empty());
}

#[test]
fn russian_plan() {
    let p = plan("russian.md");
    assert_eq!(keys(&p), ["d1", "d2"]);
    assert_eq!(p.days[0].label, "День 1");
    assert_eq!(p.days[0].title, "Типы данных");
    assert_eq!(p.days[0].items[2].kind, ItemKind::Practice);
    assert_eq!(p.phases[0].label, "Неделя 1");
    assert_eq!(p.meta[0].label, "Цель");
    assert!(p.warnings.is_empty());
}

#[test]
fn chinese_plan() {
    let p = plan("chinese.md");
    assert_eq!(keys(&p), ["d1", "d2"]);
    assert_eq!(titles(&p), ["变量", "循环"]);
    assert_eq!(p.phases.len(), 1);
    assert_eq!(p.phases[0].number, Some(1));
}

#[test]
fn ranges_and_a_named_capstone() {
    let p = plan("ranges-final.md");
    assert_eq!(keys(&p), ["d1", "d2-4", "d5", "capstone"]);
    assert_eq!(p.days[1].span, 3);
    assert_eq!(p.days[1].label, "Days 2-4");
    assert_eq!(p.days[3].title, "Ship it");
    assert_eq!(p.total_span(), 6);
    assert_eq!(p.sections.len(), 1);
}

#[test]
fn duplicate_keys_are_renamed_with_a_warning() {
    let p = plan("duplicates.md");
    assert_eq!(keys(&p), ["d1", "d1-2"]);
    assert_eq!(p.warnings.len(), 1);
    assert_eq!(p.warnings[0].line, 6);
}

#[test]
fn plain_text_plan_in_german() {
    let p = plan("plain-german.txt");
    assert_eq!(p.title, "Lernplan Woche 1");
    assert_eq!(keys(&p), ["d1", "d2"]);
    let kinds: Vec<_> = p.days[0].items.iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        [ItemKind::Topic, ItemKind::Topic, ItemKind::Practice]
    );
    assert_eq!(p.days[1].items[1].kind, ItemKind::Tip);
    assert_eq!(p.days[1].items[1].text, "Kleine Funktionen schreiben");
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

#[test]
fn day_numbers_restarting_each_month() {
    let p = plan("months-restart.md");
    assert_eq!(keys(&p), ["m1.d1", "m1.d2", "m2.d1", "m2.d2"]);
    assert_eq!(p.phases[0].kind, PhaseKind::Part);
    assert_eq!(p.days[3].span, 1, "a duration is not a range");
}

#[test]
fn nested_list_weeks_and_days() {
    let p = plan("list-weeks.md");
    assert_eq!(keys(&p), ["w1.d1", "w1.d2", "w2.d1", "w2.d2"]);
    assert_eq!(p.title, "Study outline");
    assert_eq!(titles(&p), ["Variables", "Loops", "def", "Closures"]);
    assert_eq!(item_counts(&p), [0, 0, 0, 1]);
}

#[test]
fn weeks_restarting_each_cycle() {
    let p = plan("cycles-restart.md");
    assert_eq!(keys(&p), ["c1.w1.d1", "c1.w1.d2", "c2.w1.d1", "c2.w1.d2"]);
    assert!(p.warnings.is_empty());
}

#[test]
fn table_with_week_and_day_columns() {
    let p = plan("table-week-day.md");
    assert_eq!(keys(&p), ["w1.d1", "w1.d2", "w2.d1"]);
    assert_eq!(p.title, "Semester overview");
    assert_eq!(titles(&p), ["Intro", "Setup", "Types"]);
    assert_eq!(p.days[0].items[0].text, "Read ch. 1");
    assert_eq!(p.days[0].items[0].kind, ItemKind::Task);
}

#[test]
fn weekday_list_items() {
    let p = plan("weekday-list.md");
    assert_eq!(keys(&p), ["w1.mon", "w1.tue", "w1.fri", "w2.mon", "w2.wed"]);
    assert_eq!(
        titles(&p),
        ["Arrays", "Strings", "Review", "Trees", "Graphs"]
    );
}

#[test]
fn plain_day_lines_in_markdown_with_lazy_labelled_lines() {
    let p = plan("paragraph-days.md");
    assert_eq!(p.title, "My plan");
    assert_eq!(keys(&p), ["d1", "d2"]);
    let d2: Vec<_> = p.days[1]
        .items
        .iter()
        .map(|i| (i.kind, i.text.as_str()))
        .collect();
    assert_eq!(
        d2,
        [
            (ItemKind::Topic, "for"),
            (ItemKind::Topic, "while"),
            (ItemKind::HandsOn, "write fizzbuzz")
        ]
    );
}

#[test]
fn plain_text_indentation_is_relative() {
    let p = plan("plain-indented.txt");
    assert_eq!(p.title, "fixture");
    assert_eq!(keys(&p), ["d1", "d2"]);
    assert_eq!(p.days[0].items.len(), 3);
    assert!(p.days[0].items.iter().all(|i| i.children.is_empty()));
    assert_eq!(p.days[0].notes, ["Resources:"]);
}

#[test]
fn level_one_day_headings_with_sub_headings() {
    let p = plan("h1-days.md");
    assert_eq!(p.title, "fixture");
    assert_eq!(keys(&p), ["d1", "d2"]);
    assert_eq!(p.days[0].notes, ["Read the intro."]);
    assert!(p.days[0].items.iter().all(|i| i.kind == ItemKind::Task));
    assert_eq!(p.days[1].items[0].kind, ItemKind::Tip);
    assert_eq!(p.days[1].items[0].text, "be careful");
}

#[test]
fn bold_weekday_lines_under_week_headings() {
    let p = plan("bold-weekdays.md");
    assert_eq!(keys(&p), ["w1.mon", "w1.tue", "w2.mon"]);
    assert_eq!(p.days[1].title, "rest");
    assert_eq!(item_counts(&p), [1, 0, 1]);
}

#[test]
fn table_of_linked_days_under_a_day_header() {
    let p = plan("table-links.md");
    assert_eq!(p.title, "30 Days of Python");
    assert_eq!(keys(&p), ["d1", "d2", "d3"]);
    assert_eq!(
        titles(&p),
        ["Introduction", "Variables, Built-in Functions", "Operators"]
    );
}

#[test]
fn table_of_weeks_becomes_weekly_entries() {
    let p = plan("table-weeks.md");
    assert_eq!(keys(&p), ["w1", "w2", "w3"]);
    assert_eq!(titles(&p), ["SQL", "Python ETL", "Airflow"]);
    assert!(p.days.iter().all(|d| d.span == 7));
    assert_eq!(p.days[0].items[0].text, "Load a CSV into Postgres");
    assert_eq!(p.days[0].items[0].kind, ItemKind::Deliverable);
}

#[test]
fn unbulleted_lines_are_items_but_wrapped_prose_is_a_note() {
    let p = plan("unbulleted-lines.md");
    assert_eq!(keys(&p), ["d1", "d2"]);
    let d1: Vec<_> = p.days[0]
        .items
        .iter()
        .map(|i| (i.kind, i.text.as_str()))
        .collect();
    assert_eq!(
        d1,
        [
            (ItemKind::Topic, "Variables"),
            (ItemKind::Topic, "Loops and conditions"),
            (ItemKind::HandsOn, "Write FizzBuzz")
        ]
    );
    assert!(p.days[1].items.is_empty());
    assert_eq!(p.days[1].notes.len(), 1);
    assert!(p.days[1].notes[0].ends_with("between callers."));
}

#[test]
fn plain_text_with_dash_bullets_under_indented_days() {
    let p = plan("plain-bulleted.txt");
    assert_eq!(keys(&p), ["w1.d1", "w1.d2", "w2.d1", "w2.d2"]);
    assert_eq!(
        titles(&p),
        ["Pods and containers", "Deployments", "Services", "Ingress"]
    );
    assert_eq!(p.days[0].items[0].text, "read the docs on pods");
    assert_eq!(item_counts(&p), [2, 1, 0, 0]);
}

#[test]
fn bare_weekday_headings_are_titled_by_the_weekday() {
    let p = plan("weekday-bare-headings.md");
    assert_eq!(keys(&p), ["w1.mon", "w1.tue", "w1.wed", "w2.mon", "w2.tue"]);
    assert_eq!(
        titles(&p),
        ["Monday", "Tuesday", "Wednesday", "Monday", "Tuesday"]
    );
    assert_eq!(p.phases[1].title, "Concurrency");
}

#[test]
fn week_headings_with_a_day_range_keep_their_real_title() {
    let p = plan("week-day-ranges.md");
    let weeks: Vec<&str> = p.phases.iter().map(|w| w.title.as_str()).collect();
    assert_eq!(weeks, ["Arrays", "Graphs"]);
    assert_eq!(keys(&p), ["d1", "d2", "d3-4", "d8", "d9"]);
    assert_eq!(p.days[2].span, 2);
}
