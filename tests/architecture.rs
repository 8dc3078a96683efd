//! The layering the README draws, checked on the source: which file imports which, read from
//! the `crate::` and `super::` paths of every file under `src/` (tests left out).
//!
//! - no import circle between files, nor between the top-level modules (the text helpers
//!   `render::text` and `render::width` counted on their own, as the leaves they are);
//! - no command imports another (what two share lives in a module that is no command, or in
//!   the layers below);
//! - nothing below the commands imports them or the command line;
//! - `fs` is a leaf.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module: its path from the crate root (`["progress", "store"]`).
type Module = Vec<String>;

/// Modules under `commands` that are no command: shared by the commands.
const SHARED_BY_COMMANDS: [&str; 3] = ["journal", "reflection", "install"];

struct Source {
    modules: BTreeMap<Module, String>,
}

impl Source {
    fn read() -> Source {
        let mut modules = BTreeMap::new();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut dirs = vec![root.clone()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let relative = path.strip_prefix(&root).unwrap().with_extension("");
                    let mut module: Module = relative
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect();
                    if matches!(
                        module.last().map(String::as_str),
                        Some("mod" | "lib" | "main")
                    ) {
                        module.pop();
                    }
                    let text = std::fs::read_to_string(&path).unwrap();
                    modules.insert(module, without_tests_and_comments(&text));
                }
            }
        }
        Source { modules }
    }

    /// The module a path names: its longest prefix that is a file, following a
    /// `pub use child::Item` of that file to the child.
    fn resolve(&self, path: &[String]) -> Option<Module> {
        for n in (0..=path.len()).rev() {
            let module = &path[..n];
            let Some(text) = self.modules.get(module) else {
                continue;
            };
            if let Some(item) = path.get(n)
                && let Some(child) = reexported_from(text, item)
            {
                let mut inner = module.to_vec();
                inner.extend(child);
                inner.extend(path[n..].iter().cloned());
                return self.resolve(&inner).or_else(|| Some(module.to_vec()));
            }
            return Some(module.to_vec());
        }
        None
    }

    /// Which modules each module imports.
    fn imports(&self) -> BTreeMap<Module, BTreeSet<Module>> {
        let mut graph = BTreeMap::new();
        for (module, text) in &self.modules {
            let mut targets = BTreeSet::new();
            for path in paths_in(text, module) {
                if let Some(target) = self.resolve(&path)
                    && &target != module
                    && !target.is_empty()
                {
                    targets.insert(target);
                }
            }
            graph.insert(module.clone(), targets);
        }
        graph
    }
}

/// The text before `#[cfg(test)] mod tests`, with line comments removed.
fn without_tests_and_comments(text: &str) -> String {
    let code = text
        .find("#[cfg(test)]\nmod tests")
        .map_or(text, |at| &text[..at]);
    code.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The child module a file re-exports `item` from (`pub use state::{Progress, ..}`).
fn reexported_from(text: &str, item: &str) -> Option<Vec<String>> {
    for statement in text.split(';') {
        let trimmed = statement.trim();
        let Some(rest) = trimmed
            .strip_prefix("pub use ")
            .or_else(|| trimmed.strip_prefix("pub(crate) use "))
        else {
            continue;
        };
        let rest = rest.strip_prefix("self::").unwrap_or(rest);
        if rest.starts_with("crate::") || rest.starts_with("super::") {
            continue;
        }
        let (head, items) = match rest.find("::{") {
            Some(at) => (&rest[..at], &rest[at + 3..]),
            None => match rest.rfind("::") {
                Some(at) => (&rest[..at], &rest[at + 2..]),
                None => continue,
            },
        };
        let named = items
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|word| word == item);
        if named {
            return Some(head.split("::").map(str::to_string).collect());
        }
    }
    None
}

/// Every `crate::a::b` and `super::c` path in `text` (a group `crate::a::{b, c::d}` gives one
/// path per member), as paths from the crate root.
fn paths_in(text: &str, module: &Module) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let starts = rest.starts_with("crate::") || rest.starts_with("super::");
        let after_word = at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
        if !starts || after_word {
            at += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let mut base: Vec<String> = Vec::new();
        let mut cursor = rest;
        if cursor.starts_with("super::") {
            base = module.clone();
            while let Some(next) = cursor.strip_prefix("super::") {
                base.pop();
                cursor = next;
            }
        } else {
            cursor = &cursor["crate::".len()..];
        }
        let (words, tail) = segments(cursor);
        let mut prefix = base;
        prefix.extend(words);
        if let Some(group) = tail.strip_prefix("::{").or_else(|| tail.strip_prefix('{')) {
            for member in top_level_members(group) {
                let (inner, _) = segments(member.trim());
                let mut path = prefix.clone();
                path.extend(inner.into_iter().filter(|s| s != "self"));
                paths.push(path);
            }
        } else {
            paths.push(prefix);
        }
        at = text.len() - tail.len();
    }
    paths
}

/// The `::`-separated words at the start of `text`, and what follows them.
fn segments(mut text: &str) -> (Vec<String>, &str) {
    let mut words = Vec::new();
    loop {
        let end = text
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(text.len());
        if end == 0 {
            return (words, text);
        }
        words.push(text[..end].to_string());
        text = &text[end..];
        match text.strip_prefix("::") {
            Some(next) if !next.starts_with('{') => text = next,
            _ => return (words, text),
        }
    }
}

/// The members of a `{a, b::{c, d}}` group (`group` starts after its brace).
fn top_level_members(group: &str) -> Vec<&str> {
    let mut members = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                members.push(&group[start..i]);
                return members;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                members.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    members
}

fn name(module: &Module) -> String {
    module.join("::")
}

/// A circle of imports, if there is one: the modules around it.
fn circle(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Option<Vec<Module>> {
    // Depth-first, colouring: 1 on the path, 2 done.
    fn visit(
        module: &Module,
        graph: &BTreeMap<Module, BTreeSet<Module>>,
        colour: &mut BTreeMap<Module, u8>,
        path: &mut Vec<Module>,
    ) -> Option<Vec<Module>> {
        colour.insert(module.clone(), 1);
        path.push(module.clone());
        for next in graph.get(module).into_iter().flatten() {
            match colour.get(next) {
                Some(1) => {
                    let from = path.iter().position(|m| m == next).unwrap();
                    return Some(path[from..].to_vec());
                }
                Some(_) => {}
                None => {
                    if let Some(found) = visit(next, graph, colour, path) {
                        return Some(found);
                    }
                }
            }
        }
        path.pop();
        colour.insert(module.clone(), 2);
        None
    }
    let mut colour = BTreeMap::new();
    for module in graph.keys() {
        if !colour.contains_key(module)
            && let Some(found) = visit(module, graph, &mut colour, &mut Vec::new())
        {
            return Some(found);
        }
    }
    None
}

/// The command a module belongs to, if it is (part of) a command.
fn command_of(module: &Module) -> Option<&str> {
    match module.as_slice() {
        [top, command, ..]
            if top == "commands" && !SHARED_BY_COMMANDS.contains(&command.as_str()) =>
        {
            Some(command)
        }
        _ => None,
    }
}

#[test]
fn the_source_is_read_as_modules_and_their_imports() {
    let graph = Source::read().imports();
    // The reader finds what it must, or the rules below would pass by finding nothing.
    let has = |from: &str, to: &str| {
        graph
            .iter()
            .any(|(m, targets)| name(m) == from && targets.iter().any(|t| name(t) == to))
    };
    assert!(graph.len() > 100, "{} modules", graph.len());
    assert!(has("commands::today", "decide::today"));
    assert!(has("commands::status", "decide::status"));
    // Through a re-export: `crate::progress::Progress` is `progress::state`'s.
    assert!(has("decide::today", "progress::state"));
    // A `super::` path.
    assert!(has("progress::store", "progress::folded"));
}

#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    let graph = Source::read().imports();
    if let Some(found) = circle(&graph) {
        let names: Vec<String> = found.iter().map(name).collect();
        panic!("an import circle: {} -> {}", names.join(" -> "), names[0]);
    }
}

/// The top-level module a module belongs to, with the leaf text helpers of `render` apart.
fn layer_of(module: &Module) -> Module {
    match module.as_slice() {
        [render, helper, ..] if render == "render" && (helper == "text" || helper == "width") => {
            module[..2].to_vec()
        }
        _ => module[..1].to_vec(),
    }
}

#[test]
fn no_top_level_module_imports_one_that_imports_it_back() {
    let mut layers: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (module, targets) in Source::read().imports() {
        if module.is_empty() {
            continue;
        }
        let layer = layer_of(&module);
        let into = layers.entry(layer.clone()).or_default();
        into.extend(targets.iter().map(layer_of).filter(|t| *t != layer));
    }
    assert!(layers.contains_key(&vec!["progress".to_string()]));
    if let Some(found) = circle(&layers) {
        let names: Vec<String> = found.iter().map(name).collect();
        panic!(
            "a circle of modules: {} -> {}",
            names.join(" -> "),
            names[0]
        );
    }
}

#[test]
fn no_command_imports_another() {
    let graph = Source::read().imports();
    let mut found = Vec::new();
    for (module, targets) in &graph {
        let Some(command) = command_of(module) else {
            continue;
        };
        for target in targets {
            if command_of(target).is_some_and(|other| other != command) {
                found.push(format!("{} -> {}", name(module), name(target)));
            }
        }
    }
    assert!(found.is_empty(), "commands importing commands: {found:#?}");
}

#[test]
fn the_layers_below_never_import_the_commands_and_fs_is_a_leaf() {
    let graph = Source::read().imports();
    let mut found = Vec::new();
    for (module, targets) in &graph {
        let Some(top) = module.first() else {
            continue;
        };
        for target in targets {
            let upward = !matches!(top.as_str(), "commands" | "cli" | "main")
                && matches!(target[0].as_str(), "commands" | "cli");
            if upward || top == "fs" {
                found.push(format!("{} -> {}", name(module), name(target)));
            }
        }
    }
    assert!(found.is_empty(), "imports against the layers: {found:#?}");
}
