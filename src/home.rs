//! Where files live: the home directory and the paths inside it.
//!
//! The home is `--home`, else `$PYMASTERY_HOME`, else the platform data directory. It is created
//! on the first write with mode 0700; read-only commands never create it.

use std::fs;
use std::path::{Path, PathBuf};

use crate::fs::{create_private_dir, private_file_options};
use crate::progress::Store;
use anyhow::Context as _;

pub(crate) use crate::fs::layout::{CACHE_DIR, CONFIG_FILE, LOCAL_DIR, PLANS_DIR, QUARANTINE_DIR};
pub(crate) use crate::progress::store::{LEGACY_LOG_FILE, LOG_DIR};

/// The directory holding everything the tool writes.
#[derive(Debug, Clone)]
pub(crate) struct Home {
    dir: PathBuf,
}

impl Home {
    /// Resolves the home: the flag, else the environment variable, else the platform default.
    pub(crate) fn resolve(flag: Option<PathBuf>, env: Option<PathBuf>) -> anyhow::Result<Home> {
        if let Some(dir) = flag.or(env).filter(|d| !d.as_os_str().is_empty()) {
            if dir.exists() && !dir.is_dir() {
                return Err(crate::error::bad_input(format!(
                    "the home {} is a file, not a directory; point --home or PYMASTERY_HOME at a directory",
                    dir.display()
                )));
            }
            return Ok(Home { dir });
        }
        let dirs = directories::ProjectDirs::from("", "", "pymastery").context(
            "cannot find a home directory for pymastery; set PYMASTERY_HOME or pass --home",
        )?;
        // A $HOME that does not exist (a service account, a typo) would be created, parents
        // and all, by the first write.
        if let Some(base) = directories::BaseDirs::new()
            && !base.home_dir().is_dir()
            && dirs.data_dir().starts_with(base.home_dir())
        {
            return Err(crate::error::bad_input(format!(
                "the home directory {} does not exist, so pymastery has nowhere to keep its files; set PYMASTERY_HOME or pass --home",
                base.home_dir().display()
            )));
        }
        Ok(Home {
            dir: dirs.data_dir().to_path_buf(),
        })
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The progress logs: `log/<device>.jsonl`, one per machine.
    pub(crate) fn store(&self) -> Store {
        Store::new(&self.dir)
    }

    /// `log/`, the folder of per-machine log files.
    pub(crate) fn log_dir(&self) -> PathBuf {
        self.dir.join(LOG_DIR)
    }

    /// Whether anything was ever recorded or imported here: derived data (`cache/`) is written
    /// only into such a home, so that read-only commands leave a new or empty home untouched.
    pub(crate) fn holds_records(&self) -> bool {
        self.log_dir().is_dir()
            || self.plans_dir().is_dir()
            || self.dir.join(LEGACY_LOG_FILE).exists()
    }

    /// `local/`, per-machine state that sync never carries.
    pub(crate) fn local_dir(&self) -> PathBuf {
        self.dir.join(LOCAL_DIR)
    }

    /// `cache/`, derived data that may be deleted at any time.
    pub(crate) fn cache_dir(&self) -> PathBuf {
        self.dir.join(CACHE_DIR)
    }

    pub(crate) fn config_path(&self) -> PathBuf {
        self.dir.join(CONFIG_FILE)
    }

    pub(crate) fn plans_dir(&self) -> PathBuf {
        self.dir.join(PLANS_DIR)
    }

    /// Takes the lock `NAME.lock` in the home (creating the home), held until the file is
    /// dropped: writers of `config.toml` and `curricula/` read, decide and write under it, so
    /// that two at once cannot lose each other's change.
    pub(crate) fn lock(&self, name: &str) -> anyhow::Result<fs::File> {
        self.ensure_dir(None)?;
        let path = self.dir.join(format!("{name}.lock"));
        let file = private_file_options()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        file.lock()
            .with_context(|| format!("cannot lock {}", path.display()))?;
        Ok(file)
    }

    /// Refuses a write by root in a home that belongs to another user (the home, or the
    /// nearest folder above it that exists): files root creates there (mode 0600) would lock
    /// that user out of their own notes.
    #[cfg(unix)]
    pub(crate) fn check_owner(&self) -> anyhow::Result<()> {
        use std::os::unix::fs::MetadataExt;
        if !rustix::process::geteuid().is_root() {
            return Ok(());
        }
        let owner = self
            .dir
            .ancestors()
            .map(|d| {
                if d.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    d
                }
            })
            .find_map(|d| fs::metadata(d).ok().map(|m| (d.to_path_buf(), m.uid())));
        match owner {
            Some((dir, uid)) if uid != 0 => anyhow::bail!(
                "refusing to write as root in {}, which belongs to user {uid}: files made there would be root's and lock that user out, so run pymastery as that user",
                dir.display()
            ),
            _ => Ok(()),
        }
    }

    /// Refuses a write by root in another user's home (Unix only).
    #[cfg(not(unix))]
    pub fn check_owner(&self) -> anyhow::Result<()> {
        Ok(())
    }

    /// Creates the home (and `sub`, if given) with mode 0700 before a write.
    pub(crate) fn ensure_dir(&self, sub: Option<&str>) -> anyhow::Result<PathBuf> {
        self.check_owner()?;
        let path = match sub {
            Some(sub) => self.dir.join(sub),
            None => self.dir.clone(),
        };
        create_private_dir(&path).with_context(|| format!("cannot create {}", path.display()))?;
        Ok(path)
    }
}
