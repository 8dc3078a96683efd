//! Counting what a sync carried: the events of a commit's log files, by id, and words for them.
//!
//! Lines are read loosely (only `id` and `type`), so that events of types this build does not
//! know, or from a newer schema, are still counted and never stop a sync.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::LOG_DIR;
use super::git::{Git, GitFailure};

/// What a count needs of one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Seen {
    /// The event's `type`.
    pub kind: String,
    /// The log file it is in (the device's name: the file stem).
    pub device: String,
    /// The plan, pass and day it is about, if any.
    pub day: Option<(String, u32, String)>,
    pub clock: u64,
    /// The event an `undo` takes back.
    pub target: Option<String>,
}

/// Every event of a commit's `log/*.jsonl`, by id (an id in several files counts once).
pub(crate) type Events = HashMap<String, Seen>;

#[derive(Deserialize)]
struct Loose {
    id: String,
    #[serde(rename = "type")]
    kind: Option<String>,
    plan: Option<String>,
    pass: Option<u32>,
    day: Option<String>,
    clock: Option<u64>,
    target: Option<String>,
}

/// The events of complete lines of one log file's bytes; lines that do not parse are passed over.
pub(crate) fn events_of(bytes: &[u8], device: &str, into: &mut Events) {
    for line in bytes.split(|&b| b == b'\n') {
        if line.trim_ascii().is_empty() {
            continue;
        }
        if let Ok(event) = serde_json::from_slice::<Loose>(line) {
            into.entry(event.id).or_insert_with(|| Seen {
                kind: event.kind.unwrap_or_default(),
                device: device.to_string(),
                day: event
                    .day
                    .map(|day| (event.plan.unwrap_or_default(), event.pass.unwrap_or(1), day)),
                clock: event.clock.unwrap_or(0),
                target: event.target,
            });
        }
    }
}

/// Names events as the user counts them: a `done` of a day already done is an amend (a note
/// or time added), and an event an `undo` took back is undone; neither is a session.
pub(crate) fn settle(events: &mut Events) {
    let undone: std::collections::HashSet<String> = events
        .values()
        .filter(|seen| seen.kind == "undo")
        .filter_map(|seen| seen.target.clone())
        .collect();
    let mut first_done: HashMap<(String, u32, String), (u64, String)> = HashMap::new();
    for (id, seen) in events.iter() {
        if seen.kind == "done"
            && !undone.contains(id)
            && let Some(day) = &seen.day
        {
            let candidate = (seen.clock, id.clone());
            first_done
                .entry(day.clone())
                .and_modify(|first| {
                    if candidate < *first {
                        *first = candidate.clone();
                    }
                })
                .or_insert(candidate);
        }
    }
    for (id, seen) in events.iter_mut() {
        if undone.contains(id) {
            seen.kind = "undone".into();
        } else if seen.kind == "done"
            && let Some(day) = &seen.day
            && first_done.get(day).is_some_and(|(_, first)| first != id)
        {
            seen.kind = "amend".into();
        }
    }
}

/// The events in the log files of commit `rev` (none when `rev` is `None`).
pub(crate) fn events_at(git: &Git, rev: Option<&str>) -> Result<Events, GitFailure> {
    let mut events = Events::new();
    let Some(rev) = rev else {
        return Ok(events);
    };
    let listing = git.run(&["ls-tree", "-r", "-z", rev, "--", &format!("{LOG_DIR}/")])?;
    let mut blobs = Vec::new();
    for entry in listing.split('\0').filter(|e| !e.is_empty()) {
        // `<mode> blob <id>\t<path>`
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut parts = meta.split(' ');
        let (Some(_), Some("blob"), Some(id)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        if let Some(device) = super::log_device(path) {
            blobs.push((id.to_string(), device));
        }
    }
    if blobs.is_empty() {
        return Ok(events);
    }
    let request: String = blobs.iter().map(|(id, _)| format!("{id}\n")).collect();
    let output = git.output(&["cat-file", "--batch"], Some(request.as_bytes()))?;
    let mut rest = output.stdout.as_slice();
    for (_, device) in &blobs {
        // `<id> blob <size>\n<content>\n`
        let Some(header_end) = rest.iter().position(|&b| b == b'\n') else {
            break;
        };
        let header = String::from_utf8_lossy(&rest[..header_end]).into_owned();
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let start = header_end + 1;
        let end = (start + size).min(rest.len());
        events_of(&rest[start..end], device, &mut events);
        rest = &rest[(end + 1).min(rest.len())..];
    }
    settle(&mut events);
    Ok(events)
}

/// The events commit `to` has that commit `from` does not, read from the log files that
/// differ between them (so a sync counts what changed, not the history): an event in a file
/// `to` changed or added counts unless `from`'s version of a changed file held it (a segment
/// sealed since holds events that were in the active file). With no `from`, every event of
/// `to`. Amends and undone events are told apart (see [`settle`]) within what was read.
pub(crate) fn new_between(
    git: &Git,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Vec<Seen>, GitFailure> {
    let Some(to) = to else {
        return Ok(Vec::new());
    };
    let Some(from) = from else {
        return Ok(events_at(git, Some(to))?.into_values().collect());
    };
    if from == to {
        return Ok(Vec::new());
    }
    let listing = git.run(&[
        "diff",
        "--no-renames",
        "--name-only",
        "-z",
        from,
        to,
        "--",
        &format!("{LOG_DIR}/"),
    ])?;
    let paths: Vec<(&str, String)> = listing
        .split('\0')
        .filter_map(|path| super::log_device(path).map(|device| (path, device)))
        .collect();
    let mut names = Vec::new();
    for (path, _) in &paths {
        names.push(format!("{from}:{path}"));
        names.push(format!("{to}:{path}"));
    }
    let blobs = blobs(git, &names)?;
    let mut before = Events::new();
    let mut after = Events::new();
    for (n, (_, device)) in paths.iter().enumerate() {
        if let Some(bytes) = &blobs[2 * n] {
            events_of(bytes, device, &mut before);
        }
        if let Some(bytes) = &blobs[2 * n + 1] {
            events_of(bytes, device, &mut after);
        }
    }
    let new: Vec<String> = after
        .keys()
        .filter(|id| !before.contains_key(*id))
        .cloned()
        .collect();
    let mut context = before;
    context.extend(after);
    settle(&mut context);
    Ok(new.iter().filter_map(|id| context.remove(id)).collect())
}

/// The contents of `names` (`<rev>:<path>`), in one `git cat-file --batch`: `None` for one
/// that does not exist.
fn blobs(git: &Git, names: &[String]) -> Result<Vec<Option<Vec<u8>>>, GitFailure> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let request: String = names.iter().map(|n| format!("{n}\n")).collect();
    let output = git.output(&["cat-file", "--batch"], Some(request.as_bytes()))?;
    let mut rest = output.stdout.as_slice();
    let mut found = Vec::with_capacity(names.len());
    for _ in names {
        let Some(header_end) = rest.iter().position(|&b| b == b'\n') else {
            found.push(None);
            continue;
        };
        let header = String::from_utf8_lossy(&rest[..header_end]).into_owned();
        rest = &rest[header_end + 1..];
        // `<id> blob <size>` then the content and a newline; `<name> missing` otherwise.
        let mut parts = header.split(' ');
        let (Some(_), Some("blob"), Some(size)) = (parts.next(), parts.next(), parts.next()) else {
            found.push(None);
            continue;
        };
        let size: usize = size.parse().unwrap_or(0).min(rest.len());
        found.push(Some(rest[..size].to_vec()));
        rest = &rest[(size + 1).min(rest.len())..];
    }
    Ok(found)
}

/// `3 sessions, 2 ticks`: counts by kind, in a fixed order, with words people use.
pub(crate) fn describe(events: &[&Seen]) -> String {
    let mut counts: BTreeMap<usize, (usize, &'static str, &'static str)> = BTreeMap::new();
    for seen in events.iter().filter(|seen| seen.kind != "undone") {
        let (rank, one, many) = words(&seen.kind);
        counts.entry(rank).or_insert((0, one, many)).0 += 1;
    }
    let parts: Vec<String> = counts
        .values()
        .map(|&(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
    match parts.len() {
        0 => "no events".to_string(),
        _ => parts.join(", "),
    }
}

/// The order and the words for an event type.
fn words(kind: &str) -> (usize, &'static str, &'static str) {
    match kind {
        "done" => (0, "session", "sessions"),
        "check" => (1, "tick", "ticks"),
        "uncheck" => (2, "untick", "unticks"),
        "note" | "amend" => (3, "note", "notes"),
        "skip" => (4, "skip", "skips"),
        "review" => (5, "review", "reviews"),
        "start" => (6, "plan start", "plan starts"),
        "undo" => (7, "undo", "undos"),
        "pause" | "resume" => (8, "pause or resume", "pauses and resumes"),
        _ => (9, "other event", "other events"),
    }
}

/// `another machine` / `2 other machines`.
pub(crate) fn machines(events: &[&Seen]) -> String {
    let mut devices: Vec<&str> = events.iter().map(|s| s.device.as_str()).collect();
    devices.sort_unstable();
    devices.dedup();
    match devices.len() {
        0 | 1 => "another machine".to_string(),
        n => format!("{n} other machines"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(kind: &str, device: &str) -> Seen {
        Seen {
            kind: kind.into(),
            device: device.into(),
            day: None,
            clock: 0,
            target: None,
        }
    }

    #[test]
    fn an_amend_and_an_undone_session_are_not_sessions() {
        let mut events = Events::new();
        let lines = concat!(
            "{\"id\":\"a\",\"type\":\"done\",\"plan\":\"p\",\"pass\":1,\"day\":\"d1\",\"clock\":1}\n",
            "{\"id\":\"b\",\"type\":\"done\",\"plan\":\"p\",\"pass\":1,\"day\":\"d1\",\"clock\":2}\n",
            "{\"id\":\"c\",\"type\":\"done\",\"plan\":\"p\",\"pass\":1,\"day\":\"d2\",\"clock\":3}\n",
            "{\"id\":\"d\",\"type\":\"undo\",\"target\":\"c\",\"clock\":4}\n",
        );
        events_of(lines.as_bytes(), "laptop", &mut events);
        settle(&mut events);
        let all: Vec<&Seen> = events.values().collect();
        assert_eq!(describe(&all), "1 session, 1 note, 1 undo");
    }

    #[test]
    fn describes_counts_in_a_fixed_order_with_plurals() {
        let a = seen("check", "a");
        let b = seen("done", "a");
        let c = seen("done", "b");
        let d = seen("mystery", "b");
        assert_eq!(
            describe(&[&a, &b, &c, &d]),
            "2 sessions, 1 tick, 1 other event"
        );
        assert_eq!(describe(&[]), "no events");
        assert_eq!(machines(&[&a, &b]), "another machine");
        assert_eq!(machines(&[&a, &c]), "2 other machines");
    }

    #[test]
    fn reads_ids_loosely_and_counts_an_id_once() {
        let mut events = Events::new();
        let bytes = b"{\"id\":\"1\",\"type\":\"done\",\"future\":true}\nnot json\n\n{\"id\":\"1\",\"type\":\"done\"}\n{\"id\":\"2\",\"type\":\"check\"}\n{\"id\":\"3\",\"ty";
        events_of(bytes, "laptop", &mut events);
        assert_eq!(events.len(), 2);
        assert_eq!(events["2"].kind, "check");
        assert_eq!(events["2"].device, "laptop");
    }
}
