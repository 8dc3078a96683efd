//! The progress log under stress: many writers at once, writers killed mid-way, a file-size
//! limit. Child processes are this test executable run again with `PYM_CHILD_WRITER` set, so
//! that they contend for the lock as separate processes do.

#![allow(clippy::unwrap_used)] // test helpers, where a panic is the failure report

use std::collections::HashSet;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chrono::{DateTime, NaiveDate};
use pymastery::event::new_event_id;
use pymastery::progress::{Event, EventKind, LogFile, SCHEMA_VERSION};

const WRITERS: usize = 20;
const EACH: usize = 25;

fn event(note: &str, seq: usize, note_bytes: usize) -> Event {
    let mut note = note.to_string();
    if note_bytes > note.len() {
        note.push_str(&"x".repeat(note_bytes - note.len()));
    }
    Event {
        v: SCHEMA_VERSION,
        id: new_event_id(),
        at: DateTime::parse_from_rfc3339("2026-11-01T09:00:00+00:00").unwrap(),
        date: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        plan: "interview".into(),
        pass: 1,
        clock: 0,
        dev: Default::default(),
        kind: EventKind::Done {
            day: format!("d{}", seq + 1).into(),
            title: "Python Basics & Philosophy".into(),
            note: Some(note),
            minutes: Some(30),
            rating: None,
        },
    }
}

/// Appends one event whose note says how many events the writer saw before it (`tag:seq:seen`),
/// so that a check can tell whether reading and appending happened under one lock; returns its
/// id.
fn append(log: &LogFile, tag: &str, seq: usize, note_bytes: usize) -> anyhow::Result<String> {
    log.update(|events| {
        let event = event(&format!("{tag}:{seq}:{}", events.len()), 0, note_bytes);
        let id = event.id.clone();
        Ok((vec![event], id))
    })
}

/// Not a test on its own: the body of a child writer process, which the tests start by name
/// with `--ignored --exact`. Appends `PYM_CHILD_COUNT` events (0: until killed), printing
/// `COMMITTED <id>` after each append returns; exits 3 on an error.
#[test]
#[ignore = "the body of a child writer process, started by the tests below"]
fn child_writer() {
    let path = std::env::var_os("PYM_CHILD_WRITER").expect("PYM_CHILD_WRITER names the log");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let count: usize = var("PYM_CHILD_COUNT").parse().unwrap_or(1);
    let note_bytes: usize = var("PYM_CHILD_NOTE_BYTES").parse().unwrap_or(0);
    let tag = var("PYM_CHILD_TAG");
    let log = LogFile::new(PathBuf::from(path));
    let mut stdout = std::io::stdout();
    let mut seq = 0;
    while count == 0 || seq < count {
        match append(&log, &tag, seq, note_bytes) {
            Ok(id) => {
                writeln!(stdout, "COMMITTED {id}").unwrap();
                stdout.flush().unwrap();
            }
            Err(err) => {
                eprintln!("CHILD ERROR: {err:#}");
                std::process::exit(3);
            }
        }
        seq += 1;
    }
}

/// The command that runs this executable as a child writer.
fn child(log: &Path, tag: &str, count: usize) -> Command {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args([
            "--ignored",
            "--exact",
            "child_writer",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("PYM_CHILD_WRITER", log)
        .env("PYM_CHILD_TAG", tag)
        .env("PYM_CHILD_COUNT", count.to_string())
        .stdin(Stdio::null());
    command
}

fn committed(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        // The test harness may print its own text at the start of the first line.
        .filter_map(|l| {
            l.split_once("COMMITTED ")
                .map(|(_, id)| id.trim().to_string())
        })
        .collect()
}

/// Checks a log written by `writers` writers of `each` events: every line a complete event,
/// ids unique, each writer's events in the order it wrote them, and each event decided on the
/// whole log before it (which only the exclusive lock guarantees).
fn check_log(path: &Path, writers: usize, each: usize) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.ends_with('\n'));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), writers * each);
    let events: Vec<Event> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: HashSet<&str> = events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), writers * each, "event ids are not unique");
    let mut next = vec![0usize; writers];
    for (index, event) in events.iter().enumerate() {
        let EventKind::Done {
            note: Some(note), ..
        } = &event.kind
        else {
            panic!("unexpected event {event:?}");
        };
        let fields: Vec<&str> = note.split(':').collect();
        let [tag, seq, seen] = fields[..] else {
            panic!("unexpected note {note}");
        };
        let writer: usize = tag.trim_start_matches('w').parse().unwrap();
        assert_eq!(seq.parse::<usize>().unwrap(), next[writer], "out of order");
        assert_eq!(
            seen.parse::<usize>().unwrap(),
            index,
            "line {} was decided without seeing every line before it",
            index + 1
        );
        next[writer] += 1;
    }
    let read = LogFile::new(path.to_path_buf()).read().unwrap();
    assert_eq!(read.events, events);
    assert!(read.warnings.is_empty());
}

#[test]
fn twenty_threads_append_concurrently() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("home/progress.jsonl");
    let finished = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        // A reader all the while: never an error, never half a line, never fewer events.
        let reader = scope.spawn(|| {
            let log = LogFile::new(path.clone());
            let (mut reads, mut seen) = (0, 0);
            while !finished.load(std::sync::atomic::Ordering::Relaxed) {
                let read = log.read().unwrap();
                assert!(read.warnings.is_empty(), "{:?}", read.warnings);
                assert!(read.events.len() >= seen);
                seen = read.events.len();
                reads += 1;
            }
            reads
        });
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                let path = path.clone();
                scope.spawn(move || {
                    // A handle per thread: each update opens its own file description.
                    let log = LogFile::new(path);
                    for seq in 0..EACH {
                        append(&log, &format!("w{w}"), seq, 0).unwrap();
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        finished.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(reader.join().unwrap() > 0);
    });
    check_log(&path, WRITERS, EACH);
}

#[test]
fn twenty_processes_append_concurrently() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("home/progress.jsonl");
    let children: Vec<Child> = (0..WRITERS)
        .map(|w| {
            child(&path, &format!("w{w}"), EACH)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut all = Vec::new();
    for c in children {
        let output = c.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let ids = committed(&stdout);
        assert_eq!(ids.len(), EACH);
        all.extend(ids);
    }
    check_log(&path, WRITERS, EACH);
    let text = fs::read_to_string(&path).unwrap();
    for id in all {
        assert!(text.contains(&format!("\"id\":\"{id}\"")));
    }
}

#[test]
fn a_partial_line_left_by_a_crash_is_skipped_then_quarantined() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.jsonl");
    let log = LogFile::new(path.clone());
    let mut ids = Vec::new();
    for seq in 0..3 {
        ids.push(append(&log, "w0", seq, 0).unwrap());
    }
    // What a crash in the middle of a write leaves: the start of a line, no newline.
    let whole = serde_json::to_string(&event("w0:3:3", 0, 0)).unwrap();
    let fragment = &whole[..whole.len() / 2];
    fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(fragment.as_bytes())
        .unwrap();

    let read = log.read().unwrap();
    assert_eq!(read.events.len(), 3);
    assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
    assert!(read.warnings[0].contains("progress.jsonl:4"));

    ids.push(append(&log, "w0", 3, 0).unwrap());
    let read = log.read().unwrap();
    assert!(read.warnings.is_empty());
    let got: Vec<&str> = read.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(got, ids);
    let quarantine = log.quarantine_path();
    assert_eq!(
        fs::read_to_string(quarantine).unwrap(),
        format!("{fragment}\n")
    );
}

#[test]
fn a_writer_killed_at_a_random_moment_loses_nothing_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.jsonl");
    let log = LogFile::new(path.clone());
    let mut recorded: Vec<String> = Vec::new();
    for round in 0..5 {
        let mut writer = child(&path, &format!("k{round}"), 0)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = writer.stdout.take().unwrap();
        let (lines, received) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
        // Let it record something, then kill it at a moment it does not choose.
        let mut output = Vec::new();
        while committed(&output.join("\n")).is_empty() {
            let line = received
                .recv_timeout(Duration::from_secs(20))
                .expect("the writer records events");
            output.push(line);
        }
        std::thread::sleep(Duration::from_micros(random_below(30_000)));
        writer.kill().unwrap();
        writer.wait().unwrap();
        reader.join().unwrap();
        output.extend(received.try_iter());
        let ids = committed(&output.join("\n"));
        recorded.extend(ids);

        let read = log.read().expect("the log reads after a kill");
        let present: HashSet<&str> = read.events.iter().map(|e| e.id.as_str()).collect();
        for id in &recorded {
            assert!(present.contains(id.as_str()), "recorded event {id} lost");
        }
    }
    // And the next write appends cleanly after whatever the kills left.
    let last = append(&log, "after", 0, 0).unwrap();
    let read = log.read().unwrap();
    assert!(read.warnings.is_empty());
    assert_eq!(read.events.last().unwrap().id, last);
    assert!(fs::read_to_string(&path).unwrap().ends_with('\n'));
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_size_limit_leaves_the_log_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.jsonl");
    let log = LogFile::new(path.clone());
    let mut seq = 0;
    while fs::metadata(&path).map_or(0, |m| m.len()) < 1500 {
        append(&log, "w0", seq, 0).unwrap();
        seq += 1;
    }
    let before = fs::read(&path).unwrap();
    assert!(before.len() < 2048);

    // `ulimit -f 2` caps files at 2048 bytes. SIGXFSZ would kill the writer; ignored (the
    // disposition survives exec), the write comes back short, then fails with EFBIG.
    let exe = std::env::current_exe().unwrap();
    let output = Command::new("bash")
        .arg("-c")
        .arg(r#"trap "" XFSZ; ulimit -f 2; exec "$0" --ignored --exact child_writer --nocapture --test-threads=1"#)
        .arg(exe)
        .env("PYM_CHILD_WRITER", &path)
        .env("PYM_CHILD_TAG", "big")
        .env("PYM_CHILD_COUNT", "1")
        .env("PYM_CHILD_NOTE_BYTES", "1000")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "stderr: {stderr}");
    assert!(stderr.contains("CHILD ERROR"), "{stderr}");
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    assert!(committed(&String::from_utf8_lossy(&output.stdout)).is_empty());
    assert_eq!(fs::read(&path).unwrap(), before, "the log changed");
    let read = log.read().unwrap();
    assert!(read.warnings.is_empty());
    assert_eq!(read.events.len(), seq);
}

/// A number below `n`, different on every call, without a random-number crate.
fn random_below(n: u64) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(n);
    hasher.finish() % n
}
