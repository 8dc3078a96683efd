//! Prints a plan file's parse as an outline, for checking the parser by eye.
fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_default();
    let bytes = std::fs::read(&path)?;
    let p = std::path::Path::new(&path);
    let plan = match pymastery::curriculum::parse::parse_file_text("x", p, &bytes) {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!("{e}");
            return Ok(());
        }
    };
    println!("TITLE {}", plan.title);
    for m in &plan.meta {
        println!("META {} = {}", m.label, m.value);
    }
    for (i, ph) in plan.phases.iter().enumerate() {
        println!(
            "PHASE {i} {:?} {:?} {} | {} parent={:?}",
            ph.kind, ph.number, ph.label, ph.title, ph.parent
        );
    }
    for d in &plan.days {
        println!(
            "DAY #{} {} [{}] {} span={} phase={:?} items={}",
            d.ordinal,
            d.key,
            d.label,
            d.title,
            d.span,
            d.phase,
            d.items.len()
        );
        for n in &d.notes {
            println!("    note: {n}");
        }
        for it in &d.items {
            println!(
                "    {} {:?}{} {} ({} ch)",
                it.n,
                it.kind,
                if it.checkbox { " [ ]" } else { "" },
                it.text,
                it.children.len()
            );
        }
    }
    for s in &plan.sections {
        println!(
            "SECTION {} [{}] checkable={} text={:?}",
            s.key, s.title, s.checkable, s.text
        );
        for it in &s.items {
            println!("    {} {:?} {}", it.n, it.kind, it.text);
        }
    }
    for w in &plan.warnings {
        println!("WARN {}: {}", w.line, w.message);
    }
    Ok(())
}
