//! Study plans: the shared model, the parser that builds it from Markdown or plain text,
//! the built-in plans and the references (`w3.d2`, `#5`, `next`) that name their days.

pub mod builtin;
pub(crate) mod cache;
pub(crate) mod catalog;
pub(crate) mod changes;
pub(crate) mod identity;
pub(crate) mod keys;
pub mod model;
pub mod normalize;
pub mod parse;
pub(crate) mod settings;

pub use model::{
    Curriculum, Day, Item, ItemKind, MetaEntry, Phase, PhaseKind, PhaseLevel, Reading, Section,
    SectionRole, Warning,
};
