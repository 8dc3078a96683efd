//! Generates a 20,000-day plan and prints how long parsing it takes.
//!
//! `cargo run --release --example parse_large`
use std::fmt::Write as _;
use std::time::Instant;

fn main() {
    let mut s = String::from("# Twenty thousand days\n\n");
    for day in 1..=20_000u32 {
        if day % 7 == 1 {
            let _ = writeln!(s, "## Week {}: Block {}\n", day / 7 + 1, day / 7 + 1);
        }
        let _ = writeln!(s, "### Day {day}: Topic number {day}\n");
        let _ = writeln!(
            s,
            "- [ ] Read about `thing_{day}`\n- [ ] Practice: exercise {day}\n  - detail\n"
        );
        let _ = writeln!(s, "**Tip:** keep going.\n");
    }
    let start = Instant::now();
    let plan = pymastery::curriculum::parse::parse("large", &s);
    let elapsed = start.elapsed();
    println!(
        "parsed {} days, {} items, {} bytes in {:.1} ms",
        plan.days.len(),
        plan.item_count(),
        s.len(),
        elapsed.as_secs_f64() * 1000.0
    );
}
