//! Ordered lists that Markdown splits in pieces, joined back as their writer meant them.
//!
//! Many plans write each day as an ordered-list line with its tasks right below, unindented
//! (or indented less than the number's width):
//!
//! ```text
//! 1. nap: Telepítés
//! - Python 3 telepítése
//! 2. nap: Változók
//! - Típusok
//! ```
//!
//! Markdown reads that as one-item ordered lists starting at 1, 2, 3, each followed by a
//! bulleted list of its own (or, with bullets indented by three spaces, as one ordered list
//! up to `9.` and one-item lists from `10.` on, whose number is one character wider), so no
//! day holds a task and the plan had "nothing to track". When such ordered lists follow each
//! other with advancing numbers, each bulleted list belongs to the numbered line above it: its
//! items are nested one level under that line, as if the writer had indented them.

use std::ops::Range;

use super::Block;

/// An ordered list followed straight away by a bulleted list at its own depth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The block of the ordered list's last item.
    pub item: usize,
    /// That item's number.
    pub number: u64,
    /// The blocks of the bulleted list that follows it.
    pub bullets: Range<usize>,
}

/// Nests each split's bullets under its numbered line where the splits form a sequence: the
/// next ordered list starts right after these bullets with the next number. A lone numbered
/// line followed by bullets is left as Markdown reads it: one such line is as often a list of
/// one step with notes beside it.
pub fn join(blocks: &mut [Block], splits: &[Split]) {
    let chained =
        |a: &Split, b: &Split| b.item == a.bullets.end && a.number.checked_add(1) == Some(b.number);
    for (k, split) in splits.iter().enumerate() {
        let after = splits.get(k + 1).is_some_and(|next| chained(split, next));
        let before = k
            .checked_sub(1)
            .and_then(|p| splits.get(p))
            .is_some_and(|prev| chained(prev, split));
        let depth = match blocks.get(split.item) {
            Some(Block::Item { depth, .. }) => *depth,
            _ => continue,
        };
        if !(after || before) {
            continue;
        }
        for block in blocks.get_mut(split.bullets.clone()).unwrap_or_default() {
            if let Block::Item { depth: d, .. } = block
                && *d >= depth
            {
                *d += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::markdown_blocks;
    use super::*;

    /// Each item as `depth:text`.
    fn items(md: &str) -> Vec<String> {
        markdown_blocks(md)
            .iter()
            .filter_map(|b| match b {
                Block::Item { depth, text, .. } => Some(format!("{depth}:{text}")),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn bullets_under_advancing_one_item_lists_belong_to_the_line_above() {
        let md = "1. nap: A\n- a1\n  - a1x\n- a2\n\n2. nap: B\n- b1\n3. nap: C\n\n- c1\n";
        assert_eq!(
            items(md),
            [
                "0:nap: A", "1:a1", "2:a1x", "1:a2", "0:nap: B", "1:b1", "0:nap: C", "1:c1"
            ]
        );
    }

    #[test]
    fn a_list_split_part_way_is_joined_where_it_splits() {
        // `10.` needs four spaces of indent for its bullets to nest; three leave them outside.
        let md = "8. H\n   - h\n9. I\n   - i\n10. J\n   - j\n11. K\n   - k\n";
        assert_eq!(
            items(md),
            ["0:H", "1:h", "0:I", "1:i", "0:J", "1:j", "0:K", "1:k"]
        );
    }

    #[test]
    fn a_lone_numbered_line_or_numbers_that_do_not_advance_are_left_alone() {
        let lone = "1. Install\n- Windows\n- Mac\n";
        assert_eq!(items(lone), ["0:Install", "0:Windows", "0:Mac"]);
        let repeated = "1. A\n- a\n\n1. B\n- b\n";
        assert_eq!(items(repeated), ["0:A", "0:a", "0:B", "0:b"]);
        let between = "1. A\n- a\n\nProse.\n\n2. B\n- b\n";
        assert_eq!(items(between), ["0:A", "0:a", "0:B", "0:b"]);
    }
}
