//! `doctor`: what it looks at with `-p`.
#![allow(clippy::unwrap_used)]

use crate::support::Pym;

#[test]
fn doctor_takes_dash_p_and_looks_at_that_plans_events_only() {
    let pym = Pym::new();
    pym.import_text("mine", "# Mine\n\n## Day 1: One\n- [ ] a\n")
        .ok();
    pym.run(&["done", "-p", "mine"]).ok();
    pym.run(&["done", "-p", "deep-dive"]).ok();
    std::fs::remove_file(pym.home().join("curricula/mine.md")).unwrap();
    let all = pym.run(&["doctor"]).stdout;
    assert!(all.contains("plan 'mine'"), "{all}");
    let one = pym.run(&["doctor", "-p", "deep-dive"]);
    assert_ne!(one.code, 2, "{}", one.stderr);
    assert!(!one.stdout.contains("plan 'mine'"), "{}", one.stdout);
}
