//! `config`: reads and changes `config.toml`, refusing unknown keys and bad values.

use std::io::Write;

use serde_json::json;

use super::Context;
use crate::cli::{ConfigAction, ConfigArgs};
use crate::config::{Config, Key, Value};
use crate::error::bad_input;
use crate::render::write_json;

/// What a setting asks for beyond the file: the current plan is one notion, so setting it
/// does what `start PLAN` does, and `today`, `plans` and `config` agree.
pub(super) enum Then {
    Nothing,
    Start(crate::cli::StartArgs),
}

pub(super) fn run(ctx: &Context, args: &ConfigArgs, out: &mut dyn Write) -> anyhow::Result<Then> {
    let nothing = |result: anyhow::Result<()>| result.map(|()| Then::Nothing);
    match args.action.as_ref().unwrap_or(&ConfigAction::List) {
        ConfigAction::List => {
            let current = current_plan(ctx)?;
            let rest = logged_rest_days(ctx)?;
            let shown = |key: Key| match key {
                Key::Plan => current.clone(),
                Key::RestDays if rest.is_some() => rest.clone(),
                _ => shown(&ctx.config, key),
            };
            if ctx.json {
                let value: serde_json::Map<String, serde_json::Value> = Key::ALL
                    .into_iter()
                    .map(|key| (key.name().to_string(), json!(shown(key))))
                    .collect();
                return nothing(write_json(out, &serde_json::Value::Object(value)));
            }
            for key in Key::ALL {
                match shown(key) {
                    Some(value) => writeln!(out, "{key} = {value}")?,
                    None => writeln!(out, "{key} = {} (default)", key.default_shown())?,
                }
            }
            Ok(Then::Nothing)
        }
        ConfigAction::Get { key } => {
            let value = match key {
                Key::Plan => current_plan(ctx)?,
                Key::RestDays => logged_rest_days(ctx)?.or_else(|| shown(&ctx.config, *key)),
                _ => shown(&ctx.config, *key),
            };
            let value = value.unwrap_or_else(|| key.default_shown().to_string());
            writeln!(out, "{value}")?;
            Ok(Then::Nothing)
        }
        ConfigAction::Set { key, value } => {
            let key = *key;
            let value = checked_value(ctx, key, value)?;
            let config = crate::config::set(&ctx.home, key, &value)?;
            match value {
                Value::RestDays(_) => nothing(record_rest_days(ctx, &config, out)),
                Value::Plan(plan) => Ok(Then::Start(crate::cli::StartArgs {
                    plan,
                    at: None,
                    date: None,
                    fresh: false,
                })),
                _ => {
                    if !ctx.quiet {
                        writeln!(out, "{key} = {}", shown(&config, key).unwrap_or_default())?;
                    }
                    Ok(Then::Nothing)
                }
            }
        }
    }
}

/// The value typed after `config set KEY`, or bad input naming what `key` takes; a plan must
/// be one of the plans.
fn checked_value(ctx: &Context, key: Key, text: &str) -> anyhow::Result<Value> {
    let one_line = crate::render::text::one_line(text.trim());
    let value = Value::parse(key, text).map_err(|why| match why {
        Some(_) if text.trim().is_empty() => {
            bad_input(format!("{key} cannot be empty; it takes {}", key.allows()))
        }
        Some(why) => bad_input(format!(
            "{key} '{one_line}': {why}; it takes {}",
            key.allows()
        )),
        None => bad_input(format!("{key} '{one_line}' is not {}", key.allows())),
    })?;
    match value {
        Value::Plan(plan) if !ctx.catalog.contains(&plan) => Err(bad_input(format!(
            "no plan '{one_line}'; the plans are {}",
            ctx.catalog.ids().join(", ")
        ))),
        Value::Plan(plan) => Ok(Value::Plan(plan.to_lowercase())),
        value => Ok(value),
    }
}

/// Records a change of rest days in the log, dated today, so that it holds from today on and
/// travels with the log (see `crate::rest`); the days before keep the pace they had.
fn record_rest_days(ctx: &Context, config: &Config, out: &mut dyn Write) -> anyhow::Result<()> {
    let days = crate::rest::format_rest_days(&crate::config::weekdays(config.rest_days));
    let today = ctx.clock.today();
    let Some(changed) = super::record(ctx, out, |progress| {
        let was = crate::rest::format_rest_days(&ctx.days_off(progress).rest_days);
        if was == days {
            return Ok((vec![], false));
        }
        let plan = ctx.plan_id(progress);
        let event = ctx.event(
            &plan,
            super::pass_of(progress, &plan),
            today,
            crate::progress::EventKind::Rest {
                days: days.clone(),
                was,
            },
        );
        Ok((vec![event], true))
    })?
    else {
        return Ok(());
    };
    if !ctx.quiet {
        let shown = shown(config, Key::RestDays).unwrap_or_default();
        if changed {
            writeln!(
                out,
                "rest_days = {shown}, from today ({today}) on; the days before keep the pace they had"
            )?;
        } else {
            writeln!(out, "rest_days = {shown}")?;
        }
    }
    Ok(())
}

/// The rest days in effect today as the log records them (a change made on another machine
/// arrives with the log, not with `config.toml`); `None` when the log records no change.
fn logged_rest_days(ctx: &Context) -> anyhow::Result<Option<String>> {
    let off = ctx.days_off(&*ctx.progress()?);
    Ok(
        (!off.changes.is_empty()).then(|| match off.rest_days.as_slice() {
            [] => "none".to_string(),
            days => crate::rest::format_rest_days(days),
        }),
    )
}

/// The current plan, as `today` and `plans` see it: the plan started or switched to last,
/// else the one set here; `None` when neither chose one (the default applies).
fn current_plan(ctx: &Context) -> anyhow::Result<Option<String>> {
    let progress = ctx.progress()?;
    Ok(ctx
        .current_plan(&progress)
        .or_else(|| ctx.config.plan.clone()))
}

/// The value the file sets for `key`, as `config list` shows it; `None` for a default.
fn shown(config: &Config, key: Key) -> Option<String> {
    config.value(key).map(|value| value.to_string())
}
