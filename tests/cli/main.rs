//! End-to-end tests: the real binary in a temporary home with a fixed clock.

mod calendar;
mod daily;
mod errors;
mod hardening;
mod identity;
mod man;
mod new_user;
mod plans;
mod readings;
mod rest;
mod review;
mod screens;
mod status_html;
mod store;
mod support;
mod sync;
mod upstream;
