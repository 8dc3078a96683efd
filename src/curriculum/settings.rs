//! What is kept beside an imported plan's text (`curricula/<id>.toml`): how the user chose to
//! read it. Kept by rule, not by number (`h3 Day N`, `labels`), so that a plan edited or
//! updated later, with more or fewer readings, is still read the way its user chose. The file
//! travels with the plan when the home is synced.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::parse::Choice;

/// The settings of one imported plan; a plan with none has no file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlanSettings {
    /// The rule of the reading the user chose (`import --reading N`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
}

/// Where the settings of plan `id` are kept.
pub(crate) fn path(plans_dir: &Path, id: &str) -> PathBuf {
    plans_dir.join(format!("{id}.toml"))
}

impl PlanSettings {
    /// The reading to parse the plan with: `rank` when the user names one now, else the kept
    /// rule, else the best.
    pub(crate) fn choice(&self, rank: Option<usize>) -> Choice {
        match (rank, &self.reading) {
            (Some(n), _) => Choice::Rank(n),
            (None, Some(rule)) => Choice::Rule(rule.clone()),
            (None, None) => Choice::Best,
        }
    }

    /// Reads the settings of plan `id`: none when the file is absent; a damaged file is an
    /// error that names it.
    pub(crate) fn load(plans_dir: &Path, id: &str) -> anyhow::Result<PlanSettings> {
        let file = path(plans_dir, id);
        let text = match fs::read_to_string(&file) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => anyhow::bail!("cannot read {}: {e}", file.display()),
        };
        toml::from_str(&text).map_err(|e| {
            let line = e.span().map_or(0, |s| {
                text.get(..s.start).unwrap_or("").lines().count().max(1)
            });
            anyhow::anyhow!(
                "{}:{line}: {}; fix or delete it (the plan is then read the default way)",
                file.display(),
                e.message()
            )
        })
    }

    /// Writes the settings of plan `id`, or removes the file when there are none.
    pub(crate) fn save(&self, plans_dir: &Path, id: &str) -> anyhow::Result<()> {
        let file = path(plans_dir, id);
        if *self == Self::default() {
            return match fs::remove_file(&file) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    anyhow::bail!("cannot remove {}: {e}", file.display())
                }
                _ => Ok(()),
            };
        }
        let text = toml::to_string(self)?;
        crate::fs::write_atomically(&file, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_vanish_when_empty() {
        let dir = tempfile::tempdir().expect("dir");
        let kept = PlanSettings {
            reading: Some("h3 Lesson N".into()),
        };
        kept.save(dir.path(), "p").expect("save");
        assert_eq!(PlanSettings::load(dir.path(), "p").expect("load"), kept);
        PlanSettings::default().save(dir.path(), "p").expect("save");
        assert!(!path(dir.path(), "p").exists());
        fs::write(path(dir.path(), "p"), "reading = [").expect("write");
        let err = PlanSettings::load(dir.path(), "p").expect_err("damaged");
        assert!(err.to_string().contains("p.toml:1"), "{err}");
    }
}
