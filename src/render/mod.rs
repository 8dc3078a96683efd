//! Turning results into what the user reads: terminal text, tables and JSON.

pub mod text;
