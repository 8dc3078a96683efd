//! The five built-in plans parse to the shapes their sources have.

use pymastery::curriculum::builtin::load;
use pymastery::curriculum::{Curriculum, Item, ItemKind, PhaseKind};

fn plan(id: &str) -> Curriculum {
    load(id).expect("built-in plan")
}

fn kinds(items: &[Item]) -> Vec<ItemKind> {
    items.iter().map(|i| i.kind).collect()
}

fn count(items: &[Item], kind: ItemKind) -> usize {
    items.iter().filter(|i| i.kind == kind).count()
}

fn section<'a>(p: &'a Curriculum, title: &str) -> &'a pymastery::curriculum::Section {
    p.sections
        .iter()
        .find(|s| s.title == title)
        .unwrap_or_else(|| {
            panic!(
                "no section {title:?} in {:?}",
                p.sections.iter().map(|s| &s.title).collect::<Vec<_>>()
            )
        })
}

fn meta<'a>(p: &'a Curriculum, label: &str) -> &'a str {
    &p.meta.iter().find(|m| m.label == label).expect(label).value
}

/// Invariants every plan keeps: unique lower-case keys, ordinals 1..n, items 1..k.
fn check_invariants(p: &Curriculum) {
    let mut keys = std::collections::HashSet::new();
    for (i, d) in p.days.iter().enumerate() {
        assert_eq!(d.ordinal, i + 1);
        assert!(d.span >= 1);
        assert_eq!(d.key, d.key.to_lowercase());
        assert!(keys.insert(d.key.clone()), "duplicate key {}", d.key);
        fn numbered(items: &[Item]) {
            for (i, it) in items.iter().enumerate() {
                assert_eq!(it.n, i + 1);
                numbered(&it.children);
            }
        }
        numbered(&d.items);
    }
}

#[test]
fn builtins_keep_invariants_and_have_no_warnings() {
    for b in pymastery::curriculum::builtin::BUILTINS {
        let p = plan(b.id);
        check_invariants(&p);
        assert!(p.warnings.is_empty(), "{}: {:?}", b.id, p.warnings);
    }
}

#[test]
fn rotating_48() {
    let p = plan("rotating-48");
    assert_eq!(p.title, "Python Practice Plan - Senior Developer Edition");
    assert_eq!(p.days.len(), 336);
    let cycles: Vec<_> = p
        .phases
        .iter()
        .filter(|ph| ph.kind == PhaseKind::Cycle)
        .collect();
    assert_eq!(
        cycles.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(),
        ["Cycle 1", "Cycle 2", "Cycle 3", "Cycle 4"]
    );
    assert_eq!(cycles[0].title, "Foundation & Idioms");
    let weeks: Vec<_> = p
        .phases
        .iter()
        .filter(|ph| ph.kind == PhaseKind::Week)
        .collect();
    assert_eq!(weeks.len(), 48);
    assert_eq!(
        weeks.iter().map(|w| w.number).collect::<Vec<_>>(),
        (1..=48).map(Some).collect::<Vec<_>>()
    );
    assert_eq!(weeks[0].title, "Pythonic Idioms");
    assert_eq!(
        weeks[2].title,
        "Advanced Data Structures (collections module)"
    );
    for (i, w) in weeks.iter().enumerate() {
        let parent = w
            .parent
            .and_then(|q| p.phases.get(q))
            .expect("week has a cycle");
        assert_eq!(parent.kind, PhaseKind::Cycle);
        assert_eq!(
            parent.number,
            Some(u32::try_from(i / 12 + 1).expect("small"))
        );
    }
    assert_eq!(p.days[0].key, "w1.d1");
    assert_eq!(p.days[335].key, "w48.d7");
    assert_eq!(
        p.days[0].title,
        "List comprehensions vs generator expressions (memory profiling)"
    );
    assert_eq!(
        p.days[3].title,
        "Context managers - implementing `__enter__` and `__exit__`"
    );
    assert!(p.days.iter().all(|d| d.items.is_empty()));
    assert!(p.days[15].title.contains("deque"));
    assert!(p.days[23].title.contains("lru_cache"));
    assert!(p.days[266].title.contains("cache_info"));
    assert!(p.days[335].title.contains("quality pipeline"));
    let path = p.phase_path(&p.days[15]);
    assert_eq!(
        path.iter().map(|ph| ph.label.as_str()).collect::<Vec<_>>(),
        ["Cycle 1", "Week 3"]
    );

    let c5 = section(&p, "Cycle 5+: Weeks 49+ (Mastery & Specialization)");
    assert_eq!(c5.items.len(), 10);
    assert_eq!(c5.text, ["Continue with domain-specific deep dives:"]);
    assert!(!section(&p, "Philosophy").text.is_empty());
    assert_eq!(
        section(&p, "Daily Session Structure (10-15 minutes)")
            .items
            .len(),
        3
    );
    let levels = section(&p, "Complexity Levels");
    assert_eq!(levels.items.len(), 3);
    assert_eq!(
        levels.items[0].text,
        "**Level 1** (Cycles 1-2): Implement concept in isolation"
    );
    assert_eq!(section(&p, "Resources").items.len(), 5);
    assert!(!section(&p, "Progress Tracking").text.is_empty());
    assert_eq!(section(&p, "Customization Notes").items.len(), 4);
    assert_eq!(
        meta(&p, "Target Audience"),
        "30+ years programming experience"
    );
    assert_eq!(meta(&p, "Time Commitment"), "10-15 minutes daily");
    assert!(meta(&p, "Focus Areas").starts_with("Idioms"));
    assert_eq!(meta(&p, "Approach"), "Hands-on, progressive mastery");
    assert_eq!(meta(&p, "Current Week"), "1");
    assert_eq!(meta(&p, "Last Updated"), "2025-11-25");
}

#[test]
fn mastery_23() {
    let p = plan("mastery-23");
    assert_eq!(p.days.len(), 23);
    let keys: Vec<_> = p.days.iter().map(|d| d.key.as_str()).collect();
    let want: Vec<String> = (0..=22).map(|n| format!("d{n}")).collect();
    assert_eq!(keys, want);
    let d0 = &p.days[0];
    assert_eq!(d0.label, "Day 0");
    assert_eq!(d0.title, "Setup & Preparation");
    assert_eq!(d0.phase, None);
    assert_eq!(count(&d0.items, ItemKind::Question), 4);
    assert_eq!(count(&d0.items, ItemKind::Task), 11);
    assert_eq!(count(&d0.items, ItemKind::Tip), 1);

    let weeks: Vec<_> = p
        .phases
        .iter()
        .filter(|ph| ph.kind == PhaseKind::Week)
        .collect();
    assert_eq!(weeks.len(), 3);
    assert_eq!(weeks[0].title, "Foundations & Python's Object Model");

    let d1 = &p.days[1];
    assert_eq!(d1.title, "Types, Variables & The Object Model");
    assert_eq!(count(&d1.items, ItemKind::Question), 6);
    // The source lists six code tasks, one of them with three sub-bullets.
    assert_eq!(count(&d1.items, ItemKind::Task), 6);
    assert_eq!(count(&d1.items, ItemKind::Tip), 1);
    let with_children: Vec<_> = d1.items.iter().filter(|i| !i.children.is_empty()).collect();
    assert_eq!(with_children.len(), 1);
    assert_eq!(with_children[0].children.len(), 3);
    assert!(with_children[0].text.contains("`inspect_value(val)`"));
    let tip = d1
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Tip)
        .expect("tip");
    assert!(tip.text.starts_with("Use `sys.getsizeof()`"));
    assert_eq!(d1.notes, ["Build a type inspection tool"]);
    assert!(kinds(&d1.items).starts_with(&[ItemKind::Question; 6]));

    let d22 = &p.days[22];
    assert_eq!(d22.label, "Day 22");
    assert_eq!(count(&d22.items, ItemKind::Question), 6);
    assert!(d22.notes.iter().any(|n| n.contains("Task Queue")));
    assert!(d22.items.iter().any(|i| i.text.contains("task queue")));

    assert!(p.sections.iter().all(|s| s.title != "Table of Contents"));
    assert_eq!(
        section(&p, "Resources to Supplement Learning").items.len(),
        8
    );
    assert_eq!(section(&p, "Success Metrics").items.len(), 6);
    let habits = section(&p, "Daily Habits");
    assert_eq!(habits.items.len(), 6);
    assert!(habits.text.iter().any(|t| t.contains("Remember")));
}

#[test]
fn roadmap_30() {
    let p = plan("roadmap-30");
    assert_eq!(p.title, "Python Mastery Roadmap (1-Month Intensive Plan)");
    let weeks: Vec<_> = p
        .phases
        .iter()
        .filter(|ph| ph.kind == PhaseKind::Week)
        .collect();
    assert_eq!(weeks.len(), 4);
    assert_eq!(weeks[0].label, "Week 1");
    assert_eq!(weeks[0].title, "Core Python & Idiomatic Foundation");
    assert_eq!(p.days.len(), 28);
    let mut want: Vec<String> = (1..=27).map(|n| format!("d{n}")).collect();
    want.push("d28-30".into());
    assert_eq!(
        p.days.iter().map(|d| d.key.clone()).collect::<Vec<_>>(),
        want
    );
    let last = &p.days[27];
    assert_eq!(last.label, "Day 28–30");
    assert_eq!(last.span, 3);
    assert_eq!(last.title, "Capstone Project");
    assert!(p.days[..27].iter().all(|d| d.span == 1));
    assert_eq!(p.total_span(), 30);
    assert_eq!(p.item_count(), 65);
    assert!(
        p.days
            .iter()
            .flat_map(|d| &d.items)
            .all(|i| i.checkbox && i.kind == ItemKind::Task)
    );
    let d1 = &p.days[0];
    assert_eq!(d1.items.len(), 4);
    assert_eq!(
        d1.items[3].text,
        "Build CLI “Hello, Python” using `argparse`"
    );
    assert!(meta(&p, "Goal").starts_with("Understand Python deeply"));
    assert_eq!(meta(&p, "Duration"), "30 days (4–6 hours/day)");
    assert_eq!(
        meta(&p, "Level"),
        "Developer with prior programming experience"
    );
    let summary = section(&p, "Summary");
    assert_eq!(summary.items.len(), 4);
    assert_eq!(
        summary.items[0].text,
        "Week 1 · Core Python · CLI tool + bytecode exploration"
    );
}

#[test]
fn interview() {
    let p = plan("interview");
    assert_eq!(p.days.len(), 16);
    let keys: Vec<_> = p.days.iter().map(|d| d.key.as_str()).collect();
    assert_eq!(&keys[..6], ["d1", "d2", "d3", "d4", "d4.1", "d5"]);
    assert_eq!(keys[15], "final");
    assert_eq!(p.item_count(), 139);
    let d1 = &p.days[0];
    assert_eq!(d1.title, "Python Basics & Philosophy");
    let mut want = vec![ItemKind::Topic; 9];
    want.extend([ItemKind::Practice; 2]);
    assert_eq!(kinds(&d1.items), want);
    assert!(d1.items.iter().all(|i| i.checkbox));
    assert_eq!(d1.items[8].text, "`if __name__ == \"__main__\"`");
    let d41 = &p.days[4];
    assert_eq!(d41.label, "Day 4.1");
    assert_eq!(d41.title, "Value Objects vs Entities (DDD)");
    assert_eq!(count(&d41.items, ItemKind::Topic), 5);
    assert_eq!(count(&d41.items, ItemKind::Practice), 2);
    let fin = &p.days[15];
    assert_eq!(fin.label, "Final");
    assert_eq!(fin.title, "Pet Project");
    assert_eq!(fin.items.len(), 9);
    assert!(fin.items.iter().all(|i| i.kind == ItemKind::Task));
    assert_eq!(fin.notes, ["Project idea: **Async Task Processing API**"]);
    assert!(meta(&p, "Цель").contains("Подготовка к Python backend интервью"));
    assert!(meta(&p, "Формат").contains("1–2 часа в день"));
    let ready = section(&p, "Interview Readiness Checklist");
    assert!(ready.checkable);
    assert_eq!(ready.items.len(), 7);
    assert_eq!(ready.key, "interview-readiness-checklist");
    assert_eq!(section(&p, "Done").text, ["You are interview-ready 🚀"]);
}

#[test]
fn deep_dive() {
    let p = plan("deep-dive");
    assert_eq!(p.title, "Week 1 – Python Deep Dive Plan");
    assert_eq!(p.days.len(), 7);
    assert_eq!(
        p.days.iter().map(|d| d.key.clone()).collect::<Vec<_>>(),
        (1..=7).map(|n| format!("d{n}")).collect::<Vec<_>>()
    );
    let d1 = &p.days[0];
    assert_eq!(d1.title, "Python Fundamentals Refresh");
    assert_eq!(
        kinds(&d1.items),
        [
            ItemKind::Topic,
            ItemKind::Topic,
            ItemKind::Topic,
            ItemKind::Topic,
            ItemKind::HandsOn
        ]
    );
    assert_eq!(
        d1.items[4].text,
        "Write a script to parse logs & extract errors"
    );
    let d7 = &p.days[6];
    assert_eq!(count(&d7.items, ItemKind::Topic), 3);
    assert_eq!(count(&d7.items, ItemKind::HandsOn), 1);
    assert_eq!(count(&d7.items, ItemKind::Practice), 1);
    assert!(d7.title.contains("Concurrency"));
    assert!(meta(&p, "Goal").contains("fully confident"));
    let deliver = section(&p, "Deliverables by End of Week 1");
    assert_eq!(deliver.items.len(), 3);
    assert!(
        deliver
            .items
            .iter()
            .all(|i| i.kind == ItemKind::Deliverable)
    );
    assert_eq!(section(&p, "Resources").items.len(), 4);
}
