//! What a command did to the home that outlives its result, kept while it runs and settled
//! once when it ends: whether events reached the log (so that a later failure does not read
//! as "nothing happened"), a note draft waiting to be recorded, and a checkpoint of the log
//! newer than the one on disk.

use std::cell::RefCell;
use std::path::PathBuf;

use crate::error::CommandError;
use crate::progress::store::checkpoint::Checkpoint;

/// The command's journal (see the module's documentation). Loads and writes note in it as
/// they happen; [`Journal::settle`] reads it once the command's result is known.
#[derive(Default)]
pub(crate) struct Journal {
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    recorded: bool,
    draft: Option<PathBuf>,
    checkpoint: Option<Checkpoint>,
}

impl Journal {
    /// A load folded the log into a checkpoint newer than the one on disk.
    pub(crate) fn folded(&self, checkpoint: Option<Checkpoint>) {
        self.state.borrow_mut().checkpoint = checkpoint;
    }

    /// Events are durably in the log, folded into `checkpoint`; the note draft has done its
    /// job.
    pub(crate) fn recorded(&self, checkpoint: Option<Checkpoint>) {
        let draft = {
            let mut state = self.state.borrow_mut();
            state.recorded = true;
            state.checkpoint = checkpoint;
            state.draft.take()
        };
        if let Some(draft) = draft {
            let _ = std::fs::remove_file(draft);
        }
    }

    /// A note written in the editor is kept at `path` until it is recorded.
    pub(crate) fn keep_draft(&self, path: PathBuf) {
        self.state.borrow_mut().draft = Some(path);
    }

    /// The command's result as the user must read it, once the command is over: on success
    /// the newer checkpoint is saved into `cache_dir` (when given: a home that holds records;
    /// failing to is never an error, the next command folds again); a failure after events
    /// were recorded says so, and one before says where the note draft is kept.
    pub(crate) fn settle(
        self,
        result: anyhow::Result<()>,
        cache_dir: Option<PathBuf>,
    ) -> anyhow::Result<()> {
        let State {
            recorded,
            draft,
            checkpoint,
        } = self.state.into_inner();
        match result {
            Ok(()) => {
                if let (Some(checkpoint), Some(dir)) = (checkpoint, cache_dir) {
                    let _ = checkpoint.save(&dir);
                }
                Ok(())
            }
            // Whatever failed after the append, the events are in the log: say so, so that
            // nobody records them twice by trying again.
            Err(err) if recorded => Err(err.context(CommandError::recorded())),
            Err(err) => match draft {
                Some(draft) => Err(err.context(format!(
                    "nothing was recorded; your note is kept in {} and the next `--note` opens it again",
                    draft.display()
                ))),
                None => Err(err),
            },
        }
    }
}
