//! pymastery: a terminal study-plan tracker.
//!
//! Text becomes a [`curriculum::Curriculum`]; the progress log's events fold into a
//! [`progress::Progress`]; the [`schedule`] combines the two into what a command shows.

pub mod calendar;
pub mod candidates;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod curriculum;
pub mod decide;
pub mod error;
pub mod fs;
pub mod home;
pub mod input;
pub mod progress;
pub mod render;
pub mod rest;
pub mod review;
pub mod schedule;
pub mod sync;
pub mod upstream;
