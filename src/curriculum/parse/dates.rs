//! Dates used as day labels: `2025-01-06`, `Mon, Jan 6`, `6 января`, `1月6日`, `01/06`.
//!
//! A dated entry is a step of the plan; its date is kept as the label and gives the key
//! (`2025-01-06`, or `01-06` without a year). Plans are read in their own order, so a date
//! only has to be recognised, never compared with today.

use chrono::{Datelike, NaiveDate};

use super::words::weekday;

/// A date found at the start of a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DateLabel {
    /// `2025-01-06`, or `01-06` when the year is not written.
    pub key: String,
    /// Days since the common era (year 2000 when not written), to see dates advance.
    pub ordinal: i32,
}

/// Month names, lower case, January first, in the languages the plan words cover.
const MONTHS: &[[&str; 12]] = &[
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ],
    [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ],
    [
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ],
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    [
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "października",
        "listopada",
        "grudnia",
    ],
    [
        "ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim",
        "kasım", "aralık",
    ],
    [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
];

/// The month (1-12) a lower-case word names.
fn month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    MONTHS.iter().find_map(|names| {
        names
            .iter()
            .position(|n| *n == word)
            .and_then(|i| u32::try_from(i + 1).ok())
    })
}

fn digits(s: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if end < min || end > max {
        return None;
    }
    Some((s.get(..end)?.parse().ok()?, s.get(end..)?))
}

fn word(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    s.split_at(end)
}

/// A month and day without a year (`7.11` read either way by the structural rule).
pub(super) fn month_day(m: u32, d: u32) -> Option<DateLabel> {
    make(None, m, d)
}

fn make(year: Option<i32>, m: u32, d: u32) -> Option<DateLabel> {
    let date = NaiveDate::from_ymd_opt(year.unwrap_or(2000), m, d)?;
    let key = match year {
        Some(y) => format!("{y:04}-{m:02}-{d:02}"),
        None => format!("{m:02}-{d:02}"),
    };
    Some(DateLabel {
        key,
        ordinal: date.num_days_from_ce(),
    })
}

/// A year after a day or month (`, 2025`, ` 2025`, `.2025`), if written.
fn trailing_year(s: &str) -> (Option<i32>, &str) {
    let t = s.trim_start_matches([',', ' ', '.']);
    match digits(t, 4, 4) {
        Some((y, rest)) if (1900..=2200).contains(&y) => (i32::try_from(y).ok(), rest),
        _ => (None, s),
    }
}

/// Only a date that ends the label or is followed by a separator counts.
fn ends_label(rest: &str) -> bool {
    !rest.starts_with(|c: char| c.is_alphanumeric())
}

/// Finds a date at the very start of `s` (a weekday may come first: `Mon, Jan 6`). Returns
/// it, the label as written and the rest.
pub(super) fn leading_date(s: &str) -> Option<(DateLabel, String, &str)> {
    let s = s.trim_start();
    let (first, after) = word(s);
    let body = if !first.is_empty() && weekday(&first.to_lowercase()).is_some() {
        after.trim_start_matches([',', ' ', '.'])
    } else {
        s
    };
    let (date, rest) = bare_date(body)?;
    if !ends_label(rest) {
        return None;
    }
    let label = s.get(..s.len() - rest.len())?.trim_end().to_string();
    Some((date, label, rest))
}

fn bare_date(s: &str) -> Option<(DateLabel, &str)> {
    if let Some((n, rest)) = digits(s, 1, 4) {
        // 2025-01-06, 2025/01/06, 2025年1月6日
        if (1900..=2200).contains(&n)
            && let Some(sep) = rest.chars().next().filter(|c| "-/.年".contains(*c))
        {
            let r = &rest[sep.len_utf8()..];
            let (m, r) = digits(r, 1, 2)?;
            let r = r.strip_prefix(if sep == '年' { '月' } else { sep })?;
            let (d, r) = digits(r, 1, 2)?;
            let r = if sep == '年' {
                r.strip_prefix('日')?
            } else {
                r
            };
            return Some((make(i32::try_from(n).ok(), m, d)?, r));
        }
        // 1月6日
        if let Some(r) = rest.strip_prefix('月') {
            let (d, r) = digits(r, 1, 2)?;
            return Some((make(None, n, d)?, r.strip_prefix('日')?));
        }
        // 01/06 (month first), 06.01.2025 (day first, year required)
        if let Some(r) = rest.strip_prefix('/')
            && let Some((d, r)) = digits(r, 1, 2)
        {
            let (year, r) = match r.strip_prefix('/').and_then(|t| digits(t, 4, 4)) {
                Some((y, r2)) => (i32::try_from(y).ok(), r2),
                None => (None, r),
            };
            return Some((make(year, n, d)?, r));
        }
        if let Some(r) = rest.strip_prefix('.')
            && let Some((m, r)) = digits(r, 1, 2)
            && let Some(r) = r.strip_prefix('.')
            && let Some((y, r)) = digits(r, 4, 4)
        {
            return Some((make(i32::try_from(y).ok(), m, n)?, r));
        }
        // 6 January, 6. Januar, 6 de enero, 6 января
        let r = rest.strip_prefix('.').unwrap_or(rest).trim_start();
        let r = r.strip_prefix("de ").unwrap_or(r);
        let (name, r) = word(r);
        let m = month(&name.to_lowercase())?;
        let r = r.strip_prefix('.').unwrap_or(r);
        let (year, r) = trailing_year(r);
        return Some((make(year, m, n)?, r));
    }
    // January 6, Jan 6, 2025
    let (name, r) = word(s);
    let m = month(&name.to_lowercase())?;
    let r = r.strip_prefix('.').unwrap_or(r).trim_start();
    let (d, r) = digits(r, 1, 2)?;
    let r = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| r.strip_prefix(suffix))
        .unwrap_or(r);
    let (year, r) = trailing_year(r);
    Some((make(year, m, d)?, r))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Option<String> {
        leading_date(s).map(|(d, _, _)| d.key)
    }

    #[test]
    fn date_shapes() {
        assert_eq!(key("2025-01-06 Lists").as_deref(), Some("2025-01-06"));
        assert_eq!(key("Mon, Jan 6: Lists").as_deref(), Some("01-06"));
        assert_eq!(key("6 января").as_deref(), Some("01-06"));
        assert_eq!(key("1月6日 列表").as_deref(), Some("01-06"));
        assert_eq!(key("2025年1月6日").as_deref(), Some("2025-01-06"));
        assert_eq!(key("01/06 — Lists").as_deref(), Some("01-06"));
        assert_eq!(key("6. Januar 2025").as_deref(), Some("2025-01-06"));
        assert_eq!(key("January 6th, 2025").as_deref(), Some("2025-01-06"));
        assert_eq!(key("Monday: Lists"), None);
        assert_eq!(key("3 apples"), None);
        assert_eq!(key("13/45"), None);
        assert_eq!(key("Mayday"), None);
        let (_, label, rest) = leading_date("Mon, Jan 6 — Lists").expect("date");
        assert_eq!((label.as_str(), rest), ("Mon, Jan 6", " — Lists"));
    }
}
