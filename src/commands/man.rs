//! `man`: the manual in roff, built from the clap definitions so that it never drifts from
//! `--help`: a main page with what no `--help` holds (environment, files, exit status), and a
//! page per command, each of which the main page names as `pymastery-COMMAND(1)`.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

use crate::cli::ManArgs;
use crate::error::bad_input;

/// The section every page belongs to: user commands.
const SECTION: &str = "1";

pub(super) fn run(args: &ManArgs, quiet: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let pages = pages();
    if let Some(dir) = &args.dir {
        return write_all(&pages, dir, quiet, out);
    }
    let page = match &args.command {
        None => pages.first(),
        Some(name) => find(&pages, name),
    };
    let Some(page) = page else {
        let names: Vec<&str> = pages
            .iter()
            .skip(1)
            .map(|p| p.name.trim_start_matches("pymastery-"))
            .collect();
        return Err(bad_input(format!(
            "no manual page for '{}'; pages are: {}",
            crate::render::text::one_line(args.command.as_deref().unwrap_or_default()),
            names.join(", ")
        )));
    };
    out.write_all(&page.text)?;
    Ok(())
}

/// One manual page: its name (`pymastery-done`) and its roff text.
struct Page {
    name: String,
    text: Vec<u8>,
}

/// Every page: the main one first, then one per command (and per subcommand of `config`).
fn pages() -> Vec<Page> {
    let mut command = <crate::cli::Cli as clap::CommandFactory>::command()
        // `help` is `--help`, not a page of its own.
        .disable_help_subcommand(true);
    command.build();
    let mut pages = vec![Page {
        name: "pymastery".into(),
        text: main_page(&command),
    }];
    collect(&command, &mut pages);
    pages
}

fn collect(parent: &clap::Command, pages: &mut Vec<Page>) {
    for command in parent.get_subcommands().filter(|c| !c.is_hide_set()) {
        pages.push(Page {
            name: page_name(command),
            text: command_page(command),
        });
        collect(command, pages);
    }
}

/// `pymastery-done`, `pymastery-config-set`: the name clap gives a built subcommand.
fn page_name(command: &clap::Command) -> String {
    command
        .get_display_name()
        .unwrap_or_else(|| command.get_name())
        .to_string()
}

/// The page for `done`, `pymastery-done`, `config-set` or `config set`.
fn find<'a>(pages: &'a [Page], name: &str) -> Option<&'a Page> {
    let wanted = name.trim().to_lowercase().replace(' ', "-");
    let wanted = wanted.strip_prefix("pymastery-").unwrap_or(&wanted);
    pages
        .iter()
        .skip(1)
        .find(|p| p.name.strip_prefix("pymastery-") == Some(wanted))
}

fn write_all(pages: &[Page], dir: &Path, quiet: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for page in pages {
        let path = dir.join(format!("{}.{SECTION}", page.name));
        std::fs::write(&path, &page.text)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if !quiet {
        writeln!(
            out,
            "Wrote {} manual pages to {} (pymastery.1 and one per command).",
            pages.len(),
            dir.display()
        )?;
    }
    Ok(())
}

/// A command's page: what clap knows, its examples, and where the rest is.
fn command_page(command: &clap::Command) -> Vec<u8> {
    let man = Man::new(command.clone())
        .section(SECTION)
        .source(format!("pymastery {}", env!("CARGO_PKG_VERSION")));
    let mut text = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = man.render_title(&mut text);
    let _ = man.render_name_section(&mut text);
    let _ = man.render_synopsis_section(&mut text);
    let _ = man.render_description_section(&mut text);
    if command.get_arguments().any(|a| !a.is_hide_set()) {
        let _ = man.render_options_section(&mut text);
    }
    if command.has_subcommands() {
        let _ = man.render_subcommands_section(&mut text);
    }
    let mut roff = Roff::new();
    if let Some(after) = command.get_after_help() {
        help_sections(&after.to_string(), &mut roff);
    }
    roff.control("SH", ["SEE ALSO"]);
    roff.text([bold("pymastery"), roman(format!("({SECTION})"))]);
    let _ = roff.to_writer(&mut text);
    text
}

/// The main page: the program, its global options, its commands, and what no `--help` says.
fn main_page(command: &clap::Command) -> Vec<u8> {
    let man = Man::new(command.clone()).section(SECTION);
    let mut text = Vec::new();
    let _ = man.render_title(&mut text);
    let _ = man.render_name_section(&mut text);
    let _ = man.render_synopsis_section(&mut text);
    let mut roff = Roff::new();
    roff.control("SH", ["DESCRIPTION"]);
    for paragraph in DESCRIPTION {
        roff.control("PP", []);
        roff.text([roman(*paragraph)]);
    }
    let _ = roff.to_writer(&mut text);
    let _ = man.render_options_section(&mut text);
    let _ = man.render_subcommands_section(&mut text);

    let mut roff = Roff::new();
    terms(&mut roff, "ENVIRONMENT", ENVIRONMENT);
    terms(&mut roff, "FILES", FILES);
    terms(&mut roff, "EXIT STATUS", EXIT_STATUS);
    roff.control("SH", ["EXAMPLES"]);
    for (command, what) in EXAMPLES {
        roff.control("TP", []);
        roff.text([bold(*command)]);
        roff.text([roman(*what)]);
    }
    roff.control("SH", ["SEE ALSO"]);
    roff.text([
        roman("The page of each command, as "),
        bold("pymastery-done"),
        roman(format!("({SECTION}); ")),
        bold("pymastery man"),
        roman(" "),
        italic("COMMAND"),
        roman(" prints it, and "),
        bold("pymastery man --dir"),
        roman(" "),
        italic("DIR"),
        roman(" writes them all."),
    ]);
    let _ = roff.to_writer(&mut text);
    text
}

/// A section of terms, each with what it means.
fn terms(roff: &mut Roff, heading: &str, terms: &[(&str, &str)]) {
    roff.control("SH", [heading]);
    for (term, meaning) in terms {
        roff.control("TP", []);
        roff.text([bold(*term)]);
        roff.text([roman(*meaning)]);
    }
}

/// A command's `after_help` as sections: `Examples:` becomes EXAMPLES, any other heading its
/// own section; an indented line `command   what it does` a term and its meaning.
fn help_sections(help: &str, roff: &mut Roff) {
    for line in help.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if !line.starts_with(' ') {
            let heading = line.trim().trim_end_matches(':').to_uppercase();
            roff.control("SH", [heading.as_str()]);
            continue;
        }
        let line = line.trim();
        let (term, meaning) = match line.find("  ") {
            Some(at) => (&line[..at], line[at..].trim()),
            None => (line, ""),
        };
        roff.control("TP", []);
        roff.text([bold(term)]);
        if !meaning.is_empty() {
            roff.text([roman(meaning)]);
        }
    }
}

const DESCRIPTION: &[&str] = &[
    "pymastery follows study plans from the terminal: the five built-in plans or a Markdown plan \
     of your own. Each morning pymastery today shows what to practise; after the session \
     pymastery done --note records it with a reflection; once a week pymastery status shows \
     how it is going. Everything is local, private and instant.",
    "With no command, pymastery runs today. Each command has a page of its own, listed under \
     SUBCOMMANDS below.",
];

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "PYMASTERY_HOME",
        "The directory every file is kept in (see FILES); --home overrides it.",
    ),
    (
        "PYMASTERY_NOW",
        "A fixed time instead of the system clock: an RFC 3339 date-time, or YYYY-MM-DD for noon \
         local time. For trying things out and for tests.",
    ),
    (
        "VISUAL, EDITOR",
        "The editor --note opens when it is given no text on a terminal (the config key editor \
         comes first).",
    ),
    (
        "NO_COLOR",
        "When set and not empty, no colour (as --color never).",
    ),
    (
        "COLUMNS",
        "The width screens are fitted to; without it, the terminal's width, and whole lines when \
         output is piped.",
    ),
    (
        "TZ",
        "The local time zone, which decides the practice date.",
    ),
];

const FILES: &[(&str, &str)] = &[
    (
        "~/.local/share/pymastery",
        "The home on Linux when neither --home nor PYMASTERY_HOME is given (the platform's data \
         directory elsewhere). Created on first write, readable by you only.",
    ),
    (
        "HOME/log/DEVICE.jsonl",
        "The progress log: one append-only file per machine, one event a line. What sync \
         carries.",
    ),
    (
        "HOME/curricula/ID.md",
        "Your plans, put there by pymastery import. Synced too.",
    ),
    (
        "HOME/config.toml",
        "Settings: plan, day_starts_at, editor, rest_days, review_cap (pymastery config).",
    ),
    (
        "HOME/cache/",
        "Derived data (the folded log, parsed plans); safe to delete at any time.",
    ),
    (
        "HOME/local/",
        "What belongs to this machine only: its device id, notes kept from an editor session \
         that was not recorded.",
    ),
    (
        "HOME/quarantine/",
        "Damaged log lines moved aside by pymastery doctor --repair, never deleted.",
    ),
];

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success."),
    (
        "1",
        "A failure: a damaged log or config file (named with its line), a file that cannot be \
         read or written, a sync that could not finish. Nothing recorded is lost.",
    ),
    (
        "2",
        "Bad input: an unknown plan, day or option, a malformed date, an empty note. Nothing was \
         written.",
    ),
    (
        "3",
        "What was asked for was recorded, but saying so failed (a closed or full output): do not \
         run the command again.",
    ),
];

const EXAMPLES: &[(&str, &str)] = &[
    (
        "pymastery start interview",
        "Begin the interview plan today.",
    ),
    ("pymastery today", "What to practise now, items numbered."),
    (
        "pymastery check 1 4",
        "Tick items 1 and 4 of the day today shows.",
    ),
    (
        "pymastery done --note \"closures capture variables\" --minutes 40",
        "Record the session with a reflection and the time spent.",
    ),
    (
        "pymastery done --amend --note \"forgot: USING vs ON\"",
        "Add to the day done last, without moving the plan on.",
    ),
    (
        "pymastery done next",
        "Mark the next day too, on a date that already has a day done.",
    ),
    ("pymastery status", "The weekly review."),
    (
        "pymastery log --format md > PRACTICE_LOG.md",
        "The practice log as a Markdown document.",
    ),
    (
        "pymastery man done | man -l -",
        "Read the page of a command.",
    ),
];
