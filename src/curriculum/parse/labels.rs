//! Recognising what a line of a plan names: a cycle, week, month, day, weekday or named day,
//! in several languages; and the item kind a label or lead-in announces.

use super::dates::{DateLabel, leading_date};
use super::text::{clean_title, strip_leading_symbols, strip_links, strip_strong, trim_separators};
use super::words::{Unit, is_day_word, is_week_word, label_word, weekday};

/// What a heading, bold line, list item or table cell starts with.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Marker {
    Cycle(u32),
    Week(u32),
    Part(u32),
    /// A numbered day or range: `Day 4.1` -> (4, Some(1), 4); `Day 28–30` -> (28, None, 30).
    Day {
        n: u32,
        sub: Option<u32>,
        last: u32,
        /// A week given on the same line (`Week 1 – Day 3`).
        week: Option<u32>,
    },
    /// A weekday: its three-letter English key.
    Weekday(&'static str),
    /// A named entry such as `Final` or `Capstone`: its slug.
    Named(String),
    /// A date used as a day label (`2025-01-06`, `Mon, Jan 6`).
    Date(DateLabel),
}

impl Marker {
    fn of_unit(unit: Unit, n: u32, sub: Option<u32>, last: u32) -> Marker {
        match unit {
            Unit::Day => Marker::Day {
                n,
                sub,
                last,
                week: None,
            },
            Unit::Week => Marker::Week(n),
            Unit::Cycle => Marker::Cycle(n),
            Unit::Part => Marker::Part(n),
        }
    }

    /// Whether the marker names one entry of the plan: a numbered day, a weekday or a date.
    pub(super) fn is_day(&self) -> bool {
        matches!(
            self,
            Marker::Day { .. } | Marker::Weekday(_) | Marker::Date(_)
        )
    }
}

/// A recognised marker with the label as written and the remaining title.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Labelled {
    pub marker: Marker,
    pub label: String,
    pub title: String,
    /// Whether a separator or nothing follows the label (`Day 1: x`, not `Day 1 is hard`).
    pub separated: bool,
}

const NAMED_DAYS: &[&str] = &[
    "final", "finale", "capstone", "project", "bonus", "review", "wrap-up", "projekt", "projet",
    "proyecto",
];

/// Recognises the marker at the start of a heading, or a day or week label that ends it
/// (`Recursion — Day 12`, `Data Preprocessing | Day 1`). A whole-bold line counts as a heading.
pub(super) fn classify_heading(text: &str) -> Option<Labelled> {
    classify(text)
        .or_else(|| trailing_label(&strip_leading_symbols(&strip_strong(&strip_links(text)))))
}

/// A paragraph line's label: a whole-bold line reads like a heading.
pub(super) fn classify_line(text: &str) -> Option<Labelled> {
    let t = text.trim();
    let bold = t.len() > 4 && t.starts_with("**") && t.ends_with("**");
    if bold {
        classify_heading(t)
    } else {
        classify(t)
    }
}

/// Recognises the marker at the start of `text` (bold markers and leading symbols ignored).
pub(super) fn classify(text: &str) -> Option<Labelled> {
    let clean = strip_leading_symbols(&strip_strong(&strip_links(text)));
    let (marker, label, rest) = leading_marker(&clean)?;
    let mut marker = marker;
    let mut label = label;
    let mut rest = rest.to_string();
    // `Week 1 – Day 3: Title` is a day that names its week.
    if let Marker::Week(w) = marker
        && let Some((Marker::Day { n, sub, last, .. }, day_label, day_rest)) =
            leading_marker(trim_separators(&rest))
    {
        marker = Marker::Day {
            n,
            sub,
            last,
            week: Some(w),
        };
        label = format!("{label} {day_label}");
        rest = day_rest.to_string();
    }
    let after = rest.trim_start();
    let glued = label.chars().last().is_some_and(|c| c.is_ascii_digit())
        && !label.contains([' ', '\u{a0}']);
    let separated = after.is_empty()
        || after.starts_with([':', '-', '–', '—', '.', ')', '|', '(', ',', '/'])
        || label.starts_with('第')
        || rest.starts_with(|c: char| !c.is_ascii() && !c.is_alphanumeric())
        || !rest.starts_with([' ', '\u{a0}'])
        // `day03 Basics`, `Day 3 Loops`: a glued label, or a title in capitals, is a label;
        // `Day 1 is hard` is a sentence.
        || glued
        || after.starts_with(char::is_uppercase);
    Some(Labelled {
        marker,
        label: tidy_label(&label),
        title: phase_title(&rest),
        separated,
    })
}

/// A day, weekday, date or week label at the end of a heading, after a separator.
fn trailing_label(clean: &str) -> Option<Labelled> {
    let (head, tail) = [" | ", " — ", " – ", " - ", " ("]
        .iter()
        .filter_map(|sep| {
            let at = clean.rfind(sep)?;
            Some((&clean[..at], &clean[at + sep.len()..]))
        })
        .max_by_key(|(head, _)| head.len())?;
    let tail = tail.trim().trim_end_matches(')').trim_end();
    let (marker, label, rest) = leading_marker(tail)?;
    let keep = rest.trim().is_empty()
        && head.chars().any(char::is_alphanumeric)
        && (marker.is_day() || matches!(marker, Marker::Week(_)));
    keep.then(|| Labelled {
        marker,
        label: tidy_label(&label),
        title: trim_separators(head).to_string(),
        separated: true,
    })
}

/// A named last entry (`Final — Pet Project`): only words from a short list qualify.
pub(super) fn classify_named(text: &str) -> Option<Labelled> {
    let clean = strip_leading_symbols(&strip_strong(text));
    let word_end = clean
        .find(|c: char| !(c.is_alphanumeric() || c == '-'))
        .unwrap_or(clean.len());
    let word = clean.get(..word_end)?;
    let lower = word.to_lowercase();
    if !NAMED_DAYS.contains(&lower.as_str()) {
        return None;
    }
    let rest = trim_separators(clean.get(word_end..).unwrap_or(""));
    Some(Labelled {
        marker: Marker::Named(lower),
        label: word.to_string(),
        title: rest.to_string(),
        separated: true,
    })
}

/// Finds a marker at the very start of `s`: returns it, the label as written, and the rest.
fn leading_marker(s: &str) -> Option<(Marker, String, &str)> {
    let s = s.trim_start();
    if let Some(found) = chinese_marker(s) {
        return Some(found);
    }
    if let Some((date, label, rest)) = leading_date(s) {
        return Some((Marker::Date(date), label, rest));
    }
    let word_end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    let (word, after) = s.split_at(word_end);
    if word.is_empty() {
        return number_first(s);
    }
    let lower = word.to_lowercase();
    if let Some(key) = weekday(&lower).or_else(|| hyphenated_weekday(s)) {
        let written = if weekday(&lower).is_some() {
            word
        } else {
            s.split(|c: char| !(c.is_alphabetic() || c == '-'))
                .next()
                .unwrap_or(word)
        };
        let after = &s[written.len()..];
        if after.chars().next().is_none_or(|c| !c.is_alphanumeric()) {
            return Some((Marker::Weekday(key), written.to_string(), after));
        }
        return None;
    }
    let (unit, plural) = label_word(&lower, false)?;
    // `Day 3`, `Day #3`, and glued `day03`, `Day1`, `DAY-02`.
    let glued = after.starts_with(|c: char| c.is_ascii_digit())
        || (after.starts_with(['-', '_']) && after[1..].starts_with(|c: char| c.is_ascii_digit()));
    let spaced = if glued {
        after.trim_start_matches(['-', '_'])
    } else {
        after.trim_start_matches([' ', '#', '\u{a0}'])
    };
    let (n, mut rest) = number(spaced).or_else(|| word_number(spaced))?;
    let mut sub = None;
    let mut last = n;
    if unit == Unit::Day {
        if let Some(r) = rest.strip_prefix('.')
            && let Some((k, r2)) = number(r)
        {
            sub = Some(k);
            rest = r2;
        }
        let trimmed = rest.trim_start();
        if let Some(r) = trimmed.strip_prefix(['-', '–', '—'])
            && let Some((m, r2)) = number(r.trim_start())
            && m > n
            && sub.is_none()
            // `Day 1 - 2 hours` is a day with a duration, not a range.
            && (plural || !r2.trim_start().starts_with(char::is_alphanumeric))
        {
            last = m;
            rest = r2;
        }
        // `Day 3/30`, `Day 3 of 30`: the plan's length, not part of the title.
        if let Some(r) = rest
            .strip_prefix('/')
            .or_else(|| rest.strip_prefix(" of "))
            .and_then(number)
            .filter(|(total, _)| *total >= last)
            .map(|(_, r)| r)
        {
            rest = r;
        }
    } else {
        // `Cycle 5+`, `Weeks 1-12`: the range belongs to the label.
        rest = rest.strip_prefix('+').unwrap_or(rest);
        let trimmed = rest.trim_start();
        if let Some(r) = trimmed.strip_prefix(['-', '–', '—'])
            && let Some((_, r2)) = number(r.trim_start())
        {
            rest = r2.strip_prefix('+').unwrap_or(r2);
        }
    }
    let label = s
        .get(..s.len() - rest.len())
        .unwrap_or(s)
        .trim_end()
        .to_string();
    Some((Marker::of_unit(unit, n, sub, last), label, rest))
}

/// A weekday written with a hyphen (`Segunda-feira`).
fn hyphenated_weekday(s: &str) -> Option<&'static str> {
    let token = s.split(|c: char| !(c.is_alphabetic() || c == '-')).next()?;
    token
        .contains('-')
        .then(|| weekday(&token.to_lowercase()))?
}

/// Number-first labels: `3. Tag`, `1. Hafta`, `3日目`, `3일차`, `3-й день`.
fn number_first(s: &str) -> Option<(Marker, String, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if end == 0 || end > 4 {
        return None;
    }
    let n: u32 = s.get(..end)?.parse().ok()?;
    let after_n = &s[end..];
    // An ordinal mark (`3. Tag`, `3-й день`) or a glued word (`3日目`) makes it a label;
    // `3 Tage Pause` is a count.
    let ordinal = after_n
        .strip_prefix('.')
        .or_else(|| after_n.strip_prefix("-й"))
        .or_else(|| after_n.strip_prefix("-ый"));
    let glued = after_n.starts_with(char::is_alphabetic);
    if ordinal.is_none() && !glued {
        return None;
    }
    let after = ordinal.unwrap_or(after_n).trim_start();
    let w_end = after
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(after.len());
    let (w, rest) = after.split_at(w_end);
    let (unit, plural) = label_word(&w.to_lowercase(), true)?;
    if plural {
        return None;
    }
    let label = s.get(..s.len() - rest.len()).unwrap_or(s).to_string();
    Some((Marker::of_unit(unit, n, None, n), label, rest))
}

/// `第1天`, `第一周`, `第3週`, `1日目`: Chinese and Japanese day and week labels.
fn chinese_marker(s: &str) -> Option<(Marker, String, &str)> {
    let body = s.strip_prefix('第').unwrap_or(s);
    let digits_end = body
        .find(|c: char| !(c.is_ascii_digit() || "〇零一二三四五六七八九十".contains(c)))
        .unwrap_or(body.len());
    if digits_end == 0 {
        return None;
    }
    let (num, after) = body.split_at(digits_end);
    let n = num.parse::<u32>().ok().or_else(|| chinese_number(num))?;
    let mut chars = after.chars();
    let unit = chars.next()?;
    let mut rest = chars.as_str();
    let marker = match unit {
        '天' | '日' => {
            rest = rest.strip_prefix('目').unwrap_or(rest);
            Marker::Day {
                n,
                sub: None,
                last: n,
                week: None,
            }
        }
        '周' | '週' => Marker::Week(n),
        _ => return None,
    };
    if !s.starts_with('第') && unit != '日' {
        return None;
    }
    let label = s.get(..s.len() - rest.len()).unwrap_or(s).to_string();
    Some((marker, label, rest))
}

/// Values of simple Chinese numerals up to 99.
fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = s.chars().collect();
    let value = match chars.as_slice() {
        [c] if *c == '十' => 10,
        [c] => u32::try_from(digit(*c)?).ok()?,
        ['十', u] => 10 + u32::try_from(digit(*u)?).ok()?,
        [t, '十'] => 10 * u32::try_from(digit(*t)?).ok()?,
        [t, '十', u] => 10 * u32::try_from(digit(*t)?).ok()? + u32::try_from(digit(*u)?).ok()?,
        _ => return None,
    };
    Some(value)
}

/// English number words (`Day One`, `Week Twelve`), for plans that spell numbers out.
fn word_number(s: &str) -> Option<(u32, &str)> {
    const WORDS: [&str; 20] = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    let (word, rest) = s.split_at(end);
    let lower = word.to_lowercase();
    let i = WORDS.iter().position(|w| *w == lower)?;
    Some((u32::try_from(i + 1).ok()?, rest))
}

/// A leading decimal number (at most 6 digits, so it fits and stays meaningful).
fn number(s: &str) -> Option<(u32, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if end == 0 || end > 6 {
        return None;
    }
    let rest = s.get(end..)?;
    if rest.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    Some((s.get(..end)?.parse().ok()?, rest))
}

/// The title after a label: separators dropped; `Weeks 1-12 (Foundation)` becomes `Foundation`,
/// `(Days 1–7): Arrays` becomes `Arrays`.
fn phase_title(rest: &str) -> String {
    let t = trim_separators(rest).trim();
    if let Some(inner) = t.strip_prefix('(')
        && let Some(close) = inner.find(')')
        && leading_marker(&inner[..close]).is_some()
    {
        let after = trim_separators(&inner[close + 1..]).trim();
        if !after.is_empty() {
            return after.to_string();
        }
    }
    if let Some(open) = t.find('(')
        && t.ends_with(')')
        && leading_marker(t).is_some()
    {
        return t.get(open + 1..t.len() - 1).unwrap_or(t).trim().to_string();
    }
    t.to_string()
}

/// `WEEK 1` -> `Week 1`: shouting labels read better in normal case.
fn tidy_label(label: &str) -> String {
    label
        .split(' ')
        .map(|w| {
            if w.chars().count() > 1 && w.chars().all(|c| c.is_uppercase()) {
                let mut cs = w.chars();
                let first = cs.next().map(String::from).unwrap_or_default();
                first + &cs.as_str().to_lowercase()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The day a table row names: through a cell like `Day 3`, or a number under a `Day` header
/// (with the week, if another cell names one). Without a day, the week itself when `weeks`.
/// Returns the marker, the label and the index of the cell that held it.
pub(super) fn row_day(
    cells: &[String],
    header: &[String],
    weeks: bool,
) -> Option<(Labelled, usize)> {
    let mut week = None;
    let mut day = None;
    let first = cells.iter().position(|c| !clean_title(c).is_empty());
    for (i, cell) in cells.iter().enumerate() {
        let head = header.get(i).map(|h| clean_title(h)).unwrap_or_default();
        let c = clean_title(cell);
        let from_header = header_label(&head, &c);
        match classify(&c)
            .filter(|l| l.title.is_empty() || l.separated)
            .or(from_header)
        {
            Some(l) if matches!(l.marker, Marker::Week(_)) && week.is_none() => {
                week = Some((l, i));
            }
            // A date names the row only in its first cell: `8/10` further right is a score.
            Some(l) if matches!(l.marker, Marker::Date(_)) && Some(i) != first => {}
            Some(l) if l.marker.is_day() => {
                day = Some((l, i));
                break;
            }
            _ => {}
        }
    }
    let Some((mut l, i)) = day else {
        return week.filter(|_| weeks);
    };
    if let (Some((w, _)), Marker::Day { week, .. }) = (week, &mut l.marker)
        && let Marker::Week(n) = w.marker
    {
        *week = Some(n);
        l.label = format!("{} {}", w.label, l.label);
    }
    Some((l, i))
}

/// A bare or zero-padded number (`3`, `03`, `1-2`) under a header that names days or weeks
/// (`Day`, `# Day`, `Tag`, `День`, `天`): the header gives the label its word.
fn header_label(head: &str, cell: &str) -> Option<Labelled> {
    let word = head.trim_start_matches(['#', '№', ' ']).trim();
    let lower = word.to_lowercase();
    let lower = lower.trim_end_matches('.');
    let numeric = !cell.is_empty()
        && cell
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | '.'))
        && cell.starts_with(|c: char| c.is_ascii_digit());
    if !numeric {
        return None;
    }
    // The header word stands for the unit; an English word of the same unit reads the number.
    let reader = if is_day_word(lower) {
        "Day"
    } else if is_week_word(lower) {
        "Week"
    } else {
        return None;
    };
    let reader = if label_word(lower, false).is_some() {
        word
    } else {
        reader
    };
    classify(&format!("{reader} {cell}"))
        .filter(|l| l.title.is_empty())
        .map(|mut l| {
            l.label = format!("{word} {cell}");
            l
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        let l = classify("**Day 1**: List comprehensions").expect("day");
        assert_eq!(l.label, "Day 1");
        assert_eq!(l.title, "List comprehensions");
        let l = classify("🧱 WEEK 1 — Core Python").expect("week");
        assert_eq!((l.marker, l.label.as_str()), (Marker::Week(1), "Week 1"));
        let l = classify("**Cycle 1: Weeks 1-12** (Foundation & Idioms)").expect("cycle");
        assert_eq!(l.title, "Foundation & Idioms");
        let l = classify("Day 28–30 — Capstone Project").expect("range");
        assert_eq!(
            l.marker,
            Marker::Day {
                n: 28,
                sub: None,
                last: 30,
                week: None
            }
        );
        assert_eq!(l.label, "Day 28–30");
        let l = classify("Week 2 – Day 3: Title").expect("combined");
        assert_eq!(
            l.marker,
            Marker::Day {
                n: 3,
                sub: None,
                last: 3,
                week: Some(2)
            }
        );
        assert_eq!(
            classify("第十二天 复习").map(|l| l.marker),
            Some(Marker::Day {
                n: 12,
                sub: None,
                last: 12,
                week: None
            })
        );
        assert!(classify("Day-wise Breakdown").is_none());
        assert!(classify("Daily Habits").is_none());
        assert!(classify("Sunday").is_some());
        assert!(classify("Sunshine").is_none());
        let l = classify("Day Three: Loops").expect("word number");
        assert_eq!((l.label.as_str(), l.title.as_str()), ("Day Three", "Loops"));
        assert!(classify("Day of rest").is_none());
        assert!(classify("3 Tage Pause").is_none());
        let l = classify("Day 3/30: Loops").expect("of total");
        assert_eq!((l.label.as_str(), l.title.as_str()), ("Day 3/30", "Loops"));
        let l = classify("Day 3 of 30 — Loops").expect("of total");
        assert_eq!(l.title, "Loops");
        assert!(classify("3. Tage").is_none());
        assert_eq!(
            classify("3. Tag").map(|l| l.label),
            Some("3. Tag".to_string())
        );
        let l = classify("3. nap: Ciklusok").expect("Hungarian day");
        assert_eq!((l.label.as_str(), l.title.as_str()), ("3. nap", "Ciklusok"));
        assert!(matches!(classify("2. hét"), Some(l) if l.marker == Marker::Week(2)));
        assert_eq!(
            classify("3일차").map(|l| l.label),
            Some("3일차".to_string())
        );
        assert_eq!(
            classify_heading("Recursion — Day 12").map(|l| (l.label, l.title)),
            Some(("Day 12".to_string(), "Recursion".to_string()))
        );
        assert!(classify("Last Updated: 2025-11-25").is_none());
        assert!(classify_heading("Notes - see below").is_none());
        let l = classify("Day 1 - 2 hours of reading").expect("day");
        assert_eq!(
            l.marker,
            Marker::Day {
                n: 1,
                sub: None,
                last: 1,
                week: None
            }
        );
    }
}
