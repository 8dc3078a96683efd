//! What a remote that someone else can push to may not do, and ordinary git set-ups that must
//! not break sync: each with two homes (or one) and a bare repository, asserting that nothing
//! was lost, nothing foreign reached the home, and no file outside it was read or changed.

use std::path::{Path, PathBuf};

use super::{Remote, event_ids, quarantined};
use crate::support::Pym;

impl Remote {
    /// A working clone of the remote in which a hostile hand commits; returns its path.
    fn hostile_clone(&self) -> PathBuf {
        let dir = self.dir.path().join("hostile");
        if !dir.exists() {
            self.git(
                self.dir.path(),
                &["clone", "-q", "-b", "main", &self.path(), "hostile"],
            );
        } else {
            self.git(&dir, &["pull", "-q", "--no-rebase"]);
        }
        dir
    }

    /// Commits everything in the hostile clone (`add -f`: ignore rules stop nothing) and
    /// pushes it, as an ordinary (not forced) push.
    fn hostile_push(&self, clone: &Path, message: &str) {
        self.hostile_push_paths(clone, message, &["."]);
    }

    /// [`Remote::hostile_push`] of `paths` only.
    fn hostile_push_paths(&self, clone: &Path, message: &str, paths: &[&str]) {
        let mut add = vec!["add", "-A", "-f", "--"];
        add.extend(paths);
        self.git(clone, &add);
        self.git(
            clone,
            &[
                "-c",
                "user.name=m",
                "-c",
                "user.email=m@m",
                "commit",
                "-q",
                "-m",
                message,
            ],
        );
        self.git(clone, &["push", "-q", "origin", "HEAD:main"]);
    }
}

/// A laptop that recorded three events and synced them.
fn synced_laptop(remote: &Remote) -> Pym {
    let laptop = remote.machine();
    laptop.run(&["start", "interview"]).ok();
    laptop.run(&["check", "1"]).ok();
    laptop.run(&["done", "--note", "first"]).ok();
    laptop.run(&["sync", &remote.path()]).ok();
    laptop
}

/// The one log file of a home's own machine, relative to the home.
fn own_log(pym: &Pym) -> String {
    let path = pym.log_path();
    path.strip_prefix(pym.home()).unwrap().display().to_string()
}

#[test]
fn a_remote_cannot_replace_the_config_or_anything_outside_log_and_curricula() {
    let remote = Remote::new();
    let laptop = synced_laptop(&remote);
    let before = event_ids(&laptop);
    let marker = remote.dir.path().join("ran");
    let clone = remote.hostile_clone();
    std::fs::write(
        clone.join("config.toml"),
        format!("editor = \"touch {}\"\n", marker.display()),
    )
    .unwrap();
    remote.hostile_push(&clone, "config");

    let run = laptop.run(&["sync"]).code(1);
    assert!(run.stderr.contains("config.toml"), "{}", run.stderr);
    assert!(!laptop.home().join("config.toml").exists());
    assert_eq!(event_ids(&laptop), before);

    // The same for the cache, per-machine state and the quarantine.
    for path in ["cache/checkpoint.bin", "local/device.json", "quarantine/x"] {
        std::fs::remove_file(clone.join("config.toml")).ok();
        std::fs::create_dir_all(clone.join(path).parent().unwrap()).unwrap();
        std::fs::write(clone.join(path), "hostile").unwrap();
        remote.hostile_push(&clone, path);
        let run = laptop.run(&["sync"]).code(1);
        assert!(run.stderr.contains(path), "{path}: {}", run.stderr);
        let here = std::fs::read(laptop.home().join(path)).unwrap_or_default();
        assert_ne!(here, b"hostile", "{path} reached the home");
        std::fs::remove_file(clone.join(path)).unwrap();
    }
    // Once the remote holds only what is pymastery's again, sync goes on.
    remote.hostile_push(&clone, "clean");
    laptop.run(&["sync"]).ok();
    laptop.run(&["done", "next", "--note", "second"]).ok();
    assert!(!marker.exists(), "the remote's editor ran");
    assert_eq!(event_ids(&laptop).len(), before.len() + 1);
}

#[cfg(unix)]
#[test]
fn a_symlink_from_a_remote_is_refused_and_nothing_outside_the_home_is_read() {
    let remote = Remote::new();
    let laptop = synced_laptop(&remote);
    let secret = remote.dir.path().join("secret.jsonl");
    let secret_text = "{\"v\":2,\"id\":\"secret\",\"type\":\"note\"}\n";
    std::fs::write(&secret, secret_text).unwrap();
    let clone = remote.hostile_clone();
    std::os::unix::fs::symlink(&secret, clone.join("log/x.jsonl")).unwrap();
    remote.hostile_push(&clone, "link");

    let run = laptop.run(&["sync"]).code(1);
    assert!(run.stderr.contains("log/x.jsonl"), "{}", run.stderr);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert!(std::fs::symlink_metadata(laptop.home().join("log/x.jsonl")).is_err());
    laptop.run(&["doctor", "--repair"]);
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), secret_text);
    let pushed = remote.git(
        &remote.dir.path().join("remote.git"),
        &["log", "--all", "-p", "--format="],
    );
    assert!(
        !pushed.contains("\"secret\""),
        "the target was read and sent"
    );
}

#[test]
fn a_remote_commit_that_drops_lines_deletes_no_recorded_session() {
    let remote = Remote::new();
    let laptop = synced_laptop(&remote);
    let before = event_ids(&laptop);
    let clone = remote.hostile_clone();
    let log = own_log(&laptop);
    let text = std::fs::read_to_string(clone.join(&log)).unwrap();
    std::fs::write(
        clone.join(&log),
        text.lines().next().unwrap().to_string() + "\n",
    )
    .unwrap();
    remote.hostile_push(&clone, "drop");

    let run = laptop.run(&["sync"]).ok();
    assert!(run.stderr.contains("lacks 2 events"), "{}", run.stderr);
    assert_eq!(event_ids(&laptop), before);
    assert_eq!(
        quarantined(&laptop, log.rsplit('/').next().unwrap()).len(),
        1
    );
    let shown = laptop.run(&["log"]).ok().stdout;
    assert!(shown.contains("first"), "{shown}");
    // The remote has them all again.
    let back = remote.show(&log);
    for id in before.keys() {
        assert!(back.contains(id.as_str()), "{id} not pushed back");
    }
}

#[test]
fn a_damaged_line_is_never_sent_and_no_machine_is_left_stuck() {
    let remote = Remote::new();
    let laptop = synced_laptop(&remote);
    let desktop = remote.machine();
    desktop.run(&["sync", &remote.path()]).ok();
    let log = laptop.log_path();
    let mut text = std::fs::read_to_string(&log).unwrap();
    text.push_str("{\"v\":2,\"id\":\"broken by hand\n");
    std::fs::write(&log, text).unwrap();
    laptop.run(&["note", "after the damage"]).code(1);
    let run = laptop.run(&["sync"]).ok();
    assert!(run.stderr.contains("line 4 of"), "{}", run.stderr);
    assert!(!remote.show(&own_log(&laptop)).contains("broken by hand"));

    let run = desktop.run(&["sync"]).ok();
    assert!(!run.stderr.contains("skipped"), "{}", run.stderr);
    desktop.run(&["today"]).ok();
    // The machine that wrote it repairs it; both go on syncing.
    laptop.run(&["doctor", "--repair"]).ok();
    laptop.run(&["note", "after the repair"]).ok();
    laptop.run(&["sync"]).ok();
    desktop.run(&["sync"]).ok();
    laptop.run(&["sync"]).ok();
    assert_eq!(event_ids(&laptop), event_ids(&desktop));
    assert_eq!(event_ids(&laptop).len(), 4);
    // A damaged line that a remote brings is skipped, named by file and line.
    let clone = remote.hostile_clone();
    let path = clone.join(own_log(&laptop));
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("not an event\n");
    std::fs::write(&path, text).unwrap();
    remote.hostile_push(&clone, "damage");
    let run = desktop.run(&["sync"]).ok();
    assert!(
        run.stderr
            .contains(&format!("skipped line 5 of {}", own_log(&laptop))),
        "{}",
        run.stderr
    );
    desktop.run(&["doctor"]).ok();
}

#[test]
fn a_remote_holding_another_project_is_refused_and_the_remote_that_worked_is_kept() {
    let remote = Remote::new();
    let laptop = synced_laptop(&remote);
    let project = remote.dir.path().join("project");
    std::fs::create_dir_all(project.join("src")).unwrap();
    std::fs::write(project.join("README.md"), "# A project\n").unwrap();
    std::fs::write(project.join("src/main.rs"), "fn main() {}\n").unwrap();
    std::fs::write(
        project.join(".gitattributes"),
        "*.jsonl working-tree-encoding=UTF-16\n",
    )
    .unwrap();
    remote.git(&project, &["init", "-q", "-b", "main"]);
    remote.git(&project, &["add", "."]);
    remote.git(
        &project,
        &[
            "-c",
            "user.name=p",
            "-c",
            "user.email=p@p",
            "commit",
            "-q",
            "-m",
            "p",
        ],
    );
    let bare = remote.dir.path().join("project.git");
    remote.git(
        remote.dir.path(),
        &["clone", "-q", "--bare", "project", "project.git"],
    );

    let run = laptop.run(&["sync", &bare.display().to_string()]).code(1);
    assert!(
        run.stderr.contains("not a pymastery home"),
        "{}",
        run.stderr
    );
    assert!(!laptop.home().join("README.md").exists());
    assert!(!laptop.home().join("src").exists());
    let files = remote.git(&bare, &["ls-tree", "-r", "--name-only", "main"]);
    assert!(
        !files.contains("log/"),
        "the log was pushed into the project"
    );
    // The remote that worked is still the one sync uses.
    laptop.run(&["note", "still here"]).ok();
    let run = laptop.json(&["sync"]);
    assert_eq!(run["remote"], remote.path());
    assert_eq!(run["sent"], 1);
}

#[test]
fn a_foreign_gitattributes_is_refused_before_it_can_touch_the_log() {
    let remote = Remote::new();
    let laptop = synced_laptop(&remote);
    let before = std::fs::read(laptop.log_path()).unwrap();
    let clone = remote.hostile_clone();
    let mut attributes = std::fs::read_to_string(clone.join(".gitattributes")).unwrap();
    attributes.push_str("log/*.jsonl working-tree-encoding=UTF-16\n");
    std::fs::write(clone.join(".gitattributes"), attributes).unwrap();
    remote.hostile_push_paths(&clone, "attributes", &[".gitattributes"]);
    let run = laptop.run(&["sync"]).code(1);
    assert!(run.stderr.contains(".gitattributes"), "{}", run.stderr);
    assert_eq!(std::fs::read(laptop.log_path()).unwrap(), before);
}

#[test]
fn a_home_whose_git_is_a_file_pointing_elsewhere_is_never_followed() {
    let remote = Remote::new();
    let laptop = remote.machine();
    laptop.run(&["done"]).ok();
    let elsewhere = remote.dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    remote.git(&elsewhere, &["init", "-q"]);
    std::fs::write(
        laptop.home().join(".git"),
        format!("gitdir: {}\n", elsewhere.join(".git").display()),
    )
    .unwrap();
    let run = laptop.run(&["sync", &remote.path()]).code(1);
    assert!(run.stderr.contains(".git"), "{}", run.stderr);
    let status = remote.git(&elsewhere, &["status", "--porcelain"]);
    assert_eq!(status, "", "the other repository was touched");
    assert!(
        remote
            .git(&elsewhere, &["config", "--list", "--local"])
            .find("pymastery")
            .is_none()
    );
}

#[test]
fn merge_ff_only_in_the_users_git_config_breaks_nothing() {
    let remote = Remote::new();
    std::fs::write(
        remote.user_home().join(".gitconfig"),
        "[merge]\n\tff = only\n[pull]\n\tff = only\n",
    )
    .unwrap();
    let laptop = synced_laptop(&remote);
    let desktop = remote.machine();
    desktop.run(&["note", "from the desktop"]).ok();
    desktop.run(&["sync", &remote.path()]).ok();
    laptop.run(&["note", "from the laptop"]).ok();
    laptop.run(&["sync"]).ok();
    desktop.run(&["sync"]).ok();
    assert_eq!(event_ids(&laptop), event_ids(&desktop));
    assert_eq!(event_ids(&laptop).len(), 5);
    let newcomer = remote.machine();
    newcomer.run(&["sync", &remote.path()]).ok();
    assert_eq!(event_ids(&newcomer), event_ids(&laptop));
}

#[test]
fn a_git_lock_dated_in_the_future_is_stale() {
    let remote = Remote::new();
    let laptop = synced_laptop(&remote);
    let lock = laptop.home().join(".git/index.lock");
    let file = std::fs::File::create(&lock).unwrap();
    file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(3600))
        .unwrap();
    laptop.run(&["note", "after the clock stepped back"]).ok();
    let run = laptop.json(&["sync"]);
    assert_eq!(run["sent"], 1);
    assert!(!lock.exists());
}

#[test]
fn transports_that_run_commands_or_wait_are_refused_and_not_remembered() {
    let remote = Remote::new();
    let laptop = remote.machine();
    laptop.run(&["done"]).ok();
    let marker = remote.dir.path().join("ran");
    for given in [
        "fd::17".to_string(),
        format!("ext::sh -c touch% {}", marker.display()),
        "http://example.invalid/x.git".to_string(),
    ] {
        let run = laptop.run(&["sync", &given]).code(2);
        assert!(run.stderr.contains("transport"), "{given}: {}", run.stderr);
    }
    assert!(!marker.exists());
    laptop.run(&["sync"]).code(2);
    laptop.run(&["sync", &remote.path()]).ok();
    let run = laptop.run(&["sync", "fd::17"]).code(2);
    assert!(run.stderr.contains("transport"), "{}", run.stderr);
    assert_eq!(laptop.json(&["sync"])["remote"], remote.path());
}

#[cfg(unix)]
#[test]
fn hooks_and_fsmonitor_never_run_during_sync() {
    use std::os::unix::fs::PermissionsExt;
    let remote = Remote::new();
    let laptop = synced_laptop(&remote);
    let desktop = remote.machine();
    desktop.run(&["sync", &remote.path()]).ok();
    let marker = remote.dir.path().join("ran");
    // Hooks run where their repository is: the bare remote's own (a push to a path runs the
    // remote's hooks, the remote's business) are told apart from the homes'.
    let script = format!("#!/bin/sh\necho \"$PWD $0\" >> {}\n", marker.display());
    let global_hooks = remote.dir.path().join("global-hooks");
    std::fs::create_dir(&global_hooks).unwrap();
    for dir in [laptop.home().join(".git/hooks"), global_hooks.clone()] {
        std::fs::create_dir_all(&dir).unwrap();
        for hook in [
            "pre-commit",
            "post-commit",
            "commit-msg",
            "post-merge",
            "pre-push",
            "reference-transaction",
            "post-checkout",
            "post-rewrite",
            "pre-merge-commit",
        ] {
            let path = dir.join(hook);
            std::fs::write(&path, &script).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
    let fsmonitor = remote.dir.path().join("fsmonitor.sh");
    std::fs::write(&fsmonitor, &script).unwrap();
    std::fs::set_permissions(&fsmonitor, std::fs::Permissions::from_mode(0o755)).unwrap();
    remote.git(
        laptop.home(),
        &["config", "core.fsmonitor", &fsmonitor.display().to_string()],
    );
    std::fs::write(
        remote.user_home().join(".gitconfig"),
        format!("[core]\n\thooksPath = {}\n", global_hooks.display()),
    )
    .unwrap();
    desktop.run(&["note", "from the desktop"]).ok();
    desktop.run(&["sync"]).ok();
    laptop.run(&["note", "from the laptop"]).ok();
    laptop.run(&["sync"]).ok();
    desktop.run(&["sync"]).ok();
    assert_eq!(event_ids(&laptop), event_ids(&desktop));
    let ran = std::fs::read_to_string(&marker).unwrap_or_default();
    let in_homes: Vec<&str> = ran
        .lines()
        .filter(|line| !line.contains("remote.git"))
        .collect();
    assert!(in_homes.is_empty(), "ran in a home: {in_homes:?}");
}

/// Two machines each start a plan, then sync, in either order: each keeps its own.
fn concurrent_starts(laptop_first: bool) {
    let remote = Remote::new();
    let laptop = remote.machine();
    let desktop = remote.machine();
    laptop.run(&["start", "deep-dive"]).ok();
    desktop.run(&["start", "interview"]).ok();
    let (first, second) = if laptop_first {
        (&laptop, &desktop)
    } else {
        (&desktop, &laptop)
    };
    first.run(&["sync", &remote.path()]).ok();
    second.run(&["sync", &remote.path()]).ok();
    first.run(&["sync"]).ok();
    let current = |pym: &Pym| pym.json(&["today"])["plan"]["id"].clone();
    assert_eq!(current(&laptop), "deep-dive");
    assert_eq!(current(&desktop), "interview");
    // Each says what the other machine is on.
    let today = laptop.run(&["today"]).ok().stdout;
    assert!(
        today.contains("interview") && today.contains("current on another machine"),
        "{today}"
    );
    assert_eq!(
        laptop.json(&["today"])["current_elsewhere"],
        serde_json::json!(["interview"])
    );
    let done = laptop.run(&["done"]).ok();
    assert!(done.stdout.contains("d1"), "{}", done.stdout);
    assert_eq!(current(&laptop), "deep-dive");
    // A start made after seeing the other machine's is followed there.
    desktop.run(&["start", "mastery-23"]).ok();
    desktop.run(&["sync"]).ok();
    laptop.run(&["sync"]).ok();
    assert_eq!(current(&laptop), "mastery-23");
    assert_eq!(current(&desktop), "mastery-23");
}

#[test]
fn concurrent_starts_leave_each_machine_its_own_plan_laptop_syncing_first() {
    concurrent_starts(true);
}

#[test]
fn concurrent_starts_leave_each_machine_its_own_plan_desktop_syncing_first() {
    concurrent_starts(false);
}

#[test]
fn the_summary_counts_sessions_as_the_user_does() {
    let remote = Remote::new();
    let laptop = remote.machine();
    laptop.run(&["start", "interview"]).ok();
    laptop.run(&["done", "--note", "one"]).ok();
    laptop.run(&["done", "--amend", "--note", "more"]).ok();
    laptop.run(&["done", "next"]).ok();
    laptop.run(&["undo"]).ok();
    laptop.run(&["sync", &remote.path()]).ok();
    let desktop = remote.machine();
    let run = desktop.run(&["sync", &remote.path()]).ok();
    assert!(
        run.stdout.starts_with("1 session, 1 note,"),
        "{}",
        run.stdout
    );
}

#[test]
fn doctor_repairs_only_this_machines_log_never_another_machines() {
    let remote = Remote::new();
    let laptop = synced_laptop(&remote);
    let desktop = remote.machine();
    desktop.run(&["sync", &remote.path()]).ok();
    // A line of the laptop's file damaged by hand on the desktop.
    let theirs = desktop.home().join(own_log(&laptop));
    let mut text = std::fs::read_to_string(&theirs).unwrap();
    text.push_str("damaged here\n");
    std::fs::write(&theirs, &text).unwrap();
    let doctor = desktop.run(&["doctor", "--repair"]);
    assert!(
        doctor.stdout.contains("another machine's log"),
        "{}",
        doctor.stdout
    );
    assert_eq!(
        std::fs::read_to_string(&theirs).unwrap(),
        text,
        "repaired another machine's file"
    );
    // Sync leaves that change out and goes on; the laptop never gets the line.
    let run = desktop.run(&["sync"]).ok();
    assert!(run.stderr.contains("is not an event"), "{}", run.stderr);
    laptop.run(&["sync"]).ok();
    assert!(
        !std::fs::read_to_string(laptop.log_path())
            .unwrap()
            .contains("damaged here")
    );
}

#[cfg(unix)]
#[test]
fn a_submodule_or_an_executable_from_a_remote_is_refused() {
    let remote = Remote::new();
    let laptop = synced_laptop(&remote);
    let clone = remote.hostile_clone();
    let head = remote.git(&clone, &["rev-parse", "HEAD"]);
    remote.git(
        &clone,
        &[
            "update-index",
            "--add",
            "--cacheinfo",
            &format!("160000,{},curricula/sub", head.trim()),
        ],
    );
    remote.hostile_push_paths(&clone, "submodule", &["log"]);
    let run = laptop.run(&["sync"]).code(1);
    assert!(run.stderr.contains("curricula/sub"), "{}", run.stderr);
    assert!(run.stderr.contains("submodule"), "{}", run.stderr);
    assert!(!laptop.home().join("curricula/sub").exists());

    remote.git(&clone, &["rm", "-q", "--cached", "curricula/sub"]);
    std::fs::create_dir_all(clone.join("curricula")).unwrap();
    let plan = clone.join("curricula/run.md");
    std::fs::write(&plan, "# Run\n\n## Day 1: x\n").unwrap();
    std::fs::set_permissions(&plan, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    remote.hostile_push_paths(&clone, "executable", &["curricula"]);
    let run = laptop.run(&["sync"]).code(1);
    assert!(run.stderr.contains("executable"), "{}", run.stderr);
    assert!(!laptop.home().join("curricula/run.md").exists());
}
