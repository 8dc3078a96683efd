//! `plans`: the plans there are and which one is current.
#![allow(clippy::unwrap_used)]

use crate::support::Pym;

#[test]
fn plans_lists_the_five_built_in_plans_with_the_default_current() {
    let pym = Pym::new();
    let plans = pym.json(&["plans"]);
    let ids: Vec<&str> = plans
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "rotating-48",
            "mastery-23",
            "roadmap-30",
            "interview",
            "deep-dive"
        ]
    );
    assert_eq!(plans[0]["days"], 336);
    assert_eq!(plans[0]["current"], true);
    assert_eq!(plans[3]["source"], "built-in");
    let text = pym.run(&["plans"]).ok();
    assert!(
        text.stdout
            .contains("Python Study Plan (Interview + Pet Project)"),
        "{}",
        text.stdout
    );
}
