//! `note`: a note about the day just done.
#![allow(clippy::unwrap_used)]

use crate::support::Pym;

#[test]
fn a_note_right_after_done_is_about_the_day_just_done() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    pym.run(&["done"]).ok();
    pym.run(&["note", "closures capture variables, not values"])
        .ok();
    let d1 = pym.json(&["show", "d1"]);
    assert_eq!(
        d1["day"]["notes"][0]["text"],
        "closures capture variables, not values"
    );
}
