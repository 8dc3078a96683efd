//! Property: whatever commands two machines run (done, done --date in the past, check,
//! uncheck, note, skip, undo, start --fresh, review, pause, resume), with their logs exchanged
//! now and then, `today`, `status`, `review` and `log --format json` print the same with the
//! checkpoint, without it, and with a stale or a damaged one; with logs sealed into segments
//! every few events.
//!
//! Drives the commands in-process through `commands::run` (the binary's own entry point less
//! argument parsing from the OS), which keeps a case to milliseconds.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::fs;
use std::path::{Path, PathBuf};

use clap::Parser;
use proptest::prelude::*;
use pymastery::cli::Cli;
use pymastery::commands::{self, Env};

#[derive(Debug, Clone)]
enum Op {
    Done {
        minutes: u32,
        note: bool,
        rate: Option<&'static str>,
    },
    /// A spaced review of a day done earlier.
    Review(u8, &'static str),
    /// A session recorded for two days ago: its grade may sort before one already folded.
    DoneBackdated,
    Pause,
    Resume,
    Check(Vec<u8>),
    Uncheck(Vec<u8>),
    Note,
    Skip,
    Undo,
    StartFresh,
    /// Any read, which makes or extends the checkpoint.
    Read,
    /// The machines exchange their log files (what sync or a folder-sync tool does).
    Sync,
    /// The other machine runs the following commands.
    Switch,
    NextDay,
    /// Keeps a copy of this machine's checkpoint, to put back later as a stale one.
    KeepCheckpoint,
}

fn rating() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("again"), Just("hard"), Just("good"), Just("easy")]
}

fn op() -> impl Strategy<Value = Op> {
    let items = proptest::collection::vec(1u8..6, 1..3);
    prop_oneof![
        4 => (1u32..90, any::<bool>(), proptest::option::of(rating()))
            .prop_map(|(minutes, note, rate)| Op::Done { minutes, note, rate }),
        3 => (1u8..4, rating()).prop_map(|(day, rate)| Op::Review(day, rate)),
        1 => Just(Op::DoneBackdated),
        1 => Just(Op::Pause),
        1 => Just(Op::Resume),
        2 => items.clone().prop_map(Op::Check),
        1 => items.prop_map(Op::Uncheck),
        1 => Just(Op::Note),
        1 => Just(Op::Skip),
        2 => Just(Op::Undo),
        1 => Just(Op::StartFresh),
        3 => Just(Op::Read),
        2 => Just(Op::Sync),
        2 => Just(Op::Switch),
        2 => Just(Op::NextDay),
        1 => Just(Op::KeepCheckpoint),
    ]
}

struct Machine {
    home: PathBuf,
    kept: Option<Vec<u8>>,
}

fn run(home: &Path, now: &str, args: &[&str]) -> String {
    let argv = std::iter::once("pymastery").chain(args.iter().copied());
    let cli = Cli::try_parse_from(argv).unwrap();
    let env = Env {
        home: Some(home.to_path_buf()),
        now: Some(now.to_string()),
        no_color: true,
        ..Env::default()
    };
    let mut out = Vec::new();
    match commands::run(cli, env, &mut out) {
        Ok(()) => String::from_utf8(out).unwrap(),
        Err(e) => format!("error: {e:#}"),
    }
}

fn checkpoint(home: &Path) -> PathBuf {
    home.join("cache/checkpoint.bin")
}

/// The device id a home records to.
fn device(home: &Path) -> Option<String> {
    let text = fs::read_to_string(home.join("local/device.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["id"].as_str().map(str::to_string)
}

/// Exchanges the log files: each machine's active file from the machine that writes it, and
/// every sealed segment (and the layout marker) one side lacks.
fn sync(a: &Path, b: &Path) {
    for (from, to) in [(a, b), (b, a)] {
        let Ok(entries) = fs::read_dir(from.join("log")) else {
            continue;
        };
        let owner = device(from);
        fs::create_dir_all(to.join("log")).unwrap();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let target = to.join("log").join(&name);
            if entry.path().is_dir() {
                fs::create_dir_all(&target).unwrap();
                for sealed in fs::read_dir(entry.path()).unwrap().flatten() {
                    let into = target.join(sealed.file_name());
                    if !into.exists() {
                        fs::copy(sealed.path(), into).unwrap();
                    }
                }
                continue;
            }
            let writes_it = owner
                .as_deref()
                .is_some_and(|d| name == format!("{d}.jsonl"));
            if writes_it || !target.exists() {
                fs::write(&target, fs::read(entry.path()).unwrap()).unwrap();
            }
        }
    }
}

/// What the five screens print (the HTML review among them), and the days due for review on
/// later mornings (which tell every reviewed day's due date apart).
fn screens(home: &Path, now: &str) -> Vec<String> {
    let mut shown: Vec<String> = [
        &["today"][..],
        &["status"],
        &["status", "--format", "html"],
        &["review"],
        &["log", "--format", "json"],
    ]
    .iter()
    .map(|args| run(home, now, args))
    .collect();
    let end = chrono::DateTime::parse_from_rfc3339(now).unwrap();
    for days in [1, 2, 3, 5, 8, 13, 21, 34, 55] {
        let later = (end + chrono::Duration::days(days)).to_rfc3339();
        shown.push(run(home, &later, &["review", "--json"]));
    }
    shown
}

/// Plays `ops` on two machines; with `checkpoints` false, no command ever finds one. Returns
/// the time of the end.
fn play(machines: &mut [Machine; 2], ops: &[Op], checkpoints: bool) -> String {
    let (mut day, mut minute, mut who) = (1u32, 0u32, 0usize);
    run(
        &machines[0].home,
        "2026-11-01T08:00:00Z",
        &["start", "interview"],
    );
    for op in ops {
        minute += 1;
        let now = format!("2026-11-{day:02}T09:{minute:02}:00Z");
        let home = machines[who].home.clone();
        if !checkpoints {
            let _ = fs::remove_file(checkpoint(&machines[0].home));
            let _ = fs::remove_file(checkpoint(&machines[1].home));
        }
        let items = |items: &Vec<u8>| items.iter().map(u8::to_string).collect::<Vec<_>>();
        match op {
            Op::Done {
                minutes,
                note,
                rate,
            } => {
                let minutes = minutes.to_string();
                let mut args = vec!["done", "--minutes", &minutes];
                if *note {
                    args.extend(["--note", "a reflection"]);
                }
                if let Some(rate) = rate {
                    args.extend(["--rate", rate]);
                }
                run(&home, &now, &args);
            }
            Op::Review(day, rate) => {
                let day = format!("d{day}");
                run(&home, &now, &["review", &day, "--rate", rate]);
            }
            Op::DoneBackdated => {
                run(&home, &now, &["done", "--date", "-2d", "--rate", "hard"]);
            }
            Op::Pause => {
                run(&home, &now, &["pause"]);
            }
            Op::Resume => {
                run(&home, &now, &["resume"]);
            }
            Op::Check(list) | Op::Uncheck(list) => {
                let verb = if matches!(op, Op::Check(_)) {
                    "check"
                } else {
                    "uncheck"
                };
                let list = items(list);
                let mut args = vec![verb];
                args.extend(list.iter().map(String::as_str));
                run(&home, &now, &args);
            }
            Op::Note => {
                run(&home, &now, &["note", "thinking"]);
            }
            Op::Skip => {
                run(&home, &now, &["skip"]);
            }
            Op::Undo => {
                run(&home, &now, &["undo"]);
            }
            Op::StartFresh => {
                run(&home, &now, &["start", "interview", "--fresh"]);
            }
            Op::Read => {
                run(&home, &now, &["status"]);
            }
            Op::Sync => sync(&machines[0].home, &machines[1].home),
            Op::Switch => who = 1 - who,
            Op::NextDay => {
                day += 1;
                minute = 0;
            }
            Op::KeepCheckpoint => machines[who].kept = fs::read(checkpoint(&home)).ok(),
        }
    }
    sync(&machines[0].home, &machines[1].home);
    format!("2026-11-{day:02}T20:00:00Z")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_checkpoint_never_changes_what_is_shown(ops in proptest::collection::vec(op(), 1..40)) {
        // Logs sealed every few events, so that cases cross segments.
        pymastery::progress::set_segment_bytes(1500);
        let dir = tempfile::tempdir().unwrap();
        let mut machines = [
            Machine { home: dir.path().join("laptop"), kept: None },
            Machine { home: dir.path().join("desktop"), kept: None },
        ];
        let now = play(&mut machines, &ops, true);
        let mut reference = None;
        for machine in &machines {
            let home = &machine.home;
            let cache = checkpoint(home);
            // With the checkpoint the commands made (and refreshed).
            let with = screens(home, &now);
            // Without a checkpoint: every line is read.
            let _ = fs::remove_file(&cache);
            let fresh = screens(home, &now);
            prop_assert_eq!(&with, &fresh, "with the checkpoint");
            if let Some(reference) = &reference {
                prop_assert_eq!(reference, &fresh, "the two machines disagree");
            }
            // With a stale one, from earlier on.
            if let Some(kept) = &machine.kept {
                fs::write(&cache, kept).unwrap();
                prop_assert_eq!(&screens(home, &now), &fresh, "with a stale checkpoint");
            }
            // With a damaged recent window (what `status` reads) or grades file (what `review`
            // reads) beside it.
            for side in ["cache/recent.bin", "cache/grades.bin"] {
                let side = home.join(side);
                if let Ok(mut bytes) = fs::read(&side) {
                    let middle = bytes.len() / 2;
                    bytes[middle] ^= 0x55;
                    fs::write(&side, &bytes).unwrap();
                    prop_assert_eq!(&screens(home, &now), &fresh, "with a damaged {:?}", side);
                    let _ = fs::remove_file(&side);
                    prop_assert_eq!(&screens(home, &now), &fresh, "with no {:?}", side);
                }
            }
            // With a damaged one.
            if let Ok(mut bytes) = fs::read(&cache) {
                let middle = bytes.len() / 2;
                bytes[middle] ^= 0x55;
                fs::write(&cache, &bytes).unwrap();
                prop_assert_eq!(&screens(home, &now), &fresh, "with a damaged checkpoint");
                bytes.truncate(middle);
                fs::write(&cache, &bytes).unwrap();
                prop_assert_eq!(&screens(home, &now), &fresh, "with a cut checkpoint");
            }
            reference = Some(fresh);
        }
        // The same commands where no command ever finds a checkpoint (the same machines: the
        // device ids, which break ties, are kept in local/).
        for machine in &mut machines {
            for dir in ["log", "cache", "quarantine"] {
                let _ = fs::remove_dir_all(machine.home.join(dir));
            }
        }
        let now = play(&mut machines, &ops, false);
        let _ = fs::remove_file(checkpoint(&machines[0].home));
        prop_assert_eq!(reference.as_ref(), Some(&screens(&machines[0].home, &now)), "decided without checkpoints");
    }
}
