//! Every length and count threshold the parser judges text by, in one place, with the reason
//! for each. Change one here and the snapshots in `tests/parse_snapshots.rs` show what moved.

/// Longest lead-in label (`Time Commitment:` + list) taken as a plan fact, in words: labels are
/// short names; a longer line ending in `:` is a sentence introducing a list.
pub(super) const META_LABEL_WORDS: usize = 4;

/// Longest unbolded `label: value` line outside any day taken as a plan fact, in words:
/// `Goal: ...` is a fact, `In this plan we practise: ...` is prose.
pub(super) const META_INLINE_LABEL_WORDS: usize = 3;

/// Longest inline item label (`LeetCode Practice: ...`), in bytes: beyond this the colon ends a
/// sentence, not a label.
pub(super) const ITEM_LABEL_BYTES: usize = 40;

/// Longest label judged by its last word (`LeetCode Practice`), in words.
pub(super) const KIND_LABEL_WORDS: usize = 3;

/// Longest line taken as the plan's title when it has no heading, in characters: a title fits
/// a terminal line; a longer first line is an introduction.
pub(super) const TITLE_CHARS: usize = 80;

/// Longest line of a paragraph that still counts as one entry of a list written without
/// bullets, in characters: longer lines are wrapped prose.
pub(super) const LISTY_LINE_CHARS: usize = 100;

/// Shortest run of numbered labels taken as steps by structure alone: three numbered things
/// are as often resources or options as they are steps.
pub(super) const MIN_RUN: usize = 4;

/// Shortest run of advancing dates taken as steps: dates are rarely anything but a schedule.
pub(super) const MIN_DATE_RUN: usize = 3;
