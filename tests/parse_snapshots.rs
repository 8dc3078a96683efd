//! The parsed outline of every fixture plan and every built-in plan, as insta snapshots: a
//! change in how any plan parses shows up in review as a change of its outline.

use std::fmt::Write as _;

use pymastery::curriculum::builtin::BUILTINS;
use pymastery::curriculum::parse::parse_file_text;
use pymastery::curriculum::{Curriculum, Item, parse::parse};

/// Phases, days with their keys, labels, titles and items (kind and text), sections, warnings.
fn outline(p: &Curriculum) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "title: {}", p.title);
    let found = p
        .found_by
        .as_ref()
        .map_or("-".to_string(), |r| r.describe());
    let _ = writeln!(s, "found by: {found}");
    for m in &p.meta {
        let _ = writeln!(s, "meta: {} = {}", m.label, m.value);
    }
    let _ = writeln!(
        s,
        "{} days, {} calendar days, {} items",
        p.days.len(),
        p.total_span(),
        p.item_count()
    );
    for (i, ph) in p.phases.iter().enumerate() {
        let parent = ph.parent.map_or("-".to_string(), |q| q.to_string());
        let _ = writeln!(
            s,
            "phase {i}: {:?} {:?} `{}` {} (parent {parent})",
            ph.kind, ph.number, ph.label, ph.title
        );
    }
    for d in &p.days {
        let phase = d.phase.map_or("-".to_string(), |q| q.to_string());
        let span = if d.span > 1 {
            format!(" span {}", d.span)
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "day {} `{}` {} (phase {phase}{span})",
            d.key, d.label, d.title
        );
        for n in &d.notes {
            let _ = writeln!(s, "    note: {n}");
        }
        items(&mut s, &d.items, 1);
    }
    for sec in &p.sections {
        let check = if sec.checkable { " checkable" } else { "" };
        let role = sec.role.map_or(String::new(), |r| format!(" role {r:?}"));
        let _ = writeln!(
            s,
            "section {}{check}{role}: {} ({} items)",
            sec.key,
            sec.title,
            sec.items.len()
        );
    }
    for l in &p.levels {
        let last = l.last.map_or("+".to_string(), |n| format!("-{n}"));
        let _ = writeln!(
            s,
            "level `{}`: {:?} {}{last}: {}",
            l.label, l.kind, l.first, l.text
        );
    }
    for w in &p.warnings {
        let _ = writeln!(s, "warning line {}: {}", w.line, w.message);
    }
    s
}

fn items(s: &mut String, list: &[Item], depth: usize) {
    for it in list {
        let box_ = match (it.checkbox, it.ticked) {
            (_, true) => "[x] ",
            (true, false) => "[ ] ",
            _ => "",
        };
        let _ = writeln!(
            s,
            "{}{}. {}: {box_}{}",
            "  ".repeat(depth),
            it.n,
            it.kind.as_str(),
            it.text
        );
        items(s, &it.children, depth + 1);
    }
}

#[test]
fn fixture_plans() {
    let dir = format!("{}/tests/fixtures/plans", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    assert!(names.len() > 30);
    for name in names {
        let path = std::path::Path::new(&dir).join(&name);
        let bytes = std::fs::read(&path).expect("fixture");
        let plan = parse_file_text("fixture", &path, &bytes).expect("parses");
        insta::assert_snapshot!(format!("fixture__{name}"), outline(&plan));
    }
}

#[test]
fn builtin_plans() {
    for b in &BUILTINS {
        insta::assert_snapshot!(
            format!("builtin__{}", b.id),
            outline(&parse(b.id, b.source))
        );
    }
}
