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
