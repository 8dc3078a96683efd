//! `sync` end to end: two homes and a bare repository in a temporary directory, the real `git`
//! with no user or system config (an isolated `HOME`, `GIT_CONFIG_NOSYSTEM`), so no git
//! identity is configured unless a test writes one.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use super::support::{Pym, plan_status};

mod trust;

/// A bare repository standing for the remote, and the isolated user home git reads.
struct Remote {
    dir: tempfile::TempDir,
}

impl Remote {
    fn new() -> Remote {
        let remote = Remote {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir(remote.user_home()).unwrap();
        remote.git(remote.dir.path(), &["init", "--bare", "-q", "remote.git"]);
        remote
    }

    fn user_home(&self) -> PathBuf {
        self.dir.path().join("user")
    }

    fn path(&self) -> String {
        self.dir.path().join("remote.git").display().to_string()
    }

    /// A machine: a home of its own, the shared isolated git environment.
    fn machine(&self) -> Pym {
        let mut pym = Pym::new();
        // Made by the first write, as on a new machine (and so private).
        std::fs::remove_dir(pym.home()).unwrap();
        pym.env("HOME", self.user_home())
            .env("XDG_CONFIG_HOME", self.user_home())
            .env("GIT_CONFIG_NOSYSTEM", "1");
        pym
    }

    /// Runs git in `dir` with the same isolation; panics on failure.
    fn git(&self, dir: &Path, args: &[&str]) -> String {
        let output = Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("HOME", self.user_home())
            .env("XDG_CONFIG_HOME", self.user_home())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Makes the remote refuse pushes: the first `times` of them, or every one.
    #[cfg(unix)]
    fn refuse_pushes(&self, times: Option<u32>) {
        use std::os::unix::fs::PermissionsExt;
        let hook = self.dir.path().join("remote.git/hooks/pre-receive");
        let script = match times {
            Some(n) => format!(
                "#!/bin/sh\nn=$(cat refused 2>/dev/null || echo 0)\nif [ \"$n\" -lt {n} ]; then echo $((n+1)) > refused; echo busy >&2; exit 1; fi\n"
            ),
            None => "#!/bin/sh\necho 'pushes are closed' >&2\nexit 1\n".to_string(),
        };
        std::fs::write(&hook, script).unwrap();
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    /// The content of a file on the remote's main branch.
    fn show(&self, path: &str) -> String {
        self.git(
            &self.dir.path().join("remote.git"),
            &["show", &format!("main:{path}")],
        )
    }
}

/// The texts of the files in the home's `quarantine/` whose names start with `name`.
fn quarantined(pym: &Pym, name: &str) -> Vec<String> {
    let mut texts: Vec<String> = std::fs::read_dir(pym.home().join("quarantine"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("{name}."))
        })
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    texts.sort();
    texts
}

/// A lock file git left a minute ago (a younger one may belong to a git still running).
fn left_behind(path: &Path) {
    let file = std::fs::File::create(path).unwrap();
    let minute_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    file.set_modified(minute_ago).unwrap();
}

/// Every event id in a home's log files, with how many times it is there.
fn event_ids(pym: &Pym) -> BTreeMap<String, usize> {
    let mut ids = BTreeMap::new();
    for path in log_paths(&pym.home().join("log")) {
        let text = std::fs::read_to_string(path).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let event: serde_json::Value = serde_json::from_str(line).unwrap();
            *ids.entry(event["id"].as_str().unwrap().to_string())
                .or_insert(0) += 1;
        }
    }
    ids
}

/// Every log file under `dir`: active files and sealed segments, not the layout marker.
fn log_paths(dir: &Path) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            paths.extend(log_paths(&path));
        } else if entry.file_name() != "segments.jsonl" {
            paths.push(path);
        }
    }
    paths.sort();
    paths
}

/// What a home shows: the log and the status, which must agree between synced machines.
fn shown(pym: &Pym) -> (String, serde_json::Value) {
    let log = pym.run(&["log", "--format", "json"]).ok().stdout;
    (log, pym.json(&["status"]))
}

/// The log files of a home, by name.
fn log_files(pym: &Pym) -> BTreeSet<String> {
    std::fs::read_dir(pym.home().join("log"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn both_record_both_sync_and_end_with_the_same_events_each_once() {
    let remote = Remote::new();
    let laptop = remote.machine();
    let desktop = remote.machine();
    laptop.run(&["start", "interview"]).ok();
    laptop.run(&["check", "1"]).ok();
    laptop.run(&["done", "--minutes", "30"]).ok();
    let first = laptop.json(&["sync", &remote.path()]);
    assert_eq!(first["received"], 0);
    assert_eq!(first["sent"], 3);
    assert_eq!(first["remote"], remote.path());

    let joined = desktop.run(&["sync", &remote.path()]).ok();
    assert_eq!(
        joined.stdout.trim(),
        "1 session, 1 tick, 1 plan start from another machine; nothing to send."
    );
    desktop.run(&["note", "slices are views"]).ok();
    let sent = desktop.run(&["sync"]).ok();
    assert_eq!(
        sent.stdout.trim(),
        "Nothing new from other machines; 1 note sent."
    );
    let back = laptop.json(&["sync"]);
    assert_eq!(
        (back["received"].as_u64(), back["sent"].as_u64()),
        (Some(1), Some(0))
    );
    let again = laptop.run(&["sync"]).ok();
    assert!(again.stdout.starts_with("Nothing new"), "{}", again.stdout);

    let ids = event_ids(&laptop);
    assert_eq!(ids.len(), 4);
    assert!(ids.values().all(|&n| n == 1), "{ids:?}");
    assert_eq!(ids, event_ids(&desktop));
    assert_eq!(log_files(&laptop), log_files(&desktop));
    assert_eq!(log_files(&laptop).len(), 2, "one log file per machine");
    assert_eq!(shown(&laptop), shown(&desktop));
    // What git wrote is as private as the rest of the home.
    laptop.run(&["doctor"]).ok();
    desktop.run(&["doctor"]).ok();
}

#[test]
fn both_record_before_syncing_and_still_merge_without_a_conflict() {
    let remote = Remote::new();
    let laptop = remote.machine();
    let mut desktop = remote.machine();
    laptop.run(&["done", "--minutes", "20"]).ok();
    desktop.at(1, "10:00");
    desktop.run(&["check", "--plan", "interview", "d1:2"]).ok();
    desktop.run(&["note", "from the desktop"]).ok();

    laptop.run(&["sync", &remote.path()]).ok();
    // The desktop's home has its own history: it joins the remote's, unrelated to it.
    let merged = desktop.json(&["sync", &remote.path()]);
    assert_eq!(
        (merged["received"].as_u64(), merged["sent"].as_u64()),
        (Some(1), Some(2))
    );
    laptop.run(&["sync"]).ok();

    assert_eq!(event_ids(&laptop), event_ids(&desktop));
    assert_eq!(event_ids(&laptop).len(), 3);
    assert_eq!(shown(&laptop), shown(&desktop));
    for pym in [&laptop, &desktop] {
        let status = remote.git(pym.home(), &["status", "--porcelain"]);
        assert_eq!(status, "", "a clean work tree after the merge");
        assert!(!pym.home().join(".git/MERGE_HEAD").exists());
    }
}

#[test]
fn events_that_arrive_by_sync_and_sort_before_the_checkpoint_are_counted() {
    let remote = Remote::new();
    let mut laptop = remote.machine();
    let mut desktop = remote.machine();
    laptop.run(&["start", "interview"]).ok();
    laptop.run(&["sync", &remote.path()]).ok();
    desktop.run(&["sync", &remote.path()]).ok();
    // The desktop records once (a low clock); the laptop records much more and folds it into
    // its checkpoint before the desktop's event arrives.
    desktop.at(2, "09:00");
    desktop.run(&["done", "--minutes", "40"]).ok();
    for day in 2..6 {
        laptop.at(day, "18:00");
        laptop.run(&["check", "1"]).ok();
        laptop.run(&["uncheck", "1"]).ok();
    }
    laptop.json(&["status"]);
    assert!(
        laptop.home().join("cache").exists(),
        "a checkpoint was written"
    );
    desktop.run(&["sync"]).ok();
    laptop.run(&["sync"]).ok();
    let status = laptop.json(&["status"]);
    assert_eq!(
        plan_status(&status, "interview")["minutes_total"],
        40,
        "{status}"
    );
    std::fs::remove_dir_all(laptop.home().join("cache")).unwrap();
    assert_eq!(
        laptop.json(&["status"]),
        status,
        "the same without the checkpoint"
    );
}

#[test]
fn a_fresh_pass_started_in_tokyo_and_done_in_los_angeles_folds_the_same_on_both() {
    // Issue 6: sorting by wall-clock time put the done before the start of its pass.
    let remote = Remote::new();
    let mut tokyo = remote.machine();
    let mut los_angeles = remote.machine();
    tokyo.env("TZ", "Asia/Tokyo").now("2026-11-01T00:00:00Z");
    los_angeles
        .env("TZ", "America/Los_Angeles")
        .now("2026-11-01T01:00:00Z");
    tokyo.run(&["start", "interview", "--fresh"]).ok();
    tokyo.run(&["sync", &remote.path()]).ok();
    los_angeles.run(&["sync", &remote.path()]).ok();
    los_angeles
        .run(&["done", "--note", "d", "--minutes", "45"])
        .ok();
    los_angeles.run(&["sync"]).ok();
    tokyo.run(&["sync"]).ok();
    for pym in [&tokyo, &los_angeles] {
        let status = pym.json(&["status", "--all"]);
        let interview = plan_status(&status, "interview");
        assert_eq!(interview["days_done"], 1, "{interview}");
        assert_eq!(interview["days_total"], 16, "{interview}");
        assert_eq!(interview["minutes_total"], 45, "{interview}");
    }
}

#[test]
fn a_file_of_duplicated_events_counts_once() {
    let remote = Remote::new();
    let laptop = remote.machine();
    let desktop = remote.machine();
    laptop.run(&["done", "--minutes", "30"]).ok();
    laptop.run(&["done", "next", "--minutes", "15"]).ok();
    laptop.run(&["sync", &remote.path()]).ok();
    desktop.run(&["sync", &remote.path()]).ok();
    // What users do by hand: `cat laptop laptop > merged`, kept beside the real files.
    let name = log_files(&laptop).into_iter().next().unwrap();
    let laptop_log = std::fs::read_to_string(laptop.home().join("log").join(&name)).unwrap();
    std::fs::write(
        desktop.home().join("log/merged.jsonl"),
        format!("{laptop_log}{laptop_log}"),
    )
    .unwrap();
    desktop.run(&["sync"]).ok();
    laptop.run(&["sync"]).ok();
    assert!(
        laptop.home().join("log/merged.jsonl").exists(),
        "it travels"
    );
    for pym in [&laptop, &desktop] {
        let status = pym.json(&["status"]);
        let plan = plan_status(&status, "rotating-48");
        assert_eq!(plan["days_done"], 2, "{plan}");
        assert_eq!(plan["minutes_total"], 45, "{plan}");
    }
}

#[test]
fn works_with_no_git_identity_and_uses_one_that_is_configured() {
    let remote = Remote::new();
    let laptop = remote.machine();
    laptop.run(&["done"]).ok();
    laptop.run(&["sync", &remote.path()]).ok();
    let author = remote.git(laptop.home(), &["log", "-1", "--format=%an <%ae>"]);
    assert_eq!(author.trim(), "pymastery <pymastery@localhost>");

    std::fs::write(
        remote.user_home().join(".gitconfig"),
        "[user]\n\tname = Ada\n\temail = ada@example.com\n",
    )
    .unwrap();
    laptop.run(&["done", "next"]).ok();
    laptop.run(&["sync"]).ok();
    let author = remote.git(laptop.home(), &["log", "-1", "--format=%an <%ae>"]);
    assert_eq!(author.trim(), "Ada <ada@example.com>");
    let config = std::fs::read_to_string(remote.user_home().join(".gitconfig")).unwrap();
    assert!(
        !config.contains("pymastery"),
        "the user's git config is left alone"
    );
}

#[test]
fn the_commit_message_says_what_was_recorded() {
    let remote = Remote::new();
    let laptop = remote.machine();
    laptop.run(&["start", "interview"]).ok();
    laptop.run(&["check", "1", "2"]).ok();
    laptop.run(&["check", "3"]).ok();
    laptop.run(&["done"]).ok();
    laptop.run(&["sync", &remote.path()]).ok();
    let subject = remote.git(laptop.home(), &["log", "-1", "--format=%s"]);
    let device = log_files(&laptop).into_iter().next().unwrap();
    let device = device.trim_end_matches(".jsonl");
    assert_eq!(
        subject.trim(),
        format!("1 session, 2 ticks, 1 plan start from {device}")
    );
}

#[test]
fn an_unreachable_remote_is_one_sentence_and_exit_1() {
    let remote = Remote::new();
    let laptop = remote.machine();
    laptop.run(&["done"]).ok();
    let missing = remote.dir.path().join("nowhere.git");
    let run = laptop
        .run(&["sync", &missing.display().to_string()])
        .code(1);
    // One sentence (wrapped to the width) and a hint.
    let starts: Vec<&str> = run.stderr.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(starts.len(), 2, "{}", run.stderr);
    assert!(
        starts[0].starts_with("error: cannot reach the remote origin ("),
        "{}",
        run.stderr
    );
    assert!(starts[1].starts_with("hint: "), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    // A remote that could not be fetched from is not remembered.
    laptop.run(&["sync"]).code(2);
    // What was recorded is committed in the home, and goes out once the remote is there.
    remote.git(remote.dir.path(), &["init", "--bare", "-q", "nowhere.git"]);
    let later = laptop.json(&["sync", &missing.display().to_string()]);
    assert_eq!(later["sent"], 1);
    assert_eq!(laptop.json(&["sync"])["sent"], 0);
}

#[test]
fn sync_with_no_remote_ever_given_is_bad_input_and_writes_nothing() {
    let remote = Remote::new();
    let laptop = remote.machine();
    laptop.run(&["done"]).ok();
    let before = laptop.snapshot();
    let run = laptop.run(&["sync"]).code(2);
    assert!(
        run.stderr.starts_with("error: no remote to sync with"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.lines().skip(1).all(|l| l.starts_with(' ')),
        "{}",
        run.stderr
    );
    assert_eq!(laptop.snapshot(), before);
}

#[test]
fn a_remote_that_git_would_take_for_an_option_is_bad_input() {
    let remote = Remote::new();
    let laptop = remote.machine();
    laptop.run(&["done"]).ok();
    let before = laptop.snapshot();
    let run = laptop.run(&["sync", "--", "--upload-pack=touch x"]).code(2);
    assert!(run.stderr.contains("is not a remote"), "{}", run.stderr);
    assert_eq!(laptop.snapshot(), before);
}

#[test]
fn a_log_file_changed_on_both_machines_merges_by_keeping_both_sides_lines() {
    // The second safety net: a file both homes append to (a home copied by hand before it had
    // a device id of its own) merges by union, whole lines only, each event once.
    let remote = Remote::new();
    let laptop = remote.machine();
    let desktop = remote.machine();
    laptop.run(&["start", "interview"]).ok();
    laptop.run(&["done", "--minutes", "10"]).ok();
    let own = log_files(&laptop).into_iter().next().unwrap();
    let common = std::fs::read_to_string(laptop.home().join("log").join(&own)).unwrap();
    let mut lines = common.lines();
    let (first, second) = (lines.next().unwrap(), lines.next().unwrap());
    let shared = "log/old-laptop.jsonl";
    std::fs::create_dir_all(desktop.home().join("log")).unwrap();
    std::fs::write(laptop.home().join(shared), format!("{first}\n")).unwrap();
    laptop.run(&["sync", &remote.path()]).ok();
    desktop.run(&["sync", &remote.path()]).ok();
    // Each side appends a different event to the same file.
    std::fs::write(laptop.home().join(shared), format!("{first}\n{second}\n")).unwrap();
    let other = second.replace("\"minutes\":10", "\"minutes\":20");
    let other = other.replacen("\"id\":\"", "\"id\":\"x", 1);
    std::fs::write(desktop.home().join(shared), format!("{first}\n{other}\n")).unwrap();
    laptop.run(&["sync"]).ok();
    desktop.run(&["sync"]).ok();
    laptop.run(&["sync"]).ok();
    for pym in [&laptop, &desktop] {
        let merged = std::fs::read_to_string(pym.home().join(shared)).unwrap();
        assert!(merged.ends_with('\n'), "{merged}");
        assert_eq!(merged.lines().count(), 3, "{merged}");
        for line in merged.lines() {
            serde_json::from_str::<serde_json::Value>(line).unwrap();
        }
        assert_eq!(remote.git(pym.home(), &["status", "--porcelain"]), "");
    }
    assert_eq!(shown(&laptop), shown(&desktop));
}

#[test]
fn git_missing_is_one_sentence_and_exit_1() {
    let remote = Remote::new();
    let mut laptop = remote.machine();
    laptop.run(&["done"]).ok();
    let empty = tempfile::tempdir().unwrap();
    laptop.env("PATH", empty.path());
    let run = laptop.run(&["sync", &remote.path()]).code(1);
    assert!(
        run.stderr.starts_with("error: sync needs git"),
        "{}",
        run.stderr
    );
    assert!(!laptop.home().join(".git").exists());
}

#[test]
fn only_complete_lines_are_committed() {
    let remote = Remote::new();
    let laptop = remote.machine();
    laptop.run(&["done"]).ok();
    let name = log_files(&laptop).into_iter().next().unwrap();
    let path = laptop.home().join("log").join(&name);
    let whole = std::fs::read_to_string(&path).unwrap();
    // An append cut short, as a crash leaves it.
    std::fs::write(&path, format!("{whole}{{\"v\":2,\"id\":\"cut")).unwrap();
    laptop.run(&["sync", &remote.path()]).ok();
    assert_eq!(remote.show(&format!("log/{name}")), whole);
}

#[test]
fn what_stays_on_the_machine_does_not_travel_and_imported_plans_do() {
    let remote = Remote::new();
    let laptop = remote.machine();
    let desktop = remote.machine();
    let plan = remote.dir.path().join("rust.md");
    std::fs::write(
        &plan,
        "# Rust in a week\n\n## Day 1: Moves\n\n- [ ] Read the chapter\n\n## Day 2: Borrows\n\n- [ ] Write one\n",
    )
    .unwrap();
    laptop
        .run(&["import", plan.to_str().unwrap(), "--id", "rust"])
        .ok();
    laptop
        .run(&["config", "set", "day_starts_at", "05:00"])
        .ok();
    laptop.run(&["start", "rust"]).ok();
    laptop.run(&["sync", &remote.path()]).ok();
    let tracked = remote.git(laptop.home(), &["ls-files"]);
    assert!(tracked.contains("curricula/rust.md"), "{tracked}");
    assert!(!tracked.contains("config.toml"), "{tracked}");
    for line in tracked.lines() {
        assert!(
            !line.starts_with("local/") && !line.starts_with("cache/"),
            "{tracked}"
        );
    }
    desktop.run(&["sync", &remote.path()]).ok();
    let today = desktop.json(&["today"]);
    assert_eq!(today["plan"]["id"], "rust");
    assert!(!desktop.home().join("config.toml").exists());
}

#[test]
fn an_interrupted_sync_is_completed_by_the_next() {
    let remote = Remote::new();
    let laptop = remote.machine();
    let desktop = remote.machine();
    laptop.run(&["done"]).ok();
    laptop.run(&["sync", &remote.path()]).ok();
    desktop.run(&["done", "--minutes", "5"]).ok();
    desktop.run(&["sync", &remote.path()]).ok();
    laptop.run(&["note", "after the first sync"]).ok();
    leave_a_merge_in_progress(&remote, &laptop);

    let run = laptop.run(&["sync"]).ok();
    assert!(run.stderr.contains("interrupted"), "{}", run.stderr);
    desktop.run(&["sync"]).ok();
    assert_eq!(event_ids(&laptop), event_ids(&desktop));
    assert_eq!(event_ids(&laptop).len(), 3);
    assert_eq!(shown(&laptop), shown(&desktop));
}

/// What a sync killed half way leaves: a merge of the remote in progress, git's index lock.
fn leave_a_merge_in_progress(remote: &Remote, machine: &Pym) {
    remote.git(machine.home(), &["fetch", "-q", "origin"]);
    remote.git(
        machine.home(),
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "merge",
            "--no-commit",
            "--no-ff",
            "origin/main",
        ],
    );
    left_behind(&machine.home().join(".git/index.lock"));
}

#[test]
fn an_interrupted_merge_that_git_refuses_to_abort_is_undone_keeping_the_files() {
    // `merge --abort` refuses when a file the merge wrote changed since (here a plan edited
    // by hand; a stale stat entry does the same): sync must not stay stuck on it.
    let remote = Remote::new();
    let laptop = remote.machine();
    let desktop = remote.machine();
    let plan = laptop.home().join("mine-source.md");
    laptop.run(&["done"]).ok();
    laptop.run(&["sync", &remote.path()]).ok();
    desktop.run(&["sync", &remote.path()]).ok();
    std::fs::write(&plan, "# Mine\n\n## Day 1: One\n- [ ] a\n").unwrap();
    desktop
        .run(&["import", plan.to_str().unwrap(), "--id", "mine"])
        .ok();
    desktop.run(&["done", "-p", "mine"]).ok();
    desktop.run(&["sync"]).ok();
    laptop.run(&["note", "after the first sync"]).ok();
    leave_a_merge_in_progress(&remote, &laptop);
    let mine = laptop.home().join("curricula").join("mine.md");
    let edited = "# Mine\n\n## Day 1: One\n- [ ] a\n- [ ] b, added by hand\n";
    std::fs::write(&mine, edited).unwrap();

    let run = laptop.run(&["sync"]).ok();
    assert!(run.stderr.contains("interrupted"), "{}", run.stderr);
    // The hand edit met the plan as the desktop imported it: the remote's version is taken,
    // and the edit is kept aside, named.
    assert!(run.stderr.contains("curricula/mine.md"), "{}", run.stderr);
    assert_eq!(quarantined(&laptop, "mine.md"), [edited]);
    desktop.run(&["sync"]).ok();
    assert_eq!(event_ids(&laptop), event_ids(&desktop));
    assert_eq!(event_ids(&laptop).len(), 3);
    let synced = desktop.home().join("curricula").join("mine.md");
    assert_eq!(
        std::fs::read_to_string(synced).unwrap(),
        std::fs::read_to_string(&mine).unwrap()
    );
    assert_eq!(shown(&laptop), shown(&desktop));
}

#[test]
fn another_machines_log_left_half_written_is_written_back_never_committed_cut() {
    // git killed while writing a file in a merge leaves it cut short, even mid-line.
    let remote = Remote::new();
    let laptop = remote.machine();
    let desktop = remote.machine();
    laptop.run(&["done"]).ok();
    laptop.run(&["sync", &remote.path()]).ok();
    desktop.run(&["start", "interview"]).ok();
    desktop.run(&["done", "--minutes", "25"]).ok();
    desktop.run(&["sync", &remote.path()]).ok();
    laptop.run(&["sync"]).ok();
    let desktop_log = log_files(&desktop).into_iter().next().unwrap();
    let path = laptop.home().join("log").join(&desktop_log);
    let whole = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, &whole[..whole.len() / 2 + 3]).unwrap();
    left_behind(&laptop.home().join(".git/index.lock"));

    let run = laptop.run(&["sync"]).ok();
    assert!(run.stderr.contains("was cut short"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), whole);
    assert_eq!(remote.show(&format!("log/{desktop_log}")), whole);
    desktop.run(&["sync"]).ok();
    assert_eq!(shown(&laptop), shown(&desktop));
}

#[test]
fn a_home_that_is_already_a_repository_of_the_users_own_is_used_as_it_is() {
    let remote = Remote::new();
    let laptop = remote.machine();
    laptop.run(&["done"]).ok();
    remote.git(laptop.home(), &["init", "-q"]);
    std::fs::write(laptop.home().join("notes.txt"), "mine\n").unwrap();
    std::fs::write(laptop.home().join(".gitignore"), "*.bak\n").unwrap();
    remote.git(laptop.home(), &["remote", "add", "origin", &remote.path()]);
    let unnamed = laptop.run(&["sync"]).code(2);
    assert!(
        unnamed.stderr.contains("this repository has origin"),
        "{}",
        unnamed.stderr
    );
    let run = laptop.run(&["sync", "origin"]).ok();
    assert!(
        run.stderr.contains("already a git repository of your own"),
        "{}",
        run.stderr
    );
    let tracked = remote.git(laptop.home(), &["ls-files"]);
    assert!(!tracked.contains("notes.txt"), "{tracked}");
    assert!(tracked.contains("log/"), "{tracked}");
    let ignore = std::fs::read_to_string(laptop.home().join(".gitignore")).unwrap();
    assert!(ignore.starts_with("*.bak\n"), "{ignore}");
    assert!(ignore.contains("/local/"), "{ignore}");
}

#[test]
fn doctor_finds_a_folder_sync_copy_and_repair_merges_its_events_by_id() {
    let remote = Remote::new();
    let laptop = remote.machine();
    let mut desktop = remote.machine();
    laptop.run(&["start", "interview"]).ok();
    laptop.run(&["done", "--minutes", "30"]).ok();
    desktop.at(1, "10:00");
    desktop.run(&["start", "interview"]).ok();
    desktop.run(&["check", "2"]).ok();
    let own = log_files(&laptop).into_iter().next().unwrap();
    let own_path = laptop.home().join("log").join(&own);
    let laptop_lines = std::fs::read_to_string(&own_path).unwrap();
    let desktop_name = log_files(&desktop).into_iter().next().unwrap();
    let desktop_lines =
        std::fs::read_to_string(desktop.home().join("log").join(desktop_name)).unwrap();
    // What Syncthing leaves when two machines changed one file: both sides' lines, in a copy.
    let stem = own.trim_end_matches(".jsonl");
    let copy_name = format!("{stem}.sync-conflict-20261101-101010-ABCDEFG.jsonl");
    let copy = laptop.home().join("log").join(&copy_name);
    std::fs::write(&copy, format!("{laptop_lines}{desktop_lines}")).unwrap();
    let before = shown(&laptop);

    let found = laptop.run(&["doctor"]).code(1);
    assert!(found.stdout.contains(&copy_name), "{}", found.stdout);
    // The finding wraps under its label: read it as one line.
    let words: Vec<&str> = found.stdout.split_whitespace().collect();
    assert!(
        words
            .join(" ")
            .contains("with 2 events that no log file has"),
        "{}",
        found.stdout
    );

    let repaired = laptop.run(&["doctor", "--repair"]).ok();
    assert!(
        repaired.stdout.contains("added 2 events of"),
        "{}",
        repaired.stdout
    );
    assert!(!copy.exists());
    assert!(laptop.home().join("quarantine").join(&copy_name).exists());
    let after = std::fs::read_to_string(&own_path).unwrap();
    assert_eq!(
        after,
        format!("{laptop_lines}{desktop_lines}"),
        "appended as they were"
    );
    assert!(event_ids(&laptop).values().all(|&n| n == 1));
    assert_eq!(
        shown(&laptop),
        before,
        "nothing lost, nothing counted twice"
    );
    laptop.run(&["doctor"]).ok();
}

#[test]
fn review_state_and_pauses_are_the_same_on_both_machines_after_a_sync_round_trip() {
    let remote = Remote::new();
    let mut laptop = remote.machine();
    let mut desktop = remote.machine();
    laptop.at(1, "09:00").run(&["start", "interview"]).ok();
    laptop
        .at(1, "20:00")
        .run(&["done", "--rate", "hard", "-q"])
        .ok();
    laptop
        .at(2, "20:00")
        .run(&["done", "--rate", "easy", "-q"])
        .ok();
    laptop.at(3, "20:00").run(&["done", "-q"]).ok();
    laptop.run(&["sync", &remote.path()]).ok();
    desktop.at(5, "09:00").run(&["sync", &remote.path()]).ok();
    desktop.run(&["review", "d1", "--rate", "again"]).ok();
    desktop.run(&["pause", "--until", "2026-11-07"]).ok();
    desktop.run(&["sync"]).ok();
    laptop.at(5, "10:00").run(&["sync"]).ok();
    for day in [5, 9, 20] {
        laptop.at(day, "12:00");
        desktop.at(day, "12:00");
        let review = laptop.json(&["review"]);
        assert_eq!(review, desktop.json(&["review"]), "day {day}");
        let (l, d) = (laptop.json(&["status"]), desktop.json(&["status"]));
        assert_eq!(l["reviews"], d["reviews"], "day {day}");
        assert_eq!(l["pauses"], d["pauses"], "day {day}");
        assert_eq!(l["streak"], d["streak"], "day {day}");
    }
    let laptop_review = laptop.json(&["review"]);
    assert!(
        laptop_review
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["day"] == "d1" && r["last_rating"] == "again"),
        "{laptop_review}"
    );
}

#[cfg(unix)]
#[test]
fn a_refused_push_is_fetched_merged_and_pushed_once_more() {
    let remote = Remote::new();
    let laptop = remote.machine();
    laptop.run(&["done"]).ok();
    laptop.run(&["sync", &remote.path()]).ok();
    laptop.run(&["note", "second"]).ok();
    remote.refuse_pushes(Some(1));
    let run = laptop.json(&["sync"]);
    assert_eq!(run["sent"], 1);
    let desktop = remote.machine();
    desktop.run(&["sync", &remote.path()]).ok();
    assert_eq!(event_ids(&desktop), event_ids(&laptop));
}

#[cfg(unix)]
#[test]
fn a_push_refused_twice_is_one_sentence_and_exit_1() {
    let remote = Remote::new();
    let laptop = remote.machine();
    laptop.run(&["done"]).ok();
    remote.refuse_pushes(None);
    let run = laptop.run(&["sync", &remote.path()]).code(1);
    assert!(
        run.stderr.starts_with("error: the remote origin ("),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("refused the push, also after fetching"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("\nhint: "), "{}", run.stderr);
}

#[test]
fn a_sync_killed_at_a_random_moment_is_completed_by_the_next() {
    use std::hash::{BuildHasher, Hasher};
    let remote = Remote::new();
    let laptop = remote.machine();
    let desktop = remote.machine();
    laptop.run(&["start", "interview"]).ok();
    laptop.run(&["sync", &remote.path()]).ok();
    desktop.run(&["sync", &remote.path()]).ok();
    for round in 0..6 {
        laptop.run(&["note", &format!("laptop {round}")]).ok();
        desktop.run(&["note", &format!("desktop {round}")]).ok();
        desktop.run(&["sync"]).ok();
        let mut sync = laptop.command(&["sync"]);
        let mut child = sync
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Killed at a moment it does not choose: before, during or after any git step.
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u32(round);
        std::thread::sleep(std::time::Duration::from_micros(hasher.finish() % 120_000));
        let _ = child.kill();
        child.wait().unwrap();
        laptop.run(&["sync"]).ok();
    }
    desktop.run(&["sync"]).ok();
    let ids = event_ids(&laptop);
    assert_eq!(ids.len(), 13);
    assert!(ids.values().all(|&n| n == 1), "{ids:?}");
    assert_eq!(ids, event_ids(&desktop));
    assert_eq!(shown(&laptop), shown(&desktop));
    laptop.run(&["doctor"]).ok();
}

#[test]
fn a_lock_of_a_git_still_running_is_waited_for_not_removed() {
    let remote = Remote::new();
    let laptop = remote.machine();
    laptop.run(&["done"]).ok();
    laptop.run(&["sync", &remote.path()]).ok();
    laptop.run(&["note", "later"]).ok();
    // A git of a sync killed a moment ago still holds the index; it finishes soon.
    let lock = laptop.home().join(".git/index.lock");
    std::fs::write(&lock, "").unwrap();
    let child = laptop
        .command(&["sync"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    std::fs::remove_file(&lock).unwrap();
    let run = super::support::to_run(child.wait_with_output().unwrap()).ok();
    assert!(!run.stderr.contains("removed"), "{}", run.stderr);
    assert_eq!(
        run.stdout.trim(),
        "Nothing new from other machines; 1 note sent."
    );
}

#[test]
fn a_plan_changed_on_both_machines_keeps_one_version_and_sets_the_other_aside() {
    let remote = Remote::new();
    let laptop = remote.machine();
    let desktop = remote.machine();
    let plan = |title: &str| {
        let path = remote.dir.path().join(format!("{title}.md"));
        std::fs::write(
            &path,
            format!("# {title}\n\n## Day 1: Moves\n\n- [ ] Read the chapter\n\n## Day 2: Borrows\n\n- [ ] Write one\n"),
        )
        .unwrap();
        path.display().to_string()
    };
    laptop.run(&["import", &plan("Rust"), "--id", "rust"]).ok();
    laptop.run(&["sync", &remote.path()]).ok();
    desktop.run(&["sync", &remote.path()]).ok();
    laptop
        .run(&[
            "import",
            &plan("Rust on the laptop"),
            "--id",
            "rust",
            "--force",
        ])
        .ok();
    desktop
        .run(&[
            "import",
            &plan("Rust on the desktop"),
            "--id",
            "rust",
            "--force",
        ])
        .ok();
    laptop.run(&["sync"]).ok();
    let run = desktop.run(&["sync"]).ok();
    // The desktop's edit is the one set aside, and the desktop is told, with the file.
    assert!(
        run.stderr
            .contains("curricula/rust.md was changed on both machines"),
        "{}",
        run.stderr
    );
    let kept = std::fs::read_to_string(desktop.home().join("curricula/rust.md")).unwrap();
    assert!(kept.contains("Rust on the laptop"), "{kept}");
    let aside = quarantined(&desktop, "rust.md");
    assert_eq!(aside.len(), 1);
    assert!(aside[0].contains("Rust on the desktop"), "{aside:?}");
    assert!(run.stderr.contains("quarantine/rust.md."), "{}", run.stderr);
    let doctor = desktop.run(&["doctor"]);
    assert!(doctor.stdout.contains("rust.md."), "{}", doctor.stdout);
    let run = laptop.run(&["sync"]).ok();
    assert!(!run.stderr.contains("changed on both"), "{}", run.stderr);
    let now = std::fs::read_to_string(laptop.home().join("curricula/rust.md")).unwrap();
    assert_eq!(now, kept, "both machines end with one version");
    for pym in [&laptop, &desktop] {
        assert_eq!(remote.git(pym.home(), &["status", "--porcelain"]), "");
    }
}

/// `undo` after a sync took back the other machine's latest session, which nobody there asked
/// for and which has no redo: an undo takes back only what this machine recorded.
#[test]
fn undo_after_a_sync_never_takes_back_the_other_machines_change() {
    let remote = Remote::new();
    let laptop = remote.machine();
    let desktop = remote.machine();
    laptop.run(&["start", "interview"]).ok();
    laptop.run(&["sync", &remote.path()]).ok();
    desktop.run(&["sync", &remote.path()]).ok();
    desktop.run(&["done", "--minutes", "30"]).ok();
    desktop.run(&["sync"]).ok();
    laptop.run(&["sync"]).ok();

    // The laptop's latest change is its own start, not the desktop's later session.
    let undone = laptop.run(&["undo"]).ok();
    assert!(
        undone.stdout.contains("Undid start interview"),
        "{}",
        undone.stdout
    );
    let refused = laptop.run(&["undo"]).code(2);
    assert!(
        refused.stderr.contains("nothing to undo on this machine"),
        "{}",
        refused.stderr
    );
    laptop.run(&["sync"]).ok();
    desktop.run(&["sync"]).ok();
    for machine in [&laptop, &desktop] {
        let status = machine.json(&["status", "--plan", "interview"]);
        let plan = plan_status(&status, "interview");
        assert_eq!(plan["days_done"], 1, "{status}");
        assert_eq!(plan["minutes_total"], 30, "{status}");
    }
    assert_eq!(shown(&laptop), shown(&desktop));
}

/// Two machines whose logs are sealed into segments every few events, syncing now and then:
/// every event arrives once, both show the same, and a sync sends only the files that grew.
#[test]
fn sealed_segments_travel_and_every_event_arrives_once() {
    let remote = Remote::new();
    let mut laptop = remote.machine();
    let mut desktop = remote.machine();
    for pym in [&mut laptop, &mut desktop] {
        pym.env("PYMASTERY_SEGMENT_BYTES", "700");
    }
    laptop.run(&["start", "interview"]).ok();
    laptop.run(&["sync", &remote.path()]).ok();
    desktop.run(&["sync", &remote.path()]).ok();
    for round in 0..6 {
        for (n, pym) in [&laptop, &desktop].into_iter().enumerate() {
            pym.run(&["note", &format!("round {round} on {n}")]).ok();
            pym.run(&["check", "d1:1"]).ok();
            pym.run(&["uncheck", "d1:1"]).ok();
            if round % 2 == n {
                pym.run(&["sync"]).ok();
            }
        }
    }
    for pym in [&laptop, &desktop, &laptop] {
        pym.run(&["sync"]).ok();
    }
    let ids = event_ids(&laptop);
    assert_eq!(ids, event_ids(&desktop));
    assert_eq!(ids.len(), 1 + 6 * 2 * 3);
    assert!(ids.values().all(|&n| n == 1), "an event is in two files");
    let sealed = log_paths(&laptop.home().join("log"))
        .iter()
        .filter(|p| {
            p.parent()
                .is_some_and(|d| d.file_name() != Some("log".as_ref()))
        })
        .count();
    assert!(sealed >= 4, "only {sealed} sealed segments");
    assert_eq!(shown(&laptop), shown(&desktop));
    assert!(laptop.home().join("log/segments.jsonl").exists());
    // No commit ever changed a sealed segment: syncs carry active files and new segments.
    let history = remote.git(
        laptop.home(),
        &["log", "--all", "--name-status", "--format=", "--no-renames"],
    );
    let changed_sealed: Vec<&str> = history
        .lines()
        .filter(|l| !l.starts_with('A') && l.matches('/').count() == 2)
        .collect();
    assert!(changed_sealed.is_empty(), "{changed_sealed:?}");
}

#[test]
fn a_temporary_file_a_killed_sync_left_is_cleared_by_the_next() {
    let remote = Remote::new();
    let laptop = remote.machine();
    laptop.run(&["done"]).ok();
    laptop.run(&["sync", &remote.path()]).ok();
    // What a sync killed in the middle of replacing a log leaves: the log itself is intact.
    let left = laptop.home().join("log/.0123456789ab.jsonl.tmp-4194303");
    std::fs::write(&left, "").unwrap();
    assert_eq!(laptop.run(&["doctor"]).code, 1);
    laptop.run(&["sync"]).ok();
    assert!(!left.exists());
    laptop.run(&["doctor"]).ok();
}
