//! `config`

use std::io::Write;

use super::Context;
#[allow(unused_imports)]
use crate::cli::*;

pub fn run(_ctx: &Context, _args: &ConfigArgs, _out: &mut dyn Write) -> anyhow::Result<()> {
    Ok(())
}
