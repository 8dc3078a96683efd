//! What a command does, decided without a home: pure functions from the plan, the progress
//! and the request to what to record and what to say. Commands resolve their arguments, call
//! a decision, record its events and render its outcome; the decisions are tested alone.

pub mod check;
pub mod done;
pub mod entry;
pub mod today;

/// A plan and progress to decide on, for the decisions' tests.
#[cfg(test)]
mod fixtures {
    #![allow(clippy::unwrap_used)]
    use chrono::NaiveDate;

    use crate::curriculum::Curriculum;
    use crate::progress::{DayState, PlanProgress, Progress};

    pub fn nov(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    /// Plan `p`: three days, one item each.
    pub fn three_days() -> Curriculum {
        let mut text = String::from("# Three days\n\n");
        for n in 1..=3 {
            text.push_str(&format!("## Day {n}: Topic {n}\n- read about {n}\n\n"));
        }
        crate::curriculum::parse::parse("p", &text)
    }

    /// Progress on plan `p`, started on the 1st, with each `(day, date)` done.
    pub fn done(days: &[(&str, u32)]) -> Progress {
        let mut plan = PlanProgress {
            id: "p".into(),
            pass: 1,
            started: nov(1),
            start_at: None,
            days: Default::default(),
            last_active: nov(1),
        };
        for (key, d) in days {
            let state = DayState {
                done: Some(nov(*d)),
                ..Default::default()
            };
            plan.days.insert(key.to_string(), state);
        }
        Progress {
            current_plan: Some("p".into()),
            plans: [("p".to_string(), plan)].into(),
            practice: days.iter().map(|(_, d)| nov(*d)).collect(),
            ..Default::default()
        }
    }
}
