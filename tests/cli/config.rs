//! `config`: its keys, the day boundary, and a damaged `config.toml`.
#![allow(clippy::unwrap_used)]

use crate::support::Pym;

#[test]
fn a_configured_day_boundary_moves_the_practice_date() {
    let mut pym = Pym::new();
    pym.run(&["config", "set", "day_starts_at", "00:00"]).ok();
    pym.at(8, "02:00")
        .run(&["done", "--plan", "deep-dive"])
        .ok();
    assert_eq!(pym.json(&["log"])[0]["date"], "2026-11-08");
}

#[test]
fn one_notion_of_the_current_plan_for_start_config_and_plans() {
    let pym = Pym::new();
    let run = pym.run(&["config", "list"]).ok();
    assert!(
        run.stdout.contains("plan = rotating-48 (default)"),
        "{}",
        run.stdout
    );
    pym.run(&["start", "interview"]).ok();
    assert_eq!(
        pym.run(&["config", "get", "plan"]).ok().stdout,
        "interview\n"
    );
    let run = pym.run(&["config", "list"]).ok();
    assert!(run.stdout.contains("plan = interview\n"), "{}", run.stdout);

    // Setting it changes what today shows, and plans agrees.
    let run = pym.run(&["config", "set", "plan", "deep-dive"]).ok();
    assert!(
        run.stdout.starts_with("Started deep-dive"),
        "{}",
        run.stdout
    );
    assert_eq!(pym.json(&["today"])["plan"]["id"], "deep-dive");
    assert_eq!(crate::support::current_plans(&pym), ["deep-dive"]);
    pym.run(&["config", "set", "plan", "interview"]).ok();
    assert_eq!(pym.json(&["today"])["plan"]["id"], "interview");
    assert_eq!(
        pym.run(&["config", "get", "plan"]).ok().stdout,
        "interview\n"
    );
}

// A damaged config.toml blocks everything, and the suggested fix fails.
#[test]
fn a_damaged_config_blocks_everything_and_the_suggested_fix_fails() {
    let pym = Pym::new();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(pym.home(), std::fs::Permissions::from_mode(0o700)).unwrap();
    let config = pym.home().join("config.toml");
    for damaged in [
        "day_starts_at = \"25:00\"\neditor = \"nano\"\n",
        "day_starts_at = 25:00\neditor = \"nano\"\n",
        "day_starts_at = 4\neditor = \"nano\"\n",
    ] {
        std::fs::write(&config, damaged).unwrap();
        let doctor = pym.run(&["doctor"]).code(1);
        assert!(
            doctor.stdout.contains("day_starts_at") && doctor.stdout.contains("25:00")
                || doctor.stdout.contains("day_starts_at is 4"),
            "{damaged}: {}",
            doctor.stdout
        );
        let done = pym.run(&["done"]).code(1);
        let hint = done
            .stderr
            .lines()
            .find_map(|l| l.strip_prefix("hint: "))
            .unwrap_or_default()
            .to_string();
        assert!(
            hint.contains("`pymastery config set day_starts_at 04:00`"),
            "{}",
            done.stderr
        );
        // The hint works as written.
        pym.run(&["config", "set", "day_starts_at", "04:00"]).ok();
        let list = pym.json(&["config", "list"]);
        assert_eq!(list["day_starts_at"], "04:00", "{damaged}");
        assert_eq!(list["editor"], "nano", "{damaged}: the other key was lost");
        pym.run(&["done"]).ok();
        pym.run(&["undo"]).ok();
        pym.run(&["doctor"]).ok();
    }
    // Setting another key does not hide the damage: it is refused, naming the damaged key.
    std::fs::write(&config, "day_starts_at = \"25:00\"\n").unwrap();
    let run = pym.run(&["config", "set", "editor", "vi"]).code(1);
    assert!(run.stderr.contains("day_starts_at"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "day_starts_at = \"25:00\"\n"
    );
    // An unknown key is named, with what the keys are.
    std::fs::write(&config, "colour = \"red\"\n").unwrap();
    let doctor = pym.run(&["doctor"]).code(1);
    assert!(
        doctor.stdout.contains("'colour'") && doctor.stdout.contains("day_starts_at"),
        "{}",
        doctor.stdout
    );
}

// A config.toml line of megabytes.
#[test]
fn a_damaged_config_line_is_quoted_cut_short() {
    let pym = Pym::new();
    let line = format!("editor = \"{}\n", "x".repeat(1 << 20));
    std::fs::write(pym.home().join("config.toml"), line).unwrap();
    let run = pym.run(&["today"]).code(1);
    assert!(
        run.stderr.contains("config.toml:1"),
        "{}",
        &run.stderr[..200]
    );
    assert!(
        run.stderr.len() < 1000,
        "{} bytes on stderr",
        run.stderr.len()
    );
}

/// A home whose errors keep their lines whole, so that the path of the temporary home cannot
/// move a line break.
fn wide() -> Pym {
    let mut pym = Pym::new();
    pym.env("COLUMNS", "500");
    pym
}

/// Stderr with the throw-away home shown as `[HOME]`.
fn stderr_in(pym: &Pym, run: &crate::support::Run) -> String {
    run.stderr
        .replace(pym.home().to_string_lossy().as_ref(), "[HOME]")
}

#[test]
fn a_bad_value_is_named_with_its_line_and_column_and_config_set_rewrites_only_it() {
    let pym = wide();
    let config = pym.home().join("config.toml");
    std::fs::write(
        &config,
        "# chosen on the laptop\nplan = \"interview\"\nday_starts_at = 4  # too early?\n",
    )
    .unwrap();
    let run = pym.run(&["today"]).code(1);
    insta::assert_snapshot!(stderr_in(&pym, &run), @r"
    error: [HOME]/config.toml:3:17: day_starts_at is 4, which is not a time of day as HH:MM
    hint: `pymastery config set day_starts_at 04:00` rewrites it, or edit line 3 of [HOME]/config.toml
    ");
    pym.run(&["config", "set", "day_starts_at", "5:30"]).ok();
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "# chosen on the laptop\nplan = \"interview\"\nday_starts_at = \"05:30\"  # too early?\n"
    );
    assert_eq!(
        pym.run(&["config", "get", "day_starts_at"]).ok().stdout,
        "05:30\n"
    );
}

#[test]
fn text_that_is_not_toml_is_named_with_its_line() {
    let pym = wide();
    std::fs::write(
        pym.home().join("config.toml"),
        "review_cap = 3\neditor = \"vi\n",
    )
    .unwrap();
    let run = pym.run(&["today"]).code(1);
    insta::assert_snapshot!(stderr_in(&pym, &run), @r#"
    error: [HOME]/config.toml:2:13: `editor = "vi`: invalid basic string, expected `"` (editor takes an editor command)
    hint: `pymastery config set editor vi` rewrites it, or edit line 2 of [HOME]/config.toml
    "#);
    pym.run(&["config", "set", "editor", "vi"]).ok();
    assert_eq!(pym.json(&["config", "list"])["review_cap"], "3");
}

#[test]
fn an_unknown_key_is_refused_before_anything_runs() {
    let pym = Pym::new();
    let get = pym.run(&["config", "get", "colour"]).code(2);
    let set = pym.run(&["config", "set", "colour", "red"]).code(2);
    assert_eq!((get.stdout.as_str(), set.stdout.as_str()), ("", ""));
    assert_eq!(get.stderr, set.stderr);
    insta::assert_snapshot!(get.stderr, @r"
    error: no config key 'colour'
    hint: the keys are plan, day_starts_at, editor, rest_days, review_cap
    ");
    assert!(!pym.home().join("config.toml").exists());
}
