//! Turning results into what the user reads: terminal text, tables, JSON and an HTML page. Nothing here prints.

pub(crate) mod charts;
pub(crate) mod day;
pub(crate) mod html;
pub(crate) mod svg;
pub(crate) mod text;
pub(crate) mod width;

pub use text::{TerminalWriter, one_line, sanitize};
pub use width::wrap_hanging;

use std::io::{self, Write};

use serde_json::ser::{Formatter, PrettyFormatter};

/// Writes a JSON document and a newline, with every character [`text::is_unsafe`] names
/// escaped as `\uXXXX` (serde_json escapes only C0), so that no string in it can drive a
/// terminal it is printed on.
pub fn write_json(out: &mut dyn Write, value: &serde_json::Value) -> anyhow::Result<()> {
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut *out, SafeJson(PrettyFormatter::new()));
    serde::Serialize::serialize(value, &mut serializer)?;
    writeln!(out)?;
    Ok(())
}

/// Pretty JSON that escapes C1 and bidirectional controls too.
struct SafeJson(PrettyFormatter<'static>);

impl Formatter for SafeJson {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if text::is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_escapes_c1_and_bidirectional_controls() {
        let value =
            serde_json::json!({ "t\u{9b}": "a\u{1b}b\u{9d}c\u{202e}d\u{61c}e\u{2066}f\u{85}é" });
        let mut out = Vec::new();
        super::write_json(&mut out, &value).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "{\n  \"t\\u009b\": \"a\\u001bb\\u009dc\\u202ed\\u061ce\\u2066f\\u0085é\"\n}\n"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
