//! `doctor`

use std::io::Write;

use super::Context;
#[allow(unused_imports)]
use crate::cli::*;

pub fn run(_ctx: &Context, _args: &DoctorArgs, _out: &mut dyn Write) -> anyhow::Result<()> {
    Ok(())
}
