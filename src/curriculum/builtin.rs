//! The five plans compiled into the binary, so the program works with no files on disk.

use super::model::Curriculum;
use super::parse::parse;

/// A built-in plan: its id and its Markdown source.
pub struct Builtin {
    /// What the user types: `rotating-48`.
    pub id: &'static str,
    /// The plan's Markdown, compiled in.
    pub source: &'static str,
}

/// The built-in plans in the order `plans` lists them.
pub const BUILTINS: [Builtin; 5] = [
    Builtin {
        id: "rotating-48",
        source: include_str!("../../curricula/rotating-48.md"),
    },
    Builtin {
        id: "mastery-23",
        source: include_str!("../../curricula/mastery-23.md"),
    },
    Builtin {
        id: "roadmap-30",
        source: include_str!("../../curricula/roadmap-30.md"),
    },
    Builtin {
        id: "interview",
        source: include_str!("../../curricula/interview.md"),
    },
    Builtin {
        id: "deep-dive",
        source: include_str!("../../curricula/deep-dive.md"),
    },
];

/// The plan used before the user chooses one.
pub const DEFAULT_PLAN: &str = "rotating-48";

/// The built-in plan with this id, parsed.
pub fn load(id: &str) -> Option<Curriculum> {
    BUILTINS
        .iter()
        .find(|b| b.id == id)
        .map(|b| parse(b.id, b.source))
}

/// The Markdown source of a built-in plan.
pub fn source(id: &str) -> Option<&'static str> {
    BUILTINS.iter().find(|b| b.id == id).map(|b| b.source)
}

/// True when `id` names a built-in plan.
pub fn is_builtin(id: &str) -> bool {
    BUILTINS.iter().any(|b| b.id == id)
}
