//! Every plan the user can name: the built-in ones and those imported into the home.

use std::fs;
use std::path::{Path, PathBuf};

use super::builtin::{self, BUILTINS};
use super::cache::PlanCache;
use super::model::Curriculum;
use super::parse::{Choice, parse_file_text_with};
use super::settings::PlanSettings;
use crate::error::bad_input;

/// Where a plan comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    Builtin,
    User(PathBuf),
}

impl Source {
    pub(crate) fn describe(&self) -> String {
        match self {
            Source::Builtin => "built-in".to_string(),
            Source::User(_) => "user".to_string(),
        }
    }
}

/// A plan's id and where to find it, before it is parsed.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub id: String,
    pub source: Source,
}

/// The plans available in a home.
#[derive(Debug, Clone)]
pub(crate) struct Catalog {
    entries: Vec<Entry>,
    /// Where parsed copies are kept, if anywhere.
    cache: Option<PlanCache>,
}

impl Catalog {
    /// Lists the built-in plans and the `*.md` / `*.txt` files in `plans_dir` (which may not exist).
    pub(crate) fn new(plans_dir: &Path) -> Catalog {
        let mut entries: Vec<Entry> = BUILTINS
            .iter()
            .map(|b| Entry {
                id: b.id.to_string(),
                source: Source::Builtin,
            })
            .collect();
        let mut user: Vec<Entry> = fs::read_dir(plans_dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let path = entry.path();
                let ext = path.extension()?.to_str()?;
                if !matches!(ext, "md" | "txt" | "markdown") {
                    return None;
                }
                let id = path.file_stem()?.to_str()?.to_lowercase();
                (!builtin::is_builtin(&id)).then_some(Entry {
                    id,
                    source: Source::User(path),
                })
            })
            .collect();
        user.sort_by(|a, b| a.id.cmp(&b.id));
        entries.extend(user);
        Catalog {
            entries,
            cache: None,
        }
    }

    /// Keeps parsed copies of the plans in `dir` (`cache/plans/`), so that they are parsed once.
    pub(crate) fn with_cache(mut self, dir: PathBuf) -> Catalog {
        self.cache = Some(PlanCache::new(dir));
        self
    }

    pub(crate) fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub(crate) fn ids(&self) -> Vec<&str> {
        self.entries.iter().map(|e| e.id.as_str()).collect()
    }

    pub(crate) fn contains(&self, id: &str) -> bool {
        self.entries.iter().any(|e| e.id.eq_ignore_ascii_case(id))
    }

    /// Parses the plan with this id; unknown ids are bad input naming the known ones.
    pub(crate) fn load(&self, id: &str) -> anyhow::Result<Curriculum> {
        let Some(entry) = self.entries.iter().find(|e| e.id.eq_ignore_ascii_case(id)) else {
            return Err(bad_input(format!(
                "no plan '{id}'; the plans are {}",
                self.ids().join(", ")
            )));
        };
        match &self.cache {
            Some(cache) => load_cached(entry, cache),
            None => load_entry(entry),
        }
    }
}

/// One catalogued plan, from its parsed copy in `cache` when its source is unchanged.
fn load_cached(entry: &Entry, cache: &PlanCache) -> anyhow::Result<Curriculum> {
    match &entry.source {
        Source::Builtin => {
            let source = builtin::source(&entry.id)
                .ok_or_else(|| anyhow::anyhow!("built-in plan '{}' is missing", entry.id))?;
            cache.get(&entry.id, source.as_bytes(), || load_entry(entry))
        }
        Source::User(path) => {
            let bytes = read_user_plan(path)?;
            let choice = kept_choice(path, &entry.id)?;
            // The kept reading is part of what the parsed copy depends on.
            let mut keyed = bytes.clone();
            if let Choice::Rule(rule) = &choice {
                keyed.extend_from_slice(b"\0reading:");
                keyed.extend_from_slice(rule.as_bytes());
            }
            cache.get(&format!("user-{}", entry.id), &keyed, || {
                parse_file_text_with(&entry.id, path, &bytes, &choice)
            })
        }
    }
}

/// The largest plan file read, as `import` allows.
pub(crate) const MAX_PLAN_BYTES: u64 = 16 * 1024 * 1024;

/// The bytes of a plan in `curricula/`: a plain file (a link, which sync would never bring,
/// or a pipe or device is refused), read with the size limit.
fn read_user_plan(path: &Path) -> anyhow::Result<Vec<u8>> {
    use std::io::Read as _;
    let shown = path.display();
    let meta =
        fs::symlink_metadata(path).map_err(|e| anyhow::anyhow!("cannot read plan {shown}: {e}"))?;
    if !meta.is_file() {
        return Err(anyhow::Error::new(crate::error::CommandError::failure(format!(
                "the plan {shown} is a link or not a plain file, and pymastery reads only plain files in curricula/"
            )).hinted("put the plan itself there (`pymastery import FILE --force` copies it)")));
    }
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|file| file.take(MAX_PLAN_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| anyhow::anyhow!("cannot read plan {shown}: {e}"))?;
    if bytes.len() as u64 > MAX_PLAN_BYTES {
        return Err(anyhow::anyhow!(
            "the plan {shown} is over {} MiB, more than a plan may be",
            MAX_PLAN_BYTES >> 20
        ));
    }
    Ok(bytes)
}

/// Parses one catalogued plan.
pub(crate) fn load_entry(entry: &Entry) -> anyhow::Result<Curriculum> {
    match &entry.source {
        Source::Builtin => builtin::load(&entry.id)
            .ok_or_else(|| anyhow::anyhow!("built-in plan '{}' is missing", entry.id)),
        Source::User(path) => {
            let bytes = read_user_plan(path)?;
            parse_file_text_with(&entry.id, path, &bytes, &kept_choice(path, &entry.id)?)
        }
    }
}

/// The reading kept with an imported plan (`import --reading`), else the best.
fn kept_choice(path: &Path, id: &str) -> anyhow::Result<Choice> {
    let dir = path.parent().unwrap_or(Path::new("."));
    Ok(PlanSettings::load(dir, id)?.choice(None))
}
