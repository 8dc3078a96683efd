//! `status -o FILE [--open]`: the review written to a file whole, and handed to the system's
//! opener.

use std::path::{Path, PathBuf};

use super::Context;
use crate::error::bad_input;

/// Checks `-o FILE` before anything is read: a folder that does not exist, or a path that is a
/// folder, is refused.
pub(super) fn target(path: &Path) -> anyhow::Result<PathBuf> {
    if path.is_dir() {
        return Err(bad_input(format!(
            "-o {} is a folder; give a file name, such as {}",
            path.display(),
            path.join("review.html").display()
        )));
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(parent) = parent
        && !parent.is_dir()
    {
        return Err(bad_input(format!(
            "the folder of -o does not exist: {}",
            parent.display()
        )));
    }
    Ok(path.to_path_buf())
}

/// Writes the review to `path` whole (never half a page), says where, and opens it if asked.
pub(super) fn save(ctx: &Context, path: &Path, bytes: &[u8], open: bool) -> anyhow::Result<()> {
    crate::fs::write_atomically(path, bytes)?;
    if !ctx.quiet {
        eprintln!(
            "Wrote {}",
            crate::render::text::sanitize(&path.display().to_string())
        );
    }
    if open && let Err(err) = open_with_system(path) {
        crate::commands::warn(&format!(
            "could not open {}: {err}; open it yourself",
            path.display()
        ));
    }
    Ok(())
}

/// Hands the file to the desktop's opener, without waiting for it.
fn open_with_system(path: &Path) -> std::io::Result<()> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
}
