//! The dates on which something was done, kept as runs of consecutive dates.
//!
//! A decade of daily practice is a few hundred runs rather than thousands of dates, so the
//! checkpoint stores it as it is and streaks walk it run by run.

use chrono::NaiveDate;

use crate::day_number::{day_number, from_day_number};
use serde::{Deserialize, Serialize};

/// Every practice date, as runs of consecutive dates in order, none touching the next.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PracticeDays {
    /// (first date as days from the common era, how many dates), in order.
    runs: Vec<(i32, u32)>,
}

impl PracticeDays {
    /// Adds a date (nothing changes when it is there already).
    pub(crate) fn insert(&mut self, date: NaiveDate) {
        let n = day_number(date);
        let end = |&(first, len): &(i32, u32)| first + len as i32; // one past the last date
        // The first run that starts after `n`.
        let next = self.runs.partition_point(|&(first, _)| first <= n);
        if next > 0 {
            let previous = self.runs[next - 1];
            if n < end(&previous) {
                return;
            }
            if n == end(&previous) {
                self.runs[next - 1].1 += 1;
                if self.runs.get(next).is_some_and(|r| r.0 == n + 1) {
                    let joined = self.runs.remove(next);
                    self.runs[next - 1].1 += joined.1;
                }
                return;
            }
        }
        match self.runs.get_mut(next) {
            Some(run) if run.0 == n + 1 => {
                run.0 = n;
                run.1 += 1;
            }
            _ => self.runs.insert(next, (n, 1)),
        }
    }

    /// Whether something was done on `date`.
    pub(crate) fn contains(&self, date: NaiveDate) -> bool {
        let n = day_number(date);
        let next = self.runs.partition_point(|&(first, _)| first <= n);
        next > 0 && {
            let (first, len) = self.runs[next - 1];
            n < first + len as i32
        }
    }

    /// How many dates.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.runs.iter().map(|&(_, len)| len as usize).sum()
    }

    /// The runs of consecutive dates, in order: (first, last).
    pub(crate) fn runs(&self) -> impl DoubleEndedIterator<Item = (NaiveDate, NaiveDate)> + '_ {
        self.runs.iter().map(|&(first, len)| {
            (
                from_day_number(first),
                from_day_number(first + len as i32 - 1),
            )
        })
    }

    /// Every date, in order.
    #[cfg(test)]
    pub(crate) fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.runs
            .iter()
            .flat_map(|&(first, len)| (first..first + len as i32).map(from_day_number))
    }
}

impl FromIterator<NaiveDate> for PracticeDays {
    fn from_iter<I: IntoIterator<Item = NaiveDate>>(dates: I) -> Self {
        let mut days = PracticeDays::default();
        for date in dates {
            days.insert(date);
        }
        days
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    fn date(n: i32) -> NaiveDate {
        from_day_number(739_000 + n)
    }

    #[test]
    fn neighbouring_dates_join_into_one_run_in_any_order() {
        let days: PracticeDays = [3, 1, 2, 7, 5, 6].into_iter().map(date).collect();
        let runs: Vec<_> = days.runs().collect();
        assert_eq!(runs, vec![(date(1), date(3)), (date(5), date(7))]);
        assert_eq!(days.len(), 6);
        assert!(days.contains(date(6)) && !days.contains(date(4)));
    }

    proptest! {
        #[test]
        fn holds_the_same_dates_as_a_set(offsets in proptest::collection::vec(0i32..60, 0..80)) {
            let set: BTreeSet<NaiveDate> = offsets.iter().map(|&n| date(n)).collect();
            let days: PracticeDays = offsets.iter().map(|&n| date(n)).collect();
            prop_assert_eq!(days.dates().collect::<Vec<_>>(), set.iter().copied().collect::<Vec<_>>());
            prop_assert_eq!(days.len(), set.len());
            for n in -1..61 {
                prop_assert_eq!(days.contains(date(n)), set.contains(&date(n)));
            }
            // Runs never touch: a gap of at least one date between them.
            let runs: Vec<_> = days.runs().collect();
            for pair in runs.windows(2) {
                prop_assert!(pair[0].1.succ_opt().unwrap() < pair[1].0);
            }
        }
    }
}
