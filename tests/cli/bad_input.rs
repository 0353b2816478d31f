//! The bad-input corpus of `tests/bad_input/` (its README.md says how to add a case).
//!
//! Every bad case must fail the way bad input should: exit code 2, nothing on standard output,
//! exactly one message on standard error, starting with `error: ` and naming the place (a file
//! with its line and column, or the flag), no panic, and no file written: the run happens in
//! an empty temporary folder with `--out <tmp>/out`, and afterwards the folder holds only what
//! the test put there. The accepted cases (a BOM, CRLF line ends, markup in titles) must run.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::util::{datasets_dir, dcfoot, names};

/// Monte Carlo draws for cases that get that far: enough to exercise the engine, fast.
const SAMPLES: &str = "200";

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input")
}

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs dcfoot in `dir`; a run that does not end within two minutes is reported as a hang.
fn run_in(dir: &Path, args: &[&str]) -> Result<Outcome, String> {
    let output = dcfoot()
        .current_dir(dir)
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .map_err(|error| format!("dcfoot {args:?} did not finish: {error}"))?;
    Ok(Outcome {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    })
}

/// What is wrong with a run that should have been refused as bad input. `location` must open
/// the first line (after `error: `), or only appear in it when `anywhere` is set (clap's own
/// messages put the flag later in the line).
fn bad_input_problems(outcome: &Outcome, location: &str, anywhere: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let first = outcome.stderr.lines().next().unwrap_or("");
    if outcome.code != 2 {
        problems.push(format!("exit code {} instead of 2", outcome.code));
    }
    if !outcome.stdout.is_empty() {
        problems.push(format!("wrote to standard output:\n{}", outcome.stdout));
    }
    if outcome.stderr.contains("panicked") {
        problems.push("panicked".into());
    }
    if !outcome.stderr.starts_with("error: ") {
        problems.push("standard error does not start with `error: `".into());
    }
    let messages = outcome
        .stderr
        .lines()
        .filter(|line| line.starts_with("error"))
        .count();
    if messages != 1 {
        problems.push(format!("{messages} error messages instead of one"));
    }
    let named = if anywhere {
        first.contains(location)
    } else {
        first
            .strip_prefix("error: ")
            .is_some_and(|rest| rest.starts_with(location))
    };
    if !named {
        problems.push(format!("the first line does not name `{location}`"));
    }
    problems
}

/// Entries of `dir` other than `allowed`: files a failed run should not have written.
fn leftovers(dir: &Path, allowed: &[&str]) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|name| !allowed.contains(&name.as_str()))
        .map(|name| format!("left `{name}` behind"))
        .collect()
}

/// Sorted entries of a corpus folder (files or folders).
fn entries(folder: &str) -> Vec<PathBuf> {
    let read = fs::read_dir(corpus().join(folder))
        .unwrap_or_else(|error| panic!("corpus folder {folder}: {error}"));
    let mut paths: Vec<PathBuf> = read.map(|entry| entry.expect("entry").path()).collect();
    paths.sort();
    paths
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .expect("file name")
        .to_string_lossy()
        .into_owned()
}

/// Lines `KEY: value` of an expectation text (`# expect: …` in a scenario, `expect: …` in
/// an expect.txt).
fn expectations(text: &str, prefix: &str, key: &str) -> Vec<String> {
    let marker = format!("{prefix}{key}: ");
    text.lines()
        .filter_map(|line| line.trim_end_matches('\r').strip_prefix(&marker))
        .map(str::to_string)
        .collect()
}

/// Panics with every failing case, so one run shows them all.
fn report(kind: &str, checked: usize, failures: Vec<String>) {
    assert!(checked > 0, "no {kind} cases found");
    assert!(
        failures.is_empty(),
        "{} of {checked} {kind} cases failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn describe(case: &str, problems: &[String], outcome: Option<&Outcome>) -> String {
    let stderr = outcome.map_or("", |outcome| outcome.stderr.as_str());
    format!(
        "{case}:\n  - {}\n  stderr:\n{stderr}",
        problems.join("\n  - ")
    )
}

#[test]
fn scenario_cases() {
    let mut failures = Vec::new();
    let cases = entries("scenarios");
    for path in &cases {
        let name = name_of(path);
        let bytes = fs::read(path).expect("case");
        let text = String::from_utf8_lossy(&bytes);
        let work = tempfile::tempdir().expect("temp dir");
        fs::write(work.path().join(&name), &bytes).expect("copy");
        let out = work.path().join("out");
        let outcome = match run_in(
            work.path(),
            &[
                "run",
                &name,
                "--out",
                out.to_str().expect("utf-8 path"),
                "--samples",
                SAMPLES,
            ],
        ) {
            Ok(outcome) => outcome,
            Err(error) => {
                failures.push(describe(&name, &[error], None));
                continue;
            }
        };
        let location = match expectations(&text, "# ", "at").first() {
            Some(at) => format!("{name}:{at}:"),
            None => format!("{name}:"),
        };
        let mut problems = bad_input_problems(&outcome, &location, false);
        for expected in expectations(&text, "# ", "expect") {
            if !outcome.stderr.contains(&expected) {
                problems.push(format!("the message does not say `{expected}`"));
            }
        }
        problems.extend(leftovers(work.path(), &[&name]));
        if !problems.is_empty() {
            failures.push(describe(&name, &problems, Some(&outcome)));
        }
    }
    report("scenario", cases.len(), failures);
}

/// Builds a case's datasets folder in `work/data`: `FILE.csv` replaces the built-in file,
/// `FILE.csv.append` is added to the end of it. Returns the line count of each built-in file
/// that was appended to (for `+N` line numbers) and the scenario to run.
fn materialise(case: &Path, work: &Path) -> (Vec<(String, usize)>, String) {
    let data = work.join("data");
    fs::create_dir(&data).expect("data dir");
    let mut base_lines = Vec::new();
    let mut scenario = corpus().join("datasets/default.toml");
    for path in entries(&format!("datasets/{}", name_of(case))) {
        let name = name_of(&path);
        if name == "expect.txt" {
            continue;
        }
        if name == "scenario.toml" {
            scenario = path;
            continue;
        }
        let bytes = fs::read(&path).expect("case file");
        if let Some(table) = name.strip_suffix(".append") {
            let mut text = fs::read(datasets_dir().join(table)).expect("built-in table");
            if !text.ends_with(b"\n") {
                text.push(b'\n');
            }
            let lines = text.iter().filter(|byte| **byte == b'\n').count();
            base_lines.push((table.to_string(), lines));
            text.extend_from_slice(&bytes);
            fs::write(data.join(table), text).expect("write table");
        } else {
            fs::write(data.join(&name), bytes).expect("write table");
        }
    }
    fs::copy(&scenario, work.join("scenario.toml")).expect("scenario");
    (base_lines, "scenario.toml".to_string())
}

/// `data/regions.csv:+1:7` → `data/regions.csv:31:7` when the built-in file has 30 lines.
fn resolve(at: &str, base_lines: &[(String, usize)]) -> String {
    let mut parts: Vec<String> = at.split(':').map(str::to_string).collect();
    if let Some(offset) = parts.get(1).and_then(|line| line.strip_prefix('+')) {
        let file = parts[0].rsplit('/').next().unwrap_or("");
        let base = base_lines
            .iter()
            .find(|(table, _)| table == file)
            .map_or(0, |(_, lines)| *lines);
        let offset: usize = offset.parse().expect("a line offset");
        parts[1] = (base + offset).to_string();
    }
    parts.join(":")
}

#[test]
fn dataset_cases() {
    let mut failures = Vec::new();
    let cases: Vec<PathBuf> = entries("datasets")
        .into_iter()
        .filter(|path| path.is_dir())
        .collect();
    for case in &cases {
        let name = name_of(case);
        let expect = fs::read_to_string(case.join("expect.txt")).expect("expect.txt");
        let work = tempfile::tempdir().expect("temp dir");
        let (base_lines, scenario) = materialise(case, work.path());
        let out = work.path().join("out");
        let outcome = match run_in(
            work.path(),
            &[
                "run",
                &scenario,
                "--datasets",
                "data",
                "--out",
                out.to_str().expect("utf-8 path"),
                "--samples",
                SAMPLES,
            ],
        ) {
            Ok(outcome) => outcome,
            Err(error) => {
                failures.push(describe(&name, &[error], None));
                continue;
            }
        };
        let at = expectations(&expect, "", "at");
        let mut problems = match at.first() {
            Some(at) => bad_input_problems(&outcome, &resolve(at, &base_lines), false),
            None => vec!["expect.txt has no `at:` line".to_string()],
        };
        for expected in expectations(&expect, "", "expect") {
            if !outcome.stderr.contains(&expected) {
                problems.push(format!("the message does not say `{expected}`"));
            }
        }
        // `datasets validate` reads the folder the same way: the same message, unless the
        // error is in the scenario (then the folder is valid on its own).
        match run_in(work.path(), &["datasets", "validate", "data"]) {
            Err(error) => problems.push(error),
            Ok(_) if at.is_empty() => {}
            Ok(validate) if at[0].starts_with("scenario.toml:") => {
                if validate.code != 0 {
                    problems.push(format!(
                        "`datasets validate data` refused a valid folder:\n{}",
                        validate.stderr
                    ));
                }
            }
            Ok(validate) => {
                if validate.stderr != outcome.stderr || validate.code != outcome.code {
                    problems.push(format!(
                        "`datasets validate data` says otherwise (exit code {}):\n{}",
                        validate.code, validate.stderr
                    ));
                }
            }
        }
        problems.extend(leftovers(work.path(), &["data", "scenario.toml"]));
        if !problems.is_empty() {
            failures.push(describe(&name, &problems, Some(&outcome)));
        }
    }
    report("dataset", cases.len(), failures);
}

/// Splits a command line on spaces, keeping "double-quoted" text (possibly empty) together.
fn split_args(line: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            ' ' if !quoted => {
                if started {
                    args.push(std::mem::take(&mut current));
                    started = false;
                }
            }
            _ => {
                current.push(c);
                started = true;
            }
        }
    }
    if started {
        args.push(current);
    }
    args
}

#[test]
fn splits_quoted_arguments() {
    assert_eq!(
        split_args(r#"estimate --it-energy "5 mWh" --pue """#),
        vec!["estimate", "--it-energy", "5 mWh", "--pue", ""]
    );
}

#[test]
fn flag_cases() {
    let text = fs::read_to_string(corpus().join("flags.txt")).expect("flags.txt");
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        checked += 1;
        let parts: Vec<&str> = line.split(" => ").collect();
        assert!(
            parts.len() >= 2,
            "flags.txt: `{line}` is not LOCATION => ARGUMENTS [=> TEXT]..."
        );
        let args = split_args(parts[1]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let work = tempfile::tempdir().expect("temp dir");
        fs::write(work.path().join("a-file"), "not a folder\n").expect("a-file");
        let outcome = match run_in(work.path(), &args) {
            Ok(outcome) => outcome,
            Err(error) => {
                failures.push(describe(line, &[error], None));
                continue;
            }
        };
        let mut problems = bad_input_problems(&outcome, parts[0], true);
        for expected in &parts[2..] {
            if !outcome.stderr.contains(expected) {
                problems.push(format!("the message does not say `{expected}`"));
            }
        }
        problems.extend(leftovers(work.path(), &["a-file"]));
        if !problems.is_empty() {
            failures.push(describe(line, &problems, Some(&outcome)));
        }
    }
    report("flag", checked, failures);
}

/// Runs an accepted scenario; returns its output folder's results.csv (or the problems).
fn run_accepted(path: &Path, lang: &str) -> Result<(tempfile::TempDir, Vec<u8>), Vec<String>> {
    let name = name_of(path);
    let work = tempfile::tempdir().expect("temp dir");
    fs::copy(path, work.path().join(&name)).expect("copy");
    let out = work.path().join("out");
    let outcome = run_in(
        work.path(),
        &[
            "run",
            &name,
            "--out",
            out.to_str().expect("utf-8 path"),
            "--samples",
            SAMPLES,
            "--lang",
            lang,
        ],
    )
    .map_err(|error| vec![error])?;
    let mut problems = Vec::new();
    if outcome.code != 0 {
        problems.push(format!("exit code {}:\n{}", outcome.code, outcome.stderr));
    }
    if outcome.stderr.contains("panicked") {
        problems.push("panicked".into());
    }
    problems.extend(leftovers(work.path(), &[&name, "out"]));
    if !problems.is_empty() {
        return Err(problems);
    }
    let results = fs::read_dir(&out)
        .expect("out")
        .map(|entry| entry.expect("entry").path().join("results.csv"))
        .find(|path| path.exists())
        .map(|path| fs::read(path).expect("results.csv"))
        .unwrap_or_default();
    Ok((work, results))
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Markup from a scenario text must come out as text: escaped in Markdown (`\<`), as entities
/// in SVG.
fn markup_problems(out: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for path in files_under(out) {
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let shown = path.display();
        // The markup written in markup-in-title.toml (an output may hold its own <img> tags).
        for tag in ["<script", "<img src=x", "<b>bold"] {
            let raw = text.matches(tag).count();
            let escaped = text.matches(&format!("\\{tag}")).count();
            let is_markdown = path.extension().is_some_and(|ext| ext == "md");
            if raw > 0 && !(is_markdown && raw == escaped) {
                problems.push(format!("{shown} holds a raw `{tag}`"));
            }
        }
        // In Markdown `[x](javascript:…)` would be a link unless its bracket is escaped; in
        // SVG the same characters are plain text unless they sit in an attribute.
        let is_markdown = path.extension().is_some_and(|ext| ext == "md");
        let links = text.matches("](javascript:").count();
        let escaped_links = text.matches("\\](javascript:").count();
        if (is_markdown && links > escaped_links) || text.contains("href=\"javascript:") {
            problems.push(format!("{shown} holds a javascript: link"));
        }
    }
    problems
}

#[test]
fn accepted_scenarios() {
    // Each accepted file runs once in English; the one with markup in its texts also in French.
    // A BOM or CRLF line ends must not change what is read: their results equal plain.toml's.
    let mut failures = Vec::new();
    let cases = entries("accepted");
    let plain = run_accepted(&corpus().join("accepted/plain.toml"), "en")
        .unwrap_or_else(|problems| panic!("plain.toml: {problems:?}"))
        .1;
    assert!(!plain.is_empty(), "plain.toml wrote no results.csv");
    for path in &cases {
        let name = name_of(path);
        let languages: &[&str] = if name.contains("markup") {
            &["en", "fr"]
        } else {
            &["en"]
        };
        for lang in languages {
            if name == "plain.toml" {
                continue;
            }
            match run_accepted(path, lang) {
                Err(problems) => failures.push(describe(&name, &problems, None)),
                Ok((work, results)) => {
                    let mut problems = markup_problems(&work.path().join("out"));
                    if (name.contains("bom") || name.contains("crlf")) && results != plain {
                        problems.push("results differ from plain.toml's".into());
                    }
                    if !problems.is_empty() {
                        failures.push(describe(&name, &problems, None));
                    }
                }
            }
        }
    }
    report("accepted", cases.len(), failures);
}

#[test]
fn bom_and_crlf_datasets_read_like_the_built_in_files() {
    let work = tempfile::tempdir().expect("temp dir");
    let data = work.path().join("data");
    fs::create_dir(&data).expect("data");
    for entry in fs::read_dir(datasets_dir()).expect("datasets") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|ext| ext == "csv") {
            let text = fs::read_to_string(&path).expect("csv");
            let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
            fs::write(data.join(name_of(&path)), windows).expect("write");
        }
    }
    let checksum = |args: &[&str]| {
        let outcome = run_in(work.path(), args).expect("runs");
        assert_eq!(outcome.code, 0, "{args:?}: {}", outcome.stderr);
        let line = outcome.stdout.lines().next().unwrap_or("").to_string();
        line.rsplit(' ').next().unwrap_or("").to_string()
    };
    let built_in = checksum(&["datasets", "validate"]);
    assert_eq!(checksum(&["datasets", "validate", "data"]), built_in);
    for table in ["grid_factors", "dc_energy", "references"] {
        let show = |extra: &[&str]| {
            let mut args = vec!["datasets", "show", table, "--csv"];
            args.extend_from_slice(extra);
            let outcome = run_in(work.path(), &args).expect("runs");
            assert_eq!(outcome.code, 0, "{args:?}: {}", outcome.stderr);
            outcome.stdout
        };
        assert_eq!(show(&["--datasets", "data"]), show(&[]), "{table}");
    }
}

#[test]
fn a_negative_growth_rate_is_a_number_not_a_formula() {
    // Regression: number cells went through the formula-injection check of text cells.
    let work = tempfile::tempdir().expect("temp dir");
    let data = work.path().join("data");
    fs::create_dir(&data).expect("data");
    let mut text = fs::read_to_string(datasets_dir().join("dc_energy.csv")).expect("dc_energy");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(
        "corpus-decline,growth_rate,reported,-3,%/yr,-5,-1,2024,WORLD,estimate,IEA-EAI-2025,\
         confirmed,a falling trend\n",
    );
    fs::write(data.join("dc_energy.csv"), text).expect("write");
    let outcome = run_in(work.path(), &["datasets", "validate", "data"]).expect("runs");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
}
