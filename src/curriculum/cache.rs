//! Parsed plans kept in `cache/plans/`, so that a command parses no Markdown it does not show.
//!
//! Parsing rotating-48 costs about what starting the process does; decoding its parsed copy a
//! tenth of that. A copy is keyed by the plan's content (a hash of its source text) and by the
//! executable that parsed it (its size and modification time: another build may parse
//! differently), and carries a checksum; anything that does not match is parsed again. Like the
//! checkpoint it is derived data: safe to delete, never synced, and failing to write it is never
//! an error.
//!
//! The copy is the model itself, serialised with postcard; `--json` output is built by the
//! commands, so the model's serde derive keeps every field.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::model::Curriculum;

/// Bumped when the layout of a stored copy changes (another build is parsed again anyway).
const FORMAT: u32 = 4;

/// Where parsed plans are cached, in an existing home.
#[derive(Debug, Clone)]
pub(crate) struct PlanCache {
    dir: PathBuf,
}

/// What a cache file holds: the checks that it still applies, then the plan.
#[derive(Serialize, Deserialize)]
struct Stored<P> {
    format: u32,
    build: (u64, u64),
    source: u64,
    plan: P,
}

impl PlanCache {
    /// A cache in `dir` (`cache/plans/` of the home).
    pub(crate) fn new(dir: PathBuf) -> PlanCache {
        PlanCache { dir }
    }

    fn path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.bin"))
    }

    /// The plan `id` parsed from `source`: the cached copy when it matches, else `parse()`,
    /// whose result is cached (into an existing home only) for the next command.
    pub(crate) fn get(
        &self,
        id: &str,
        source: &[u8],
        parse: impl FnOnce() -> anyhow::Result<Curriculum>,
    ) -> anyhow::Result<Curriculum> {
        let source_hash = crate::fs::content_hash(source);
        let build = crate::fs::executable_id();
        if let Some(plan) = self.read(id, source_hash, build) {
            return Ok(plan);
        }
        let plan = parse()?;
        self.write(id, source_hash, build, &plan);
        Ok(plan)
    }

    fn read(&self, id: &str, source: u64, build: (u64, u64)) -> Option<Curriculum> {
        let body = crate::fs::read_cache_file(&self.path(id))?;
        let stored: Stored<Curriculum> = postcard::from_bytes(&body).ok()?;
        if stored.format != FORMAT || stored.build != build || stored.source != source {
            return None;
        }
        Some(stored.plan)
    }

    /// Best effort: a home that does not exist is not created, and failures are ignored.
    fn write(&self, id: &str, source: u64, build: (u64, u64), plan: &Curriculum) {
        let home_exists = self
            .dir
            .parent()
            .and_then(Path::parent)
            .is_some_and(Path::is_dir);
        let stored = Stored {
            format: FORMAT,
            build,
            source,
            plan,
        };
        if home_exists && let Ok(bytes) = postcard::to_stdvec(&stored) {
            let _ = crate::fs::write_cache_file(&self.path(id), bytes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A plan as decoded from its stored copy.
    fn round_trip(plan: &Curriculum) -> Curriculum {
        postcard::from_bytes(&postcard::to_stdvec(plan).unwrap()).unwrap()
    }

    #[test]
    fn every_built_in_plan_comes_back_from_the_cache_as_parsed() {
        for builtin in super::super::builtin::BUILTINS {
            let plan = super::super::builtin::load(builtin.id).unwrap();
            assert_eq!(round_trip(&plan), plan, "{}", builtin.id);
        }
    }

    /// The fixtures have what the built-in plans lack: steps found by structure, several
    /// readings, levels, repairs.
    #[test]
    fn every_fixture_plan_comes_back_from_the_cache_as_parsed() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plans");
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let Ok(text) = fs::read_to_string(&path) else {
                continue; // the fixtures that are not UTF-8
            };
            let plan = super::super::parse::parse("fixture", &text);
            assert_eq!(round_trip(&plan), plan, "{}", path.display());
        }
    }

    #[test]
    fn a_cached_copy_is_used_only_for_the_same_source() {
        let dir = tempfile::tempdir().unwrap();
        let cache = PlanCache::new(dir.path().join("cache/plans"));
        let plan = super::super::builtin::load("interview").unwrap();
        let first = cache.get("x", b"one", || Ok(plan.clone())).unwrap();
        assert_eq!(first, plan);
        // Cached: the parser is not called again for the same source...
        let again = cache
            .get("x", b"one", || anyhow::bail!("parsed again"))
            .unwrap();
        assert_eq!(again, plan);
        // ...but is for another one.
        assert!(
            cache
                .get("x", b"two", || anyhow::bail!("parsed again"))
                .is_err()
        );
        // A damaged copy is parsed again.
        let path = dir.path().join("cache/plans/x.bin");
        let mut bytes = fs::read(&path).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 1;
        fs::write(&path, bytes).unwrap();
        assert!(
            cache
                .get("x", b"one", || anyhow::bail!("parsed again"))
                .is_err()
        );
    }
}
