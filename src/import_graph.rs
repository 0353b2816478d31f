//! The module import graph, checked: no cycle between files or between folders, and every
//! import between top-level modules goes down the layers listed in the crate docs
//! (`src/lib.rs`). Edges are read from the source: `use crate::…`, `use super::…`, `use self::…`,
//! a child module's `use child::…`, `dcfoot::…` in the binary, and `crate::…` / `super::…` paths
//! written inline. Comments and string literals are skipped; inside a file's `mod tests { … }`
//! block `super` is the file itself.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module: which crate (the binary or the library) and its path in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Module {
    binary: bool,
    path: Vec<String>,
}

impl Module {
    fn name(&self) -> String {
        match (self.binary, self.path.is_empty()) {
            (true, true) => "main".into(),
            (false, true) => "lib".into(),
            _ => self.path.join("::"),
        }
    }

    /// The module path cut to `depth` segments (its folder at that depth).
    fn at_depth(&self, depth: usize) -> Module {
        Module {
            binary: self.binary,
            path: self.path.iter().take(depth).cloned().collect(),
        }
    }

    /// Its top-level module's name (`main` and `lib` for the crate roots).
    fn top(&self) -> String {
        self.at_depth(1).name()
    }
}

/// Every `.rs` file under `src/`, by module.
fn modules(src: &Path) -> BTreeMap<Module, String> {
    let mut found = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|ext| ext != "rs") {
                continue;
            }
            let relative = path.strip_prefix(src).expect("under src/");
            let mut segments: Vec<String> = relative
                .with_extension("")
                .iter()
                .map(|part| part.to_string_lossy().into_owned())
                .collect();
            if segments.last().is_some_and(|last| last == "mod") {
                segments.pop();
            }
            let binary = segments
                .first()
                .is_some_and(|first| first == "main" || first == "cli");
            if segments == ["lib"] || segments == ["main"] {
                segments.clear();
            }
            let text = std::fs::read_to_string(&path).expect("a readable source file");
            found.insert(
                Module {
                    binary,
                    path: segments,
                },
                text,
            );
        }
    }
    found
}

/// The code of a file with comments removed and string and character literals emptied.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut index = 0;
    while index < chars.len() {
        let rest = &chars[index..];
        match rest {
            ['/', '/', ..] => {
                while index < chars.len() && chars[index] != '\n' {
                    index += 1;
                }
            }
            ['/', '*', ..] => {
                let mut depth = 0;
                while index < chars.len() {
                    match &chars[index..] {
                        ['/', '*', ..] => {
                            depth += 1;
                            index += 2;
                        }
                        ['*', '/', ..] => {
                            depth -= 1;
                            index += 2;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => index += 1,
                    }
                }
            }
            ['r', '#' | '"', ..]
                if index == 0
                    || !(chars[index - 1].is_alphanumeric() || chars[index - 1] == '_') =>
            {
                let hashes = rest[1..].iter().take_while(|c| **c == '#').count();
                if rest.get(1 + hashes) != Some(&'"') {
                    out.push('r');
                    index += 1;
                    continue;
                }
                index += 2 + hashes;
                while index < chars.len() {
                    if chars[index] == '"'
                        && chars[index + 1..]
                            .iter()
                            .take(hashes)
                            .filter(|c| **c == '#')
                            .count()
                            == hashes
                    {
                        index += 1 + hashes;
                        break;
                    }
                    index += 1;
                }
                out.push_str("\"\"");
            }
            ['"', ..] => {
                index += 1;
                while index < chars.len() && chars[index] != '"' {
                    index += if chars[index] == '\\' { 2 } else { 1 };
                }
                index += 1;
                out.push_str("\"\"");
            }
            ['\'', '\\', ..] => {
                index += 2;
                while index < chars.len() && chars[index] != '\'' {
                    index += 1;
                }
                index += 1;
                out.push_str("' '");
            }
            ['\'', _, '\'', ..] => {
                index += 3;
                out.push_str("' '");
            }
            [c, ..] => {
                out.push(*c);
                index += 1;
            }
            [] => break,
        }
    }
    out
}

/// The paths a `use` tree names: `a::{b, c::{d, self}}` gives `a::b`, `a::c::d`, `a::c::self`.
fn expand_use(prefix: &[String], tree: &str) -> Vec<Vec<String>> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let mut path = prefix.to_vec();
        let tree = tree.split(" as ").next().unwrap_or(tree);
        path.extend(
            tree.split("::")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from),
        );
        return vec![path];
    };
    let mut head = prefix.to_vec();
    head.extend(
        tree[..open]
            .split("::")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from),
    );
    let body = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (at, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&body[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(&body[start..]);
    parts
        .into_iter()
        .filter(|part| !part.trim().is_empty())
        .flat_map(|part| expand_use(&head, part))
        .collect()
}

/// `crate::a::b`-style paths written inline (outside `use`), starting with `root`.
fn inline_paths(code: &str, root: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let pattern = format!("{root}::");
    let mut from = 0;
    while let Some(found) = code[from..].find(&pattern) {
        let at = from + found;
        from = at + pattern.len();
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let rest: String = code[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        paths.push(
            rest.split("::")
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        );
    }
    paths
}

/// The byte range of a file's inline `mod tests { … }` block, if any.
fn test_block(code: &str) -> Option<std::ops::Range<usize>> {
    let start = code.find("mod tests {")?;
    let open = start + "mod tests ".len();
    let mut depth = 0;
    for (at, c) in code[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(start..open + at + 1);
                }
            }
            _ => {}
        }
    }
    Some(start..code.len())
}

/// Every import between two different files.
fn edges(files: &BTreeMap<Module, String>) -> BTreeSet<(Module, Module)> {
    let mut edges = BTreeSet::new();
    for (module, text) in files {
        let code = code_only(text);
        let tests = test_block(&code).unwrap_or(code.len()..code.len());
        let mut named: Vec<(Vec<String>, bool)> = Vec::new();
        for (range, in_tests) in [
            (0..tests.start, false),
            (tests.clone(), true),
            (tests.end..code.len(), false),
        ] {
            let part = &code[range];
            let mut from = 0;
            while let Some(found) = part[from..].find("use ") {
                let at = from + found;
                from = at + 4;
                let before = part[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let Some(end) = part[at..].find(';') else {
                    break;
                };
                for path in expand_use(&[], &part[at + 4..at + end]) {
                    named.push((path, in_tests));
                }
                from = at + end;
            }
            for root in ["crate", "super", "dcfoot"] {
                named.extend(
                    inline_paths(part, root)
                        .into_iter()
                        .map(|path| (path, in_tests)),
                );
            }
        }
        for (path, in_tests) in named {
            let Some(first) = path.first() else { continue };
            let (binary, mut absolute) = match first.as_str() {
                "crate" => (module.binary, path[1..].to_vec()),
                "dcfoot" if module.binary => (false, path[1..].to_vec()),
                "self" => (module.binary, [&module.path[..], &path[1..]].concat()),
                "super" => {
                    let mut base = module.path.clone();
                    let mut rest = &path[..];
                    // In a file's test block the first `super` is the file itself.
                    if in_tests {
                        rest = &rest[1..];
                    }
                    while rest.first().is_some_and(|s| s == "super") {
                        base.pop();
                        rest = &rest[1..];
                    }
                    base.extend(rest.iter().cloned());
                    (module.binary, base)
                }
                child => {
                    let mut candidate = module.path.clone();
                    candidate.push(child.to_string());
                    let known = files.contains_key(&Module {
                        binary: module.binary,
                        path: candidate,
                    });
                    if !known {
                        continue;
                    }
                    (module.binary, [&module.path[..], &path[..]].concat())
                }
            };
            // The longest prefix that is a file is the module imported from.
            while !absolute.is_empty() {
                let target = Module {
                    binary,
                    path: absolute.clone(),
                };
                if files.contains_key(&target) {
                    break;
                }
                absolute.pop();
            }
            let target = Module {
                binary,
                path: absolute,
            };
            if &target != module && files.contains_key(&target) {
                edges.insert((module.clone(), target));
            }
        }
    }
    edges
}

/// Cycles of the graph (each found cycle is broken at its last edge before looking for the
/// next, so every loop shows up at least once), as lists of module names.
fn cycles(edges: &BTreeSet<(Module, Module)>) -> Vec<String> {
    let mut remaining = edges.clone();
    let mut found = Vec::new();
    while let Some(cycle) = find_cycle(&remaining) {
        found.push(cycle.join(" -> "));
        remaining.retain(|(from, to)| {
            !(from.name() == cycle[cycle.len() - 2] && to.name() == cycle[cycle.len() - 1])
        });
    }
    found
}

/// A cycle of the graph, if it has one, as the list of its nodes.
fn find_cycle(edges: &BTreeSet<(Module, Module)>) -> Option<Vec<String>> {
    let mut next: BTreeMap<&Module, Vec<&Module>> = BTreeMap::new();
    for (from, to) in edges {
        if from != to {
            next.entry(from).or_default().push(to);
        }
    }
    // Depth-first search with colours: 1 on the current path, 2 done.
    let mut colour: BTreeMap<&Module, u8> = BTreeMap::new();
    fn visit<'a>(
        node: &'a Module,
        next: &BTreeMap<&'a Module, Vec<&'a Module>>,
        colour: &mut BTreeMap<&'a Module, u8>,
        path: &mut Vec<&'a Module>,
    ) -> Option<Vec<String>> {
        colour.insert(node, 1);
        path.push(node);
        for target in next.get(node).into_iter().flatten() {
            match colour.get(target) {
                Some(1) => {
                    let start = path.iter().position(|n| n == target).unwrap_or(0);
                    let mut cycle: Vec<String> = path[start..].iter().map(|n| n.name()).collect();
                    cycle.push(target.name());
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(cycle) = visit(target, next, colour, path) {
                        return Some(cycle);
                    }
                }
            }
        }
        path.pop();
        colour.insert(node, 2);
        None
    }
    let nodes: Vec<&Module> = next.keys().copied().collect();
    for node in nodes {
        if !colour.contains_key(node)
            && let Some(cycle) = visit(node, &next, &mut colour, &mut Vec::new())
        {
            return Some(cycle);
        }
    }
    None
}

/// The layers named in the crate docs, top first: rows `//! | N | `a`, `b` | … |`.
fn documented_layers(lib: &str) -> Vec<Vec<String>> {
    lib.lines()
        .filter_map(|line| line.strip_prefix("//! |"))
        .filter_map(|row| {
            let mut cells = row.split('|');
            let number = cells.next()?.trim();
            number.parse::<usize>().ok()?;
            let modules = cells.next()?;
            Some(
                modules
                    .split('`')
                    .skip(1)
                    .step_by(2)
                    .map(String::from)
                    .collect(),
            )
        })
        .collect()
}

fn source_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_import_cycle_between_files_or_folders() {
    let files = modules(&source_dir());
    let edges = edges(&files);
    assert!(
        edges.len() > 50,
        "the graph was not read: {} edges",
        edges.len()
    );
    let mut found = cycles(&edges);
    let deepest = files.keys().map(|m| m.path.len()).max().unwrap_or(0);
    for depth in 1..=deepest {
        let folders: BTreeSet<(Module, Module)> = edges
            .iter()
            .map(|(from, to)| (from.at_depth(depth), to.at_depth(depth)))
            .filter(|(from, to)| from != to)
            .collect();
        for cycle in cycles(&folders) {
            if !found.contains(&cycle) {
                found.push(cycle);
            }
        }
    }
    assert!(found.is_empty(), "import cycles: {found:#?}");
}

#[test]
fn imports_go_down_the_documented_layers() {
    let files = modules(&source_dir());
    let lib = &files[&Module {
        binary: false,
        path: Vec::new(),
    }];
    let layers = documented_layers(lib);
    let layer_of = |name: &str| {
        layers
            .iter()
            .position(|layer| layer.iter().any(|m| m == name))
    };
    let mut unlisted = BTreeSet::new();
    for module in files.keys() {
        let top = module.top();
        if top != "lib" && top != "import_graph" && layer_of(&top).is_none() {
            unlisted.insert(top);
        }
    }
    assert!(
        unlisted.is_empty(),
        "modules missing from the layers in src/lib.rs: {unlisted:?}"
    );
    let mut upward = Vec::new();
    for (from, to) in edges(&files) {
        let (a, b) = (from.top(), to.top());
        if a == b || a == "lib" || b == "lib" {
            continue;
        }
        if layer_of(&a) >= layer_of(&b) {
            upward.push(format!("{} -> {}", from.name(), to.name()));
        }
    }
    assert!(
        upward.is_empty(),
        "imports that do not go down a layer: {upward:#?}"
    );
}

#[test]
fn the_reader_sees_every_kind_of_import() {
    let code = code_only(
        "use crate::a::{b, c::{d, self}};\n// use crate::comment;\nlet s = \"crate::string\";\n\
         fn f() { super::e::g(); }",
    );
    assert_eq!(
        expand_use(&[], "crate::a::{b, c::{d, self}}"),
        [
            vec!["crate", "a", "b"],
            vec!["crate", "a", "c", "d"],
            vec!["crate", "a", "c", "self"]
        ]
    );
    assert!(!code.contains("comment") && !code.contains("string"));
    assert_eq!(inline_paths(&code, "super"), [vec!["super", "e", "g"]]);
    let a = Module {
        binary: false,
        path: vec!["a".into()],
    };
    let b = Module {
        binary: false,
        path: vec!["b".into()],
    };
    let cyclic = BTreeSet::from([(a.clone(), b.clone()), (b.clone(), a.clone())]);
    assert_eq!(
        find_cycle(&cyclic),
        Some(vec!["a".into(), "b".into(), "a".into()])
    );
    assert_eq!(find_cycle(&BTreeSet::from([(a, b)])), None);
}
