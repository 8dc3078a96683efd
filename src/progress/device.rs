//! The device id: which machine wrote an event, and the name of that machine's log file.
//!
//! Made once per machine and kept in `local/device.json`, which sync never carries. The file
//! records the machine it was made on (host name, `/etc/machine-id` when there is one, and the
//! canonical path of the home), so that a home copied to another machine or another folder (a
//! restored backup, a copied directory) notices that the id is not its own and makes a new one:
//! two machines must never append to the same file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The file holding the device id, inside the local folder.
pub(crate) const DEVICE_FILE: &str = "device.json";

/// The id and the machine it was made on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Record {
    id: String,
    #[serde(flatten)]
    machine: Machine,
}

/// What tells one machine (and one home on it) from another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Machine {
    host: String,
    #[serde(default)]
    machine_id: String,
    home: PathBuf,
}

impl Machine {
    fn current(home: &Path) -> Machine {
        let read = |path: &str| {
            fs::read_to_string(path)
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let mut host = read("/proc/sys/kernel/hostname");
        if host.is_empty() {
            host = read("/etc/hostname");
        }
        if host.is_empty() {
            host = std::env::var("COMPUTERNAME")
                .or_else(|_| std::env::var("HOSTNAME"))
                .unwrap_or_default();
        }
        let mut machine_id = read("/etc/machine-id");
        if machine_id.is_empty() {
            machine_id = read("/var/lib/dbus/machine-id");
        }
        Machine {
            host,
            machine_id,
            home: fs::canonicalize(home).unwrap_or_else(|_| home.to_path_buf()),
        }
    }
}

/// This machine's device id, and what to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Device {
    pub id: String,
    /// Set when the id is new because `device.json` was damaged: this machine's earlier events
    /// are in another log file, which is still read but which `undo` no longer takes back
    /// from. Said once, on stderr, by the command that made the id.
    pub warning: Option<String>,
}

/// This machine's device id for the home at `home`, if one was made here already; never
/// makes one (for readers).
pub(crate) fn recorded_id(home: &Path, local: &Path) -> Option<String> {
    match recorded(&local.join(DEVICE_FILE), &Machine::current(home)) {
        Found::Own(id) => Some(id),
        _ => None,
    }
}

/// This machine's device id for the home at `home`, whose local folder is `local`: the one
/// recorded there when it was made on this machine for this home, else a new one (recorded).
/// A record made on another machine or for another home is replaced silently (see the module
/// header); a damaged one is replaced with a warning.
///
/// Two processes making one at once agree: the id is read and made under an exclusive lock on
/// `local/device.lock`.
pub(crate) fn device_id(home: &Path, local: &Path) -> io::Result<Device> {
    let path = local.join(DEVICE_FILE);
    let machine = Machine::current(home);
    if let Found::Own(id) = recorded(&path, &machine) {
        return Ok(Device { id, warning: None });
    }
    crate::fs::create_private_dir(local)?;
    let lock = crate::fs::private_file_options()
        .write(true)
        .create(true)
        .truncate(false)
        .open(local.join("device.lock"))?;
    lock.lock()?;
    let damage = match recorded(&path, &machine) {
        Found::Own(id) => return Ok(Device { id, warning: None }),
        Found::Missing | Found::Foreign => None,
        Found::Damaged(what) => Some(what),
    };
    let record = Record {
        id: new_device_id(),
        machine,
    };
    let json = serde_json::to_vec_pretty(&record).map_err(io::Error::other)?;
    crate::fs::replace_file(&path, &json)?;
    let warning = damage.map(|what| {
        format!(
            "{} {what}; this machine now records to {}/{}.jsonl (what it recorded before is kept; `undo` takes back only what is recorded from now on)",
            path.display(),
            crate::progress::store::LOG_DIR,
            record.id
        )
    });
    Ok(Device {
        id: record.id,
        warning,
    })
}

/// What `device.json` holds.
enum Found {
    /// An id made on this machine for this home.
    Own(String),
    /// Nothing: no id was made yet.
    Missing,
    /// An id made on another machine or for another home (a copy).
    Foreign,
    /// Something that is not a record with a valid id, and what is wrong with it.
    Damaged(String),
}

/// What `path` holds, for `machine`.
fn recorded(path: &Path, machine: &Machine) -> Found {
    let text = match fs::read(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Found::Missing,
        Err(e) => return Found::Damaged(format!("could not be read ({e})")),
    };
    match serde_json::from_slice::<Record>(&text) {
        Ok(record) if record.machine != *machine => Found::Foreign,
        Ok(record) if is_valid_id(&record.id) => Found::Own(record.id),
        _ => Found::Damaged("was damaged".into()),
    }
}

/// Whether `id` can name a log file: 1 to 64 characters of `a-z`, `0-9` and `-`.
pub(crate) fn is_valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Twelve random hex digits (48 bits): unique among a person's machines, and always the same
/// length, so that messages naming a log file read (and wrap) alike on every machine. The host
/// name is in `device.json` beside it.
fn new_device_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    // RandomState is seeded from the OS once per process (then varied per instance).
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(micros);
    hasher.write_u32(std::process::id());
    format!("{:012x}", hasher.finish() & 0xffff_ffff_ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_made_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let local = dir.path().join("local");
        let first = device_id(dir.path(), &local).unwrap();
        assert!(
            is_valid_id(&first.id) && first.warning.is_none(),
            "{first:?}"
        );
        assert_eq!(device_id(dir.path(), &local).unwrap(), first);
    }

    #[test]
    fn a_copied_home_makes_a_new_id() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir_all(&a).unwrap();
        let first = device_id(&a, &a.join("local")).unwrap();
        // Copy the local folder to another home, as a backup restore or a copied folder does.
        fs::create_dir_all(b.join("local")).unwrap();
        fs::copy(
            a.join("local").join(DEVICE_FILE),
            b.join("local").join(DEVICE_FILE),
        )
        .unwrap();
        let second = device_id(&b, &b.join("local")).unwrap();
        assert_ne!(first.id, second.id);
        assert_eq!(second.warning, None, "a copy is not damage: no warning");
        assert_eq!(device_id(&b, &b.join("local")).unwrap(), second);
    }

    #[test]
    fn a_record_from_another_machine_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let local = dir.path().join("local");
        fs::create_dir_all(&local).unwrap();
        let mut machine = Machine::current(dir.path());
        machine.host = format!("{}-elsewhere", machine.host);
        let other = Record {
            id: "laptop-0000abcd".into(),
            machine,
        };
        fs::write(local.join(DEVICE_FILE), serde_json::to_vec(&other).unwrap()).unwrap();
        let made = device_id(dir.path(), &local).unwrap();
        assert_ne!(made.id, "laptop-0000abcd");
        assert_eq!(made.warning, None);
    }

    #[test]
    fn a_damaged_record_is_replaced_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let local = dir.path().join("local");
        fs::create_dir_all(&local).unwrap();
        let invalid_id = Record {
            id: "../elsewhere".into(),
            machine: Machine::current(dir.path()),
        };
        for damaged in [
            b"{\"id\": \"half".to_vec(),
            serde_json::to_vec(&invalid_id).unwrap(),
        ] {
            fs::write(local.join(DEVICE_FILE), damaged).unwrap();
            let made = device_id(dir.path(), &local).unwrap();
            let warning = made.warning.expect("a warning");
            assert!(warning.contains("device.json was damaged"), "{warning}");
            assert!(
                warning.contains(&format!("log/{}.jsonl", made.id)),
                "{warning}"
            );
            // Said once: the next command reads the new id.
            assert_eq!(device_id(dir.path(), &local).unwrap().warning, None);
        }
    }

    #[test]
    fn ids_are_file_names_of_one_length() {
        let id = new_device_id();
        assert!(is_valid_id(&id) && id.len() == 12, "{id}");
        assert_ne!(new_device_id(), id);
    }
}
