//! `status --format html`: one self-contained page of charts, safe whatever the plans and notes
//! say.

use crate::support::Pym;

/// Two weeks of a plan with notes, minutes, ticks, ratings, a skip and a pause.
fn fortnight() -> Pym {
    let mut pym = Pym::new();
    pym.at(1, "09:00").run(&["start", "interview"]).ok();
    pym.run(&["config", "set", "rest_days", "sun"]).ok();
    for day in 2..=12u32 {
        if (6..=7).contains(&day) {
            continue;
        }
        pym.at(day, "20:00");
        if day == 9 {
            pym.run(&["skip", "--reason", "known"]).ok();
            continue;
        }
        if day % 3 == 0 {
            pym.run(&["check", "1", "2"]).ok();
        }
        let note = format!("day {day}: closures capture variables, not values");
        let minutes = (20 + day * 7).to_string();
        let rate = if day % 4 == 0 { "again" } else { "good" };
        pym.run(&[
            "done",
            "--note",
            &note,
            "--minutes",
            &minutes,
            "--rate",
            rate,
        ])
        .ok();
        if day == 5 {
            pym.at(5, "21:00")
                .run(&["pause", "--until", "2026-11-07"])
                .ok();
        }
    }
    pym.at(13, "08:00")
        .run(&["review", "d2", "--rate", "again"])
        .ok();
    pym.run(&["review", "d3", "--rate", "good"]).ok();
    pym.at(14, "09:00");
    pym
}

/// The page with its stylesheet left out and one element a line, so that a change in structure
/// or numbers reads as a short diff.
fn structure(page: &str) -> String {
    let start = page.find("<style>").expect("a stylesheet");
    let end = page.find("</style>").expect("its end");
    let page = format!("{}<style>…</style>{}", &page[..start], &page[end + 8..]);
    page.replace("><", ">\n<")
}

#[test]
fn html_review_shows_pace_time_practice_and_review() {
    let pym = fortnight();
    let run = pym.run(&["status", "--format", "html"]).ok();
    assert!(
        run.stdout.starts_with("<!doctype html>\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("</html>\n"));
    insta::assert_snapshot!("status_html", structure(&run.stdout));
}

#[test]
fn html_review_escapes_plan_and_note_text() {
    let pym = Pym::new();
    let hostile =
        r#"<script>alert(1)</script> <img src=x onerror=alert(2)> </svg> "quoted" & 'single'"#;
    let plan = format!(
        "# Plan {hostile}\n\n## Day 1: {hostile}\n\n- [ ] item {hostile}\n- [ ] plain item\n\n## Day 2: second\n\n- [ ] more\n"
    );
    pym.import_text("evil", &plan).ok();
    pym.run(&["start", "evil"]).ok();
    pym.run(&["check", "1"]).ok();
    pym.run(&["done", "--note", hostile, "--minutes", "30"])
        .ok();
    let page = pym.run(&["status", "--format", "html"]).ok().stdout;
    for markup in ["<script", "<img", "\"quoted\"", "'single'"] {
        assert!(!page.contains(markup), "{markup} reached the page");
    }
    assert_eq!(page.matches("<svg").count(), page.matches("</svg>").count());
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; &lt;/svg&gt; &quot;quoted&quot; &amp; &#39;single&#39;";
    // In the plan's title, the day's title, the ticked item and the note.
    assert!(page.matches(escaped).count() >= 4, "{page}");
}

#[test]
fn html_review_refers_to_nothing_outside_itself() {
    let pym = fortnight();
    let page = pym
        .run(&["status", "--format", "html", "--weeks", "60", "--all"])
        .ok()
        .stdout;
    let lower = page.to_lowercase();
    for reference in [
        "http:", "https:", "src=", "href=", "@import", "url(", "<script", "<link", "<iframe",
        "<object", "<embed", "<img",
    ] {
        assert!(!lower.contains(reference), "the page holds {reference}");
    }
}

#[test]
fn html_review_goes_to_a_file_with_o() {
    let pym = fortnight();
    let file = pym.home().join("review.html");
    let run = pym
        .run(&["status", "--format", "html", "-o", file.to_str().unwrap()])
        .ok();
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("review.html"), "{}", run.stderr);
    let page = std::fs::read_to_string(&file).unwrap();
    assert_eq!(page, pym.run(&["status", "--format", "html"]).ok().stdout);

    // Any format goes to the file; a file gets no colour.
    let text = pym.home().join("review.txt");
    pym.run(&["--color", "always", "status", "-o", text.to_str().unwrap()])
        .ok();
    let written = std::fs::read_to_string(&text).unwrap();
    assert!(
        written.starts_with("Review for the week to 2026-11-14\n"),
        "{written}"
    );
    assert!(!written.contains('\u{1b}'));

    let missing = pym.home().join("no-such-folder/review.html");
    let run = pym
        .run(&[
            "status",
            "--format",
            "html",
            "-o",
            missing.to_str().unwrap(),
        ])
        .code(2);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    assert!(!missing.exists());
    let home = pym.home().to_str().unwrap().to_string();
    let run = pym
        .run(&["status", "--format", "html", "-o", &home])
        .code(2);
    assert!(run.stderr.contains("is a folder"), "{}", run.stderr);
    let run = pym.run(&["status", "--format", "html", "--open"]).code(2);
    assert!(run.stderr.contains("--output"), "{}", run.stderr);
}

#[test]
fn html_review_of_the_whole_history_reads_every_event() {
    let pym = fortnight();
    let page = pym
        .run(&["status", "--format", "html", "--weeks", "520"])
        .ok()
        .stdout;
    // Every reflection of the fortnight, oldest last.
    assert_eq!(page.matches("closures capture variables").count(), 8);
    assert!(page.contains("<h2>Reflections (8)</h2>"), "{page}");
    assert!(page.contains("520 weeks"));
}

#[test]
fn earlier_passes_are_counted_from_every_event_however_old() {
    let mut pym = Pym::new();
    pym.now("2026-01-01T09:00:00Z")
        .run(&["start", "deep-dive"])
        .ok();
    for day in 1..=7 {
        pym.now(&format!("2026-01-{day:02}T20:00:00Z"))
            .run(&["done"])
            .ok();
    }
    // Ten months on, five sessions with notes: the recent events the checkpoint keeps serve
    // the review, and no longer hold the first pass.
    pym.at(1, "09:00")
        .run(&["start", "deep-dive", "--fresh"])
        .ok();
    for day in 1..=5 {
        pym.at(day, "20:00")
            .run(&["done", "--note", "went well"])
            .ok();
    }
    let pass = "deep-dive pass 1: 7/7 days done, 2026-01-01 to 2026-01-07";
    let text = pym.run(&["status", "--all"]).ok().stdout;
    assert!(text.contains(pass), "{text}");
    let page = pym
        .run(&["status", "--all", "--format", "html"])
        .ok()
        .stdout;
    assert!(page.contains(pass), "{page}");
}

/// The year calendar shades a day by its minutes even when it is older than the recent events a
/// command reads: the fold keeps a year of minutes per day.
#[test]
fn the_year_calendar_shades_old_days_by_their_minutes() {
    let mut pym = Pym::new();
    pym.now("2026-03-02T20:00:00Z");
    pym.run(&["start", "interview"]).ok();
    pym.run(&["done", "--minutes", "45"]).ok();
    pym.now("2026-11-16T20:00:00Z");
    pym.run(&["done", "--minutes", "10"]).ok();
    // Twice: the second page is drawn from the checkpoint the first one left.
    for _ in 0..2 {
        let page = pym.run(&["status", "--format", "html"]).ok().stdout;
        assert!(
            page.contains("2026-03-02: 45 min"),
            "the old day is not shaded"
        );
        assert!(!page.contains("minutes not read"));
    }
}
