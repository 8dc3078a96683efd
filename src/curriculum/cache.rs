//! Parsed plans kept in `cache/plans/`, so that a command parses no Markdown it does not show.
//!
//! Parsing rotating-48 costs about what starting the process does; decoding its parsed copy a
//! tenth of that. A copy is keyed by the plan's content (a hash of its source text) and by the
//! executable that parsed it (its size and modification time: another build may parse
//! differently), and carries a checksum; anything that does not match is parsed again. Like the
//! checkpoint it is derived data: safe to delete, never synced, and failing to write it is never
//! an error.
//!
//! The model's own serde derive shapes `show --json` (it leaves out what only the program needs),
//! so the copy goes through mirror structs here that keep every field. They are destructured
//! whole, so that a field added to the model fails to compile here until it is kept too.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::model::{
    Curriculum, Day, Item, ItemKind, MetaEntry, Phase, PhaseKind, PhaseLevel, Reading, Section,
    SectionRole, StepRule, Warning,
};

/// Bumped when the mirror below changes.
const FORMAT: u32 = 3;

/// Where parsed plans are cached, in an existing home.
#[derive(Debug, Clone)]
pub struct PlanCache {
    dir: PathBuf,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    format: u32,
    build: (u64, u64),
    source: u64,
    plan: C,
}

#[derive(Serialize, Deserialize)]
struct C {
    id: String,
    title: String,
    meta: Vec<(String, String)>,
    phases: Vec<P>,
    days: Vec<D>,
    sections: Vec<S>,
    warnings: Vec<(usize, String)>,
    levels: Vec<(String, u8, u32, Option<u32>, String)>,
    /// (0 labels, 1 weeks, 2 structure, 3 checklists; blocks; word)
    found_by: Option<(u8, String, String)>,
    /// (rank, steps, unit, rule, first, key, score, coverage)
    readings: Vec<R>,
    chosen: usize,
}

type R = (usize, usize, String, String, Vec<String>, String, u32, u32);

#[derive(Serialize, Deserialize)]
struct P {
    kind: u8,
    number: Option<u32>,
    label: String,
    title: String,
    parent: Option<usize>,
    line: usize,
}

#[derive(Serialize, Deserialize)]
struct D {
    key: String,
    ordinal: usize,
    label: String,
    title: String,
    span: u32,
    phase: Option<usize>,
    notes: Vec<String>,
    items: Vec<I>,
    line: usize,
}

#[derive(Serialize, Deserialize)]
struct I {
    n: usize,
    kind: u8,
    text: String,
    checkbox: bool,
    ticked: bool,
    children: Vec<I>,
}

#[derive(Serialize, Deserialize)]
struct S {
    key: String,
    title: String,
    checkable: bool,
    text: Vec<String>,
    items: Vec<I>,
    line: usize,
    role: Option<u8>,
}

const SECTION_ROLES: [SectionRole; 3] = [
    SectionRole::Session,
    SectionRole::Levels,
    SectionRole::Continuation,
];

/// The description of the blocks a rule found days in: one of a few fixed texts, so kept for
/// the life of the process when read back.
fn static_text(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn rule_to(rule: &StepRule) -> (u8, String, String) {
    match rule {
        StepRule::Labels { blocks } => (0, (*blocks).to_string(), String::new()),
        StepRule::Weeks => (1, String::new(), String::new()),
        StepRule::Structure { blocks, word } => (2, (*blocks).to_string(), word.clone()),
        StepRule::Checklists => (3, String::new(), String::new()),
    }
}

fn rule_from((kind, blocks, word): (u8, String, String)) -> Option<StepRule> {
    Some(match kind {
        0 => StepRule::Labels {
            blocks: static_text(blocks),
        },
        1 => StepRule::Weeks,
        2 => StepRule::Structure {
            blocks: static_text(blocks),
            word,
        },
        3 => StepRule::Checklists,
        _ => return None,
    })
}

const PHASE_KINDS: [PhaseKind; 3] = [PhaseKind::Cycle, PhaseKind::Week, PhaseKind::Part];
const ITEM_KINDS: [ItemKind; 7] = [
    ItemKind::Topic,
    ItemKind::Question,
    ItemKind::Task,
    ItemKind::Practice,
    ItemKind::HandsOn,
    ItemKind::Tip,
    ItemKind::Deliverable,
];

fn item_to(item: &Item) -> I {
    let Item {
        n,
        kind,
        text,
        checkbox,
        ticked,
        children,
    } = item;
    I {
        n: *n,
        kind: ITEM_KINDS.iter().position(|k| k == kind).unwrap_or(0) as u8,
        text: text.clone(),
        checkbox: *checkbox,
        ticked: *ticked,
        children: children.iter().map(item_to).collect(),
    }
}

fn item_from(item: I) -> Option<Item> {
    Some(Item {
        n: item.n,
        kind: *ITEM_KINDS.get(usize::from(item.kind))?,
        text: item.text,
        checkbox: item.checkbox,
        ticked: item.ticked,
        children: item
            .children
            .into_iter()
            .map(item_from)
            .collect::<Option<_>>()?,
    })
}

fn to_stored(plan: &Curriculum) -> C {
    let Curriculum {
        id,
        title,
        meta,
        phases,
        days,
        sections,
        warnings,
        levels,
        found_by,
        readings,
        chosen,
    } = plan;
    C {
        id: id.clone(),
        title: title.clone(),
        meta: meta
            .iter()
            .map(|MetaEntry { label, value }| (label.clone(), value.clone()))
            .collect(),
        phases: phases
            .iter()
            .map(|phase| {
                let Phase {
                    kind,
                    number,
                    label,
                    title,
                    parent,
                    line,
                } = phase;
                P {
                    kind: PHASE_KINDS.iter().position(|k| k == kind).unwrap_or(0) as u8,
                    number: *number,
                    label: label.clone(),
                    title: title.clone(),
                    parent: *parent,
                    line: *line,
                }
            })
            .collect(),
        days: days
            .iter()
            .map(|day| {
                let Day {
                    key,
                    ordinal,
                    label,
                    title,
                    span,
                    phase,
                    notes,
                    items,
                    line,
                } = day;
                D {
                    key: key.clone(),
                    ordinal: *ordinal,
                    label: label.clone(),
                    title: title.clone(),
                    span: *span,
                    phase: *phase,
                    notes: notes.clone(),
                    items: items.iter().map(item_to).collect(),
                    line: *line,
                }
            })
            .collect(),
        sections: sections
            .iter()
            .map(|section| {
                let Section {
                    key,
                    title,
                    checkable,
                    text,
                    items,
                    line,
                    role,
                } = section;
                S {
                    key: key.clone(),
                    title: title.clone(),
                    checkable: *checkable,
                    text: text.clone(),
                    items: items.iter().map(item_to).collect(),
                    line: *line,
                    role: role
                        .map(|r| SECTION_ROLES.iter().position(|x| *x == r).unwrap_or(0) as u8),
                }
            })
            .collect(),
        warnings: warnings
            .iter()
            .map(|Warning { line, message }| (*line, message.clone()))
            .collect(),
        levels: levels
            .iter()
            .map(|level| {
                let PhaseLevel {
                    label,
                    kind,
                    first,
                    last,
                    text,
                } = level;
                let kind = PHASE_KINDS.iter().position(|k| k == kind).unwrap_or(0) as u8;
                (label.clone(), kind, *first, *last, text.clone())
            })
            .collect(),
        found_by: found_by.as_ref().map(rule_to),
        readings: readings
            .iter()
            .map(|r| {
                let Reading {
                    rank,
                    steps,
                    unit,
                    rule,
                    first,
                    key,
                    score,
                    coverage,
                } = r;
                (
                    *rank,
                    *steps,
                    unit.clone(),
                    rule.clone(),
                    first.clone(),
                    key.clone(),
                    *score,
                    *coverage,
                )
            })
            .collect(),
        chosen: *chosen,
    }
}

fn from_stored(c: C) -> Option<Curriculum> {
    let items = |items: Vec<I>| items.into_iter().map(item_from).collect::<Option<Vec<_>>>();
    Some(Curriculum {
        id: c.id,
        title: c.title,
        meta: c
            .meta
            .into_iter()
            .map(|(label, value)| MetaEntry { label, value })
            .collect(),
        phases: c
            .phases
            .into_iter()
            .map(|p| {
                Some(Phase {
                    kind: *PHASE_KINDS.get(usize::from(p.kind))?,
                    number: p.number,
                    label: p.label,
                    title: p.title,
                    parent: p.parent,
                    line: p.line,
                })
            })
            .collect::<Option<_>>()?,
        days: c
            .days
            .into_iter()
            .map(|d| {
                Some(Day {
                    key: d.key,
                    ordinal: d.ordinal,
                    label: d.label,
                    title: d.title,
                    span: d.span,
                    phase: d.phase,
                    notes: d.notes,
                    items: items(d.items)?,
                    line: d.line,
                })
            })
            .collect::<Option<_>>()?,
        sections: c
            .sections
            .into_iter()
            .map(|s| {
                Some(Section {
                    key: s.key,
                    title: s.title,
                    checkable: s.checkable,
                    text: s.text,
                    items: items(s.items)?,
                    line: s.line,
                    role: match s.role {
                        Some(r) => Some(*SECTION_ROLES.get(usize::from(r))?),
                        None => None,
                    },
                })
            })
            .collect::<Option<_>>()?,
        warnings: c
            .warnings
            .into_iter()
            .map(|(line, message)| Warning { line, message })
            .collect(),
        levels: c
            .levels
            .into_iter()
            .map(|(label, kind, first, last, text)| {
                Some(PhaseLevel {
                    label,
                    kind: *PHASE_KINDS.get(usize::from(kind))?,
                    first,
                    last,
                    text,
                })
            })
            .collect::<Option<_>>()?,
        found_by: match c.found_by {
            Some(rule) => Some(rule_from(rule)?),
            None => None,
        },
        readings: c
            .readings
            .into_iter()
            .map(
                |(rank, steps, unit, rule, first, key, score, coverage)| Reading {
                    rank,
                    steps,
                    unit,
                    rule,
                    first,
                    key,
                    score,
                    coverage,
                },
            )
            .collect(),
        chosen: c.chosen,
    })
}

impl PlanCache {
    /// A cache in `dir` (`cache/plans/` of the home).
    pub fn new(dir: PathBuf) -> PlanCache {
        PlanCache { dir }
    }

    fn path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.bin"))
    }

    /// The plan `id` parsed from `source`: the cached copy when it matches, else `parse()`,
    /// whose result is cached (into an existing home only) for the next command.
    pub fn get(
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
        let stored: Stored = postcard::from_bytes(&body).ok()?;
        if stored.format != FORMAT || stored.build != build || stored.source != source {
            return None;
        }
        from_stored(stored.plan)
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
            plan: to_stored(plan),
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

    #[test]
    fn every_built_in_plan_comes_back_from_the_cache_as_parsed() {
        for builtin in super::super::builtin::BUILTINS {
            let plan = super::super::builtin::load(builtin.id).unwrap();
            let back = from_stored(
                postcard::from_bytes(&postcard::to_stdvec(&to_stored(&plan)).unwrap()).unwrap(),
            )
            .unwrap();
            assert_eq!(back, plan, "{}", builtin.id);
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
