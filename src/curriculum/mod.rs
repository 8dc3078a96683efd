//! Study plans: the shared model, the parser that builds it from Markdown or plain text,
//! the built-in plans and the references (`w3.d2`, `#5`, `next`) that name their days.

pub mod builtin;
pub mod cache;
pub mod catalog;
pub mod changes;
pub mod identity;
pub mod keys;
pub mod model;
pub mod normalize;
pub mod parse;
pub mod settings;

pub use model::{
    Curriculum, Day, Item, ItemKind, MetaEntry, Phase, PhaseKind, PhaseLevel, Reading, Section,
    SectionRole, Warning,
};
