//! Prints a file after normalisation, and its warnings on stderr.
fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(path)?;
    let (out, warnings) = pymastery::curriculum::normalize::normalize(&text);
    print!("{out}");
    for w in warnings {
        eprintln!("{}: {}", w.line, w.message);
    }
    Ok(())
}
