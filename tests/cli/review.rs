//! Spaced review end to end: a month with a fixed clock, checked against the `fsrs` crate's
//! own computation.
#![allow(clippy::unwrap_used)]

use chrono::{Duration, NaiveDate};
use fsrs::{FSRS, FSRSItem, FSRSReview};

use crate::support::{Pym, home_with_mine};

/// The due date the crate gives a day reviewed with `ratings` (1-4) on `dates`, with the cap
/// the README states (1 to 60 days).
fn crate_due(dates: &[u32], ratings: &[u32]) -> NaiveDate {
    let fsrs = FSRS::default();
    let reviews: Vec<FSRSReview> = dates
        .iter()
        .zip(ratings)
        .enumerate()
        .map(|(i, (d, r))| FSRSReview {
            rating: *r,
            delta_t: if i == 0 { 0 } else { d - dates[i - 1] },
        })
        .collect();
    let state = fsrs.memory_state(FSRSItem { reviews }, None).unwrap();
    let interval = fsrs.next_interval(Some(state.stability), 0.9, 3);
    let days = (interval.round() as i64).clamp(1, 60);
    nov(*dates.last().unwrap()) + Duration::days(days)
}

fn nov(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// `(day, due)` of every day due, as `review --json` lists them.
fn due(pym: &Pym) -> Vec<(String, String)> {
    pym.json(&["review"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["day"].as_str().unwrap().to_string(),
                r["due"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The date a day comes due, by asking `review --json` on each day of the month.
fn first_due(pym: &mut Pym, day: &str, from: u32) -> Option<u32> {
    (from..=30).find(|d| {
        pym.at(*d, "07:00");
        due(pym).iter().any(|(k, _)| k == day)
    })
}

#[test]
fn a_month_of_reviews_follows_the_crates_schedule() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    let ratings = [
        ("d1", "again", 1),
        ("d2", "hard", 2),
        ("d3", "", 3),
        ("d4", "4", 4),
    ];
    for (n, (_, rate, _)) in ratings.iter().enumerate() {
        let mut args = vec!["done", "-q"];
        if !rate.is_empty() {
            args.extend(["--rate", rate]);
        }
        pym.at(n as u32 + 1, "20:00").run(&args).ok();
    }
    // Each comes due on the day the crate computes (an unrated done is `good`).
    for (n, (day, _, grade)) in ratings.iter().enumerate() {
        let done_on = n as u32 + 1;
        let expected = crate_due(&[done_on], &[*grade]);
        if expected <= nov(30) {
            let got = first_due(&mut pym, day, done_on).unwrap();
            assert_eq!(nov(got), expected, "{day}");
        }
    }
    // Most overdue first, with the fields scripts rely on.
    pym.at(12, "09:00");
    let list = pym.json(&["review"]);
    let first = &list[0];
    assert_eq!(first["plan"], "interview");
    assert_eq!(first["day"], "d1");
    assert_eq!(first["last_rating"], "again");
    assert_eq!(first["title"], "Python Basics & Philosophy");
    let overdue: Vec<i64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["overdue_days"].as_i64().unwrap())
        .collect();
    assert!(overdue.windows(2).all(|w| w[0] >= w[1]), "{overdue:?}");
    let text = pym.run(&["review"]).ok().stdout;
    assert!(
        text.contains("interview d1  Python Basics & Philosophy"),
        "{text}"
    );
    assert!(text.contains("last rated again on 2026-11-01"), "{text}");

    // A review moves the day to the crate's next date; undo takes it back.
    let before = due(&pym);
    let run = pym.run(&["review", "d1", "--rate", "good"]).ok();
    let expected = crate_due(&[1, 12], &[1, 3]);
    assert!(
        run.stdout.contains(&format!("Next review on {expected}")),
        "{}",
        run.stdout
    );
    assert!(due(&pym).iter().all(|(k, _)| k != "d1"));
    let later = (expected - nov(1)).num_days() as u32 + 1;
    if later <= 30 {
        assert_eq!(first_due(&mut pym, "d1", 13).map(nov), Some(expected));
        pym.at(12, "09:00");
    }
    insta::assert_snapshot!(pym.run(&["undo"]), @"
    Undid review d1 (Python Basics & Philosophy): good on interview (2026-11-12, recorded 2026-11-12
    09:00).
    ");
    assert_eq!(due(&pym), before);

    // `today` asks for the due days under the daily cap; `status` counts them.
    let today = pym.run(&["today"]).ok().stdout;
    let n = before.len();
    assert!(
        today.contains(&format!("{n} reviews due today: `pymastery review`")),
        "{today}"
    );
    pym.run(&["config", "set", "review_cap", "1"]).ok();
    let today = pym.run(&["today"]).ok().stdout;
    assert!(
        today.contains(&format!("1 review due today · {} in the backlog", n - 1)),
        "{today}"
    );
    pym.run(&["review", "d1", "--rate", "hard"]).ok();
    assert!(!pym.run(&["today"]).ok().stdout.contains("due today"));
    let status = pym.json(&["status"]);
    assert_eq!(status["reviews"]["done_last_7_days"], 1);
    assert_eq!(status["reviews"]["due_today"], 0);
    assert_eq!(status["reviews"]["backlog"], n - 1);
}

#[test]
fn review_refuses_bad_input_and_writes_nothing() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    pym.run(&["done", "-q"]).ok();
    let before = pym.snapshot();
    insta::assert_snapshot!(pym.run(&["review", "d1", "--rate", "7"]), @"
    [stderr]
    error: --rate '7' is not a rating; use again, hard, good or easy (or 1-4)
    [exit status: 2]
    ");
    insta::assert_snapshot!(pym.run(&["review", "d1", "--rate", "meh"]), @"
    [stderr]
    error: --rate 'meh' is not a rating; use again, hard, good or easy (or 1-4)
    [exit status: 2]
    ");
    insta::assert_snapshot!(pym.run(&["review", "d1"]), @"
    [stderr]
    error: say how the review of d1 went with --rate again, hard, good or easy (or 1-4)
    [exit status: 2]
    ");
    insta::assert_snapshot!(pym.run(&["review", "--rate", "good"]), @"
    [stderr]
    error: --rate needs the day reviewed: `pymastery review DAY --rate R` (`pymastery review` lists the
           days due)
    [exit status: 2]
    ");
    insta::assert_snapshot!(pym.run(&["review", "d2", "--rate", "good"]), @"
    [stderr]
    error: interview d2 was not done yet; days come up for review once they are done
    [exit status: 2]
    ");
    insta::assert_snapshot!(pym.run(&["done", "d2", "--rate", "5"]), @"
    [stderr]
    error: --rate '5' is not a rating; use again, hard, good or easy (or 1-4)
    [exit status: 2]
    ");
    assert!(pym.snapshot() == before, "a refused review wrote something");
    insta::assert_snapshot!(pym.run(&["review"]), @"No reviews due today and none in the backlog; the next comes up on 2026-11-03.");
}

#[test]
fn the_review_state_is_the_same_in_a_home_that_received_the_log() {
    let mut a = Pym::new();
    a.at(1, "09:00").run(&["start", "interview"]).ok();
    a.at(1, "20:00").run(&["done", "--rate", "hard", "-q"]).ok();
    a.at(2, "20:00").run(&["done", "--rate", "easy", "-q"]).ok();
    a.at(6, "09:00")
        .run(&["review", "d1", "--rate", "again"])
        .ok();
    let mut b = Pym::new();
    b.at(7, "09:00").run(&["start", "interview"]).ok();
    // The other machine's log file arrives, as a folder sync or `pymastery sync` brings it.
    receive(&a, &b);
    a.at(7, "09:00");
    assert_eq!(a.json(&["review"]), b.json(&["review"]));
    assert!(!a.json(&["review"]).as_array().unwrap().is_empty());
}

#[test]
fn review_shows_the_days_questions_where_the_plan_has_them() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "mastery-23"]).ok();
    pym.at(1, "20:00")
        .run(&["done", "--rate", "hard", "--note", "venv per project", "-q"])
        .ok();
    let run = pym.at(3, "09:00").run(&["review"]);
    insta::assert_snapshot!(run, @"
    1 review due today, most overdue first

    mastery-23 d0  Setup & Preparation
      last rated hard on 2026-11-01 · 1 day overdue
      Read:
        - What Python version are you using and why?
        - What's the difference between `pip` and `pip3`?
        - How do virtual environments work?
        - What are `pyproject.toml` and `requirements.txt` for?
      Your reflection (2026-11-01): venv per project
      then: `pymastery review d0 -p mastery-23 --rate again|hard|good|easy`
    ");
    let text = run.stdout;
    // The heading `show` gives the same items: one list, one name.
    let shown = pym.run(&["show", "d0"]).ok().stdout;
    assert!(
        shown.contains("Read\n  [ ]  1. What Python version are you using and why?"),
        "{shown}"
    );
    let day = pym.json(&["show", "d0", "-p", "mastery-23"]);
    let others = day["day"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] != "question")
        .map(|i| i["text"].as_str().unwrap().to_string())
        .collect::<Vec<_>>();
    for other in others {
        assert!(
            !text.contains(&format!("    - {other}\n")),
            "{other} is not a question: {text}"
        );
    }
}

#[test]
fn the_same_review_twice_in_a_day_is_recorded_once() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    pym.run(&["done", "--rate", "again"]).ok();
    pym.at(3, "09:00");
    pym.run(&["review", "d1", "--rate", "good"]).ok();
    let before = pym.snapshot();
    insta::assert_snapshot!(pym.run(&["review", "d1", "--rate", "good"]), @"interview d1 was already rated good today; nothing recorded. Next review on 2026-11-05.");
    assert_eq!(pym.snapshot(), before, "a repeated review wrote something");
    // Another grade the same day is recorded.
    pym.run(&["review", "d1", "--rate", "hard"]).ok();
    assert_ne!(pym.snapshot(), before);
}

#[test]
fn todays_reviews_count_against_the_cap_when_the_clock_stands_before_the_newest() {
    let mut pym = Pym::new();
    pym.run(&["config", "set", "review_cap", "1"]).ok();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    pym.at(1, "20:00").run(&["done", "-q"]).ok();
    pym.at(1, "20:30").run(&["done", "next", "-q"]).ok();
    pym.at(5, "09:00")
        .run(&["review", "d1", "--rate", "good"])
        .ok();
    // A review dated weeks later (another machine's clock, or this one set back since): the
    // checkpoint's outlook keeps only the review counts of the month before it, so today's
    // count on the 5th comes from every grade.
    pym.now("2026-12-20T09:00:00Z")
        .run(&["review", "d1", "--rate", "good"])
        .ok();
    pym.at(5, "18:00");
    let due = |pym: &Pym| pym.json(&["today"])["reviews_due_today"].clone();
    assert_eq!(
        due(&pym),
        0,
        "d2 is due, but the one review of the cap was done on the 5th"
    );
    std::fs::remove_dir_all(pym.home().join("cache")).unwrap();
    assert_eq!(due(&pym), 0);
    pym.at(6, "09:00");
    assert_eq!(due(&pym), 1, "a new day: d2 is asked for");
}

#[test]
fn a_grade_dated_before_the_latest_is_replayed_in_date_order() {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    pym.at(1, "20:00").run(&["done", "-q"]).ok();
    pym.at(4, "09:00")
        .run(&["start", "interview", "--fresh"])
        .ok();
    pym.at(5, "09:00")
        .run(&["review", "d1", "--rate", "good"])
        .ok();
    // The second pass's session on d1, backfilled for the 4th: before the review of the 5th.
    pym.at(6, "09:00").run(BACKFILL_D1_ON_THE_4TH).ok();
    let with_checkpoint = due_each_morning(&mut pym, 6);
    std::fs::remove_dir_all(pym.home().join("cache")).unwrap();
    assert_eq!(with_checkpoint, due_each_morning(&mut pym, 6));
    // In date order the 5th's `good` comes last: d1 is not due the day after the `again`.
    let due_on_the_6th = with_checkpoint[0].as_array().unwrap();
    assert!(
        due_on_the_6th.iter().all(|r| r["day"] != "d1"),
        "{due_on_the_6th:?}"
    );
}

/// A second pass's session on d1, backfilled for November 4th and rated `again`.
const BACKFILL_D1_ON_THE_4TH: &[&str] = &[
    "done",
    "d1",
    "--date",
    "2026-11-04",
    "--rate",
    "again",
    "-q",
];

/// `review --json` on each morning from November `first` to the 30th.
fn due_each_morning(pym: &mut Pym, first: u32) -> Vec<serde_json::Value> {
    (first..=30)
        .map(|d| {
            pym.at(d, "07:00");
            pym.json(&["review"])
        })
        .collect()
}

/// Copies the log files of `from` into `to`, as a folder sync or `pymastery sync` brings them.
fn receive(from: &Pym, to: &Pym) {
    let log = from.home().join("log");
    std::fs::create_dir_all(to.home().join("log")).unwrap();
    for entry in std::fs::read_dir(&log).unwrap().flatten() {
        std::fs::copy(entry.path(), to.home().join("log").join(entry.file_name())).unwrap();
    }
}

#[test]
fn a_grade_from_another_machine_dated_before_the_latest_is_replayed_in_date_order() {
    let mut laptop = Pym::new();
    laptop.at(1, "09:00").run(&["start", "interview"]).ok();
    laptop.at(1, "20:00").run(&["done", "-q"]).ok();
    laptop
        .at(5, "09:00")
        .run(&["review", "d1", "--rate", "good"])
        .ok();
    let mut desktop = Pym::new();
    receive(&laptop, &desktop);
    // The desktop begins a second pass on the 4th and backfills d1 for that day: its events
    // come after the laptop's in the log's order, its grade before the laptop's review.
    desktop
        .at(6, "09:00")
        .run(&["start", "interview", "--fresh", "--date", "2026-11-04"])
        .ok();
    desktop.run(BACKFILL_D1_ON_THE_4TH).ok();
    receive(&desktop, &laptop);
    // The laptop's checkpoint is extended by what came: each read must already agree (a
    // read leaves the checkpoint as it found it when it cannot extend it).
    let extended = due_each_morning(&mut laptop, 7);
    assert!(
        extended
            .iter()
            .any(|due| due.as_array().unwrap().len() == 1)
    );
    assert_eq!(extended, due_each_morning(&mut desktop, 7));
    std::fs::remove_dir_all(laptop.home().join("cache")).unwrap();
    assert_eq!(extended, due_each_morning(&mut laptop, 7));
}

#[test]
fn every_screen_says_due_today_after_the_cap_and_the_backlog_beyond_it() {
    let mut pym = Pym::new();
    pym.run(&["config", "set", "review_cap", "2"]).ok();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    for day in 1..=5 {
        pym.at(day, "09:00").run(&["done", "-q"]).ok();
    }
    pym.run(&["review", "d1", "--rate", "hard"]).ok();
    // A month on, all five days are due: two today under the cap, three wait.
    pym.now("2026-12-10T09:00:00Z");
    let today = pym.run(&["today"]).ok().stdout;
    assert!(
        today.contains("2 reviews due today · 3 in the backlog: `pymastery review`"),
        "{today}"
    );
    let json = pym.json(&["today"]);
    assert_eq!(
        (&json["reviews_due_today"], &json["reviews_backlog"]),
        (&serde_json::json!(2), &serde_json::json!(3))
    );
    let status = pym.run(&["status"]).ok().stdout;
    assert!(
        status.contains("Reviews: 2 due today · 3 in the backlog"),
        "{status}"
    );
    let json = pym.json(&["status"]);
    assert_eq!(
        (&json["reviews"]["due_today"], &json["reviews"]["backlog"]),
        (&serde_json::json!(2), &serde_json::json!(3))
    );
    // A day done without --rate was never rated, whatever the schedule assumes.
    insta::assert_snapshot!(pym.run(&["review"]), @"
    2 reviews due today, most overdue first

    interview d2  Collections & Dataclasses
      done on 2026-11-02, not rated yet · 36 days overdue
      What the day asked:
        - list / tuple / set / dict
        - Time complexity basics
        - `collections`: defaultdict, Counter, deque
        - Common collection pitfalls
        - `@dataclass`
        - `field(default_factory=...)`
        - `frozen=True`
        - `slots=True`
        - Word frequency counter (`Counter`)
        - Bounded queue (`deque`)
        - Immutable DTO with dataclass
      then: `pymastery review d2 -p interview --rate again|hard|good|easy`

    interview d3  Functions, Args & Closures
      done on 2026-11-03, not rated yet · 35 days overdue
      What the day asked:
        - Positional vs keyword arguments
        - `*args` / `**kwargs`
        - Keyword-only arguments
        - Default arguments evaluation time
        - LEGB rule
        - `global` vs `nonlocal`
        - Closures
        - Late binding problem
        - Lambda limitations
        - Closure-based counter
        - Fix late binding bug
        - Design keyword-only API
      then: `pymastery review d3 -p interview --rate again|hard|good|easy`

    3 more in the backlog: at most 2 a day (`pymastery config set review_cap N`).
    ");
    let list = pym.json(&["review"]);
    let backlog: Vec<bool> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["backlog"].as_bool().unwrap())
        .collect();
    assert_eq!(backlog, [false, false, true, true, true]);
    let rated: Vec<bool> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rated"].as_bool().unwrap())
        .collect();
    assert_eq!(rated.iter().filter(|r| **r).count(), 1, "{list}");
}

#[test]
fn a_review_rating_with_the_current_plan_missing_is_refused_not_sent_to_another_plan() {
    let pym = home_with_mine();
    let plan = pym.home().join("curricula").join("mine.md");
    std::fs::rename(&plan, pym.home().join("mine.away")).unwrap();
    let before = pym.snapshot();
    insta::assert_snapshot!(pym.run(&["review", "#1", "--rate", "good"]), @"
    [stderr]
    error: the current plan 'mine' is no longer among your plans, so nothing was recorded: put
           [HOME]/curricula/mine.md back, re-import it with `pymastery import FILE --id mine`,
           or choose a plan with `pymastery start PLAN` or `--plan PLAN`
    [exit status: 1]
    ");
    assert_eq!(pym.snapshot(), before, "review wrote something");
}
