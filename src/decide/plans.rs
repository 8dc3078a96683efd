//! What `plans` lists: a row for every plan in the home, with its progress, whether it is the
//! current one and whether it follows a repository; a plan that cannot be read is listed with
//! why, never dropped.

use serde::Serialize;

use crate::curriculum::Curriculum;
use crate::curriculum::catalog::Entry;
use crate::progress::Progress;
use crate::schedule::Counts;
use crate::upstream::Upstream;

/// A plan of the catalog, as read from the home.
pub(crate) struct Listed<'a> {
    pub entry: &'a Entry,
    /// The plan, or why it cannot be read.
    pub plan: anyhow::Result<Curriculum>,
    /// The repository an imported plan follows, if any.
    pub upstream: Option<Upstream>,
}

/// One plan's row (and its object in `plans --json`).
#[derive(Debug, Serialize)]
pub(crate) struct PlanRow {
    pub id: String,
    pub title: String,
    pub days: usize,
    /// `built-in` or `user`.
    pub source: String,
    pub started: bool,
    /// `None` when the plan cannot be read.
    pub days_done: Option<usize>,
    pub current: bool,
    pub upstream: Option<Upstream>,
    #[serde(skip)]
    counts: Option<Counts>,
}

impl PlanRow {
    /// How far the plan is, once it was started and can be read.
    pub(crate) fn progress(&self) -> Option<&Counts> {
        self.counts.as_ref().filter(|_| self.started)
    }
}

/// The rows of `listed`, in the catalog's order, with `current` marked.
pub(crate) fn rows(listed: Vec<Listed>, progress: &Progress, current: &str) -> Vec<PlanRow> {
    listed
        .into_iter()
        .map(
            |Listed {
                 entry,
                 plan,
                 upstream,
             }| {
                let (title, days, counts) = match plan {
                    Ok(plan) => {
                        let counts = Counts::of(&plan, progress.plan(&plan.id));
                        (plan.title, plan.days.len(), Some(counts))
                    }
                    Err(err) => (format!("(cannot be read: {err})"), 0, None),
                };
                PlanRow {
                    id: entry.id.clone(),
                    title,
                    days,
                    source: entry.source.describe(),
                    started: progress.plan(&entry.id).is_some(),
                    days_done: counts.map(|c| c.days_done),
                    current: entry.id == current,
                    upstream,
                    counts,
                }
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::curriculum::catalog::Source;
    use crate::decide::fixtures::{done, three_days};

    fn entry(id: &str, source: Source) -> Entry {
        Entry {
            id: id.into(),
            source,
        }
    }

    #[test]
    fn the_current_plan_is_marked_and_only_a_started_one_shows_progress() {
        let (p, q) = (entry("p", Source::Builtin), entry("q", Source::Builtin));
        let mut other = three_days();
        other.id = "q".into();
        let listed = vec![
            Listed {
                entry: &p,
                plan: Ok(three_days()),
                upstream: None,
            },
            Listed {
                entry: &q,
                plan: Ok(other),
                upstream: None,
            },
        ];
        let rows = rows(listed, &done(&[("d1", 2)]), "p");
        let marked: Vec<(&str, bool)> = rows.iter().map(|r| (r.id.as_str(), r.current)).collect();
        assert_eq!(marked, [("p", true), ("q", false)]);
        let started = rows[0].progress().unwrap();
        assert_eq!((started.days_done, started.days_total), (1, 3));
        assert!(!rows[1].started);
        assert!(rows[1].progress().is_none());
        // A plan not started has done none of its days, which JSON says as 0.
        assert_eq!(rows[1].days_done, Some(0));
    }

    #[test]
    fn a_plan_that_cannot_be_read_is_listed_with_why() {
        let broken = entry("mine", Source::User("mine.md".into()));
        let upstream = Upstream {
            url: "https://example.org/plans.git".into(),
            path: "mine.md".into(),
            reference: None,
            commit: "abc".into(),
        };
        let listed = vec![Listed {
            entry: &broken,
            plan: Err(anyhow::anyhow!("mine.md: not UTF-8")),
            upstream: Some(upstream),
        }];
        let rows = rows(listed, &Progress::default(), "p");
        assert_eq!(rows[0].title, "(cannot be read: mine.md: not UTF-8)");
        assert_eq!((rows[0].days, rows[0].days_done), (0, None));
        assert_eq!(rows[0].source, "user");
        assert!(rows[0].upstream.is_some());
    }
}
