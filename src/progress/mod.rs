//! The progress log: the event schema, the append-only file that holds it, and the fold that
//! turns its events into per-plan progress.

pub(crate) mod device;
pub(crate) mod folded;
pub(crate) mod moves;
pub(crate) mod practice;
pub(crate) mod state;
pub(crate) mod store;

pub use store::segments::set_segment_bytes;

pub use crate::event::{Event, EventKind, SCHEMA_VERSION};
pub(crate) use folded::{Folded, reads};
pub(crate) use state::{DayState, PlanProgress, Progress};
pub use store::LogFile;
pub(crate) use store::{Store, StoreError};
