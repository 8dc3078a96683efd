//! Merging what came from the remote, by pymastery's rules rather than git's.
//!
//! `git merge` is never run: it would apply the remote's attributes, check out whatever the
//! remote tracks, drop lines a remote commit removed, and obey `merge.ff`. Instead each path
//! that differs is merged here and written into the home with an atomic replace, then the
//! merged tree is committed with plumbing (`hash-object`, `update-index`, `write-tree`,
//! `commit-tree`, `update-ref`), which runs no hook:
//!
//! - a log file keeps every line the home holds and gains the remote's complete, valid lines
//!   whose event ids it lacks; a line that does not parse, or is over 1 MiB, is skipped with a
//!   notice naming file and line; a remote version that lacks events the home holds is saved in
//!   `quarantine/` and the events stay;
//! - a plan changed on one side takes that side's text; changed on both, git's three-way text
//!   merge, and when that conflicts the remote's version (which the other machine already has),
//!   this machine's saved in `quarantine/`, so both machines end with the same plan;
//! - `.gitignore` and `.gitattributes` stay the home's own.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::arrival::{self, Entry, Kind};
use super::git::Git;
use super::remote::Upstream;
use super::{QUARANTINE_DIR, failed, tally};
use crate::progress::store::parse_line;

/// The longest event line taken from a remote.
pub(super) const MAX_LINE_BYTES: usize = 1024 * 1024;

/// Merges what was fetched into HEAD, after [`arrival::check`] has passed it.
pub(super) fn merge(
    git: &Git,
    name: &str,
    upstream: Option<&Upstream>,
    own_log: &Path,
    notes: &mut Vec<String>,
) -> anyhow::Result<()> {
    let Some(upstream) = upstream else {
        return Ok(());
    };
    let head = git.rev("HEAD");
    let Some(theirs_rev) = git.rev(&upstream.tracking) else {
        return Ok(());
    };
    if let Some(head) = &head
        && is_ancestor(git, &theirs_rev, head)
    {
        return Ok(());
    }
    let base = head
        .as_deref()
        .and_then(|h| git.run_quiet(&["merge-base", h, &theirs_rev]));
    let changes = arrival::changes(git, head.as_deref(), &theirs_rev)
        .map_err(|e| failed("read the home's commits", &e))?;
    let base_entries = match &base {
        Some(base) => entries_at(git, base, changes.iter().map(|c| c.path.as_str()))
            .map_err(|e| failed("read the home's commits", &e))?,
        None => HashMap::new(),
    };
    let own_rel = own_log
        .strip_prefix(git.dir())
        .ok()
        .and_then(|p| p.to_str())
        .map(str::to_string)
        .unwrap_or_default();
    let mut merger = Merger {
        git,
        remote: name,
        notes,
        writes: Vec::new(),
        removals: Vec::new(),
        moved: HashMap::new(),
        sealed_here: HashMap::new(),
        own_committed: 0,
    };
    merger.note_sealed_segments(&changes)?;
    merger.merge_changes(&changes, &base_entries, &own_rel)?;
    let merged = Merged {
        writes: merger.writes,
        removals: merger.removals,
        own_committed: merger.own_committed,
    };
    merged.write_to_home(git.dir(), own_log)?;
    merged.commit(git, head.as_deref(), &theirs_rev, name)
}

/// What a merge changes in the home.
struct Merged {
    /// Paths to write with their merged bytes.
    writes: Vec<(String, Vec<u8>)>,
    /// Paths to remove.
    removals: Vec<String>,
    /// The length of this machine's own active file as committed.
    own_committed: usize,
}

impl Merged {
    /// Writes the merged files into the home, each replaced atomically; this machine's own
    /// active file is only ever appended to.
    fn write_to_home(&self, home: &Path, own_log: &Path) -> anyhow::Result<()> {
        for (path, bytes) in &self.writes {
            let target = home.join(path);
            if let Some(dir) = target.parent() {
                crate::fs::create_private_dir(dir)
                    .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
            }
            if target == own_log {
                write_own_log(&target, &bytes[self.own_committed.min(bytes.len())..])?;
            } else {
                crate::fs::write_atomically(&target, bytes)?;
            }
        }
        for path in &self.removals {
            let target = home.join(path);
            match std::fs::remove_file(&target) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(anyhow::anyhow!("cannot remove {}: {e}", target.display())),
            }
        }
        Ok(())
    }

    /// Records the merge with git's plumbing: the home's tree with the merged paths replaced,
    /// committed on top of both sides (or the remote's commit itself when it already is the
    /// merge), and the branch moved from `head` to it.
    fn commit(
        &self,
        git: &Git,
        head: Option<&str>,
        theirs_rev: &str,
        name: &str,
    ) -> anyhow::Result<()> {
        let index = |args: &[&str]| git.run(args).map_err(|e| failed("record the merge", &e));
        let tree = self.tree(git, head)?;
        let their_tree = index(&["rev-parse", &format!("{theirs_rev}^{{tree}}")])?;
        let commit = match head {
            // What the remote has is what this home has, merged: take its commit as it is.
            _ if tree == their_tree && head.is_none_or(|h| is_ancestor(git, h, theirs_rev)) => {
                theirs_rev.to_string()
            }
            Some(head) if is_ancestor(git, head, theirs_rev) => index(&[
                "commit-tree",
                &tree,
                "-p",
                theirs_rev,
                "-m",
                &format!("Keep what {name} dropped"),
            ])?,
            Some(head) => index(&[
                "commit-tree",
                &tree,
                "-p",
                head,
                "-p",
                theirs_rev,
                "-m",
                &format!("Merge progress from {name}"),
            ])?,
            None => theirs_rev.to_string(),
        };
        let branch = index(&["symbolic-ref", "HEAD"])?;
        let mut update = vec!["update-ref", "-m", "pymastery sync", &branch, &commit];
        if let Some(head) = head {
            update.push(head);
        }
        if let Err(failure) = git.run(&update) {
            if git.rev("HEAD").as_deref() != head {
                // A git of a killed sync, still finishing, moved the branch meanwhile.
                return Err(anyhow::Error::new(HeadMoved));
            }
            return Err(failed("record the merge", &failure));
        }
        index(&["read-tree", &commit])?;
        let _ = git.run(&["update-index", "-q", "--refresh"]);
        Ok(())
    }

    /// The tree of `head` with the merged paths replaced, written from the index.
    fn tree(&self, git: &Git, head: Option<&str>) -> anyhow::Result<String> {
        let index = |args: &[&str]| git.run(args).map_err(|e| failed("record the merge", &e));
        match head {
            Some(head) => index(&["read-tree", head])?,
            None => index(&["read-tree", "--empty"])?,
        };
        for (path, bytes) in &self.writes {
            let blob = git
                .output(
                    &["hash-object", "-w", "--no-filters", "--stdin"],
                    Some(bytes),
                )
                .map_err(|e| failed("record the merge", &e))?;
            let blob = String::from_utf8_lossy(&blob.stdout).trim().to_string();
            index(&[
                "update-index",
                "--add",
                "--cacheinfo",
                &format!("100644,{blob},{path}"),
            ])?;
        }
        for path in &self.removals {
            index(&["update-index", "--force-remove", "--", path])?;
        }
        index(&["write-tree"])
    }
}

/// The entries of commit `rev` at `paths` (those it has).
fn entries_at<'a>(
    git: &Git,
    rev: &str,
    paths: impl Iterator<Item = &'a str>,
) -> Result<HashMap<String, Entry>, super::git::GitFailure> {
    let mut args = vec!["--literal-pathspecs", "ls-tree", "-r", "-z", rev, "--"];
    let paths: Vec<&str> = paths.collect();
    if paths.is_empty() {
        return Ok(HashMap::new());
    }
    args.extend(paths);
    Ok(arrival::entries(git, &args)?.into_iter().collect())
}

/// The branch moved while the merge was made: merge again on top of where it is now.
#[derive(Debug)]
pub(super) struct HeadMoved;

impl std::fmt::Display for HeadMoved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the home's branch moved while sync merged")
    }
}

impl std::error::Error for HeadMoved {}

/// Whether commit `a` is an ancestor of (or is) commit `b`.
fn is_ancestor(git: &Git, a: &str, b: &str) -> bool {
    git.run(&["merge-base", "--is-ancestor", a, b]).is_ok()
}

impl Merger<'_> {
    /// Notes the events in the segments a machine sealed since the other side last saw its
    /// log: they left its active file, not its log.
    fn note_sealed_segments(&mut self, changes: &[arrival::Change]) -> anyhow::Result<()> {
        for change in changes {
            let path = &change.path;
            let (entry, here) = match (&change.ours, &change.theirs) {
                (None, Some(theirs)) => (theirs, false),
                (Some(ours), None) => (ours, true),
                _ => continue,
            };
            if super::is_sealed_segment(path)
                && let Some(device) = super::log_device(path)
            {
                let bytes = self.blob(entry)?;
                let mut ids = tally::Events::new();
                tally::events_of(&bytes, "", &mut ids);
                let into = if here {
                    &mut self.sealed_here
                } else {
                    &mut self.moved
                };
                into.entry(device).or_default().extend(ids.into_keys());
            }
        }
        Ok(())
    }

    /// Merges each path that differs by what it is: a log, the layout marker, a plan.
    fn merge_changes(
        &mut self,
        changes: &[arrival::Change],
        base_entries: &HashMap<String, Entry>,
        own_rel: &str,
    ) -> anyhow::Result<()> {
        for change in changes {
            let path = &change.path;
            let (o, t) = (change.ours.as_ref(), change.theirs.as_ref());
            let base = base_entries.get(path);
            match arrival::kind(path) {
                Kind::Log => self.log(path, o, t, base, *path == own_rel)?,
                Kind::Layout => {
                    if let (None, Some(entry)) = (o, t) {
                        let bytes = self.blob(entry)?;
                        self.writes.push((path.to_string(), bytes));
                    }
                }
                Kind::Plan => self.plan(path, o, t, base)?,
                // The home's own dot files, and files of a repository of the user's own.
                Kind::Ignore | Kind::Attributes | Kind::Foreign => {}
            }
        }
        Ok(())
    }
}

/// The merged contents of the paths that differ.
struct Merger<'a> {
    git: &'a Git,
    remote: &'a str,
    notes: &'a mut Vec<String>,
    /// Paths to write with their merged bytes.
    writes: Vec<(String, Vec<u8>)>,
    /// Paths to remove (a plan removed on the remote's side and unchanged here).
    removals: Vec<String>,
    /// Per device, the event ids of the sealed segments the remote brings.
    moved: HashMap<String, HashSet<String>>,
    /// Per device, the event ids of the sealed segments this home has and the remote lacks.
    sealed_here: HashMap<String, HashSet<String>>,
    /// The length of this machine's own active file as committed, when the merge adds to it.
    own_committed: usize,
}

impl Merger<'_> {
    fn blob(&self, entry: &Entry) -> anyhow::Result<Vec<u8>> {
        self.git
            .output(&["cat-file", "blob", &entry.oid], None)
            .map(|o| o.stdout)
            .map_err(|e| failed("read what the remote brings", &e))
    }

    /// A log file. The remote's version when it holds every event of this one, or the events
    /// left it for a segment its machine sealed; else this one with the remote's new valid
    /// lines after it. Events the remote's version dropped (held in the common version, gone
    /// from the remote's) stay, and the remote's version is saved aside. This machine's own
    /// active file only ever gains lines.
    fn log(
        &mut self,
        path: &str,
        ours: Option<&Entry>,
        theirs: Option<&Entry>,
        base: Option<&Entry>,
        own: bool,
    ) -> anyhow::Result<()> {
        let Some(theirs) = theirs else {
            // Gone from the remote: it stays here, and goes back with the push.
            return Ok(());
        };
        if Some(theirs) == base {
            // Unchanged on the remote's side: what this home has is newer.
            return Ok(());
        }
        let ours_bytes = match ours {
            Some(entry) => self.blob(entry)?,
            None => Vec::new(),
        };
        let theirs_bytes = self.blob(theirs)?;
        let device = super::log_device(path);
        let sealed_here = device
            .as_ref()
            .and_then(|d| self.sealed_here.get(d))
            .cloned()
            .unwrap_or_default();
        let merged = union_of_logs(&ours_bytes, &theirs_bytes, &sealed_here);
        for skipped in &merged.skipped {
            self.notes.push(format!(
                "skipped line {} of {path} from {}: {}; it comes in once the machine that wrote it repairs it (`pymastery doctor --repair` there) and syncs",
                skipped.line, self.remote, skipped.why
            ));
        }
        let moved = device
            .as_ref()
            .and_then(|device| self.moved.get(device))
            .cloned()
            .unwrap_or_default();
        let missing: Vec<&String> = merged
            .missing
            .iter()
            .filter(|id| !moved.contains(*id))
            .collect();
        let dropped = if missing.is_empty() {
            0
        } else {
            let mut held = tally::Events::new();
            if let Some(base) = base {
                tally::events_of(&self.blob(base)?, "", &mut held);
            }
            missing.iter().filter(|id| held.contains_key(**id)).count()
        };
        if dropped > 0 {
            let saved = self.quarantine(path, &theirs_bytes)?;
            self.notes.push(format!(
                "the remote {}'s {path} lacks {} this home holds: kept them, and saved the remote's version as {}",
                self.remote,
                crate::render::text::plural(i64::try_from(dropped).unwrap_or(i64::MAX), "event"),
                saved.display()
            ));
        }
        let bytes = if missing.is_empty() && !own {
            merged.theirs_valid
        } else {
            merged.bytes
        };
        if own {
            self.own_committed = ours_bytes.len();
        }
        if bytes != ours_bytes || ours.is_none() {
            self.writes.push((path.to_string(), bytes));
        }
        Ok(())
    }

    /// A plan: one side's change, git's text merge of both, or the remote's version.
    fn plan(
        &mut self,
        path: &str,
        ours: Option<&Entry>,
        theirs: Option<&Entry>,
        base: Option<&Entry>,
    ) -> anyhow::Result<()> {
        if ours == base {
            match theirs {
                Some(entry) => {
                    let bytes = self.blob(entry)?;
                    self.writes.push((path.to_string(), bytes));
                }
                None => self.removals.push(path.to_string()),
            }
            return Ok(());
        }
        if theirs == base {
            return Ok(());
        }
        let (Some(ours), Some(theirs)) = (ours, theirs) else {
            // Changed on one side, removed on the other: the changed plan stays.
            if let Some(theirs) = theirs {
                let bytes = self.blob(theirs)?;
                self.writes.push((path.to_string(), bytes));
            }
            return Ok(());
        };
        if let Some(base) = base {
            let merged = self.git.output(
                &[
                    "merge-file",
                    "-p",
                    "--object-id",
                    &ours.oid,
                    &base.oid,
                    &theirs.oid,
                ],
                None,
            );
            if let Ok(merged) = merged {
                self.writes.push((path.to_string(), merged.stdout));
                return Ok(());
            }
        }
        let ours_bytes = self.blob(ours)?;
        let saved = self.quarantine(path, &ours_bytes)?;
        let theirs_bytes = self.blob(theirs)?;
        self.writes.push((path.to_string(), theirs_bytes));
        self.notes.push(format!(
            "the plan {path} was changed on both machines in ways that do not merge: took the version {} has, and saved this machine's as {}",
            self.remote,
            saved.display()
        ));
        Ok(())
    }

    /// Saves `bytes` in `quarantine/` under the path's file name, the remote and the time.
    fn quarantine(&self, path: &str, bytes: &[u8]) -> anyhow::Result<std::path::PathBuf> {
        let dir = self.git.dir().join(QUARANTINE_DIR);
        crate::fs::create_private_dir(&dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
        let file = Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".into());
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        let saved = dir.join(format!("{file}.sync-{}-{stamp}", self.remote));
        crate::fs::write_atomically(&saved, bytes)?;
        Ok(saved)
    }
}

/// A line of a remote's log file that was not taken.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Skipped {
    /// 1-based line number in the remote's version.
    pub line: usize,
    pub why: String,
}

/// Two versions of a log file merged.
#[derive(Debug)]
pub(super) struct Union {
    pub bytes: Vec<u8>,
    /// The remote's version without the lines not taken.
    pub theirs_valid: Vec<u8>,
    /// Lines of the remote's version that were not taken.
    pub skipped: Vec<Skipped>,
    /// The ids of events this side holds that the remote's version lacks.
    pub missing: Vec<String>,
}

/// `ours` whole, then each complete, valid line of `theirs` whose event id neither `ours` nor
/// `held_elsewhere` (this side's sealed segments) has, in the remote's order. Every event of
/// `ours` stays.
pub(super) fn union_of_logs(ours: &[u8], theirs: &[u8], held_elsewhere: &HashSet<String>) -> Union {
    let mut held = tally::Events::new();
    tally::events_of(ours, "", &mut held);
    let mut bytes = ours.to_vec();
    if !bytes.is_empty() && !bytes.ends_with(b"\n") {
        bytes.push(b'\n');
    }
    let mut skipped = Vec::new();
    let mut theirs_valid = Vec::new();
    let mut theirs_ids = HashSet::new();
    let mut rest = theirs;
    let mut line = 0;
    while !rest.is_empty() {
        line += 1;
        let (raw, complete, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], true, &rest[i + 1..]),
            None => (rest, false, &rest[rest.len()..]),
        };
        rest = next;
        if raw.len() > MAX_LINE_BYTES {
            skipped.push(Skipped {
                line,
                why: "it is longer than 1 MiB".into(),
            });
            continue;
        }
        match parse_line(raw) {
            Ok(None) => {}
            Ok(Some(event)) if complete => {
                let id = event.id.to_string();
                theirs_valid.extend_from_slice(raw);
                theirs_valid.push(b'\n');
                if !held.contains_key(&id)
                    && !held_elsewhere.contains(&id)
                    && theirs_ids.insert(id.clone())
                {
                    bytes.extend_from_slice(raw);
                    bytes.push(b'\n');
                }
                theirs_ids.insert(id);
            }
            Ok(Some(_)) => skipped.push(Skipped {
                line,
                why: "it has no end of line".into(),
            }),
            Err((crate::progress::store::Problem::Newer(_), _)) if complete => {
                let mut loose = tally::Events::new();
                tally::events_of(raw, "", &mut loose);
                theirs_valid.extend_from_slice(raw);
                theirs_valid.push(b'\n');
                if let Some(id) = loose.into_keys().next()
                    && !held.contains_key(&id)
                    && !held_elsewhere.contains(&id)
                    && theirs_ids.insert(id)
                {
                    bytes.extend_from_slice(raw);
                    bytes.push(b'\n');
                }
            }
            Err((_, reason)) => skipped.push(Skipped {
                line,
                why: format!(
                    "it is not an event ({})",
                    crate::render::text::excerpt(&reason, 80)
                ),
            }),
        }
    }
    let mut missing: Vec<String> = held
        .into_keys()
        .filter(|id| !theirs_ids.contains(id))
        .collect();
    missing.sort();
    Union {
        bytes,
        theirs_valid,
        skipped,
        missing,
    }
}

/// Adds to this machine's own log (held locked by the caller) the lines the merge brought for
/// it (another home that took this machine's id): appended after the file's complete lines,
/// so nothing the file holds is rewritten, and an unfinished last line stays last.
fn write_own_log(path: &Path, added: &[u8]) -> anyhow::Result<()> {
    let current = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(anyhow::anyhow!("cannot read {}: {e}", path.display())),
    };
    let complete = current
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let mut bytes = current[..complete].to_vec();
    bytes.extend_from_slice(&not_held(&current[..complete], added));
    bytes.extend_from_slice(&current[complete..]);
    crate::fs::write_atomically(path, &bytes)
}

/// The lines of `added` whose events `held` does not hold already: a sync killed after it
/// wrote the home, before it recorded the merge, has appended them once.
fn not_held(held: &[u8], added: &[u8]) -> Vec<u8> {
    let mut ids = tally::Events::new();
    tally::events_of(held, "", &mut ids);
    let mut kept = Vec::with_capacity(added.len());
    for line in added.split_inclusive(|&b| b == b'\n') {
        let mut one = tally::Events::new();
        tally::events_of(line, "", &mut one);
        if one.keys().any(|id| ids.contains_key(id)) {
            continue;
        }
        ids.extend(one);
        kept.extend_from_slice(line);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_this_machine_holds_already_are_not_appended_again() {
        let held = format!("{}{}", line("1"), line("2"));
        let added = format!("{}{}{}", line("2"), line("3"), line("3"));
        assert_eq!(
            String::from_utf8(not_held(held.as_bytes(), added.as_bytes())).unwrap(),
            line("3")
        );
    }

    fn line(id: &str) -> String {
        format!(
            "{{\"v\":2,\"id\":\"{id}\",\"at\":\"2026-11-02T12:00:00Z\",\"date\":\"2026-11-02\",\"plan\":\"p\",\"pass\":1,\"clock\":1,\"dev\":\"a\",\"type\":\"start\"}}\n"
        )
    }

    #[test]
    fn keeps_every_event_held_and_adds_the_remotes_new_ones_once() {
        let ours = format!("{}{}", line("1"), line("2"));
        let theirs = format!("{}{}{}", line("1"), line("3"), line("3"));
        let union = union_of_logs(ours.as_bytes(), theirs.as_bytes(), &HashSet::new());
        assert_eq!(
            String::from_utf8(union.bytes).unwrap_or_default(),
            format!("{}{}{}", line("1"), line("2"), line("3"))
        );
        assert_eq!(union.missing, ["2"], "the remote lacks event 2");
        assert!(union.skipped.is_empty());
    }

    #[test]
    fn damaged_long_and_unfinished_lines_of_the_remote_are_skipped_by_number() {
        let long = format!("{}\n", "x".repeat(MAX_LINE_BYTES + 1));
        let theirs = format!("{}not json\n{long}{}", line("1"), line("2").trim_end());
        let union = union_of_logs(b"", theirs.as_bytes(), &HashSet::new());
        assert_eq!(
            String::from_utf8(union.bytes).unwrap_or_default(),
            line("1")
        );
        let lines: Vec<usize> = union.skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, [2, 3, 4]);
    }
}
