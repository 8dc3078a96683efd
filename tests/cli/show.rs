//! `show`: days, weeks and sections of a plan, as text and JSON.
#![allow(clippy::unwrap_used)]

use crate::support::Pym;

#[test]
fn show_next_the_night_after_a_session_is_tomorrows_day() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    assert_eq!(
        pym.json(&["show", "next"])["day"]["key"],
        "d2",
        "before the session, next is the day after today's"
    );
    pym.run(&["done"]).ok();
    pym.at(1, "21:00");
    assert_eq!(
        pym.json(&["show", "next"])["day"]["key"],
        "d2",
        "after it, next is tomorrow's"
    );
    assert_eq!(pym.json(&["show", "today"])["day"]["key"], "d1");
    assert_eq!(
        pym.at(2, "09:00").json(&["show", "today"])["day"]["key"],
        "d2"
    );
}

#[test]
fn show_day_json_has_the_day_fields_at_the_top_and_under_day() {
    let pym = Pym::new();
    let d = pym.json(&["show", "d1", "--plan", "interview"]);
    assert_eq!(d["key"], "d1");
    assert_eq!(d["day"]["key"], "d1");
    assert_eq!(d["items"].as_array().unwrap().len(), 11);
}

#[test]
fn labels_number_days_as_the_plan_does_checklists_are_not_code_tips_are_not_checkboxes() {
    let pym = Pym::new();
    let d5 = pym.run(&["show", "-p", "interview", "d5"]).ok().stdout;
    assert!(
        d5.starts_with("Python Study Plan (Interview + Pet Project) · Day 5 of 16\n"),
        "{d5}"
    );
    let d41 = pym.run(&["show", "-p", "interview", "d4.1"]).ok().stdout;
    assert!(d41.contains("· Day 4.1 of 16\n"), "{d41}");

    let readiness = pym
        .run(&["show", "-p", "interview", "readiness"])
        .ok()
        .stdout;
    let last = pym.run(&["show", "-p", "interview", "final"]).ok().stdout;
    for text in [&readiness, &last] {
        assert!(!text.lines().any(|l| l == "Code"), "{text}");
        assert!(text.contains("  [ ] 1. "), "{text}");
    }

    let d1 = pym.run(&["show", "-p", "mastery-23", "d1"]).ok().stdout;
    assert!(d1.contains("\nTip\n  Use `sys.getsizeof()`"), "{d1}");
    assert!(!d1.contains("[ ] 13."), "a tip shown as a checkbox: {d1}");

    let outline = pym.run(&["show", "rotating-48"]).ok().stdout;
    for stale in ["Current Day", "Current Cycle", "Last Updated", " 0 items"] {
        assert!(!outline.contains(stale), "{stale}: {outline}");
    }
}

#[test]
fn show_aligns_sections_says_what_else_a_word_could_be_and_csv_has_item_numbers() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    let outline = pym.run(&["show", "interview"]).ok().stdout;
    let sections: Vec<&str> = outline
        .split("\nSections\n")
        .nth(1)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .collect();
    let titles: Vec<usize> = sections
        .iter()
        .map(|l| {
            l.len()
                - l[2..]
                    .trim_start_matches(|c: char| c != ' ')
                    .trim_start()
                    .len()
        })
        .collect();
    assert!(sections.len() > 1, "{outline}");
    assert!(
        titles.windows(2).all(|w| w[0] == w[1]),
        "{titles:?}: {outline}"
    );
    let run = pym.run(&["show", "nosuch"]).code(2);
    assert!(run.stderr.contains("or a plan"), "{}", run.stderr);
    pym.run(&["check", "1", "2"]).ok();
    let csv = pym.run(&["log", "--format", "csv"]).ok().stdout;
    assert!(
        csv.starts_with("date,plan,day,title,event,note,minutes,items\n"),
        "{csv}"
    );
    assert!(csv.contains(",check,,,1 2\n"), "{csv}");
}
