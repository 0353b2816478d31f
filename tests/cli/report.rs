//! `dcfoot report`: the folder is complete, every chart is a valid image of the right size,
//! every cited source is in the bibliography, the HTML is self-contained, the French CSV
//! flavour reads back to the same numbers, the same seed gives the same bytes, and an
//! interrupted run leaves the previous report intact, and the report committed in `reports/`
//! is the one the code writes today. The tests that only read a report share one, written
//! once with default settings (`full_report`).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, SystemTime};

use dcfoot::uncertainty::mc::DEFAULT_SAMPLES;

use crate::util::{bad_input, dcfoot, ok};

/// The report with default settings (both languages), written once per test run and shared by
/// the tests that only read it. It lives in cargo's temporary folder for integration tests,
/// named after this process; the folders of earlier runs are removed (once their process has
/// ended, or after an hour). Its run is started by [`start_full_report`], at the first dcfoot
/// command of an unfiltered test run, so that it overlaps with the other tests instead of
/// holding up those that read it; here it is started if it was not, and awaited.
pub(crate) fn full_report() -> &'static Path {
    static REPORT: OnceLock<PathBuf> = OnceLock::new();
    REPORT.get_or_init(|| {
        let fixture = fixture();
        let mut child = fixture.child.lock().unwrap();
        let status = child.wait().unwrap();
        assert!(
            status.success(),
            "dcfoot report failed ({status}):\n{}",
            fs::read_to_string(fixture.dir.join("stderr.txt")).unwrap_or_default()
        );
        fixture.dir.join("reports")
    })
}

/// The run writing the shared report, started once.
struct Fixture {
    dir: PathBuf,
    child: Mutex<Child>,
}

/// Starts writing the shared report in the background when this test run is not filtered
/// (no argument names a test): every test then finds it done or under way. A filtered run
/// (`cargo test --test cli estimate`) starts it only if one of its tests reads it.
pub(crate) fn start_full_report() {
    static UNFILTERED: OnceLock<bool> = OnceLock::new();
    if *UNFILTERED.get_or_init(|| std::env::args().skip(1).all(|arg| arg.starts_with('-'))) {
        fixture();
    }
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
        for entry in fs::read_dir(root).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(pid) = name.strip_prefix("report-fixture-") else {
                continue;
            };
            // Where processes are listed in /proc, a folder whose process has ended is stale.
            let ended = Path::new("/proc/self").exists() && !Path::new("/proc").join(pid).exists();
            let old = entry
                .metadata()
                .and_then(|meta| meta.modified())
                .is_ok_and(|time| {
                    SystemTime::now()
                        .duration_since(time)
                        .is_ok_and(|age| age > Duration::from_secs(3600))
                });
            if ended || old {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
        let dir = root.join(format!("report-fixture-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).unwrap();
        }
        fs::create_dir_all(&dir).unwrap();
        let out = dir.join("reports");
        let stderr = fs::File::create(dir.join("stderr.txt")).unwrap();
        // Three threads here, one in the same-bytes test: the bytes must not depend on them.
        let child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("dcfoot"))
            .env("RAYON_NUM_THREADS", "3")
            .args(["report", "--out", out.to_str().unwrap()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .unwrap();
        Fixture {
            dir,
            child: Mutex::new(child),
        }
    })
}

/// Runs dcfoot with `RAYON_NUM_THREADS` set, expecting success.
fn run_with_threads(threads: &str, args: &[&str]) {
    let output = dcfoot()
        .env("RAYON_NUM_THREADS", threads)
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "dcfoot {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Copies a folder and everything under it.
fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_folder(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

fn files(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (width, height)
}

fn scenario_folders(root: &Path) -> Vec<PathBuf> {
    fs::read_dir(root)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir() && path.join("results.csv").exists())
        .collect()
}

/// Source ids cited in a CSV column of that name (`;`-separated).
fn cited_in_csv(path: &Path, column: &str, cited: &mut BTreeSet<String>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let Some(index) = reader
        .headers()
        .unwrap()
        .iter()
        .position(|name| name == column)
    else {
        return;
    };
    for record in reader.records() {
        for id in record.unwrap()[index]
            .split(';')
            .filter(|id| !id.is_empty())
        {
            cited.insert(id.to_string());
        }
    }
}

/// Source ids written in a chart's footer ("Sources: A, B — …", possibly over two lines).
fn cited_in_svg(svg: &str, cited: &mut BTreeSet<String>) {
    let texts: Vec<&str> = svg
        .split("<text")
        .skip(1)
        .map(|element| {
            element
                .split('>')
                .nth(1)
                .unwrap_or("")
                .split('<')
                .next()
                .unwrap_or("")
        })
        .collect();
    let Some(start) = texts.iter().position(|text| text.starts_with("Sources")) else {
        return;
    };
    let mut footer = String::new();
    for text in &texts[start..] {
        footer.push(' ');
        footer.push_str(text);
        if text.contains('—') {
            break;
        }
    }
    let list = footer
        .split(':')
        .nth(1)
        .unwrap_or("")
        .split('—')
        .next()
        .unwrap_or("");
    for id in list.split(',').map(str::trim).filter(|id| !id.is_empty()) {
        assert!(
            id.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "-_.".contains(c)),
            "not a source id: `{id}` in footer `{footer}`"
        );
        cited.insert(id.to_string());
    }
}

#[test]
fn the_report_is_complete_and_consistent() {
    let out = full_report();
    for root in [out.to_path_buf(), out.join("fr")] {
        for name in ["index.md", "index.html", "sources.csv", "manifest.json"] {
            assert!(
                root.join(name).is_file(),
                "{}/{name} missing",
                root.display()
            );
        }
        let manifest: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(root.join("manifest.json")).unwrap()).unwrap();
        assert_eq!(manifest["generator"], "dcfoot");
        assert_eq!(manifest["samples"], DEFAULT_SAMPLES);
        assert_eq!(manifest["datasets_checksum"].as_str().unwrap().len(), 64);

        let folders = scenario_folders(&root);
        assert!(folders.len() >= 9, "{} scenario folders", folders.len());
        let bibliography: BTreeSet<String> = {
            let mut reader = csv::Reader::from_path(root.join("sources.csv")).unwrap();
            reader
                .records()
                .map(|r| r.unwrap()[0].to_string())
                .collect()
        };
        let mut cited = BTreeSet::new();
        let mut charts = 0;
        for folder in &folders {
            for name in [
                "results.csv",
                "sensitivity.csv",
                "inputs.csv",
                "published.csv",
                "README.md",
            ] {
                assert!(
                    folder.join(name).is_file(),
                    "{} lacks {name}",
                    folder.display()
                );
            }
            cited_in_csv(&folder.join("results.csv"), "source_ids", &mut cited);
            cited_in_csv(&folder.join("inputs.csv"), "source_ids", &mut cited);
            cited_in_csv(&folder.join("published.csv"), "source_ids", &mut cited);
            for png in fs::read_dir(folder.join("charts")).unwrap() {
                let png = png.unwrap().path();
                if png.extension().is_none_or(|ext| ext != "png") {
                    continue;
                }
                let stem = png.file_stem().unwrap().to_string_lossy().into_owned();
                let svg = fs::read_to_string(png.with_extension("svg")).unwrap();
                cited_in_svg(&svg, &mut cited);
                if let Some(wide) = stem.strip_suffix("-narrow") {
                    // The narrow layout: 1080 x 1350 in both formats, next to its wide chart.
                    assert_eq!(
                        png_size(&fs::read(&png).unwrap()),
                        (1080, 1350),
                        "{}",
                        png.display()
                    );
                    assert!(
                        svg.contains("viewBox=\"0 0 1080 1350\""),
                        "{}",
                        png.display()
                    );
                    assert!(png.with_file_name(format!("{wide}.png")).is_file());
                    continue;
                }
                charts += 1;
                assert_eq!(
                    png_size(&fs::read(&png).unwrap()),
                    (2400, 1350),
                    "{}",
                    png.display()
                );
                assert!(svg.contains("width=\"1200\"") && svg.contains("height=\"675\""));
                assert!(
                    svg.contains("viewBox=\"0 0 1200 675\""),
                    "{}",
                    png.display()
                );
                assert!(
                    png.with_extension("csv").is_file(),
                    "{} has no CSV",
                    png.display()
                );
                assert!(
                    png.with_file_name(format!("{stem}-narrow.png")).is_file(),
                    "{} has no narrow version",
                    png.display()
                );
            }
        }
        assert!(charts >= 40, "only {charts} charts");
        let missing: Vec<_> = cited.difference(&bibliography).collect();
        assert!(
            missing.is_empty(),
            "cited but not in sources.csv: {missing:?}"
        );
        assert!(cited.len() >= 30, "only {} sources cited", cited.len());

        // Every image the pages show exists.
        let md = fs::read_to_string(root.join("index.md")).unwrap();
        for link in md.split("](").skip(1) {
            let target = link.split(')').next().unwrap();
            if target.ends_with(".png") || target.ends_with(".csv") {
                assert!(root.join(target).is_file(), "broken link {target}");
            }
        }
        let html = fs::read_to_string(root.join("index.html")).unwrap();
        for forbidden in [
            "<script",
            "<link",
            "@import",
            "url(",
            "src=\"http",
            "src=\"//",
            "<iframe",
        ] {
            assert!(!html.contains(forbidden), "index.html contains {forbidden}");
        }
        for image in html.split("<img src=\"").skip(1) {
            let target = image.split('"').next().unwrap();
            assert!(root.join(target).is_file(), "missing image {target}");
        }
    }
    // French pages are French.
    let french = fs::read_to_string(out.join("fr/index.md")).unwrap();
    assert!(
        french.contains("Ce que disent les chiffres")
            || french.contains("ce que disent les chiffres")
    );
    assert!(french.contains("L'argument, point par point"));
}

/// `--csv-locale fr` writes the same numbers as the default flavour (the shared report), and
/// `--force` replaces a folder dcfoot did not create, which it refuses without. The French run
/// is `run` of three scenarios (it takes the report's options and
/// writes the same scenario folders) rather than a whole report, whose charts take most of
/// the time.
#[test]
fn french_csv_flavour_reads_back_to_the_same_numbers_and_force_replaces_a_folder() {
    let default = full_report();
    let dir = tempfile::tempdir().unwrap();
    let french_dir = dir.path().join("notes");
    fs::create_dir(&french_dir).unwrap();
    fs::write(french_dir.join("draft.txt"), "mine").unwrap();
    let error = bad_input(&[
        "report",
        "--out",
        french_dir.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert!(error.contains("--force"), "{error}");
    assert_eq!(
        fs::read_to_string(french_dir.join("draft.txt")).unwrap(),
        "mine"
    );
    let scenarios = ["us-datacenters", "france-datacenters", "training-runs"];
    let mut args = vec!["run"];
    args.extend(scenarios);
    args.extend([
        "--out",
        french_dir.to_str().unwrap(),
        "--lang",
        "en",
        "--csv-locale",
        "fr",
        "--force",
    ]);
    ok(&args);
    assert!(!french_dir.join("draft.txt").exists());
    let mut rows = 0;
    for folder in scenarios.map(|name| default.join(name)) {
        let name = folder.file_name().unwrap();
        for file in ["results.csv", "sensitivity.csv"] {
            let plain = fs::read(folder.join(file)).unwrap();
            let french = fs::read(french_dir.join(name).join(file)).unwrap();
            assert!(french.starts_with(b"\xEF\xBB\xBF"), "no BOM in {file}");
            let text = String::from_utf8(french[3..].to_vec()).unwrap();
            assert!(text.lines().next().unwrap().contains(';'));
            let read = |bytes: &[u8], delimiter: u8| -> Vec<Vec<String>> {
                csv::ReaderBuilder::new()
                    .delimiter(delimiter)
                    .from_reader(bytes)
                    .records()
                    .map(|r| r.unwrap().iter().map(str::to_string).collect())
                    .collect()
            };
            let a = read(&plain, b',');
            let b = read(&french[3..], b';');
            assert_eq!(a.len(), b.len());
            rows += a.len();
            for (row_a, row_b) in a.iter().zip(&b) {
                assert_eq!(row_a.len(), row_b.len(), "{file}: {row_a:?} vs {row_b:?}");
                for (cell_a, cell_b) in row_a.iter().zip(row_b) {
                    match (
                        cell_a.parse::<f64>(),
                        cell_b.replace(',', ".").parse::<f64>(),
                    ) {
                        (Ok(x), Ok(y)) => assert_eq!(x, y, "{file}: {cell_a} vs {cell_b}"),
                        _ => assert_eq!(cell_a, cell_b),
                    }
                    assert!(
                        !cell_b.contains('e') || cell_b.parse::<f64>().is_err(),
                        "exponent in {cell_b}"
                    );
                }
            }
        }
    }
    assert!(rows > 100, "only {rows} rows compared");
}

/// A job replaces a folder it wrote (here a partial copy of the shared report) without `--force`,
/// wholly: the French part and the other scenarios of the copy do not survive a `run` of three
/// scenarios. And the same inputs and seed give the same bytes for any number of threads: the
/// scenario folders that `run` writes on one thread are, file for file and byte for byte
/// (charts included), those of the shared report, written on three. Another seed gives other
/// results.
#[test]
fn replaces_its_own_folder_and_the_same_seed_gives_the_same_bytes() {
    let shared = full_report();
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("report");
    // Of the shared report (1,400 files), what makes the case: its top-level files (the
    // manifest that makes the folder dcfoot's among them), the French part's and a scenario
    // folder that the run does not write.
    for part in ["", "fr"] {
        fs::create_dir_all(own.join(part)).unwrap();
        for entry in fs::read_dir(shared.join(part)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                fs::copy(&path, own.join(part).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    copy_folder(&shared.join("us-datacenters"), &own.join("us-datacenters"));
    assert!(own.join("manifest.json").is_file() && own.join("fr/index.md").is_file());
    let scenarios = ["world-datacenters", "genai-queries", "training-runs"];
    let mut args = vec!["run"];
    args.extend(scenarios);
    args.extend(["--out", own.to_str().unwrap(), "--lang", "en"]);
    run_with_threads("1", &args);
    assert!(!own.join("fr").exists(), "--lang en kept or wrote French");
    assert!(
        !own.join("us-datacenters").exists(),
        "another scenario survived"
    );
    let in_scenarios = |root: &Path| -> Vec<PathBuf> {
        files(root)
            .into_iter()
            .filter(|path| {
                let relative = path.strip_prefix(root).unwrap();
                scenarios.iter().any(|id| relative.starts_with(id))
            })
            .collect()
    };
    let english = in_scenarios(shared);
    let rewritten = in_scenarios(&own);
    assert_eq!(
        english
            .iter()
            .map(|path| path.strip_prefix(shared).unwrap())
            .collect::<Vec<_>>(),
        rewritten
            .iter()
            .map(|path| path.strip_prefix(&own).unwrap())
            .collect::<Vec<_>>()
    );
    assert!(rewritten.len() > 60, "only {} files", rewritten.len());
    for (path_a, path_b) in english.iter().zip(&rewritten) {
        assert!(
            fs::read(path_a).unwrap() == fs::read(path_b).unwrap(),
            "{} differs",
            path_b.display()
        );
    }
    let other = dir.path().join("other-seed");
    ok(&[
        "run",
        "us-datacenters",
        "--seed",
        "8",
        "--out",
        other.to_str().unwrap(),
    ]);
    let results = "us-datacenters/results.csv";
    assert!(
        fs::read(other.join(results)).unwrap() != fs::read(shared.join(results)).unwrap(),
        "seed 8 gave the results of the default seed"
    );
}

// A kill at each step of the commit (which `report` and `run` share) is tested on a small
// `run` in `reliability::a_kill_at_any_step_of_the_commit_leaves_a_complete_report`.

/// The report committed in `reports/` (what readers of the repository see) is the one the
/// code and datasets write today: every table, page and manifest byte for byte, and the same
/// chart files. Charts are compared by name only: their pixels depend on floating-point
/// rasterisation that another CPU could round differently.
#[test]
fn the_committed_report_is_up_to_date() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("reports");
    let out = full_report();
    let relative = |root: &Path| -> BTreeSet<PathBuf> {
        files(root)
            .into_iter()
            .map(|path| path.strip_prefix(root).unwrap().to_path_buf())
            .collect()
    };
    let (want, got) = (relative(&committed), relative(out));
    let fix = "run `cargo run --release -- report` and commit reports/";
    assert_eq!(
        want.difference(&got).collect::<Vec<_>>(),
        Vec::<&PathBuf>::new(),
        "files in reports/ that the report no longer writes; {fix}"
    );
    assert_eq!(
        got.difference(&want).collect::<Vec<_>>(),
        Vec::<&PathBuf>::new(),
        "files the report writes that reports/ lacks; {fix}"
    );
    let mut compared = 0;
    for path in &want {
        let text = path.extension().is_some_and(|ext| {
            // tables.xlsx is compared too: its bytes are deterministic.
            ["csv", "md", "json", "html", "xlsx"]
                .iter()
                .any(|text| ext == *text)
        });
        if text {
            assert!(
                fs::read(committed.join(path)).unwrap() == fs::read(out.join(path)).unwrap(),
                "reports/{} is out of date; {fix}",
                path.display()
            );
            compared += 1;
        }
    }
    assert!(compared > 200, "only {compared} text files compared");
    for page in ["index.html", "fr/index.html"] {
        assert!(want.contains(Path::new(page)), "reports/{page} missing");
    }
}

/// Numbers of four digits or more written without a thousands separator in `text`, outside
/// code spans, links and paths; years (1900–2100), ids ("LBNL-2024", "2025U") and the seed
/// are not numbers a reader adds up, so they stay as written.
fn ungrouped_numbers(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (index, part) in text.split('`').enumerate() {
        if index % 2 == 1 {
            continue;
        }
        let mut previous = "";
        for token in part.split_whitespace() {
            let skip = token.contains("://")
                || token.contains('/')
                || matches!(previous, "seed" | "graine");
            previous = token;
            if skip {
                continue;
            }
            let chars: Vec<char> = token.chars().collect();
            let mut start = 0;
            while start < chars.len() {
                if !chars[start].is_ascii_digit() {
                    start += 1;
                    continue;
                }
                let mut end = start;
                while end < chars.len() && chars[end].is_ascii_digit() {
                    end += 1;
                }
                let before = start.checked_sub(1).map(|at| chars[at]);
                let after = chars.get(end).copied();
                // After a letter, a hyphen or an underscore: an id; after a decimal point or
                // comma: decimals, which are not grouped.
                let id_like = before.is_some_and(|c| c.is_alphabetic() || "-_.,".contains(c))
                    || after.is_some_and(char::is_alphabetic);
                let run: String = chars[start..end].iter().collect();
                let year = run.len() == 4 && (1900..=2100).contains(&run.parse::<u32>().unwrap());
                if run.len() >= 4 && !id_like && !year {
                    found.push(run);
                }
                start = end;
            }
        }
    }
    found
}

#[test]
fn numbers_for_readers_group_their_thousands() {
    assert_eq!(
        ungrouped_numbers(
            "2370 TWh (1650–3,160 TWh), 0,0351 Wh in 2030 by LBNL-2024, `--seed 7777`"
        ),
        ["2370", "1650"]
    );
    let out = full_report();
    let mut pages = vec![out.join("index.md"), out.join("fr/index.md")];
    for root in [out.to_path_buf(), out.join("fr")] {
        pages.extend(
            scenario_folders(&root)
                .iter()
                .map(|dir| dir.join("README.md")),
        );
    }
    for page in pages {
        let text = fs::read_to_string(&page).unwrap();
        // The bibliography quotes its sources' own locators (pages, article numbers).
        let prose = text.split("\n## Sources\n").next().unwrap();
        for (number, line) in prose.lines().enumerate() {
            let ungrouped = ungrouped_numbers(line);
            assert!(
                ungrouped.is_empty(),
                "{}:{}: {ungrouped:?} without a thousands separator in {line}",
                page.display(),
                number + 1
            );
        }
    }
}
