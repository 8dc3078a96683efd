//! The log file under normal use, damage, failed writes and concurrent repair.

use super::*;
use crate::event::{EventKind, new_event_id};
use crate::fs::private_file_options;
use crate::progress::reads;
use std::fs::File;
use std::io::Write;
use std::time::Duration;

fn event(day: &str) -> Event {
    Event {
        v: SCHEMA_VERSION,
        id: new_event_id(),
        at: chrono::DateTime::parse_from_rfc3339("2026-11-01T09:00:00+01:00").unwrap(),
        date: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        plan: "interview".into(),
        pass: 1,
        clock: 0,
        dev: Default::default(),
        kind: EventKind::Done {
            day: day.into(),
            title: format!("Title of {day}").into(),
            note: None,
            minutes: Some(30),
            rating: None,
        },
    }
}

fn line(day: &str) -> String {
    serde_json::to_string(&event(day)).unwrap() + "\n"
}

fn setup() -> (tempfile::TempDir, LogFile) {
    let dir = tempfile::tempdir().unwrap();
    let log = LogFile::new(dir.path().join("home/progress.jsonl"))
        .with_quarantine_date(NaiveDate::from_ymd_opt(2026, 11, 8).unwrap());
    (dir, log)
}

fn append(log: &LogFile, events: Vec<Event>) {
    log.update(|_| Ok((events, ()))).unwrap();
}

fn write_raw(log: &LogFile, text: &str) {
    fs::create_dir_all(log.path().parent().unwrap()).unwrap();
    fs::write(log.path(), text).unwrap();
}

#[test]
fn missing_file_is_empty_and_not_created_by_reading() {
    let (_dir, log) = setup();
    let read = log.read().unwrap();
    assert!(read.events.is_empty() && read.warnings.is_empty());
    assert!(!log.path().exists());
}

#[test]
fn roundtrip_in_order_with_private_modes() {
    let (_dir, log) = setup();
    let first = vec![event("d1"), event("d2")];
    append(&log, first.clone());
    let third = event("d3");
    let seen = log
        .update(|events| Ok((vec![third.clone()], events.len())))
        .unwrap();
    assert_eq!(seen, 2);
    let read = log.read().unwrap();
    assert_eq!(read.events, [first, vec![third]].concat());
    assert!(read.warnings.is_empty());
    let text = fs::read_to_string(log.path()).unwrap();
    assert_eq!(text.lines().count(), 3);
    assert!(text.ends_with('\n'));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(log.path()), 0o600);
        assert_eq!(mode(log.path().parent().unwrap()), 0o700);
    }
}

#[test]
fn blank_lines_are_ignored() {
    let (_dir, log) = setup();
    write_raw(&log, &format!("\n{}  \n\r\n{}\n", line("d1"), line("d2")));
    let read = log.read().unwrap();
    assert_eq!(read.events.len(), 2);
    assert!(read.warnings.is_empty());
}

#[test]
fn unterminated_tail_is_skipped_then_quarantined_on_the_next_update() {
    let (_dir, log) = setup();
    let fragment = r#"{"v":1,"id":"x","at":"2026-11"#;
    write_raw(&log, &format!("{}{}{fragment}", line("d1"), line("d2")));
    let read = log.read().unwrap();
    assert_eq!(read.events.len(), 2);
    assert_eq!(read.warnings.len(), 1);
    let warning = &read.warnings[0];
    assert!(warning.contains("progress.jsonl:3:"), "{warning}");
    assert!(warning.contains("interrupted write"), "{warning}");
    assert!(
        warning.contains("progress.quarantine-2026-11-08.jsonl"),
        "{warning}"
    );

    let third = event("d3");
    append(&log, vec![third.clone()]);
    let quarantined = fs::read_to_string(log.quarantine_path()).unwrap();
    assert_eq!(quarantined, format!("{fragment}\n"));
    let text = fs::read_to_string(log.path()).unwrap();
    assert!(!text.contains(fragment));
    assert!(text.ends_with(&(serde_json::to_string(&third).unwrap() + "\n")));
    let read = log.read().unwrap();
    assert_eq!(read.events.len(), 3);
    assert_eq!(read.events[2], third);
    assert!(read.warnings.is_empty());
}

#[test]
fn corrupt_middle_line_is_an_error_and_update_writes_nothing() {
    let (_dir, log) = setup();
    let original = format!("{}\n{{not json\n{}", line("d1"), line("d2"));
    write_raw(&log, &original);
    match log.read() {
        Err(StoreError::Corrupt { line, path, .. }) => {
            assert_eq!(line, 3);
            assert_eq!(path, log.path());
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
    let mut called = false;
    let err = log
        .update(|_| {
            called = true;
            Ok((vec![event("d3")], ()))
        })
        .unwrap_err();
    assert!(!called);
    assert!(format!("{err}").contains("progress.jsonl:3"), "{err}");
    assert!(crate::error::hints(&err)[0].contains("doctor"));
    assert_eq!(fs::read_to_string(log.path()).unwrap(), original);
}

#[test]
fn terminated_bad_last_line_is_corrupt_not_interrupted() {
    let (_dir, log) = setup();
    write_raw(&log, &format!("{}{{\"v\":1,\"id\n", line("d1")));
    assert!(matches!(
        log.read(),
        Err(StoreError::Corrupt { line: 2, .. })
    ));
}

#[test]
fn decide_error_leaves_the_file_byte_identical() {
    let (_dir, log) = setup();
    let original = format!("{}{}{{\"partial", line("d1"), line("d2"));
    write_raw(&log, &original);
    let err = log
        .update(|_| -> anyhow::Result<(Vec<Event>, ())> { anyhow::bail!("no such day") })
        .unwrap_err();
    assert_eq!(err.to_string(), "no such day");
    assert_eq!(fs::read_to_string(log.path()).unwrap(), original);
    assert!(!log.quarantine_path().exists());
}

#[test]
fn a_write_failing_half_way_is_truncated_back() {
    let (_dir, log) = setup();
    append(&log, vec![event("d1"), event("d2")]);
    let original = fs::read(log.path()).unwrap();
    let err = log
        .update_with_writer(
            |_| Ok((vec![event("d3"), event("d4")], ())),
            |file, bytes| {
                file.write_all(&bytes[..bytes.len() / 2])?;
                Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
            },
        )
        .unwrap_err();
    let message = format!("{err}");
    assert!(message.contains("progress.jsonl"), "{message}");
    assert!(message.contains("disk full"), "{message}");
    assert_eq!(fs::read(log.path()).unwrap(), original);
    assert_eq!(log.read().unwrap().events.len(), 2);
    // And the log still takes appends afterwards.
    append(&log, vec![event("d3")]);
    assert_eq!(log.read().unwrap().events.len(), 3);
}

#[test]
fn newer_schema_version_is_refused() {
    let (_dir, log) = setup();
    let mut newer = serde_json::to_value(event("d2")).unwrap();
    newer["v"] = (SCHEMA_VERSION + 1).into();
    newer["type"] = "teleport".into();
    write_raw(&log, &format!("{}{newer}\n", line("d1")));
    let err = log.read().unwrap_err();
    assert!(matches!(err, StoreError::Newer { line: 2, .. }), "{err:?}");
    assert!(err.to_string().contains("newer pymastery"), "{err}");
    let original = fs::read(log.path()).unwrap();
    assert!(log.update(|_| Ok((vec![event("d3")], ()))).is_err());
    assert_eq!(fs::read(log.path()).unwrap(), original);
}

#[test]
fn repair_quarantines_bad_lines_and_keeps_the_rest_in_order() {
    let (_dir, log) = setup();
    let (l1, l3) = (line("d1"), line("d3"));
    write_raw(&log, &format!("{l1}garbage \u{1b}[31m\n{l3}{{\"tail"));
    let repaired = log.repair().unwrap();
    let lines: Vec<usize> = repaired.moved.iter().map(|b| b.line).collect();
    assert_eq!(lines, [2, 4]);
    assert_eq!(
        fs::read_to_string(&repaired.quarantine).unwrap(),
        "garbage \u{1b}[31m\n{\"tail\n"
    );
    assert_eq!(fs::read_to_string(log.path()).unwrap(), format!("{l1}{l3}"));
    assert!(log.read().unwrap().warnings.is_empty());
    // Nothing left to move: a second repair changes nothing.
    assert!(log.repair().unwrap().moved.is_empty());
}

#[test]
fn a_writer_waiting_while_the_log_is_replaced_appends_to_the_new_file() {
    let (_dir, log) = setup();
    append(&log, vec![event("d1")]);
    // Hold the lock as a repair does, start a writer, replace the file, let go.
    let holder = File::open(log.path()).unwrap();
    holder.lock().unwrap();
    let writer = {
        let log = log.clone();
        std::thread::spawn(move || append(&log, vec![event("d2")]))
    };
    std::thread::sleep(Duration::from_millis(200));
    log.replace(line("d0").as_bytes()).unwrap();
    drop(holder);
    writer.join().unwrap();
    let days: Vec<String> = log
        .read()
        .unwrap()
        .events
        .iter()
        .filter_map(|e| e.kind.day().map(str::to_string))
        .collect();
    assert_eq!(days, ["d0", "d2"]);
}

#[test]
fn a_reader_does_not_report_a_line_a_writer_is_still_cutting_back() {
    let (_dir, log) = setup();
    append(&log, vec![event("d1")]);
    let length = fs::metadata(log.path()).unwrap().len();
    // A writer under the lock whose write came back short: the half line is there...
    let mut writer = private_file_options()
        .append(true)
        .open(log.path())
        .unwrap();
    writer.lock().unwrap();
    writer.write_all(b"{\"v\":1,\"id").unwrap();
    let reader = {
        let log = log.clone();
        std::thread::spawn(move || log.read())
    };
    std::thread::sleep(Duration::from_millis(100));
    // ...until it cuts it back and lets go.
    writer.set_len(length).unwrap();
    drop(writer);
    let read = reader.join().unwrap().unwrap();
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    assert_eq!(read.events.len(), 1);
}

#[test]
fn blanks_after_the_last_newline_are_not_an_interrupted_write() {
    let (_dir, log) = setup();
    write_raw(&log, &format!("{}  ", line("d1")));
    let read = log.read().unwrap();
    assert!(read.warnings.is_empty());
    assert!(log.scan().unwrap().unwrap().bad.is_empty());
    append(&log, vec![event("d2")]);
    let text = fs::read_to_string(log.path()).unwrap();
    assert!(text.lines().all(|l| l.starts_with('{')), "{text:?}");
    assert!(!log.quarantine_path().exists());
    assert_eq!(log.read().unwrap().events.len(), 2);
}

#[test]
fn event_ids_differ() {
    let ids: std::collections::HashSet<String> = (0..10_000).map(|_| new_event_id()).collect();
    assert_eq!(ids.len(), 10_000);
}

// The store of a home: several files, one order, the old log taken over.

fn stored(id: &str, clock: u64, dev: &str, day: &str) -> Event {
    let mut e = event(day);
    e.id = id.into();
    e.clock = clock;
    e.dev = dev.into();
    e
}

fn ids(events: &[Event]) -> Vec<&str> {
    events.iter().map(|e| e.id.as_str()).collect()
}

#[test]
fn order_puts_v1_lines_first_in_file_order_then_clock_device_and_id_and_counts_an_id_once() {
    let laptop = vec![
        stored("v1-b", 0, "", "d1"),
        stored("l-2", 2, "laptop", "d2"),
        stored("l-3", 3, "laptop", "d3"),
    ];
    let desktop = vec![
        stored("v1-a", 0, "", "d1"),
        stored("v1-b", 0, "", "d1"),
        stored("d-2", 2, "desktop", "d2"),
        stored("l-3", 3, "laptop", "d3"),
        stored("d-1", 1, "desktop", "d1"),
    ];
    let ordered = order(vec![laptop, desktop]);
    assert_eq!(ids(&ordered), ["v1-b", "v1-a", "d-1", "d-2", "l-2", "l-3"]);
}

#[test]
fn order_does_not_depend_on_wall_clock_time() {
    // Recorded "earlier" by the wall clock of another time zone, but after it saw the start.
    let mut start = stored("s", 7, "laptop", "d1");
    start.at = chrono::DateTime::parse_from_rfc3339("2026-11-05T09:00:00+09:00").unwrap();
    let mut done = stored("d", 8, "desktop", "d1");
    done.at = chrono::DateTime::parse_from_rfc3339("2026-11-04T17:00:00-08:00").unwrap();
    assert_eq!(ids(&order(vec![vec![done], vec![start]])), ["s", "d"]);
}

fn store_setup() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(&dir.path().join("home"))
        .with_quarantine_date(NaiveDate::from_ymd_opt(2026, 11, 8).unwrap());
    (dir, store)
}

#[test]
fn a_write_stamps_a_clock_above_every_file_and_this_device() {
    let (_dir, store) = store_setup();
    fs::create_dir_all(store.log_dir()).unwrap();
    let other = serde_json::to_string(&stored("o", 41, "other", "d1")).unwrap();
    fs::write(store.log_dir().join("other.jsonl"), other + "\n").unwrap();
    let device = store.device().unwrap().id;
    store
        .update(&device, |progress: &Folded<reads::All>| {
            assert_eq!(ids(&progress.live), ["o"]);
            Ok((vec![event("d2"), event("d3")], ()))
        })
        .unwrap();
    let read = store.read().unwrap();
    let clocks: Vec<(u64, &str)> = read
        .events
        .iter()
        .map(|e| (e.clock, e.dev.as_str()))
        .collect();
    assert_eq!(
        clocks,
        [(41, "other"), (42, device.as_str()), (43, device.as_str())]
    );
    assert!(
        read.events
            .iter()
            .filter(|e| e.dev == device.as_str())
            .all(|e| e.v == e.kind.version())
    );
    assert!(store.device_file(&device).path().exists());
}

#[test]
fn two_writers_taking_over_the_old_log_at_once_copy_each_line_once() {
    let (_dir, store) = store_setup();
    let old: String = (1..=20).map(|n| line(&format!("d{n}"))).collect();
    fs::create_dir_all(store.home()).unwrap();
    fs::write(store.home().join(LEGACY_LOG_FILE), &old).unwrap();
    let writers: Vec<_> = (0..6)
        .map(|n| {
            let store = store.clone();
            std::thread::spawn(move || {
                let device = store.device().unwrap().id;
                store
                    .update(&device, |_: &Folded<reads::State>| {
                        Ok((vec![event(&format!("new{n}"))], ()))
                    })
                    .unwrap()
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    let device = store.device().unwrap().id;
    let text = fs::read_to_string(store.device_file(&device).path()).unwrap();
    assert_eq!(text.lines().count(), 26, "{text}");
    assert!(text.starts_with(&old));
    assert!(is_moved_marker(
        &fs::read(store.home().join(LEGACY_LOG_FILE)).unwrap()
    ));
    assert_eq!(store.read().unwrap().events.len(), 26);
    assert_eq!(store.files().unwrap().len(), 1);
}

#[test]
fn a_valid_last_line_without_a_final_newline_is_kept_and_ended_by_the_next_write() {
    let (_dir, log) = setup();
    let (l1, l2) = (line("d1"), line("d2"));
    write_raw(&log, &format!("{l1}{}", l2.trim_end()));
    let read = log.read().unwrap();
    assert_eq!(read.events.len(), 2);
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    assert!(log.scan().unwrap().unwrap().bad.is_empty());
    append(&log, vec![event("d3")]);
    let text = fs::read_to_string(log.path()).unwrap();
    assert!(text.starts_with(&format!("{l1}{l2}")), "{text}");
    assert_eq!(log.read().unwrap().events.len(), 3);
    assert!(!log.quarantine_path().exists());
}

#[test]
fn a_byte_order_mark_at_the_start_of_a_log_is_not_damage() {
    let (_dir, log) = setup();
    write_raw(&log, &format!("\u{feff}{}{}", line("d1"), line("d2")));
    assert_eq!(log.read().unwrap().events.len(), 2);
    assert!(log.scan().unwrap().unwrap().bad.is_empty());
    append(&log, vec![event("d3")]);
    assert_eq!(log.read().unwrap().events.len(), 3);
}

#[cfg(unix)]
#[test]
fn a_log_that_is_a_fifo_or_a_link_to_dev_null_is_refused_and_never_hangs() {
    let (_dir, log) = setup();
    fs::create_dir_all(log.path().parent().unwrap()).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(log.path())
        .status()
        .unwrap();
    assert!(made.success());
    for result in [log.read().map(|_| ()), log.scan().map(|_| ())] {
        let err = result.unwrap_err();
        assert!(matches!(err, StoreError::NotRegular { .. }), "{err:?}");
        assert!(err.to_string().contains("FIFO"), "{err}");
    }
    assert!(log.update(|_| Ok((vec![event("d1")], ()))).is_err());
    assert!(log.repair().is_err());
    fs::remove_file(log.path()).unwrap();
    std::os::unix::fs::symlink("/dev/null", log.path()).unwrap();
    let err = log.update(|_| Ok((vec![event("d1")], ()))).unwrap_err();
    assert!(err.to_string().contains("not a regular file"), "{err}");
    assert!(log.read().is_err());
}

#[cfg(unix)]
#[test]
fn doctor_repair_through_a_symlinked_log_repairs_the_file_it_points_to() {
    let (dir, log) = setup();
    let real = dir.path().join("synced/progress.jsonl");
    fs::create_dir_all(real.parent().unwrap()).unwrap();
    fs::create_dir_all(log.path().parent().unwrap()).unwrap();
    fs::write(&real, format!("{}garbage\n{}", line("d1"), line("d2"))).unwrap();
    std::os::unix::fs::symlink(&real, log.path()).unwrap();
    let repaired = log.repair().unwrap();
    assert_eq!(repaired.moved.len(), 1);
    assert!(
        fs::symlink_metadata(log.path())
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&real).unwrap().lines().count(), 2);
    append(&log, vec![event("d3")]);
    assert_eq!(fs::read_to_string(&real).unwrap().lines().count(), 3);
}

#[test]
fn a_log_read_in_blocks_gives_the_lines_read_whole_and_leaves_the_rest_to_the_whole_read() {
    let (_dir, log) = setup();
    let mut text = String::new();
    for n in 0..200 {
        text.push_str(&line(&format!("w{}.d{}", n / 7 + 1, n % 7 + 1)));
        if n % 17 == 0 {
            text.push('\n'); // blank lines count for nothing
        }
    }
    write_raw(&log, &text);
    let whole = read_file(&log).unwrap().events;
    // Blocks smaller than a line, a few lines, and many.
    for block in [50, 333, 4096] {
        let mut events = vec![event("kept")];
        let read = parse_blocks(&log, &mut events, block);
        assert_eq!(read, Some(text.len() as u64), "block {block}");
        assert_eq!(events[1..], whole[..], "block {block}");
    }
    // An unfinished last line, or a damaged one: nothing taken, left to the whole read.
    for tail in ["{\"v\":2,\"id\":", "not json\n"] {
        write_raw(&log, &format!("{text}{tail}"));
        let mut events = vec![event("kept")];
        assert_eq!(parse_in_blocks(&log, &mut events), None, "{tail}");
        assert_eq!(events.len(), 1);
        assert_eq!(parse_blocks(&log, &mut events, 100), None, "{tail}");
    }
}

#[test]
fn a_permutation_puts_each_item_where_it_is_asked_for() {
    let orders: [&[u32]; 4] = [&[], &[0, 1, 2], &[2, 0, 1], &[3, 4, 0, 2, 1, 5]];
    for from in orders {
        let items: Vec<u32> = (0..from.len() as u32).map(|n| n * 10).collect();
        let mut moved = items.clone();
        let mut positions = from.to_vec();
        apply_permutation(&mut moved, &mut positions);
        let expected: Vec<u32> = from.iter().map(|&i| items[i as usize]).collect();
        assert_eq!(moved, expected, "{from:?}");
    }
}
