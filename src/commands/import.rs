//! `import`

use std::io::Write;

use super::Context;
#[allow(unused_imports)]
use crate::cli::*;

pub fn run(_ctx: &Context, _args: &ImportArgs, _out: &mut dyn Write) -> anyhow::Result<()> {
    Ok(())
}

/// `validate`
pub fn validate(_ctx: &Context, _args: &ValidateArgs, _out: &mut dyn Write) -> anyhow::Result<()> {
    Ok(())
}
