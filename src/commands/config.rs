//! `config`: reads and changes `config.toml`, refusing unknown keys and bad values.

use std::io::Write;

use anyhow::Context as _;
use serde_json::json;

use super::Context;
use crate::cli::{ConfigAction, ConfigArgs};
use crate::clock::parse_time_of_day;
use crate::error::bad_input;
use crate::home::{CONFIG_KEYS, Config};
use crate::render::write_json;

pub fn run(ctx: &Context, args: &ConfigArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    match args.action.as_ref().unwrap_or(&ConfigAction::List) {
        ConfigAction::List => {
            let current = current_plan(ctx)?;
            let rest = logged_rest_days(ctx)?;
            let shown = |key: &str| match key {
                "plan" => current.clone(),
                "rest_days" if rest.is_some() => rest.clone(),
                _ => value_of(&ctx.config, key),
            };
            if ctx.json {
                let value: serde_json::Map<String, serde_json::Value> = CONFIG_KEYS
                    .iter()
                    .map(|(key, _, _)| (key.to_string(), json!(shown(key))))
                    .collect();
                return write_json(out, &serde_json::Value::Object(value));
            }
            for (key, default, _) in CONFIG_KEYS {
                match shown(key) {
                    Some(value) => writeln!(out, "{key} = {value}")?,
                    None => writeln!(out, "{key} = {default} (default)")?,
                }
            }
            Ok(())
        }
        ConfigAction::Get { key } => {
            let (_, default, _) = find_key(key)?;
            let value = match key.as_str() {
                "plan" => current_plan(ctx)?,
                "rest_days" => logged_rest_days(ctx)?.or_else(|| value_of(&ctx.config, key)),
                _ => value_of(&ctx.config, key),
            };
            writeln!(out, "{}", value.unwrap_or_else(|| default.to_string()))?;
            Ok(())
        }
        ConfigAction::Set { key, value } => {
            let (_, _, allowed) = find_key(key)?;
            let value = checked_value(ctx, key, value.trim(), allowed)?;
            let plan = value.as_str().map(str::to_string);
            let config = set(ctx, key, value)?;
            if key == "rest_days" {
                return record_rest_days(ctx, &config, out);
            }
            if let (true, Some(plan)) = (key == "plan", plan) {
                // The current plan is one notion: setting it does what `start PLAN` does, so
                // that `today`, `plans` and `config` agree.
                let args = crate::cli::StartArgs {
                    plan,
                    at: None,
                    date: None,
                    fresh: false,
                };
                return super::start::run(ctx, &args, out);
            }
            if !ctx.quiet {
                writeln!(
                    out,
                    "{key} = {}",
                    value_of(&config, key).unwrap_or_default()
                )?;
            }
            Ok(())
        }
    }
}

/// The value as it will be stored, or bad input naming what `key` takes.
fn checked_value(
    ctx: &Context,
    key: &str,
    value: &str,
    allowed: &str,
) -> anyhow::Result<toml::Value> {
    let text = match key {
        "plan" => {
            if !ctx.catalog.contains(value) {
                return Err(bad_input(format!(
                    "no plan '{value}'; the plans are {}",
                    ctx.catalog.ids().join(", ")
                )));
            }
            value.to_lowercase()
        }
        "day_starts_at" => parse_time_of_day(value)
            .map(|time| time.format("%H:%M").to_string())
            .ok_or_else(|| bad_input(format!("day_starts_at '{value}' is not {allowed}")))?,
        "rest_days" => {
            let days = crate::rest::parse_rest_days(value).map_err(|why| {
                bad_input(format!("rest_days '{value}': {why}; it takes {allowed}"))
            })?;
            if days.is_empty() {
                "none".to_string()
            } else {
                crate::rest::format_rest_days(&days)
            }
        }
        "review_cap" => {
            let cap = value
                .parse::<u32>()
                .ok()
                .filter(|c| *c <= crate::home::MAX_REVIEW_CAP)
                .ok_or_else(|| bad_input(format!("review_cap '{value}' is not {allowed}")))?;
            return Ok(toml::Value::Integer(i64::from(cap)));
        }
        _ if value.is_empty() => {
            return Err(bad_input(format!(
                "{key} cannot be empty; it takes {allowed}"
            )));
        }
        _ => value.to_string(),
    };
    Ok(toml::Value::String(text))
}

/// Sets one key under the config lock: reads the file as it is now (so a change made
/// meanwhile by another process is kept), replaces the key, checks the whole result, and
/// replaces the file atomically. A damaged value of this key is what it repairs; a file that
/// is not TOML at all keeps only the lines that do not set this key.
fn set(ctx: &Context, key: &str, value: toml::Value) -> anyhow::Result<Config> {
    let _lock = ctx.home.lock("config")?;
    let path = ctx.home.config_path();
    let text = crate::home::read_config_text(&path)?.unwrap_or_default();
    let mut table = match crate::home::parse_table(&path, &text) {
        Ok(table) => table,
        Err(err) => {
            let others: String = text
                .lines()
                .filter(|line| line.split('=').next().map(str::trim) != Some(key))
                .map(|line| format!("{line}\n"))
                .collect();
            others.parse::<toml::Table>().map_err(|_| err)?
        }
    };
    table.insert(key.to_string(), value);
    let config = Config::parse(&path, &text, &table)?;
    let text = toml::to_string(&config).context("cannot encode the configuration")?;
    crate::fs::write_atomically(&path, text.as_bytes())?;
    Ok(config)
}

/// Records a change of rest days in the log, dated today, so that it holds from today on and
/// travels with the log (see `crate::rest`); the days before keep the pace they had.
fn record_rest_days(ctx: &Context, config: &Config, out: &mut dyn Write) -> anyhow::Result<()> {
    let days = crate::rest::format_rest_days(&config.rest_days());
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
        let shown = value_of(config, "rest_days").unwrap_or_default();
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

fn find_key(key: &str) -> anyhow::Result<(&'static str, &'static str, &'static str)> {
    CONFIG_KEYS
        .iter()
        .copied()
        .find(|(k, _, _)| *k == key)
        .ok_or_else(|| {
            crate::error::CommandError::bad_input(format!("no config key '{key}'"))
                .hinted(format!(
                    "the keys are {}",
                    CONFIG_KEYS.map(|(k, _, _)| k).join(", ")
                ))
                .into()
        })
}

fn value_of(config: &Config, key: &str) -> Option<String> {
    match key {
        "plan" => config.plan.clone(),
        "day_starts_at" => config.day_starts_at.clone(),
        "editor" => config.editor.clone(),
        "rest_days" => config.rest_days.clone(),
        "review_cap" => config.review_cap.map(|c| c.to_string()),
        _ => None,
    }
}
