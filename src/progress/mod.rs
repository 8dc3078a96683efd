//! The progress log: the event schema, the append-only file that holds it, and the fold that
//! turns its events into per-plan progress.

pub mod day_number;
pub mod device;
pub mod event;
pub mod folded;
pub mod label;
pub mod moves;
pub mod practice;
pub mod state;
pub mod store;

pub use event::{Event, EventKind, SCHEMA_VERSION};
pub use folded::{Folded, reads};
pub use state::{DayState, PlanProgress, Progress};
pub use store::{LogFile, Store, StoreError};
