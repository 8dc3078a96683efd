//! The two numbers of spaced review that every screen shows alike.

/// The two numbers of spaced review every screen and `--json` share: the reviews **due today**
/// (what the daily cap still asks for) and the **backlog** (days due that wait for a later day
/// under the cap). `due` is every day whose review date has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub(crate) struct DueToday {
    pub due_today: usize,
    pub backlog: usize,
}

impl DueToday {
    /// Splits `due`, every day whose review date has come, under the daily `cap` with
    /// `done_today` reviews already recorded today.
    pub(crate) fn new(due: usize, cap: u32, done_today: usize) -> DueToday {
        let cap = usize::try_from(cap).unwrap_or(usize::MAX);
        let due_today = due.min(cap.saturating_sub(done_today));
        DueToday {
            due_today,
            backlog: due - due_today,
        }
    }

    /// `3 reviews due today`, and ` · 12 in the backlog` when some wait.
    pub(crate) fn describe(&self) -> String {
        let noun = if self.due_today == 1 {
            "review"
        } else {
            "reviews"
        };
        format!("{} {noun} {}", self.due_today, self.counts_after_number())
    }

    /// `3 due today · 12 in the backlog`, for a line that already says `Reviews:`.
    pub(crate) fn counts(&self) -> String {
        format!("{} {}", self.due_today, self.counts_after_number())
    }

    fn counts_after_number(&self) -> String {
        match self.backlog {
            0 => "due today".to_string(),
            n => format!("due today · {n} in the backlog"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DueToday;

    #[test]
    fn the_cap_less_what_was_reviewed_today_is_due_and_the_rest_waits() {
        assert_eq!(
            DueToday::new(12, 10, 3),
            DueToday {
                due_today: 7,
                backlog: 5
            }
        );
        assert_eq!(
            DueToday::new(12, 10, 3).describe(),
            "7 reviews due today · 5 in the backlog"
        );
        assert_eq!(DueToday::new(2, 10, 0).describe(), "2 reviews due today");
        assert_eq!(DueToday::new(1, 10, 0).counts(), "1 due today");
        // Beyond the cap nothing more is asked today, however much is due.
        assert_eq!(DueToday::new(4, 10, 12).due_today, 0);
    }
}
