//! A builder that runs the real `pymastery` binary in a throw-away home with a fixed clock.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use std::io::Write;

/// A throw-away home and the environment every run gets.
pub struct Pym {
    home: tempfile::TempDir,
    now: String,
    env: Vec<(String, std::ffi::OsString)>,
}

/// What a run printed and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// Machine-specific text (the temporary home, the device id) and the placeholder a
    /// snapshot shows instead, so that snapshots are the same on every machine.
    stable: Vec<(String, &'static str)>,
}

/// A run as a snapshot pins it, stdout, stderr and exit status together (jj's
/// `CommandOutput`): stdout, then stderr under `[stderr]`, then `[exit status: N]` unless 0.
impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let stable = |text: &str| {
            self.stable
                .iter()
                .fold(text.to_string(), |text, (from, to)| text.replace(from, to))
        };
        f.write_str(&stable(&self.stdout))?;
        if !self.stderr.is_empty() {
            f.write_str("[stderr]\n")?;
            f.write_str(&stable(&self.stderr))?;
        }
        if self.code != 0 {
            writeln!(f, "[exit status: {}]", self.code)?;
        }
        Ok(())
    }
}

impl Run {
    #[track_caller]
    pub fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn code(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "expected exit {code}\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.stdout))
    }
}

impl Pym {
    pub fn new() -> Pym {
        Pym {
            home: tempfile::tempdir().unwrap(),
            now: "2026-11-01T09:00:00Z".into(),
            env: Vec::new(),
        }
    }

    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// The log file this machine writes: the one `*.jsonl` in `log/`.
    #[track_caller]
    pub fn log_path(&self) -> PathBuf {
        self.log_path_if_any().expect("one log file in log/")
    }

    /// The one `*.jsonl` in `log/`, if there is exactly one.
    pub fn log_path_if_any(&self) -> Option<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.home().join("log"))
            .ok()?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        (files.len() == 1).then(|| files.pop()).flatten()
    }

    /// Sets the clock for the following runs: `D(3, "09:00")` is 2026-11-03 09:00 UTC.
    pub fn at(&mut self, day: u32, time: &str) -> &mut Pym {
        self.now = format!("2026-11-{day:02}T{time}:00Z");
        self
    }

    /// Sets an environment variable for the following runs (over the defaults, such as `TZ`).
    pub fn env(&mut self, name: &str, value: impl Into<std::ffi::OsString>) -> &mut Pym {
        self.env.retain(|(n, _)| n != name);
        self.env.push((name.to_string(), value.into()));
        self
    }

    /// Sets the clock to an RFC 3339 date-time.
    pub fn now(&mut self, now: &str) -> &mut Pym {
        self.now = now.to_string();
        self
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_pymastery"));
        command
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("PYMASTERY_HOME", self.home())
            .env("PYMASTERY_NOW", &self.now)
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .env("COLUMNS", "100")
            .envs(self.env.iter().map(|(n, v)| (n, v)));
        command
    }

    /// Writes `text` to a file in the home and imports it as plan `id`.
    pub fn import_text(&self, id: &str, text: &str) -> Run {
        let file = self.home().join(format!("{id}-source.md"));
        std::fs::write(&file, text).unwrap();
        self.run(&["import", file.to_str().unwrap(), "--id", id])
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, None)
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: Option<&str>) -> Run {
        let mut command = self.command(args);
        command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().unwrap();
        let mut pipe = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            pipe.write_all(text.as_bytes()).unwrap();
        }
        drop(pipe);
        self.stable(to_run(child.wait_with_output().unwrap()))
    }

    /// `run` with the home, the device id and the source tree (where the fixtures are)
    /// replaced by `[HOME]`, `[DEVICE-ID]` and `[REPO]` when shown.
    pub fn stable(&self, mut run: Run) -> Run {
        run.stable = vec![
            (self.home().to_string_lossy().into_owned(), "[HOME]"),
            (env!("CARGO_MANIFEST_DIR").to_string(), "[REPO]"),
        ];
        // The device id names this machine's log file: random, always 12 hex digits.
        if let Some(log) = self.log_path_if_any() {
            let id = log.file_stem().unwrap_or_default().to_string_lossy();
            run.stable.push((id.into_owned(), "[DEVICE-ID]"));
        }
        run
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut args = args.to_vec();
        args.push("--json");
        self.run(&args).ok().json()
    }

    /// Every file under the home with its content, to prove a command changed nothing.
    pub fn snapshot(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = Vec::new();
        collect(self.home(), &mut files);
        files.sort();
        files
    }
}

fn collect(dir: &Path, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        // Derived data (the checkpoint) that any command may refresh.
        if entry.file_name() == "cache" {
            continue;
        }
        if path.is_dir() {
            files.push((path.clone(), Vec::new()));
            collect(&path, files);
        } else {
            let bytes = std::fs::read(&path).unwrap();
            files.push((path, bytes));
        }
    }
}

pub fn to_run(output: Output) -> Run {
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        stable: Vec::new(),
    }
}

/// The plan entry with this id in `status --json`.
pub fn plan_status<'a>(status: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    status["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no plan {id} in {status}"))
}

/// The plans `plans --json` marks current (exactly one, when all agree).
pub fn current_plans(pym: &Pym) -> Vec<String> {
    pym.json(&["plans"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["current"] == true)
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

/// Runs the binary on a pseudo-terminal (`script`), so that `--note` opens the editor.
pub fn run_in_terminal(pym: &Pym, args: &[&str], editor: &str) -> Run {
    let template = pym.command(args);
    let mut line = format!("'{}'", env!("CARGO_BIN_EXE_pymastery"));
    for arg in args {
        line.push_str(&format!(" '{arg}'"));
    }
    let mut command = std::process::Command::new("script");
    command.args(["-qec", &line, "/dev/null"]).env_clear();
    for (key, value) in template.get_envs() {
        if let Some(value) = value {
            command.env(key, value);
        }
    }
    let output = command
        .env("EDITOR", editor)
        .stdin(Stdio::null())
        .output()
        .expect("`script` (util-linux) runs the binary on a terminal");
    pym.stable(to_run(output))
}

/// An editor: a shell script in its own directory.
pub fn editor(dir: &Path, name: &str, body: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    format!("sh {}", path.display())
}

/// The item numbers of `day` that `show --json` marks ticked.
pub fn ticked(pym: &Pym, day: &str) -> Vec<u64> {
    let shown = pym.json(&["show", day]);
    shown["day"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["checked"] == true)
        .map(|i| i["n"].as_u64().unwrap())
        .collect()
}

/// The practice date of every entry of `log --json`, in order.
pub fn log_dates(pym: &Pym) -> Vec<String> {
    pym.json(&["log"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap().to_string())
        .collect()
}

/// The commands `--help` lists under "Commands:", `help` left out.
pub fn commands_in_help(top: &str) -> Vec<String> {
    top.split("\nCommands:\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

/// A three-day plan of the user's own, imported as `mine` by the tests that need one.
pub const MY_PLAN: &str = "# Mine\n\n## Day 1: Ownership\n- [ ] Read chapter 4\n- [ ] Kata\n\n## Day 2: Traits\n- [ ] Read chapter 10\n\n## Day 3: Lifetimes\n- [ ] Read chapter 11\n";

/// A home with the plan `mine` imported, started, and its first day done.
pub fn home_with_mine() -> Pym {
    let pym = Pym::new();
    let file = pym.home().join("mine-source.md");
    std::fs::write(&file, MY_PLAN).unwrap();
    pym.run(&["import", file.to_str().unwrap(), "--id", "mine"])
        .ok();
    std::fs::remove_file(&file).unwrap();
    pym.run(&["start", "mine"]).ok();
    pym.run(&["done"]).ok();
    pym
}

/// Every progress log in the home (wherever the store keeps them), quarantine aside.
pub fn log_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(log_files(&path));
        } else if path.extension().is_some_and(|e| e == "jsonl")
            && !path.to_string_lossy().contains("quarantine")
        {
            found.push(path);
        }
    }
    found
}

/// Rewrites every log in the home with `edit`.
pub fn edit_logs(pym: &Pym, edit: impl Fn(&str) -> String) {
    let files = log_files(pym.home());
    assert!(!files.is_empty(), "no log in {}", pym.home().display());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, edit(&text)).unwrap();
    }
}

/// One error sentence (the terminal may wrap it), no hint, no warning.
#[track_caller]
pub fn assert_one_sentence(stderr: &str) {
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
    assert!(
        !stderr.contains("hint:") && !stderr.contains("warning:"),
        "{stderr}"
    );
}

/// A plan of the user's own in weeks and days, to import or validate.
pub const RUST_PLAN: &str = "# My Rust Plan\n\n## Week 1: Basics\n\n### Day 1: Ownership\n- [ ] Read chapter 4\n- [ ] Write a borrow checker kata\n\n### Day 2: Traits\n- [ ] Read chapter 10\n";

/// A plan whose headings are dates: each day's key and title are the same text.
pub const DATED_PLAN: &str =
    "# Dated plan\n\n## 2026-11-02\n- [ ] read chapter 1\n\n## 2026-11-03\n- [ ] read chapter 2\n";
