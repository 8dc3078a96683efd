//! What a command does, decided without a home: pure functions from the plan, the progress
//! and the request to what to record and what to say. Commands resolve their arguments, call
//! a decision, record its events and render its outcome; the decisions are tested alone.

pub mod check;
pub mod done;
pub mod today;
