//! `import` and `validate`: read a plan file, report what it holds, and add it to the user's plans.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use self::report::{Saved, report};
use super::install::{nothing_to_track, put};
use super::{Context, pass_of, record};
use crate::cli::{ImportArgs, ValidateArgs};
use crate::curriculum::builtin::is_builtin;
use crate::curriculum::identity::item_ref;
use crate::curriculum::parse::{Choice, parse_file_text_with};
use crate::curriculum::{Curriculum, Item};
use crate::error::bad_input;
use crate::progress::EventKind;
use crate::render::text::plural;
use crate::upstream::Upstream;

mod report;

/// Largest plan file read: far above any real plan, well below what could exhaust memory.
use crate::curriculum::catalog::MAX_PLAN_BYTES;

pub(super) fn validate(
    ctx: &Context,
    args: &ValidateArgs,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let id = id_from_path(&args.file);
    let (plan, _) = read_plan(&args.file, &id, &Choice::Best)?;
    report(ctx, &plan, None, false, out)?;
    if !plan.is_trackable() {
        return Err(nothing_to_track(&args.file));
    }
    Ok(())
}

pub(super) fn run(ctx: &Context, args: &ImportArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let (name, upstream) = source(args)?;
    let id = plan_id(args.id.as_deref(), &name)?;
    let (bytes, upstream) = match upstream {
        None => (read_bytes(&name)?, None),
        Some(mut upstream) => {
            let fetched = upstream.fetch(MAX_PLAN_BYTES)?;
            upstream.commit = fetched.commit;
            (fetched.bytes, Some(upstream))
        }
    };
    let (plan, installed) = put(
        ctx,
        &id,
        &name,
        &bytes,
        args.force,
        upstream.as_ref(),
        args.reading,
    )?;
    let kept = if args.keep_ticks {
        keep_ticks(ctx, &plan)?
    } else {
        0
    };
    if ctx.quiet && !ctx.json {
        return Ok(());
    }
    let saved = Saved {
        installed: &installed,
        upstream: upstream.as_ref(),
    };
    report(ctx, &plan, Some(saved), args.keep_ticks, out)?;
    if kept > 0 && !ctx.json {
        writeln!(
            out,
            "  recorded {} ticked in the file as ticked today",
            plural(kept, "item")
        )?;
    }
    Ok(())
}

/// Where the plan comes from: the file named, or the file `--path` in the repository `--git`
/// (with the file's path in it as its name).
fn source(args: &ImportArgs) -> anyhow::Result<(PathBuf, Option<Upstream>)> {
    match (&args.file, &args.git) {
        (Some(file), _) => Ok((file.clone(), None)),
        (None, Some(url)) => {
            let path = args.path.as_deref().unwrap_or_default();
            let upstream = Upstream::new(url, path, args.reference.as_deref())?;
            Ok((PathBuf::from(&upstream.path), Some(upstream)))
        }
        (None, None) => Err(bad_input("name a plan file, or a repository with --git")),
    }
}

/// The id the plan is imported as: `--id`, else one made from the file name `name`; never a
/// built-in plan's.
fn plan_id(given: Option<&str>, name: &Path) -> anyhow::Result<String> {
    let id = match given {
        Some(id) => check_id(id)?,
        None => check_id(&id_from_path(name)).map_err(|_| {
            bad_input(format!(
                "cannot make a plan id from the file name '{}'; give one with --id",
                name.display()
            ))
        })?,
    };
    if is_builtin(&id) {
        return Err(bad_input(format!(
            "'{id}' is the id of a built-in plan; choose another with --id"
        )));
    }
    Ok(id)
}

/// Ticked boxes (`- [x]`) of the plan, per day or checkable section: key, title, the items.
fn ticked(plan: &Curriculum) -> Vec<(&str, &str, &[Item])> {
    let days = plan
        .days
        .iter()
        .map(|d| (d.key.as_str(), d.title.as_str(), d.items.as_slice()));
    let sections = plan
        .sections
        .iter()
        .filter(|s| s.checkable)
        .map(|s| (s.key.as_str(), s.title.as_str(), s.items.as_slice()));
    days.chain(sections)
        .filter(|(_, _, items)| items.iter().any(|i| i.ticked))
        .collect()
}

fn ticked_count(plan: &Curriculum) -> usize {
    ticked(plan)
        .iter()
        .map(|(_, _, items)| items.iter().filter(|i| i.ticked).count())
        .sum()
}

/// `import --keep-ticks`: one check event per day with ticked boxes, dated today.
fn keep_ticks(ctx: &Context, plan: &Curriculum) -> anyhow::Result<usize> {
    let kept = record(ctx, &mut std::io::sink(), |progress| {
        let pass = pass_of(progress, &plan.id);
        let mut count = 0;
        let events = ticked(plan)
            .into_iter()
            .map(|(key, title, items)| {
                let numbers: Vec<usize> = items.iter().filter(|i| i.ticked).map(|i| i.n).collect();
                count += numbers.len();
                let refs = numbers.iter().filter_map(|n| item_ref(items, *n)).collect();
                let texts = items
                    .iter()
                    .filter(|i| i.ticked)
                    .map(|i| i.text.clone())
                    .collect();
                let kind = EventKind::Check {
                    day: key.into(),
                    title: title.into(),
                    items: numbers,
                    refs,
                    texts,
                };
                ctx.event(&plan.id, pass, ctx.clock.today(), kind)
            })
            .collect();
        Ok((events, count))
    })?;
    Ok(kept.unwrap_or(0))
}

/// A plan id from a file name: `My Plan (v2).md` -> `my-plan-v2`.
fn id_from_path(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut id = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_matches(['-', '.']).to_string()
}

/// Accepts ids that are safe file names: lower-case letters, digits, `-`, `_`, `.`, no `..`.
fn check_id(id: &str) -> anyhow::Result<String> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
        && id.starts_with(|c: char| c.is_ascii_alphanumeric())
        && !id.contains("..");
    if ok {
        Ok(id.to_string())
    } else {
        Err(bad_input(format!(
            "'{id}' is not a usable plan id: use up to 64 lower-case letters, digits, '-', '_' or '.', starting with a letter or digit"
        )))
    }
}

/// Reads and parses a plan file; unreadable, oversized or binary files are bad input.
fn read_plan(path: &Path, id: &str, choice: &Choice) -> anyhow::Result<(Curriculum, Vec<u8>)> {
    let bytes = read_bytes(path)?;
    let bytes = crate::curriculum::normalize::utf16_as_utf8(&bytes).unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(bad_input(format!(
            "{} is not a text file (it holds binary data)",
            path.display()
        )));
    }
    let plan = parse_file_text_with(id, path, &bytes, choice)?;
    Ok((plan, bytes))
}

/// A plan file's bytes, read with the size limit; what cannot be read is bad input.
fn read_bytes(path: &Path) -> anyhow::Result<Vec<u8>> {
    let shown = path.display();
    let metadata = fs::metadata(path)
        .map_err(|e| bad_input(format!("cannot read {shown}: {}", io_reason(&e))))?;
    if metadata.is_dir() {
        return Err(bad_input(format!(
            "{shown} is a directory, not a plan file"
        )));
    }
    // A FIFO, a device or /dev/zero would wait or never end.
    if !metadata.is_file() {
        return Err(bad_input(format!(
            "{shown} is not a regular file (a pipe or a device), so it is not read as a plan"
        )));
    }
    if metadata.len() > MAX_PLAN_BYTES {
        return Err(bad_input(format!(
            "{shown} is {} MiB; a plan file may be at most {} MiB",
            metadata.len() / (1024 * 1024),
            MAX_PLAN_BYTES / (1024 * 1024)
        )));
    }
    // Read with a limit: the length a file reports is not trusted.
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_PLAN_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| bad_input(format!("cannot read {shown}: {}", io_reason(&e))))?;
    if bytes.len() as u64 > MAX_PLAN_BYTES {
        return Err(bad_input(format!(
            "{shown} is larger than {} MiB, the most a plan file may be",
            MAX_PLAN_BYTES / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => err.to_string(),
    }
}
