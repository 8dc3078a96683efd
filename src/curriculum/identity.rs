//! Stable identity of items, so that ticks survive an edited plan.
//!
//! A tick is recorded with the item's number and a ref: a short hash of the item's normalised
//! text, then `:` and how many items its day had (`3f2a9c1b:5`). Against the plan as it is now,
//! a tick lands on the item with the same text wherever it moved; when no item has that text
//! any more, it falls back to its number only if the day still has as many items (the item was
//! reworded in place, nothing inserted or deleted) and no other tick holds that item. Ticks that
//! land nowhere are vanished: `doctor` lists them, nothing drops them.

use std::collections::{BTreeMap, BTreeSet};

use super::model::Item;
use super::parse::normalise_for_identity;

/// The short hash of an item's text: FNV-1a over its normalised text, as 8 hex digits.
pub(crate) fn text_hash(text: &str) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for b in normalise_for_identity(text).bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("{hash:08x}")
}

/// The ref a tick of item `n` (1-based) among `items` records.
pub(crate) fn item_ref(items: &[Item], n: usize) -> Option<String> {
    let item = items.get(n.checked_sub(1)?)?;
    Some(format!("{}:{}", text_hash(&item.text), items.len()))
}

/// Where recorded ticks land in a day's items as they are now.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// Item numbers ticked now.
    pub checked: BTreeSet<usize>,
    /// Ticks whose item is gone: the ref and the number they were recorded with.
    pub vanished: Vec<(String, usize)>,
}

/// Resolves ticks recorded by number only (`numbers`, old events) and with refs (`refs`, ref ->
/// recorded number) against `items`.
pub(crate) fn resolve(
    items: &[Item],
    numbers: &BTreeSet<usize>,
    refs: &BTreeMap<String, usize>,
) -> Resolved {
    let hashes: Vec<String> = items.iter().map(|i| text_hash(&i.text)).collect();
    let mut out = Resolved::default();
    let mut unmatched = Vec::new();
    for (r, n) in refs {
        let (hash, count) = split_ref(r);
        match hashes.iter().position(|h| h == hash) {
            Some(i) => {
                out.checked.insert(i + 1);
            }
            None => unmatched.push((r, *n, count)),
        }
    }
    let claimed = out.checked.clone();
    for (r, n, count) in unmatched {
        let in_place = count == Some(items.len()) && n >= 1 && n <= items.len();
        if in_place && !claimed.contains(&n) {
            out.checked.insert(n);
        } else {
            out.vanished.push((r.clone(), n));
        }
    }
    out.checked.extend(
        numbers
            .iter()
            .copied()
            .filter(|n| *n >= 1 && *n <= items.len()),
    );
    out
}

/// `3f2a9c1b:5` -> (`3f2a9c1b`, Some(5)).
pub(crate) fn split_ref(r: &str) -> (&str, Option<usize>) {
    match r.split_once(':') {
        Some((hash, count)) => (hash, count.parse().ok()),
        None => (r, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curriculum::ItemKind;

    fn items(texts: &[&str]) -> Vec<Item> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Item {
                n: i + 1,
                kind: ItemKind::Task,
                text: (*t).to_string(),
                checkbox: true,
                ticked: false,
                children: Vec::new(),
            })
            .collect()
    }

    fn ticks(plan: &[Item], ns: &[usize]) -> BTreeMap<String, usize> {
        ns.iter()
            .map(|n| (item_ref(plan, *n).expect("item"), *n))
            .collect()
    }

    #[test]
    fn ticks_follow_their_items() {
        let before = items(&["Read chapter 4", "Write a kata", "Run the tests"]);
        let refs = ticks(&before, &[2, 3]);
        let none = BTreeSet::new();
        let inserted = items(&[
            "Read chapter 4",
            "New thing",
            "Write a kata",
            "Run the tests",
        ]);
        assert_eq!(resolve(&inserted, &none, &refs).checked, [3, 4].into());
        let reordered = items(&["Run the tests", "Read chapter 4", "Write a kata"]);
        assert_eq!(resolve(&reordered, &none, &refs).checked, [1, 3].into());
        let reworded = items(&["Read chapter 4", "Write a kata twice", "Run the tests"]);
        assert_eq!(resolve(&reworded, &none, &refs).checked, [2, 3].into());
        let deleted = items(&["Read chapter 4", "Run the tests"]);
        let r = resolve(&deleted, &none, &refs);
        assert_eq!(r.checked, [2].into());
        assert_eq!(r.vanished.len(), 1);
        assert_eq!(r.vanished[0].1, 2);
    }

    #[test]
    fn the_hash_ignores_markup_case_and_spacing() {
        assert_eq!(text_hash("Write **a** `kata`"), text_hash("write a  kata"));
        assert_ne!(text_hash("Write a kata"), text_hash("Write a test"));
    }
}
