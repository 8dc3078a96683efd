//! Turning results into what the user reads: terminal text, tables and JSON. Nothing here prints.

pub mod day;
pub mod text;
pub mod width;

use std::io::Write;

/// Writes a JSON document and a newline.
pub fn write_json(out: &mut dyn Write, value: &serde_json::Value) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}
