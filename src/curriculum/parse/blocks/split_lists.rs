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
pub(super) struct Split {
    /// The block of the ordered list's last item.
    pub item: usize,
    /// That item's number.
    pub number: u64,
    /// The blocks of the bulleted list that follows it.
    pub bullets: Range<usize>,
}

/// Nests each split's bullets under its numbered line where the splits form a sequence: the
/// next ordered list starts with the next number after these bullets, with at most paragraphs
/// (a tip, a rest day) between. A lone numbered line followed by bullets is left as Markdown
/// reads it: one such line is as often a list of one step with notes beside it.
pub(super) fn join(blocks: &mut [Block], splits: &[Split]) {
    let chained: Vec<bool> = splits
        .windows(2)
        .map(|pair| follows(blocks, &pair[0], &pair[1]))
        .collect();
    for (k, split) in splits.iter().enumerate() {
        let after = chained.get(k).copied().unwrap_or(false);
        let before = k.checked_sub(1).and_then(|p| chained.get(p)).copied() == Some(true);
        let depth = match blocks.get(split.item) {
            Some(Block::Item { depth, .. }) if after || before => *depth,
            _ => continue,
        };
        for block in blocks.get_mut(split.bullets.clone()).unwrap_or_default() {
            if let Block::Item { depth: d, .. } = block
                && *d >= depth
            {
                *d += 1;
            }
        }
    }
}

/// Whether split `b` is the day after split `a`: the next number, at the same depth, with
/// nothing but paragraphs between `a`'s bullets and `b`'s numbered line.
fn follows(blocks: &[Block], a: &Split, b: &Split) -> bool {
    let depth = |i: usize| match blocks.get(i) {
        Some(Block::Item { depth, .. }) => Some(*depth),
        _ => None,
    };
    a.number.checked_add(1) == Some(b.number)
        && depth(a.item).is_some()
        && depth(a.item) == depth(b.item)
        && blocks
            .get(a.bullets.end..b.item)
            .is_some_and(|between| between.iter().all(|x| matches!(x, Block::Para { .. })))
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
        let md = "1. nap: A\n- a1\n  - a1x\n- a2\n\nTipp: pihenj.\n\n2. nap: B\n- b1\n3. nap: C\n\n- c1\n";
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
        let heading = "1. A\n- a\n\n## Next\n\n2. B\n- b\n";
        assert_eq!(items(heading), ["0:A", "0:a", "0:B", "0:b"]);
    }
}
