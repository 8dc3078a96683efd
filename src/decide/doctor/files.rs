//! What the files of a home say of themselves: a mode that lets others in, a temporary file
//! an interrupted replacement left.

use std::path::Path;

use super::{Finding, Kind};

/// A file or directory at `path` whose `mode` lets other users in: the home, its files and
/// the imported plans must be private, since notes are personal.
pub(crate) fn loose_mode(path: &Path, mode: u32, is_dir: bool) -> Option<Finding> {
    let (wanted, what) = if is_dir {
        (0o700, "directory")
    } else {
        (0o600, "file")
    };
    let who = if mode & 0o022 != 0 {
        "change it"
    } else {
        "read it"
    };
    (mode & 0o077 != 0).then(|| {
        Finding::problem(
            Kind::Permissions,
            path,
            None,
            format!(
                "{what} mode is {mode:04o}, so other users can {who}; it should be {wanted:04o}"
            ),
        )
    })
}

pub(crate) use crate::fs::temp_file_pid;

/// A temporary file of `size` bytes left by process `pid`, which is gone.
pub(crate) fn stale_temp(path: &Path, size: u64, pid: u32) -> Finding {
    Finding::problem(
        Kind::StaleTemp,
        path,
        None,
        format!(
            "a temporary file ({size} bytes) left by process {pid}, which is gone: an interrupted replacement; the file it was to replace is intact"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_modes_that_let_others_in_are_found_and_writable_ones_say_so() {
        let path = Path::new("home");
        assert!(loose_mode(path, 0o700, true).is_none());
        assert!(loose_mode(path, 0o600, false).is_none());
        let readable = loose_mode(path, 0o644, false).unwrap();
        assert_eq!(
            readable.message,
            "file mode is 0644, so other users can read it; it should be 0600"
        );
        assert!(readable.repairable());
        let writable = loose_mode(path, 0o777, true).unwrap();
        assert!(
            writable
                .message
                .starts_with("directory mode is 0777, so other users can change it")
        );
    }

    #[test]
    fn a_temporary_file_names_the_process_that_wrote_it() {
        assert_eq!(temp_file_pid(".progress.jsonl.tmp-4242"), Some(4242));
        assert_eq!(temp_file_pid("progress.jsonl.tmp-4242"), None);
        assert_eq!(temp_file_pid(".notes.tmp-x"), None);
    }
}
