//! What a new user tripped over in two weeks of daily use: one test for each.

use crate::support::{Pym, to_run};

/// Runs `args` with stdout a pipe whose reader is already gone.
fn into_closed_pipe(pym: &Pym, args: &[&str]) -> crate::support::Run {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let output = pym
        .command(args)
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("the binary runs");
    to_run(output)
}

#[test]
fn a_closed_pipe_exits_quietly() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    pym.run(&["done", "--note", "a note"]).ok();
    for args in [
        &["completions", "bash"][..],
        &["completions", "zsh"],
        &["show", "rotating-48", "--json"],
        &["show", "rotating-48"],
        &["today"],
        &["status"],
        &["log", "--format", "csv"],
        &["log", "--format", "md"],
        &["plans", "--json"],
        &["--help"],
    ] {
        let run = into_closed_pipe(&pym, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr, "", "{args:?}");
    }
}
