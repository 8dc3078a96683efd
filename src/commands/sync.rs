//! `sync`: carries progress between machines through git (the plumbing is in [`crate::sync`]).

use std::io::Write;

use super::Context;
use crate::cli::SyncArgs;
use crate::render::text::sanitize;
use crate::sync::{self, Options, Outcome, tally};

pub(super) fn run(ctx: &Context, args: &SyncArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    ctx.home.check_owner()?;
    let home = std::path::absolute(ctx.home.dir())
        .map_err(|e| anyhow::anyhow!("cannot find {}: {e}", ctx.home.dir().display()))?;
    let store = crate::progress::Store::new(&home).with_quarantine_date(ctx.clock.today());
    let device = super::device_id(&store)?;
    // A log of an older pymastery moves into log/ first, so that it travels.
    store.migrate(&device)?;
    let own_log = store.device_file(&device).path().to_path_buf();
    let options = Options {
        home,
        remote: args.remote.clone(),
        own_log,
        device,
        interactive: ctx.stdin_is_terminal,
    };
    let outcome = sync::sync(&options)?;
    if !ctx.quiet {
        for note in &outcome.notes {
            eprintln!("note: {}", sanitize(note));
        }
    }
    if ctx.json {
        crate::render::write_json(
            out,
            &serde_json::json!({
                "remote": outcome.remote_url,
                "received": outcome.received.len(),
                "sent": outcome.sent.len(),
            }),
        )?;
        return Ok(());
    }
    super::say(ctx, out, &sanitize(&summary(&outcome)))
}

/// `3 sessions from another machine; 2 sessions sent.`
fn summary(outcome: &Outcome) -> String {
    let received: Vec<&tally::Seen> = outcome.received.iter().collect();
    let sent: Vec<&tally::Seen> = outcome.sent.iter().collect();
    match (received.is_empty(), sent.is_empty()) {
        (true, true) => format!(
            "Nothing new: in step with {} ({}).",
            outcome.remote_name, outcome.remote_url
        ),
        (false, true) => format!(
            "{} from {}; nothing to send.",
            tally::describe(&received),
            tally::machines(&received)
        ),
        (true, false) => format!(
            "Nothing new from other machines; {} sent.",
            tally::describe(&sent)
        ),
        (false, false) => format!(
            "{} from {}; {} sent.",
            tally::describe(&received),
            tally::machines(&received),
            tally::describe(&sent)
        ),
    }
}
