//! A small SVG writer for the charts of the HTML review: shapes, text, scales and ticks.
//!
//! Written here rather than through a plotting crate: the charts are a handful of bars, lines
//! and squares, and drawing them ourselves keeps every colour a CSS class (so that dark mode and
//! print restyle them), every text escaped in one place, and the binary and the build as they
//! were.

use std::fmt::Write as _;

use chrono::{Datelike, Duration, NaiveDate};

/// Text made safe for HTML and SVG, in element content and in quoted attributes alike:
/// markup characters become entities, and the characters no terminal or page should receive
/// (controls, bidirectional overrides) are dropped.
pub(crate) fn escape(text: &str) -> String {
    let plain =
        |b: u8| (0x20..0x7f).contains(&b) && !matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    if text.bytes().all(plain) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if super::text::is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// One chart being written: a fixed coordinate system that scales to the page's width.
pub(crate) struct Svg {
    body: String,
    width: f64,
    height: f64,
}

/// Where text is anchored.
#[derive(Clone, Copy)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn name(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// Rounds a coordinate to a tenth: enough for a screen, and the page stays small.
fn n(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

impl Svg {
    pub(crate) fn new(width: f64, height: f64) -> Svg {
        Svg {
            body: String::new(),
            width,
            height,
        }
    }

    /// A rectangle of a CSS class; `tip` becomes its tooltip (`<title>`).
    pub(crate) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, class: &str, tip: Option<&str>) {
        let _ = write!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" class="{class}""#,
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h.max(0.0))
        );
        match tip {
            Some(tip) => {
                let _ = write!(self.body, "><title>{}</title></rect>", escape(tip));
            }
            None => self.body.push_str("/>"),
        }
    }

    pub(crate) fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, class: &str) {
        let _ = write!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" class="{class}"/>"#,
            n(x1),
            n(y1),
            n(x2),
            n(y2)
        );
    }

    /// A line through the points, in order.
    pub(crate) fn polyline(&mut self, points: &[(f64, f64)], class: &str) {
        if points.is_empty() {
            return;
        }
        let mut list = String::new();
        for (x, y) in points {
            let _ = write!(list, "{},{} ", n(*x), n(*y));
        }
        let _ = write!(
            self.body,
            r#"<polyline points="{}" class="{class}"/>"#,
            list.trim_end()
        );
    }

    pub(crate) fn circle(&mut self, x: f64, y: f64, r: f64, class: &str) {
        let _ = write!(
            self.body,
            r#"<circle cx="{}" cy="{}" r="{}" class="{class}"/>"#,
            n(x),
            n(y),
            n(r)
        );
    }

    pub(crate) fn text(&mut self, x: f64, y: f64, anchor: Anchor, class: &str, text: &str) {
        let _ = write!(
            self.body,
            r#"<text x="{}" y="{}" text-anchor="{}" class="{class}">{}</text>"#,
            n(x),
            n(y),
            anchor.name(),
            escape(text)
        );
    }

    /// The finished `<svg>` element with its `<title>` and `<desc>`, labelled for screen
    /// readers; `id` makes the labels' ids unique on the page.
    pub(crate) fn finish(self, id: &str, title: &str, desc: &str) -> String {
        format!(
            r#"<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>{}</svg>"#,
            escape(title),
            escape(desc),
            self.body,
            w = n(self.width),
            h = n(self.height),
        )
    }
}

/// A linear map from values to coordinates.
#[derive(Clone, Copy)]
pub(crate) struct Scale {
    from: (f64, f64),
    to: (f64, f64),
}

impl Scale {
    pub(crate) fn new(from: (f64, f64), to: (f64, f64)) -> Scale {
        Scale { from, to }
    }

    pub(crate) fn at(&self, value: f64) -> f64 {
        let span = self.from.1 - self.from.0;
        if span == 0.0 {
            return self.to.0;
        }
        self.to.0 + (value - self.from.0) / span * (self.to.1 - self.to.0)
    }
}

/// Round tick values from 0 to at least `max`, about `count` of them: steps of 1, 2 or 5 times
/// a power of ten.
pub(crate) fn ticks(max: f64, count: usize) -> Vec<f64> {
    let max = if max > 0.0 { max } else { 1.0 };
    let rough = max / count.max(1) as f64;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power)
        .max(1.0);
    let mut values = vec![0.0];
    while values.last().is_some_and(|v| *v < max) {
        let next = values.len() as f64 * step;
        values.push(next);
    }
    values
}

/// Dates to label on an axis from `from` to `to`, at most about `count`: days, weeks (Mondays)
/// or the first of months, whichever steps fit; each with its label.
pub(crate) fn date_ticks(from: NaiveDate, to: NaiveDate, count: usize) -> Vec<(NaiveDate, String)> {
    let days = (to - from).num_days().max(1);
    let count = count.max(2) as i64;
    if let Some(step) = [1, 2, 7, 14].into_iter().find(|s| days / s <= count) {
        let mut date = from;
        if step >= 7 {
            while date.weekday().num_days_from_monday() != 0 {
                date += Duration::days(1);
            }
        }
        let mut out = Vec::new();
        while date <= to {
            out.push((date, date.format("%b %-d").to_string()));
            date += Duration::days(step);
        }
        return out;
    }
    let months = days / 30;
    let mut out = Vec::new();
    if let Some(step) = [1i64, 2, 3, 6].into_iter().find(|s| months / s <= count) {
        let step = step as i32;
        let mut month = from.year() * 12 + from.month0() as i32;
        if from.day() > 1 {
            month += 1;
        }
        while month.rem_euclid(12) % step != 0 {
            month += 1;
        }
        while let Some(date) =
            NaiveDate::from_ymd_opt(month.div_euclid(12), month.rem_euclid(12) as u32 + 1, 1)
            && date <= to
        {
            let label = if date.month() == 1 {
                date.format("%Y").to_string()
            } else if out.is_empty() {
                date.format("%b %Y").to_string()
            } else {
                date.format("%b").to_string()
            };
            out.push((date, label));
            month += step;
        }
        return out;
    }
    let years = i64::from(to.year() - from.year()).max(1);
    let step = [1, 2, 5, 10, 20, 50, 100]
        .into_iter()
        .find(|s| years / s <= count)
        .unwrap_or(100) as i32;
    let mut year = from.year() + 1;
    while year % step != 0 {
        year += 1;
    }
    while let Some(date) = NaiveDate::from_ymd_opt(year, 1, 1)
        && date <= to
    {
        out.push((date, year.to_string()));
        year += step;
    }
    out
}

/// `1,234`: numbers in summaries, grouped by thousands.
pub(crate) fn grouped(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn escape_leaves_no_markup() {
        assert_eq!(
            escape(r#"<script>alert('x')</script> & "q" </svg>"#),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; &lt;/svg&gt;"
        );
        assert_eq!(escape("a\u{1b}[2Jb\u{202e}c"), "a[2Jbc");
    }

    #[test]
    fn ticks_are_round_and_reach_the_maximum() {
        assert_eq!(ticks(48.0, 5), vec![0.0, 10.0, 20.0, 30.0, 40.0, 50.0]);
        assert_eq!(ticks(7.0, 4), vec![0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(ticks(0.0, 4), vec![0.0, 1.0]);
        assert_eq!(ticks(3.0, 8), vec![0.0, 1.0, 2.0, 3.0]);
    }

    #[test]
    fn date_ticks_step_by_days_weeks_or_months() {
        let days = date_ticks(date("2026-11-01"), date("2026-11-05"), 6);
        assert_eq!(days.len(), 5);
        assert_eq!(days[0].1, "Nov 1");
        let weeks = date_ticks(date("2026-09-01"), date("2026-11-20"), 8);
        assert!(
            weeks
                .iter()
                .all(|(d, _)| d.weekday() == chrono::Weekday::Mon)
        );
        assert_eq!(weeks[0].1, "Sep 7");
        let months = date_ticks(date("2025-11-01"), date("2026-11-20"), 8);
        assert_eq!(
            months.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>(),
            ["Nov 2025", "2026", "Mar", "May", "Jul", "Sep", "Nov"]
        );
        let years = date_ticks(date("2016-11-01"), date("2026-11-20"), 8);
        assert_eq!(years.first().map(|(_, l)| l.as_str()), Some("2018"));
        assert!(years.len() <= 8);
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(grouped(7), "7");
        assert_eq!(grouped(1234), "1,234");
        assert_eq!(grouped(1234567), "1,234,567");
    }
}
