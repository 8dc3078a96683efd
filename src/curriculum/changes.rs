//! What changed between two versions of a plan, with each old day found in the new one.
//!
//! Days are keyed by their labels, so an edit that inserts a day and renumbers the rest would
//! hand every later day's progress to its neighbour. A re-import therefore matches days as items
//! are matched (`identity`): by content first (the same title; then mostly the same items),
//! and by label only for what content cannot place (a day renamed and reworded in place). What
//! is matched keeps its progress under its new key; what is left is new or vanished.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::identity::text_hash;
use super::model::{Curriculum, Day};
use super::parse::normalise_for_identity;

/// Above this many candidate pairs the item comparison is skipped (labels still match): a
/// rewrite of a plan of thousands of days is not worth a quadratic search at import.
const MAX_ITEM_COMPARISONS: usize = 1_000_000;

/// How an old day was found in the new plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    Title,
    Items,
    Label,
}

/// An old day and the new day it became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pair {
    pub old_key: String,
    pub new_key: String,
    pub old_title: String,
    pub new_title: String,
    pub found: Found,
    /// Items reworded in place: (number, old text, new text).
    pub reworded: Vec<(usize, String, String)>,
}

impl Pair {
    pub(crate) fn moved(&self) -> bool {
        self.old_key != self.new_key
    }

    pub(crate) fn renamed(&self) -> bool {
        normalise_for_identity(&self.old_title) != normalise_for_identity(&self.new_title)
    }
}

/// A day only one of the two versions has: its key and title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Lone {
    pub key: String,
    pub title: String,
}

/// Every day of the old plan matched to the new one, or not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Changes {
    /// In the new plan's order.
    pub matched: Vec<Pair>,
    /// Days only the new plan has.
    pub added: Vec<Lone>,
    /// Days only the old plan had.
    pub vanished: Vec<Lone>,
}

impl Changes {
    /// Whether the new version differs in days, titles or item texts.
    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.vanished.is_empty()
            && self
                .matched
                .iter()
                .all(|p| !p.moved() && !p.renamed() && p.reworded.is_empty())
    }

    /// Matches the days of `old` to those of `new`.
    pub(crate) fn between(old: &Curriculum, new: &Curriculum) -> Changes {
        let pairs = match_days(&old.days, &new.days);
        let mut old_taken = vec![false; old.days.len()];
        let mut by_new: BTreeMap<usize, usize> = BTreeMap::new();
        for (o, n) in pairs {
            old_taken[o] = true;
            by_new.insert(n, o);
        }
        let mut changes = Changes::default();
        for (n, day) in new.days.iter().enumerate() {
            match by_new.get(&n) {
                Some(&o) => {
                    let was = &old.days[o];
                    changes.matched.push(Pair {
                        old_key: was.key.clone(),
                        new_key: day.key.clone(),
                        old_title: was.title.clone(),
                        new_title: day.title.clone(),
                        found: found_by(was, day),
                        reworded: reworded(was, day),
                    });
                }
                None => changes.added.push(Lone {
                    key: day.key.clone(),
                    title: day.title.clone(),
                }),
            }
        }
        for (o, day) in old.days.iter().enumerate() {
            if !old_taken[o] {
                changes.vanished.push(Lone {
                    key: day.key.clone(),
                    title: day.title.clone(),
                });
            }
        }
        changes
    }

    /// Days whose key changed.
    pub(crate) fn moved(&self) -> impl Iterator<Item = &Pair> {
        self.matched.iter().filter(|p| p.moved())
    }

    /// Old key -> the key it has now, for the days whose key changed, and, for vanished days
    /// whose key another day took, a key no day has (`d3~5fa0c1e2`), so that what was recorded
    /// on them lands on no other day and `doctor` can name it.
    pub(crate) fn rekeyed(&self) -> Vec<(String, String)> {
        let new_keys: HashSet<String> = self
            .matched
            .iter()
            .map(|p| p.new_key.to_lowercase())
            .chain(self.added.iter().map(|l| l.key.to_lowercase()))
            .collect();
        let mut moves: Vec<(String, String)> = self
            .moved()
            .map(|p| (p.old_key.to_lowercase(), p.new_key.to_lowercase()))
            .collect();
        moves.extend(
            self.vanished
                .iter()
                .filter(|l| new_keys.contains(&l.key.to_lowercase()))
                .map(|l| (l.key.to_lowercase(), vanished_key(&l.key, &l.title))),
        );
        moves
    }
}

/// The key the events of a vanished day are kept under when its own key names another day now.
pub(crate) fn vanished_key(key: &str, title: &str) -> String {
    format!("{}~{}", key.to_lowercase(), text_hash(title))
}

fn title_key(day: &Day) -> Option<String> {
    let title = normalise_for_identity(&day.title);
    (!title.is_empty() && title != normalise_for_identity(&day.label)).then_some(title)
}

fn found_by(old: &Day, new: &Day) -> Found {
    if title_key(old).is_some() && title_key(old) == title_key(new) {
        Found::Title
    } else if old.key == new.key {
        Found::Label
    } else {
        Found::Items
    }
}

/// Items whose text changed where they stand: neither text is anywhere in the other version.
fn reworded(old: &Day, new: &Day) -> Vec<(usize, String, String)> {
    let old_hashes: HashSet<String> = old.items.iter().map(|i| text_hash(&i.text)).collect();
    let new_hashes: HashSet<String> = new.items.iter().map(|i| text_hash(&i.text)).collect();
    old.items
        .iter()
        .zip(&new.items)
        .filter(|(o, n)| {
            !new_hashes.contains(&text_hash(&o.text)) && !old_hashes.contains(&text_hash(&n.text))
        })
        .map(|(o, n)| (n.n, o.text.clone(), n.text.clone()))
        .collect()
}

/// Pairs of (old index, new index): same titles first (in order, where titles repeat), then
/// most items in common (at least half of the larger day), then same keys.
fn match_days(old: &[Day], new: &[Day]) -> Vec<(usize, usize)> {
    let mut old_free: Vec<bool> = vec![true; old.len()];
    let mut new_free: Vec<bool> = vec![true; new.len()];
    let mut pairs = Vec::new();

    // 1. By title: the k-th old day with a title goes to the k-th new day with it.
    let mut by_title: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, day) in new.iter().enumerate().rev() {
        if let Some(t) = title_key(day) {
            by_title.entry(t).or_default().push(i);
        }
    }
    for (o, day) in old.iter().enumerate() {
        if let Some(n) = title_key(day).and_then(|t| by_title.get_mut(&t)?.pop()) {
            old_free[o] = false;
            new_free[n] = false;
            pairs.push((o, n));
        }
    }

    // 2. By items: the best overlap first, nearer positions breaking ties.
    let hashes =
        |day: &Day| -> HashSet<String> { day.items.iter().map(|i| text_hash(&i.text)).collect() };
    let old_left: Vec<usize> = (0..old.len()).filter(|&o| old_free[o]).collect();
    let new_left: Vec<usize> = (0..new.len()).filter(|&n| new_free[n]).collect();
    if old_left.len().saturating_mul(new_left.len()) <= MAX_ITEM_COMPARISONS {
        let new_sets: Vec<HashSet<String>> = new_left.iter().map(|&n| hashes(&new[n])).collect();
        let mut candidates = Vec::new();
        for &o in &old_left {
            let set = hashes(&old[o]);
            if set.is_empty() {
                continue;
            }
            for (j, &n) in new_left.iter().enumerate() {
                let common = set.intersection(&new_sets[j]).count();
                let larger = set.len().max(new_sets[j].len());
                if common > 0 && common * 2 >= larger {
                    // Sorted by the share in common (as a fraction over 1000), then distance.
                    let share = common * 1000 / larger;
                    candidates.push((std::cmp::Reverse(share), o.abs_diff(n), o, n));
                }
            }
        }
        candidates.sort();
        for (_, _, o, n) in candidates {
            if old_free[o] && new_free[n] {
                old_free[o] = false;
                new_free[n] = false;
                pairs.push((o, n));
            }
        }
    }

    // 3. By key: what is left where it was.
    let new_by_key: HashMap<String, usize> = new
        .iter()
        .enumerate()
        .filter(|(n, _)| new_free[*n])
        .map(|(n, d)| (d.key.to_lowercase(), n))
        .collect();
    for (o, day) in old.iter().enumerate() {
        if old_free[o]
            && let Some(&n) = new_by_key.get(&day.key.to_lowercase())
            && new_free[n]
        {
            old_free[o] = false;
            new_free[n] = false;
            pairs.push((o, n));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curriculum::parse::parse_file_text;
    use std::path::Path;

    fn plan(days: &[(&str, &str, &[&str])]) -> Curriculum {
        let mut text = String::from("# Plan\n");
        for (label, title, items) in days {
            text.push_str(&format!("\n## Day {label}: {title}\n"));
            for item in *items {
                text.push_str(&format!("- [ ] {item}\n"));
            }
        }
        parse_file_text("p", Path::new("p.md"), text.as_bytes()).unwrap()
    }

    fn moves(changes: &Changes) -> Vec<(&str, &str)> {
        changes
            .moved()
            .map(|p| (p.old_key.as_str(), p.new_key.as_str()))
            .collect()
    }

    #[test]
    fn by_title_then_items_then_label() {
        let old = plan(&[
            ("1", "Select", &["select"]),
            ("2", "Joins", &["inner", "left"]),
            ("3", "Aggregation", &["group by"]),
            ("4", "Windows", &["over"]),
        ]);
        let new = plan(&[
            ("1", "Set operations", &["union"]),
            ("2", "Select", &["select"]),
            ("3", "Joining tables", &["inner", "left"]),
            ("4", "Grouping", &["group by rows"]),
        ]);
        let changes = Changes::between(&old, &new);
        // Select by its title, Joins renamed by its items; Aggregation, renamed and reworded,
        // is nothing but its label, which Joins took: it vanished, and d1 is new.
        assert_eq!(moves(&changes), [("d1", "d2"), ("d2", "d3")]);
        let found: Vec<Found> = changes.matched.iter().map(|p| p.found).collect();
        assert_eq!(found, [Found::Title, Found::Items, Found::Label]);
        assert_eq!(changes.added[0].title, "Set operations");
        assert_eq!(changes.vanished[0].title, "Aggregation");
        // Windows and Grouping share the label d4 and nothing else: matched in place, renamed.
        assert!(changes.matched[2].renamed());
        assert_eq!(
            changes.matched[2].reworded,
            [(1, "over".into(), "group by rows".into())]
        );
    }

    #[test]
    fn a_vanished_day_whose_key_is_taken_is_kept_apart() {
        let old = plan(&[("1", "A", &["a"]), ("2", "B", &["b"]), ("3", "C", &["c"])]);
        let new = plan(&[("1", "A", &["a"]), ("2", "C", &["c"])]);
        let changes = Changes::between(&old, &new);
        assert_eq!(moves(&changes), [("d3", "d2")]);
        assert_eq!(changes.vanished[0].key, "d2");
        let rekeyed = changes.rekeyed();
        assert_eq!(rekeyed[0], ("d3".to_string(), "d2".to_string()));
        assert_eq!(rekeyed[1].0, "d2");
        assert!(rekeyed[1].1.starts_with("d2~"));
        assert!(Changes::between(&new, &new).is_empty());
    }
}
