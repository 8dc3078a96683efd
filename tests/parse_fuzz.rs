//! No input makes the parser or the normaliser panic or break the model's invariants.

use proptest::prelude::*;
use pymastery::curriculum::normalize::normalize;
use pymastery::curriculum::parse::{parse, parse_file_text};
use pymastery::curriculum::{Curriculum, Item};

const PLANS: [&str; 5] = [
    include_str!("../curricula/rotating-48.md"),
    include_str!("../curricula/mastery-23.md"),
    include_str!("../curricula/roadmap-30.md"),
    include_str!("../curricula/interview.md"),
    include_str!("../curricula/deep-dive.md"),
];

fn check(p: &Curriculum) {
    let mut keys = std::collections::HashSet::new();
    for (i, d) in p.days.iter().enumerate() {
        assert_eq!(d.ordinal, i + 1);
        assert!(d.span >= 1);
        assert!(!d.key.is_empty());
        assert_eq!(d.key, d.key.to_lowercase());
        assert!(keys.insert(d.key.clone()), "duplicate key {}", d.key);
        assert!(d.phase.is_none_or(|q| q < p.phases.len()));
        assert!(!d.title.chars().any(char::is_control));
        items(&d.items);
    }
    for ph in &p.phases {
        assert!(ph.parent.is_none_or(|q| q < p.phases.len()));
    }
    let mut section_keys = std::collections::HashSet::new();
    for s in &p.sections {
        assert!(section_keys.insert(s.key.clone()));
        items(&s.items);
    }
}

fn items(list: &[Item]) {
    for (i, it) in list.iter().enumerate() {
        assert_eq!(it.n, i + 1);
        assert!(!it.text.chars().any(|c| c.is_control() && c != '\t'));
        items(&it.children);
    }
}

/// One edit to a plan's lines: delete, duplicate, swap, or insert random text.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Insert(usize, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<usize>().prop_map(Edit::Delete),
        any::<usize>().prop_map(Edit::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
        (
            any::<usize>(),
            "[#\\-*>|`\\[\\] x0-9.:Dayek\u{1b}\u{0}ÃðŸâ€Ğ\t\r\n]{0,12}"
        )
            .prop_map(|(a, s)| Edit::Insert(a, s)),
    ]
}

fn apply(plan: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = plan.lines().map(str::to_string).collect();
    for e in edits {
        if lines.is_empty() {
            break;
        }
        let n = lines.len();
        match e {
            Edit::Delete(i) => {
                lines.remove(i % n);
            }
            Edit::Duplicate(i) => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Edit::Swap(a, b) => lines.swap(a % n, b % n),
            Edit::Insert(i, s) => {
                let line = &mut lines[i % n];
                let mut at = (i / n.max(1)) % (line.len() + 1);
                while !line.is_char_boundary(at) {
                    at -= 1;
                }
                line.insert_str(at, s);
            }
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_strings(s in any::<String>()) {
        check(&parse("fuzz", &s));
        let _ = normalize(&s);
    }

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(p) = parse_file_text("fuzz", std::path::Path::new("f"), &bytes) {
            check(&p);
        }
    }

    #[test]
    fn markdownish_strings(s in "([#\\-*>|`\\[\\] x0-9.:]|Day|Week|Cycle|Tag|\n|  |\\*\\*|---|Practice:|```){0,80}") {
        check(&parse("fuzz", &s));
    }

    #[test]
    fn mutated_plans(which in 0..5usize, edits in proptest::collection::vec(edit(), 1..8)) {
        let text = apply(PLANS[which], &edits);
        check(&parse("fuzz", &text));
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    let mut s = String::from("## Day 1\n");
    for depth in 0..3000 {
        s.push_str(&"  ".repeat(depth));
        s.push_str("- x\n");
    }
    check(&parse("deep", &s));
    let quotes = format!("{}## Day 1\n- a\n", "> ".repeat(2000));
    check(&parse("quotes", &quotes));
}

#[test]
fn large_plan_parses() {
    let mut s = String::from("# Big\n");
    for w in 1..=2858u32 {
        s.push_str(&format!("## Week {w}\n"));
        for d in 1..=7 {
            s.push_str(&format!(
                "### Day {d}: Topic {w}-{d}\n- [ ] a `x`\n- [ ] b\n"
            ));
        }
    }
    let p = parse("big", &s);
    assert_eq!(p.days.len(), 20_006);
    assert_eq!(p.days[7].key, "w2.d1");
    check(&p);
}
