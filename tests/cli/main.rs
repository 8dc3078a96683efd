//! End-to-end tests: the real binary in a temporary home with a fixed clock.

mod calendar;
mod check;
mod completions;
mod config;
mod done;
mod errors;
mod help;
mod identity;
mod man;
mod note;
mod output;
mod plans;
mod readings;
mod rest;
mod review;
mod screens;
mod show;
mod start;
mod status;
mod status_html;
mod store;
mod support;
mod sync;
mod today;
mod undo;
mod upstream;
