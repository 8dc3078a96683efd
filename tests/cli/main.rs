//! End-to-end tests: the real binary in a temporary home with a fixed clock.

mod daily;
mod errors;
mod hardening;
mod plans;
mod rest;
mod screens;
mod store;
mod support;
mod sync;
