//! Now, and the practice date it falls on.
//!
//! `PYMASTERY_NOW` replaces the system clock (RFC 3339, or a bare date meaning noon local time).
//! A practice date is the local date after the day boundary: with `day_starts_at = 04:00`,
//! practice at 02:00 counts for the day before.

use chrono::{DateTime, Duration, FixedOffset, Local, NaiveDate, NaiveTime, Offset, TimeZone};

use crate::error::bad_input;

/// The most minutes one session may log: a day. Larger values in the log are damage.
pub(crate) const MAX_MINUTES: u32 = 24 * 60;

/// The years a date may fall in: far beyond any real practice, well inside what date
/// arithmetic can compute without overflow.
pub(crate) const YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// Whether a date is inside [`YEARS`].
pub(crate) fn in_range(date: NaiveDate) -> bool {
    use chrono::Datelike;
    YEARS.contains(&date.year())
}

/// Refuses a date outside [`YEARS`], naming what gave it.
fn check_range(date: NaiveDate, what: &str, text: &str) -> anyhow::Result<NaiveDate> {
    if in_range(date) {
        return Ok(date);
    }
    Err(bad_input(format!(
        "{what} '{}' is out of range: dates must fall in the years {} to {}",
        crate::render::text::one_line(text),
        YEARS.start(),
        YEARS.end()
    )))
}

/// The moment a command runs, and the boundary between practice days.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock {
    now: DateTime<FixedOffset>,
    day_starts_at: NaiveTime,
}

impl Clock {
    pub(crate) fn new(now: DateTime<FixedOffset>, day_starts_at: NaiveTime) -> Clock {
        Clock { now, day_starts_at }
    }

    /// The current moment, with the local UTC offset.
    /// Refuses a clock whose moment or practice date, in the local time zone and after the
    /// day boundary, falls outside [`YEARS`]: a line written with it would be read as damaged.
    pub(crate) fn check_in_range(&self) -> anyhow::Result<()> {
        let local = self.now().date_naive();
        let today = self.today();
        match [local, today].into_iter().find(|d| !in_range(*d)) {
            None => Ok(()),
            Some(date) => Err(bad_input(format!(
                "the clock stands at {date} here, outside the years {} to {} that pymastery records",
                YEARS.start(),
                YEARS.end()
            ))),
        }
    }

    pub(crate) fn now(&self) -> DateTime<FixedOffset> {
        self.now
    }

    /// Today's practice date.
    pub(crate) fn today(&self) -> NaiveDate {
        practice_date(self.now, self.day_starts_at)
    }
}

/// The practice date a local moment belongs to.
pub(crate) fn practice_date(at: DateTime<FixedOffset>, day_starts_at: NaiveTime) -> NaiveDate {
    practice_date_in(&Local, at, day_starts_at)
}

/// The practice date of a moment in `zone`. A practice day begins at the first moment its
/// clock reads `day_starts_at`: when a fall-back hour repeats that time (`23:30` on a night
/// the clocks go back from midnight), the repeated hour keeps the date it already had, so a
/// later session never gets an earlier date.
pub(crate) fn practice_date_in<Z: TimeZone>(
    zone: &Z,
    at: DateTime<FixedOffset>,
    day_starts_at: NaiveTime,
) -> NaiveDate {
    let since_midnight = day_starts_at - NaiveTime::MIN;
    let date = (at.naive_local() - since_midnight).date();
    let Some(next) = date.succ_opt() else {
        return date;
    };
    // When the next day's start came already: its clock time under the offset of now, or of
    // three hours ago (longer than any fall-back), whichever the zone really had then.
    let wanted = next.and_time(day_starts_at);
    let earlier = zone.offset_from_utc_datetime(&(at - Duration::hours(3)).naive_utc());
    let began = [*at.offset(), earlier.fix()].into_iter().any(|offset| {
        let utc = wanted - Duration::seconds(i64::from(offset.local_minus_utc()));
        utc <= at.naive_utc() && zone.from_utc_datetime(&utc).naive_local() == wanted
    });
    if began { next } else { date }
}

/// The system clock in the local time zone.
pub(crate) fn system_now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

/// Parses `PYMASTERY_NOW`: an RFC 3339 date-time, or a bare date meaning noon local time.
pub(crate) fn parse_now(text: &str) -> anyhow::Result<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        check_range(at.date_naive(), "PYMASTERY_NOW", text)?;
        return Ok(at.with_timezone(&Local).fixed_offset());
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        check_range(date, "PYMASTERY_NOW", text)?;
        let noon = date.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN));
        if let Some(at) = Local.from_local_datetime(&noon).earliest() {
            return Ok(at.fixed_offset());
        }
    }
    Err(bad_input(format!(
        "PYMASTERY_NOW is '{text}', which is neither an RFC 3339 date-time nor a YYYY-MM-DD date"
    )))
}

/// Parses a user's `--date`: a date (see [`parse_date`]) not after today.
pub(crate) fn parse_past_date(
    text: &str,
    flag: &str,
    today: NaiveDate,
) -> anyhow::Result<NaiveDate> {
    let date = parse_date(text, flag, today)?;
    if date > today {
        return Err(bad_input(format!(
            "{flag} {text} is in the future (today is {today})"
        )));
    }
    Ok(date)
}

/// Parses a date given to `flag`: `YYYY-MM-DD`, `today`, `yesterday`, or a number of days
/// back like `-2d` (or `2d`).
pub(crate) fn parse_date(text: &str, flag: &str, today: NaiveDate) -> anyhow::Result<NaiveDate> {
    let word = text.trim().to_lowercase();
    let relative = match word.as_str() {
        "today" => Some(0),
        "yesterday" => Some(1),
        _ => {
            // `+2d` is two days ahead (Rust would read `+2` as 2, i.e. two days back).
            let (back, rest) = match word.strip_prefix('+') {
                Some(rest) => (-1, rest),
                None => (1, word.strip_prefix('-').unwrap_or(&word)),
            };
            rest.strip_suffix('d')
                .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|n| n.parse::<i64>().ok())
                .filter(|n| *n <= 100_000)
                .map(|n| back * n)
        }
    };
    let date = match relative {
        Some(days) => today
            .checked_sub_signed(Duration::days(days))
            .unwrap_or(NaiveDate::MIN),
        None => NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            bad_input(format!(
                "{flag} '{}' is not a date; write it as YYYY-MM-DD, `today`, `yesterday` or `-2d`",
                crate::render::text::one_line(text)
            ))
        })?,
    };
    check_range(date, flag, text)
}

/// Parses a `HH:MM` time of day (the `day_starts_at` setting).
pub(crate) fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn four() -> NaiveTime {
        NaiveTime::from_hms_opt(4, 0, 0).unwrap()
    }

    #[test]
    fn practice_before_the_boundary_counts_for_the_day_before() {
        let d = practice_date(at("2026-11-08T02:00:00+00:00"), four());
        assert_eq!(d, NaiveDate::from_ymd_opt(2026, 11, 7).unwrap());
    }

    #[test]
    fn practice_after_the_boundary_counts_for_the_same_day() {
        let d = practice_date(at("2026-11-08T04:00:00+02:00"), four());
        assert_eq!(d, NaiveDate::from_ymd_opt(2026, 11, 8).unwrap());
    }

    #[test]
    fn malformed_dates_are_bad_input() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 8).unwrap();
        let err = parse_past_date("2026-13-45", "--date", today).unwrap_err();
        assert_eq!(crate::error::exit_code(&err), 2);
        assert!(err.to_string().contains("2026-13-45"));
        let err = parse_past_date("2026-11-09", "--date", today).unwrap_err();
        assert!(err.to_string().contains("future"));
    }

    #[test]
    fn relative_dates_count_back_from_today() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 8).unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert_eq!(parse_date("today", "--date", today).unwrap(), day(8));
        assert_eq!(parse_date("Yesterday", "--date", today).unwrap(), day(7));
        assert_eq!(parse_date("-2d", "--date", today).unwrap(), day(6));
        assert_eq!(parse_date("3d", "--since", today).unwrap(), day(5));
        assert!(parse_date("-xd", "--date", today).is_err());
    }

    #[test]
    fn plus_2d_is_two_days_ahead_never_two_days_back() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 8).unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert_eq!(parse_date("+2d", "--until", today).unwrap(), day(10));
        let err = parse_past_date("+2d", "--date", today).unwrap_err();
        assert!(err.to_string().contains("future"), "{err}");
        for odd in ["--2d", "-+2d", "d", "-d", "+d"] {
            assert!(
                parse_date(odd, "--date", today).is_err(),
                "{odd} taken for a date"
            );
        }
    }
}
