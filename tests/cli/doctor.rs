//! `doctor`: what it looks at with `-p`.
#![allow(clippy::unwrap_used)]

use crate::support::Pym;

#[test]
fn doctor_takes_dash_p_and_looks_at_that_plans_events_only() {
    let pym = Pym::new();
    pym.import_text("mine", "# Mine\n\n## Day 1: One\n- [ ] a\n")
        .ok();
    pym.run(&["done", "-p", "mine"]).ok();
    pym.run(&["done", "-p", "deep-dive"]).ok();
    std::fs::remove_file(pym.home().join("curricula/mine.md")).unwrap();
    let all = pym.run(&["doctor"]).stdout;
    assert!(all.contains("plan 'mine'"), "{all}");
    let one = pym.run(&["doctor", "-p", "deep-dive"]);
    assert_ne!(one.code, 2, "{}", one.stderr);
    assert!(!one.stdout.contains("plan 'mine'"), "{}", one.stdout);
}

#[test]
fn a_damaged_config_is_named_by_its_line_as_the_commands_name_it() {
    let mut pym = Pym::new();
    pym.env("COLUMNS", "1000");
    pym.run(&["done"]).ok();
    let config = pym.home().join("config.toml");
    std::fs::write(&config, "plan = \"interview\"\nday_starts_at = 4\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::fs::set_permissions(pym.home(), std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    insta::assert_snapshot!(pym.run(&["doctor"]), @"
    [HOME]/config.toml:2: problem: day_starts_at is 4, which is not a time of day as HH:MM
    [stderr]
    error: the home at [HOME] needs repair: 1 problem
    hint: fix the files named above by hand
    [exit status: 1]
    ");
}
