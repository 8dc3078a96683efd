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
            if ctx.json {
                let value: serde_json::Map<String, serde_json::Value> = CONFIG_KEYS
                    .iter()
                    .map(|(key, _, _)| {
                        let value = match key {
                            &"plan" => current.clone(),
                            _ => value_of(&ctx.config, key),
                        };
                        (key.to_string(), json!(value))
                    })
                    .collect();
                return write_json(out, &serde_json::Value::Object(value));
            }
            for (key, default, _) in CONFIG_KEYS {
                let value = match key {
                    "plan" => current.clone(),
                    _ => value_of(&ctx.config, key),
                };
                match value {
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
                _ => value_of(&ctx.config, key),
            };
            writeln!(out, "{}", value.unwrap_or_else(|| default.to_string()))?;
            Ok(())
        }
        ConfigAction::Set { key, value } => {
            let (_, _, allowed) = find_key(key)?;
            let mut config = ctx.config.clone();
            let value = value.trim().to_string();
            match key.as_str() {
                "plan" => {
                    if !ctx.catalog.contains(&value) {
                        return Err(bad_input(format!(
                            "no plan '{value}'; the plans are {}",
                            ctx.catalog.ids().join(", ")
                        )));
                    }
                    config.plan = Some(value.to_lowercase());
                }
                "day_starts_at" => {
                    let time = parse_time_of_day(&value).ok_or_else(|| {
                        bad_input(format!("day_starts_at '{value}' is not {allowed}"))
                    })?;
                    config.day_starts_at = Some(time.format("%H:%M").to_string());
                }
                "rest_days" => {
                    let days = crate::rest::parse_rest_days(&value).map_err(|why| {
                        bad_input(format!("rest_days '{value}': {why}; it takes {allowed}"))
                    })?;
                    config.rest_days = Some(if days.is_empty() {
                        "none".to_string()
                    } else {
                        crate::rest::format_rest_days(&days)
                    });
                }
                "review_cap" => {
                    let cap = value
                        .parse::<u32>()
                        .ok()
                        .filter(|c| *c <= crate::home::MAX_REVIEW_CAP)
                        .ok_or_else(|| {
                            bad_input(format!("review_cap '{value}' is not {allowed}"))
                        })?;
                    config.review_cap = Some(cap);
                }
                _ => {
                    if value.is_empty() {
                        return Err(bad_input(format!(
                            "{key} cannot be empty; it takes {allowed}"
                        )));
                    }
                    config.editor = Some(value.clone());
                }
            }
            save(ctx, &config)?;
            if key == "plan" {
                // The current plan is one notion: setting it does what `start PLAN` does, so
                // that `today`, `plans` and `config` agree.
                let args = crate::cli::StartArgs {
                    plan: value.to_lowercase(),
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

/// The current plan, as `today` and `plans` see it: the plan started or switched to last,
/// else the one set here; `None` when neither chose one (the default applies).
fn current_plan(ctx: &Context) -> anyhow::Result<Option<String>> {
    let progress = ctx.progress()?;
    Ok(progress
        .current_plan
        .clone()
        .or_else(|| ctx.config.plan.clone()))
}

fn find_key(key: &str) -> anyhow::Result<(&'static str, &'static str, &'static str)> {
    CONFIG_KEYS
        .iter()
        .copied()
        .find(|(k, _, _)| *k == key)
        .ok_or_else(|| {
            bad_input(format!(
                "no config key '{key}'; the keys are {}",
                CONFIG_KEYS.map(|(k, _, _)| k).join(", ")
            ))
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

/// Writes the whole file anew through a temporary file and a rename, so it is never half written.
fn save(ctx: &Context, config: &Config) -> anyhow::Result<()> {
    ctx.home.ensure_dir(None)?;
    let path = ctx.home.config_path();
    let text = toml::to_string(config).context("cannot encode the configuration")?;
    crate::home::write_atomically(&path, text.as_bytes())
}
