#![warn(unreachable_pub, missing_docs)]
// The docs are built with `--document-private-items` (the crate is an application), where
// public items' links to crate-private ones resolve.
#![allow(rustdoc::private_intra_doc_links)]
//! pymastery: a terminal study-plan tracker.
//!
//! Text becomes a [`curriculum::Curriculum`]; the progress log's events fold into a
//! [`progress::Progress`]; the [`schedule`] combines the two into what a command shows.

mod calendar;
mod candidates;
pub mod cli;
mod clock;
pub mod commands;
mod config;
pub mod curriculum;
mod day_number;
mod decide;
pub mod error;
pub mod event;
mod fs;
mod home;
pub mod input;
pub mod progress;
pub mod render;
mod rest;
mod review;
mod schedule;
mod sync;
mod upstream;
