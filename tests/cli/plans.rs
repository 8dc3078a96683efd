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
    insta::assert_snapshot!(pym.run(&["plans"]), @"
       id           title                                            days  source    progress
    *  rotating-48  Python Practice Plan - Senior Developer Edition   336  built-in  -
       mastery-23   23-Day Python Mastery Plan (Flexible Schedule)     23  built-in  -
       roadmap-30   Python Mastery Roadmap (1-Month Intensive Plan)    28  built-in  -
       interview    Python Study Plan (Interview + Pet Project)        16  built-in  -
       deep-dive    Week 1 – Python Deep Dive Plan                      7  built-in  -
    * current plan · `pymastery start PLAN` to switch · `pymastery show PLAN` for an outline
    ");
}
