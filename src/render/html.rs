//! The weekly review as one self-contained HTML page: inline CSS and inline SVG, no script and
//! nothing fetched, so that it opens the same offline, from a mail or from a repository.
//!
//! Every text that comes from a plan or a note passes [`escape`]; the page's own markup is
//! written here and nowhere else.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::charts::{self, BurnUp, Calendar, ReviewOutlook, SERIES, WeeklyMinutes, duration};
use super::svg::escape;

/// One plan under way, as the page shows it.
#[derive(Debug, Clone)]
pub(crate) struct PlanSection {
    pub id: String,
    pub title: String,
    pub pass: u32,
    /// Passes finished or abandoned before this one.
    pub earlier_passes: u32,
    /// With `--all`, a line on each of them (`pass 1: 7/7 days done, 2026-01-01 to ...`).
    pub earlier: Vec<String>,
    pub days_done: usize,
    pub days_skipped: usize,
    pub days_total: usize,
    pub percent: u32,
    /// `w3.d2 Closures` and where it sits; `None` when finished.
    pub now_at: Option<String>,
    /// `2 days ahead`, `on track`.
    pub pace: String,
    pub items_checked: usize,
    pub items_total: usize,
    pub minutes_total: u32,
    pub burn_up: BurnUp,
}

/// A reflection written in the period.
#[derive(Debug, Clone)]
pub(crate) struct Reflection {
    pub date: NaiveDate,
    pub plan: String,
    pub day: String,
    pub title: String,
    pub note: String,
}

/// The items of a day ticked in the period.
#[derive(Debug, Clone)]
pub(crate) struct Ticked {
    pub date: NaiveDate,
    pub plan: String,
    pub day: String,
    pub title: String,
    /// Item number and text (empty when the plan no longer has the item).
    pub items: Vec<(usize, String)>,
}

/// Everything the page shows, decided before it is drawn.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    pub today: NaiveDate,
    /// The first day of the period (a Monday) and its length in weeks.
    pub from: NaiveDate,
    pub weeks: u32,
    pub plans: Vec<PlanSection>,
    pub minutes: WeeklyMinutes,
    pub calendar: Calendar,
    pub reviews: ReviewOutlook,
    pub reflections: Vec<Reflection>,
    pub ticked: Vec<Ticked>,
    /// `Rest days: sat, sun`, `Paused 2026-11-03 to 2026-11-05, 3 days`.
    pub days_off: Vec<String>,
}

/// The swatch classes of the series, in order.
const SWATCHES: [&str; SERIES] = ["sw s0", "sw s1", "sw s2", "sw s3", "sw s4", "sw s5"];

const STYLE: &str = r#"
:root{color-scheme:light dark;--bg:#fff;--fg:#1d1d1f;--muted:#5c5c66;--line:#d6d6dc;--grid:#ececf0;--card:#f6f6f8;
--s0:#0072b2;--s1:#e69f00;--s2:#009e73;--s3:#d55e00;--s4:#cc79a7;--s5:#56b4e9;--plan:#6b6b75;--rest:#f0f0f3;--pause:#dcdce3;
--c0:#ebedf0;--c1:#c6dbef;--c2:#6baed6;--c3:#2171b5;--c4:#08306b;--cq:#b3b3bd}
@media screen and (prefers-color-scheme:dark){:root{--bg:#16171b;--fg:#e8e8ec;--muted:#a3a3ad;--line:#3a3b42;--grid:#2a2b31;--card:#1f2026;
--s0:#56b4e9;--s1:#f0b93a;--s2:#2fc39a;--s3:#ff7f3f;--s4:#e59ccb;--s5:#a4d8f7;--plan:#9a9aa5;--rest:#1e1f24;--pause:#30313a;
--c0:#262830;--c1:#1e3f66;--c2:#2f6faa;--c3:#5aa3e6;--c4:#b3dbff;--cq:#5d5e68}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:60rem;padding:1.5rem 1rem 3rem;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}h3{font-size:1.05rem;margin:1.4rem 0 .3rem}
.sub,.summary,.legend,.note{color:var(--muted)}.summary{margin:.2rem 0 1rem;font-size:.92rem}.sub,.note{margin:.2rem 0}
code{font:.9em ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace}
.facts{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;margin:.3rem 0 .6rem;padding:0;list-style:none}.facts b{font-weight:600}
figure{margin:0}.chart{overflow-x:auto;direction:rtl}.chart svg{direction:ltr;display:block;width:100%;min-width:30rem;height:auto}
.chart.wide svg{min-width:44rem}
.legend{display:flex;flex-wrap:wrap;gap:.2rem 1rem;margin:.3rem 0 0;padding:0;list-style:none;font-size:.85rem}
.sw{display:inline-block;width:.9em;height:.9em;margin-right:.35em;vertical-align:-.1em;border-radius:2px}
.ln{display:inline-block;width:1.6em;height:0;margin-right:.35em;vertical-align:.25em;border-top:2.5px solid var(--s0)}
svg text{fill:var(--muted);font:11px system-ui,sans-serif}
.grid{stroke:var(--grid)}.axis{stroke:var(--line)}.today{stroke:var(--muted);stroke-dasharray:2 3}
.done,.covered,.planned,.forecast{fill:none;stroke-width:2.2;stroke-linejoin:round}.done{stroke:var(--s0)}.covered{stroke:var(--s5);stroke-width:1.5}
.planned{stroke:var(--plan);stroke-dasharray:6 4;stroke-width:1.5}.forecast{stroke:var(--s3);stroke-dasharray:2 3}.forecast-end{fill:var(--s3)}
.rest{fill:var(--rest)}.paused{fill:var(--pause)}
.s0{fill:var(--s0);background:var(--s0)}.s1{fill:var(--s1);background:var(--s1)}.s2{fill:var(--s2);background:var(--s2)}
.s3{fill:var(--s3);background:var(--s3)}.s4{fill:var(--s4);background:var(--s4)}.s5{fill:var(--s5);background:var(--s5)}
.c0{fill:var(--c0);background:var(--c0)}.c1{fill:var(--c1);background:var(--c1)}.c2{fill:var(--c2);background:var(--c2)}
.c3{fill:var(--c3);background:var(--c3)}.c4{fill:var(--c4);background:var(--c4)}.cq{fill:var(--cq);background:var(--cq)}.off{opacity:.5}
rect.now{stroke:var(--s3);stroke-width:2}rect.best{stroke:var(--fg);stroke-width:1.2;stroke-dasharray:2 1.5}
.sw.now{border:2px solid var(--s3)}.sw.best{border:1.5px dashed var(--fg)}.sw.rest{background:var(--rest);border:1px solid var(--line)}.sw.paused{background:var(--pause)}
.ln.planned{border-top:2px dashed var(--plan)}.ln.forecast{border-top:2.5px dotted var(--s3)}.ln.covered{border-top-color:var(--s5)}
.log{padding-left:0;list-style:none}.log>li{margin:.5rem 0;padding:.5rem .7rem;background:var(--card);border-radius:6px;break-inside:avoid}
.when{color:var(--muted);font-size:.88rem}.log p{margin:.2rem 0 0;white-space:pre-wrap;overflow-wrap:anywhere}.log ol{margin:.2rem 0 0;padding-left:1.6rem}
@media (max-width:40rem){body{font-size:14px;padding:1rem .7rem 2rem}h1{font-size:1.3rem}}
@page{size:A4;margin:14mm 12mm}
@media print{:root{color-scheme:light}body{max-width:none;padding:0;font-size:10pt}.chart{overflow:visible}.chart svg{min-width:0}
h2,h3,.facts{break-after:avoid}figure,.legend{break-inside:avoid}.log>li{background:none;border:1px solid #ccc}}
"#;

/// The page, from `<!doctype html>` to `</html>`.
pub(crate) fn page(page: &Page) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let title = format!("pymastery review, week to {}", page.today);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"pymastery {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&title)
    );
    let last_day = page.today;
    let _ = writeln!(
        out,
        "<header>\n<h1>Review for the week to {}</h1>\n<p class=\"sub\">{} to {} ({}) · current streak {} · longest {}</p>",
        page.today,
        page.from,
        last_day,
        weeks_text(page.weeks),
        days_text(page.calendar.current),
        days_text(page.calendar.longest)
    );
    for line in &page.days_off {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(line));
    }
    out.push_str("</header>\n");
    plans(&mut out, page);
    time(&mut out, page);
    practice(&mut out, page);
    review(&mut out, page);
    reflections(&mut out, page);
    ticked(&mut out, page);
    out.push_str("</body>\n</html>\n");
    out
}

fn weeks_text(weeks: u32) -> String {
    format!("{weeks} week{}", if weeks == 1 { "" } else { "s" })
}

fn days_text(days: u32) -> String {
    format!("{days} day{}", if days == 1 { "" } else { "s" })
}

/// A chart's key: a swatch or a line style and what it stands for, each entry.
#[derive(Default)]
struct Legend(Vec<(&'static str, String)>);

impl Legend {
    /// `class` is the marker's: `sw c1` a swatch, `ln planned` a line.
    fn add(&mut self, class: &'static str, label: &str) -> &mut Legend {
        self.0.push((class, label.to_string()));
        self
    }

    fn add_if(&mut self, shown: bool, class: &'static str, label: &str) -> &mut Legend {
        if shown {
            self.add(class, label);
        }
        self
    }

    fn html(&self) -> String {
        let mut out = String::from("<ul class=\"legend\">");
        for (class, label) in &self.0 {
            let _ = write!(
                out,
                "<li><span class=\"{class}\"></span>{}</li>",
                escape(label)
            );
        }
        out.push_str("</ul>\n");
        out
    }
}

/// A chart in its figure, with its key and the sentence under it. On a narrow screen a chart
/// keeps a readable size and scrolls, starting at its right end, where today is
/// (`direction: rtl`); `class` adds `wide` for the calendar, which needs more room.
fn figure(out: &mut String, class: &str, chart: &charts::Chart, legend: &Legend) {
    let legend = if legend.0.is_empty() {
        String::new()
    } else {
        legend.html()
    };
    let _ = writeln!(
        out,
        "<figure class=\"{class}\">{}</figure>\n{legend}<p class=\"summary\">{}</p>",
        chart.svg,
        escape(&chart.summary)
    );
}

fn plans(out: &mut String, page: &Page) {
    out.push_str("<section id=\"plans\">\n<h2>Plans under way</h2>\n");
    if page.plans.is_empty() {
        out.push_str("<p>No plan under way. <code>pymastery plans</code> lists them; <code>pymastery start PLAN</code> begins one.</p>\n");
    }
    for (i, plan) in page.plans.iter().enumerate() {
        let pass = if plan.pass > 1 {
            format!(
                ", pass {} ({} before)",
                plan.pass,
                match plan.earlier_passes {
                    1 => "one pass".to_string(),
                    n => format!("{n} passes"),
                }
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "<h3>{} <code>{}</code>{}</h3>",
            escape(&plan.title),
            escape(&plan.id),
            escape(&pass)
        );
        out.push_str("<ul class=\"facts\">");
        let mut fact = |label: &str, value: String| {
            let _ = write!(out, "<li>{label} <b>{}</b></li>", escape(&value));
        };
        let mut progress = format!(
            "{}/{} days ({}%)",
            plan.days_done, plan.days_total, plan.percent
        );
        if plan.days_skipped > 0 {
            progress.push_str(&format!(", {} skipped", plan.days_skipped));
        }
        fact("progress", progress);
        match &plan.now_at {
            Some(now) => fact("now at", now.clone()),
            None => fact("status", "finished".into()),
        }
        fact("pace", plan.pace.clone());
        if let Some(date) = plan.burn_up.forecast {
            let label = if plan.now_at.is_some() {
                "forecast finish"
            } else {
                "finished"
            };
            fact(label, date.to_string());
        }
        if plan.items_total > 0 {
            fact(
                "items ticked",
                format!("{}/{}", plan.items_checked, plan.items_total),
            );
        }
        fact("time logged", duration(u64::from(plan.minutes_total)));
        out.push_str("</ul>\n");
        if !plan.earlier.is_empty() {
            out.push_str("<ul class=\"facts note\">");
            for line in &plan.earlier {
                let _ = write!(out, "<li>{}</li>", escape(line));
            }
            out.push_str("</ul>\n");
        }
        let chart = charts::burn_up(
            &format!("burn-{i}"),
            &format!("Burn-up of {}: days done over calendar days", plan.title),
            &plan.burn_up,
        );
        let off = &plan.burn_up.off;
        let mut legend = Legend::default();
        legend
            .add("ln", "days done")
            .add_if(
                !plan.burn_up.skipped.is_empty(),
                "ln covered",
                "done and skipped",
            )
            .add("ln planned", "the plan's calendar")
            .add_if(
                plan.now_at.is_some(),
                "ln forecast",
                "forecast at this pace",
            )
            .add_if(off.iter().any(|o| !o.paused), "sw rest", "rest day")
            .add_if(off.iter().any(|o| o.paused), "sw paused", "paused");
        figure(out, "chart", &chart, &legend);
    }
    out.push_str("</section>\n");
}

fn time(out: &mut String, page: &Page) {
    out.push_str("<section id=\"time\">\n<h2>Time</h2>\n");
    let chart = charts::weekly_minutes("minutes", &page.minutes);
    let mut legend = Legend::default();
    for (n, (plan, _)) in page.minutes.plans.iter().enumerate() {
        legend.add(SWATCHES[n % SERIES], plan);
    }
    figure(out, "chart", &chart, &legend);
    out.push_str("</section>\n");
}

fn practice(out: &mut String, page: &Page) {
    out.push_str("<section id=\"practice\">\n<h2>Practice</h2>\n");
    let chart = charts::calendar("calendar", &page.calendar);
    let calendar = &page.calendar;
    let mut legend = Legend::default();
    legend
        .add("sw c0", "none")
        .add("sw c1", "under 20 min")
        .add("sw c2", "20-39 min")
        .add("sw c3", "40-59 min")
        .add("sw c4", "an hour or more")
        .add_if(
            calendar
                .days
                .iter()
                .any(|d| d.practised && d.minutes.is_none()),
            "sw cq",
            "practised (minutes not read)",
        )
        .add_if(calendar.current_run.is_some(), "sw now", "current streak")
        .add_if(
            calendar.longest_run != calendar.current_run
                && calendar
                    .longest_run
                    .is_some_and(|(_, last)| calendar.days.first().is_some_and(|d| d.date <= last)),
            "sw best",
            "longest streak",
        );
    figure(out, "chart wide", &chart, &legend);
    out.push_str("</section>\n");
}

fn review(out: &mut String, page: &Page) {
    out.push_str("<section id=\"review\">\n<h2>Spaced review</h2>\n");
    let due = charts::reviews_due("due", &page.reviews);
    let mut legend = Legend::default();
    legend
        .add("sw s0", "due")
        .add_if(page.reviews.overdue > 0, "sw s3", "overdue");
    figure(out, "chart", &due, &legend);
    let again = charts::again_share("again", &page.reviews);
    figure(out, "chart", &again, &Legend::default());
    out.push_str("</section>\n");
}

fn reflections(out: &mut String, page: &Page) {
    let _ = writeln!(
        out,
        "<section id=\"reflections\">\n<h2>Reflections ({})</h2>",
        page.reflections.len()
    );
    if page.reflections.is_empty() {
        out.push_str("<p class=\"note\">None written in the period. <code>pymastery done --note</code> adds one.</p>\n");
    } else {
        out.push_str("<ol class=\"log\">\n");
        for r in page.reflections.iter().rev() {
            let _ = writeln!(
                out,
                "<li><span class=\"when\">{} · <code>{}</code> {}</span> <b>{}</b><p>{}</p></li>",
                r.date,
                escape(&r.plan),
                escape(&r.day),
                escape(&r.title),
                escape(&r.note)
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

fn ticked(out: &mut String, page: &Page) {
    let count: usize = page.ticked.iter().map(|t| t.items.len()).sum();
    let _ = writeln!(
        out,
        "<section id=\"ticked\">\n<h2>Items ticked ({count})</h2>"
    );
    if page.ticked.is_empty() {
        out.push_str("<p class=\"note\">None in the period.</p>\n</section>\n");
        return;
    }
    out.push_str("<ul class=\"log\">\n");
    for t in page.ticked.iter().rev() {
        let _ = write!(
            out,
            "<li><span class=\"when\">{} · <code>{}</code> {}</span> <b>{}</b><ol>",
            t.date,
            escape(&t.plan),
            escape(&t.day),
            escape(&t.title)
        );
        for (n, text) in &t.items {
            let _ = write!(out, "<li value=\"{n}\">{}</li>", escape(text));
        }
        out.push_str("</ol></li>\n");
    }
    out.push_str("</ul>\n</section>\n");
}
