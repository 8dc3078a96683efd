//! `check` / `uncheck`: which items a request names, which of them change, and the events.

use chrono::NaiveDate;

use crate::curriculum::Curriculum;
use crate::curriculum::identity::item_ref;
use crate::curriculum::keys::{ItemRef, Target, check_item, resolve_target};
use crate::error::bad_input;
use crate::progress::{EventKind, Progress};
use crate::schedule;

/// The items of one day or section that a request names, split by whether they change.
#[derive(Debug)]
pub(crate) struct Group<'p> {
    pub target: Target<'p>,
    /// Items whose state changes, recorded by [`Group::kind`].
    pub changed: Vec<usize>,
    /// Items already in the state asked for: they change nothing and are not recorded.
    pub unchanged: Vec<usize>,
}

impl Group<'_> {
    /// The event recording the change of this group, when there is one.
    pub(crate) fn kind(&self, tick: bool) -> Option<EventKind> {
        if self.changed.is_empty() {
            return None;
        }
        let target = self.target;
        let day = target.key().into();
        let title = target.title().into();
        let items = self.changed.clone();
        let refs = (items.iter())
            .filter_map(|n| item_ref(target.items(), *n))
            .collect();
        Some(if tick {
            let texts = (items.iter())
                .filter_map(|n| target.items().get(n - 1))
                .map(|i| i.text.clone())
                .collect();
            EventKind::Check {
                day,
                title,
                items,
                refs,
                texts,
            }
        } else {
            EventKind::Uncheck {
                day,
                title,
                items,
                refs,
            }
        })
    }
}

/// Decides what ticking (`tick`) or unticking the items `refs` changes, grouped by the day or
/// section they belong to, in the order first named. Bare numbers are those of the day `today`
/// shows: after a session, the next day's.
pub(crate) fn decide<'p>(
    plan: &'p Curriculum,
    progress: &Progress,
    refs: &[ItemRef],
    tick: bool,
    today: NaiveDate,
) -> anyhow::Result<Vec<Group<'p>>> {
    let plan_progress = progress.plan(&plan.id);
    let here = schedule::here(plan, plan_progress, today);
    let shown = schedule::current_day(plan, plan_progress);
    let mut named: Vec<(Target<'p>, Vec<usize>)> = Vec::new();
    for item in refs {
        let target = match &item.target {
            Some(text) => resolve_target(plan, text, here)?,
            None => Target::Day(shown.ok_or_else(|| {
                bad_input(format!(
                    "{} is finished, so there is no current day; name the day, as in `check d5:{}`",
                    plan.id, item.n
                ))
            })?),
        };
        check_item(plan, target, item.n)?;
        match named.iter_mut().find(|(t, _)| t.key() == target.key()) {
            Some((_, items)) if !items.contains(&item.n) => items.push(item.n),
            Some(_) => {}
            None => named.push((target, vec![item.n])),
        }
    }
    Ok(named
        .into_iter()
        .map(|(target, items)| {
            let checked = plan_progress
                .and_then(|p| p.day(target.key()))
                .map(|s| s.checked_in(target.items()))
                .unwrap_or_default();
            let (changed, unchanged) = items.into_iter().partition(|n| checked.contains(n) != tick);
            Group {
                target,
                changed,
                unchanged,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curriculum::keys::parse_item_ref;

    fn two_days() -> Curriculum {
        let text = "# Two days\n\n## Day 1: One\n- a\n- b\n- c\n\n## Day 2: Two\n- d\n- e\n";
        crate::curriculum::parse::parse("p", text)
    }

    fn refs(texts: &[&str]) -> Vec<ItemRef> {
        texts.iter().map(|t| parse_item_ref(t).unwrap()).collect()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()
    }

    #[test]
    fn items_are_grouped_by_day_in_the_order_named_once_each() {
        let plan = two_days();
        let asked = refs(&["2", "d2:1", "1", "2"]);
        let groups = decide(&plan, &Progress::default(), &asked, true, today()).unwrap();
        let seen: Vec<_> = (groups.iter())
            .map(|g| (g.target.key(), g.changed.clone()))
            .collect();
        assert_eq!(seen, [("d1", vec![2, 1]), ("d2", vec![1])]);
        let Some(EventKind::Check { texts, .. }) = groups[0].kind(true) else {
            panic!("a tick records a check");
        };
        assert_eq!(texts, ["b", "a"]);
    }

    #[test]
    fn unticking_what_is_not_ticked_changes_nothing_and_a_missing_item_is_refused() {
        let plan = two_days();
        let groups = decide(&plan, &Progress::default(), &refs(&["1"]), false, today()).unwrap();
        assert_eq!(
            (groups[0].changed.len(), groups[0].unchanged.clone()),
            (0, vec![1])
        );
        assert!(groups[0].kind(false).is_none());
        let err = decide(&plan, &Progress::default(), &refs(&["9"]), true, today()).unwrap_err();
        assert_eq!(crate::error::exit_code(&err), 2);
    }
}
