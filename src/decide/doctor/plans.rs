//! The checks of what was recorded against the plans as they are now: events recorded under
//! the title another day has now, and ticks whose item is gone.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Finding, Kind, events_name, quoted};
use crate::curriculum::Curriculum;
use crate::curriculum::parse::normalise_for_identity as norm;
use crate::progress::reads::Events;
use crate::progress::{EventKind, Folded};

/// Events on a day recorded under the title another day of the plan has now: recorded against
/// an older text of the plan (on a machine that had not yet seen a re-import, or by a version
/// that kept progress on the old keys), so shown on the wrong day until remapped. `load` gives
/// a plan as it is now; the findings name the log folder `log_dir`.
pub(crate) fn strayed<'a, R: Events>(
    progress: &'a Folded<R>,
    mut load: impl FnMut(&str) -> Option<Curriculum>,
    log_dir: &Path,
) -> Vec<Finding> {
    let mut plans: BTreeMap<&'a str, Option<Curriculum>> = BTreeMap::new();
    // (plan, key recorded, key of the day with that title now) -> (title, events)
    let mut found: BTreeMap<(&'a str, String, String), (&'a str, usize)> = BTreeMap::new();
    for event in progress.events() {
        let (Some(key), Some(title)) = (event.kind.day(), event.kind.title()) else {
            continue;
        };
        let plan = (plans.entry(event.plan.as_str())).or_insert_with(|| load(&event.plan));
        let Some(day) = plan.as_ref().and_then(|p| p.day(key)) else {
            continue;
        };
        let recorded = norm(title);
        if recorded.is_empty() || recorded == norm(&day.title) {
            continue;
        }
        let elsewhere =
            (plan.as_ref()).and_then(|p| p.days.iter().find(|d| norm(&d.title) == recorded));
        if let Some(other) = elsewhere {
            let entry = found
                .entry((event.plan.as_str(), day.key.clone(), other.key.clone()))
                .or_insert((title, 0));
            entry.1 += 1;
        }
    }
    found
        .into_iter()
        .map(|((plan, key, other), (title, count))| {
            Finding::notice(
                Kind::StrayedEvents,
                log_dir,
                None,
                format!(
                    "{} day '{key}' of plan '{plan}' as {}, which is day '{other}' now: they were recorded against an older text of the plan and show on the wrong day; `pymastery --plan {plan} doctor --remap {key} {other}` moves them",
                    events_name(count),
                    quoted(title)
                ),
            )
        })
        .collect()
}

/// Ticks of the current passes whose item no longer exists in the plan as it is now (its text
/// changed and items were added or removed around it): kept in the log, listed here. `load`
/// gives a plan as it is now; the findings name the log folder `log_dir`.
pub(crate) fn vanished_ticks<R: Events>(
    progress: &Folded<R>,
    mut load: impl FnMut(&str) -> Option<Curriculum>,
    log_dir: &Path,
) -> Vec<Finding> {
    let texts = tick_texts(progress);
    let mut findings = Vec::new();
    for (id, pass) in &progress.plans {
        let Some(plan) = load(id) else {
            continue;
        };
        for (key, state) in &pass.days {
            let (title, items) = if let Some(d) = plan.day(key) {
                (d.title.as_str(), d.items.as_slice())
            } else if let Some(s) = plan.sections.iter().find(|s| s.key == *key) {
                (s.title.as_str(), s.items.as_slice())
            } else {
                continue;
            };
            let resolved = crate::curriculum::identity::resolve(items, &state.checked, &state.refs);
            for (r, n) in resolved.vanished {
                let named = match texts.get(&(id.as_str(), key.to_lowercase(), r.as_str())) {
                    Some(text) => format!("item {n}, {}", quoted(text)),
                    None => format!("item {n} (identity {r})"),
                };
                findings.push(Finding::notice(
                    Kind::VanishedTick,
                    log_dir,
                    None,
                    format!(
                        "plan '{id}', day '{key}' ({}): the tick of {named} matches no item of the day now; kept, but not shown",
                        quoted(title)
                    ),
                ));
            }
        }
    }
    findings
}

/// The text each tick was recorded with, where the event kept it: (plan, key, ref) -> text.
fn tick_texts<R: Events>(progress: &Folded<R>) -> BTreeMap<(&str, String, &str), &str> {
    let mut texts = BTreeMap::new();
    for event in progress.events() {
        if let EventKind::Check {
            day,
            refs,
            texts: recorded,
            ..
        } = &event.kind
        {
            for (r, text) in refs.iter().zip(recorded) {
                texts.insert(
                    (event.plan.as_str(), day.to_lowercase(), r.as_str()),
                    text.as_str(),
                );
            }
        }
    }
    texts
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::decide::doctor::Severity;
    use crate::decide::doctor::tests::{event, log};
    use crate::decide::fixtures::three_days;

    fn progress(lines: &[String]) -> Folded<crate::progress::reads::All> {
        let events: Vec<_> = log(lines).events.into_iter().map(|(_, e)| e).collect();
        Folded::new(crate::progress::Progress::fold(&events)).unwrap()
    }

    fn plan_p(id: &str) -> Option<Curriculum> {
        (id == "p").then(three_days)
    }

    #[test]
    fn events_under_the_title_another_day_has_now_have_strayed() {
        let progress = progress(&[
            event("a1", "p", r#""type":"done","day":"d1","title":"Topic 2""#),
            event(
                "a2",
                "p",
                r#""type":"note","day":"d1","title":"topic 2","text":"x""#,
            ),
            event("a3", "p", r#""type":"done","day":"d3","title":"Topic 3""#),
            event(
                "a4",
                "p",
                r#""type":"done","day":"d2","title":"Renamed since""#,
            ),
        ]);
        let found = strayed(&progress, plan_p, Path::new("log"));
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "2 events name day 'd1' of plan 'p' as `Topic 2`, which is day 'd2' now: they were recorded against an older text of the plan and show on the wrong day; `pymastery --plan p doctor --remap d1 d2` moves them"
            ]
        );
        assert_eq!(
            (found[0].kind, found[0].severity),
            (Kind::StrayedEvents, Severity::Notice)
        );
    }

    #[test]
    fn a_tick_whose_item_is_gone_is_named_by_the_text_it_was_recorded_with() {
        let progress = progress(&[
            event("a1", "p", r#""type":"start""#),
            event(
                "a2",
                "p",
                r#""type":"check","day":"d1","title":"Topic 1","items":[2],"refs":["deadbeef:3"],"texts":["an item since removed"]"#,
            ),
        ]);
        let found = vanished_ticks(&progress, plan_p, Path::new("log"));
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "plan 'p', day 'd1' (`Topic 1`): the tick of item 2, `an item since removed` matches no item of the day now; kept, but not shown"
        );
        // A plan that cannot be loaded has nothing to compare with.
        assert!(vanished_ticks(&progress, |_| None, Path::new("log")).is_empty());
    }
}
