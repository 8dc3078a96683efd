//! `man`: the manual in roff, a page per command, and no reference to a page that is not there.

use crate::support::Pym;

#[test]
fn man_done_prints_the_page_of_done() {
    let pym = Pym::new();
    let run = pym.run(&["man", "done"]).ok();
    assert!(
        run.stdout.contains(".TH pymastery-done 1"),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!(run.stdout);
    assert!(pym.snapshot().is_empty(), "man wrote into the home");
}

#[test]
fn the_main_page_says_what_no_help_says() {
    let pym = Pym::new();
    let page = pym.run(&["man"]).ok().stdout;
    for section in [
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH \"EXIT STATUS\"",
        ".SH EXAMPLES",
    ] {
        assert!(page.contains(section), "no {section}: {page}");
    }
    for word in [
        "PYMASTERY_HOME",
        "PYMASTERY_NOW",
        "VISUAL, EDITOR",
        "NO_COLOR",
        "COLUMNS",
        "config.toml",
    ] {
        assert!(page.contains(word), "no {word}: {page}");
    }
    insta::assert_snapshot!(pym.run(&["man", "nosuch"]), @"
    [stderr]
    error: no manual page for 'nosuch'; pages are: today, done, check, uncheck, note, skip, undo,
           status, plans, plans-update, start, show, log, import, validate, doctor, config, config-list,
           config-get, config-set, review, calendar, pause, resume, sync, completions, man
    [exit status: 2]
    ");
}

#[test]
fn man_dir_writes_every_page_and_every_page_named_is_there() {
    let pym = Pym::new();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    pym.run(&["man", "--dir", out.to_str().unwrap()]).ok();
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.contains(&"pymastery.1".to_string()), "{names:?}");
    assert!(names.contains(&"pymastery-done.1".to_string()), "{names:?}");
    assert!(
        !names.contains(&"pymastery-help.1".to_string()),
        "{names:?}"
    );
    let mut named = 0;
    for name in &names {
        let page = std::fs::read_to_string(out.join(name)).unwrap();
        // `pymastery\-today(1)` and `\fBpymastery\-done\fR(1)`, as roff writes them.
        let plain = page
            .replace("\\fB", "")
            .replace("\\fR", "")
            .replace("\\-", "-");
        for (at, _) in plain.match_indices("(1)") {
            let before = &plain[..at];
            let start = before
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .map_or(0, |i| i + 1);
            let target = format!("{}.1", &before[start..]);
            assert!(
                names.contains(&target),
                "{name} names {target}, which is not written"
            );
            named += 1;
        }
    }
    assert!(named > names.len(), "too few references checked: {named}");
    assert!(pym.snapshot().is_empty(), "man --dir wrote into the home");
}

#[test]
fn the_readme_installs_the_build_the_tests_ran_with() {
    let readme = include_str!("../../README.md");
    assert!(readme.contains("cargo install --locked --path ."));
    assert!(
        !readme.contains("cargo install --path"),
        "an install that ignores Cargo.lock"
    );
}
