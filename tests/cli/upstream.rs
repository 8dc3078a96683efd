//! `import --git` and `plans update`: a plan that follows a git repository keeps its progress
//! through upstream edits, and an upstream that is gone changes nothing.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use crate::identity::days::SQL as V1;
use crate::support::Pym;
use crate::support::ticked;

/// The upstream's next commit: a day inserted as Day 3 (the rest renumbered), one added at the
/// end, an item reworded.
fn v2() -> String {
    V1.replace("## Day 4: Subqueries", "## Day 5: Subqueries")
        .replace(
            "## Day 3: Aggregation",
            "## Day 3: Set operations\n- [ ] union and intersect\n\n## Day 4: Aggregation",
        )
        .replace("- [ ] having\n", "- [ ] having, and when to use it\n")
        + "\n## Day 6: Window functions\n- [ ] row_number over a partition\n"
}

fn git(repo: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=Up", "-c", "user.email=up@example.org"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(repo)
        .output()
        .unwrap();
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

/// A repository holding `plan.md` with `text`, committed.
pub(crate) fn repository(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    std::fs::write(dir.path().join("plan.md"), text).unwrap();
    git(dir.path(), &["add", "plan.md"]);
    git(dir.path(), &["commit", "-q", "-m", "v1"]);
    dir
}

pub(crate) fn commit(repo: &Path, text: &str) {
    std::fs::write(repo.join("plan.md"), text).unwrap();
    git(repo, &["commit", "-q", "-am", "next"]);
}

/// What the home records: the log and the plans (the cache may be refreshed by any command).
fn recorded(pym: &Pym) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    pym.snapshot()
        .into_iter()
        .filter(|(p, _)| !p.to_string_lossy().contains(".lock"))
        .collect()
}

/// A home that imported plan.md of a V1 repository as `sql`, with what it said.
fn imported() -> (Pym, tempfile::TempDir, String) {
    let pym = Pym::new();
    let up = repository(V1);
    let url = up.path().to_str().unwrap().to_string();
    let imported = pym
        .run(&["import", "--git", &url, "--path", "plan.md", "--id", "sql"])
        .ok()
        .stdout;
    (pym, up, imported)
}

/// [`imported`], then three days practised and the repository moved on to [`v2`].
fn practised_and_updated_upstream() -> (Pym, tempfile::TempDir) {
    let (mut pym, up, _) = imported();
    pym.run(&["start", "sql"]).ok();
    pym.run(&["done", "d1"]).ok();
    pym.at(2, "09:00");
    pym.run(&["done", "d2"]).ok();
    pym.at(3, "09:00");
    pym.run(&["done", "d3", "--note", "group by first"]).ok();
    pym.run(&["check", "d3:1"]).ok();

    commit(up.path(), &v2());
    pym.at(4, "09:00");
    (pym, up)
}

#[test]
fn import_git_keeps_only_the_plan_and_where_it_came_from() {
    let (pym, up, imported) = imported();
    let url = up.path().to_str().unwrap();
    assert!(imported.contains("4 days"), "{imported}");
    assert!(
        imported.contains(&format!("from plan.md in {url} at commit ")),
        "{imported}"
    );
    // Nothing of the repository lands in the home but the plan and where it came from.
    let mut names: Vec<String> = std::fs::read_dir(pym.home().join("curricula"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["sql.md", "sql.upstream.json"]);

    let plans = pym.json(&["plans"]);
    let sql = plans
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "sql")
        .unwrap();
    assert_eq!(sql["upstream"]["url"], url);
    assert_eq!(sql["upstream"]["path"], "plan.md");
    assert_eq!(sql["upstream"]["commit"].as_str().unwrap().len(), 40);
    let interview = plans
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "interview")
        .unwrap();
    assert!(interview["upstream"].is_null());
    let table = pym.run(&["plans"]).ok().stdout;
    assert!(table.contains("git: follows a repository"), "{table}");
}

#[test]
fn plans_update_follows_the_upstream_and_keeps_progress() {
    let (pym, _up) = practised_and_updated_upstream();
    let updated = pym.run(&["plans", "update"]).ok().stdout;
    for said in [
        "'sql' updated to commit ",
        "  Aggregation: d3 → d4, progress kept\n",
        "  Subqueries: d4 → d5\n",
        "  reworded: d4 item 2: 'having' → 'having, and when to use it'\n",
        "  new: d3 Set operations\n",
        "  new: d6 Window functions\n",
    ] {
        assert!(updated.contains(said), "{said:?} in:\n{updated}");
    }
    let aggregation = pym.json(&["show", "d4"]);
    assert_eq!(aggregation["day"]["title"], "Aggregation");
    assert_eq!(aggregation["day"]["done"], true);
    assert_eq!(ticked(&pym, "d4"), [1]);
    let log = pym.run(&["log"]).ok().stdout;
    assert!(log.contains("d4 Aggregation — group by first"), "{log}");
    let today = pym.json(&["today"]);
    assert_eq!(today["day"]["key"], "d3");
    assert_eq!(today["progress"]["days_done"], 3);
    assert_eq!(today["progress"]["days_total"], 6);
}

#[test]
fn a_second_update_says_nothing_new_and_writes_nothing() {
    let (pym, up) = practised_and_updated_upstream();
    let url = up.path().to_str().unwrap();
    pym.run(&["plans", "update"]).ok();
    let before = recorded(&pym);
    let again = pym.run(&["plans", "update", "sql"]).ok().stdout;
    assert!(again.trim_end().ends_with("): nothing new."), "{again}");
    assert!(
        again.contains(&format!(
            "'sql' is up to date with plan.md in {url} (commit "
        )),
        "{again}"
    );
    assert_eq!(recorded(&pym), before, "a second update writes nothing");
}

#[test]
fn an_upstream_that_is_gone_leaves_the_plan_as_it_was() {
    let (pym, up) = practised_and_updated_upstream();
    pym.run(&["plans", "update"]).ok();
    let before = recorded(&pym);
    // Gone: nothing changes, one sentence, exit 1.
    let gone = up.path().with_extension("moved");
    std::fs::rename(up.path(), &gone).unwrap();
    let failed = pym.run(&["plans", "update"]).code(1);
    assert!(failed.stdout.is_empty(), "{}", failed.stdout);
    let said = failed
        .stderr
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(said.matches(". ").count(), 0, "one sentence: {said}");
    assert!(
        said.contains("does not appear to be a git repository"),
        "{said}"
    );
    assert!(
        failed
            .stderr
            .starts_with("error: 'sql' was left as it was: cannot fetch HEAD from "),
        "{}",
        failed.stderr
    );
    assert_eq!(recorded(&pym), before);
    assert_eq!(ticked(&pym, "d4"), [1]);
}

#[test]
fn an_update_in_json_and_a_ref() {
    let pym = Pym::new();
    let up = repository(V1);
    git(up.path(), &["tag", "v1"]);
    commit(up.path(), &v2());
    let url = up.path().to_str().unwrap();
    pym.run(&[
        "import",
        "--git",
        url,
        "--path",
        "./plan.md",
        "--ref",
        "v1",
        "--id",
        "sql",
    ])
    .ok();
    assert_eq!(
        pym.json(&["show", "sql"])["days"].as_array().unwrap().len(),
        4
    );
    // The tag is kept: updating follows it, not the branch.
    let update = pym.json(&["plans", "update"]);
    assert_eq!(update[0]["id"], "sql");
    assert_eq!(update[0]["updated"], false);
    // Imported again at the branch: the JSON says what changed.
    let json = pym.json(&[
        "import", "--git", url, "--path", "plan.md", "--id", "sql", "--force",
    ]);
    assert_eq!(json["changes"]["added"][0]["key"], "d3");
    assert_eq!(json["changes"]["moved"][0]["from"], "d3");
    assert_eq!(json["changes"]["moved"][0]["to"], "d4");
    assert_eq!(json["changes"]["reworded"][0]["n"], 2);
    assert!(json["upstream"].get("ref").is_none());
}

#[test]
fn what_an_upstream_may_not_be() {
    let pym = Pym::new();
    let up = repository(V1);
    let url = up.path().to_str().unwrap();
    #[track_caller]
    fn refused(pym: &Pym, args: &[&str], code: i32, says: &str) {
        let run = pym.run(args).code(code);
        assert!(run.stderr.contains(says), "{says:?} in {}", run.stderr);
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("plan.md", up.path().join("link.md")).unwrap();
        git(up.path(), &["add", "link.md"]);
        git(up.path(), &["commit", "-q", "-m", "a link"]);
        let link = ["import", "--git", url, "--path", "link.md"];
        refused(&pym, &link, 1, "is a symbolic link");
    }
    // A submodule at the path: a commit, not a file.
    let head = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(up.path())
        .output()
        .unwrap();
    let head = String::from_utf8(head.stdout).unwrap();
    let gitlink = format!("160000,{},sub.md", head.trim());
    git(
        up.path(),
        &["update-index", "--add", "--cacheinfo", &gitlink],
    );
    git(up.path(), &["commit", "-q", "-m", "a submodule"]);
    let submodule = ["import", "--git", url, "--path", "sub.md"];
    refused(&pym, &submodule, 1, "is a submodule");
    let missing = ["import", "--git", url, "--path", "nothere.md"];
    refused(&pym, &missing, 1, "has no file nothere.md");
    let http = [
        "import",
        "--git",
        "http://example.org/p.git",
        "--path",
        "p.md",
    ];
    refused(&pym, &http, 2, "the http transport");
    let outside = ["import", "--git", url, "--path", "../plan.md"];
    refused(&pym, &outside, 2, "inside the repository");
    refused(&pym, &["import", "--git", url], 2, "--path");
    assert!(!pym.home().join("curricula").exists());
    // A plan imported from a file has no upstream to update from.
    pym.import_text("mine", V1).ok();
    let mine = ["plans", "update", "mine"];
    refused(&pym, &mine, 2, "was not imported from a git repository");
}
