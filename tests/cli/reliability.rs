//! Reliability under faults and hostile input: the output folder is never lost nor written
//! outside of, the output path is checked before any work, only regular files are read,
//! charts never panic on extreme numbers, and region chains cost linear time.
//!
//! The kill tests use strace's fault injection to stop dcfoot at one chosen system call (the
//! swap, the removal of the old folder, the two steps of the fallback swap …); they are skipped
//! with a message when strace is not installed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{bad_input, dcfoot, names, run};

/// A small scenario (three years, a few charts), written into `dir`.
fn small_scenario(dir: &Path) -> PathBuf {
    let path = dir.join("small.toml");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input/accepted/plain.toml"),
    )
    .expect("plain.toml");
    // One indicator: few charts to render, so the many runs of the kill tests stay quick.
    let text = text.replacen("years =", "indicators = [\"facility_energy\"]\nyears =", 1);
    std::fs::write(&path, text).expect("write scenario");
    path
}

/// Runs `dcfoot run small.toml --out out --seed SEED` in `dir` (so recorded paths match).
fn run_small(dir: &Path, out: &str, seed: &str) -> (i32, String) {
    let output = dcfoot()
        .current_dir(dir)
        .args([
            "run",
            "small.toml",
            "--out",
            out,
            "--samples",
            "200",
            "--seed",
            seed,
        ])
        .output()
        .expect("dcfoot runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Every file under `root` with its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, files);
            } else {
                let bytes = std::fs::read(&path).expect("read");
                files.insert(
                    path.strip_prefix(root).expect("prefix").to_path_buf(),
                    bytes,
                );
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(root, root, &mut files);
    files
}

/// Copies the folder `from` to `to` as it is: the same files, bytes and modes.
fn replicate(from: &Path, to: &Path) {
    std::fs::create_dir(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            replicate(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
    let mode = std::fs::metadata(from).expect("metadata").permissions();
    std::fs::set_permissions(to, mode).expect("chmod");
}

fn strace() -> Option<&'static str> {
    let found = Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        eprintln!("skipped: strace is not installed (apt-get install strace to run this test)");
    }
    found.then_some("strace")
}

/// Runs the small scenario under strace with the given options; returns the exit status
/// (killed runs have none).
fn run_small_under_strace(dir: &Path, seed: &str, options: &[&str]) -> Option<i32> {
    let binary = assert_cmd::cargo::cargo_bin!("dcfoot");
    let mut command = Command::new("strace");
    command
        .current_dir(dir)
        .args(["-f", "-o", "/dev/null"])
        .args(options)
        .arg(binary)
        .args([
            "run",
            "small.toml",
            "--out",
            "out",
            "--samples",
            "200",
            "--seed",
            seed,
        ])
        .env_remove("RAYON_NUM_THREADS");
    let output = command.output().expect("strace runs");
    output.status.code().filter(|code| *code != 137)
}

/// The two reports a kill may leave: the previous (seed 1) and the new one (seed 2).
fn reports(dir: &Path) -> (BTreeMap<PathBuf, Vec<u8>>, BTreeMap<PathBuf, Vec<u8>>) {
    let mut both = Vec::new();
    for seed in ["1", "2"] {
        let (code, stderr) = run_small(dir, "expected", seed);
        assert_eq!(code, 0, "{stderr}");
        both.push(snapshot(&dir.join("expected")));
        std::fs::remove_dir_all(dir.join("expected")).expect("remove");
    }
    let new = both.pop().expect("new");
    let previous = both.pop().expect("previous");
    assert_ne!(previous, new, "the two seeds must give different reports");
    (previous, new)
}

/// After the kill, `out` is the previous or the new complete report; then a normal run
/// succeeds, leaves only `out` and its own files beside it, and writes the new report.
fn check_after_kill(
    dir: &Path,
    what: &str,
    previous: &BTreeMap<PathBuf, Vec<u8>>,
    new: &BTreeMap<PathBuf, Vec<u8>>,
    allow: &[&str],
) {
    let out = dir.join("out");
    let found = if out.exists() {
        let found = snapshot(&out);
        if &found == previous {
            "previous"
        } else if &found == new {
            "new"
        } else {
            panic!("{what}: `out` holds neither complete report");
        }
    } else {
        "nothing"
    };
    assert!(
        allow.contains(&found),
        "{what}: `out` holds {found}, expected one of {allow:?}"
    );
    let (code, stderr) = run_small(dir, "out", "2");
    assert_eq!(code, 0, "{what}: the next run failed: {stderr}");
    assert_eq!(&snapshot(&out), new, "{what}");
    assert_eq!(
        names(dir),
        ["out", "small.toml"],
        "{what}: leftovers are cleaned up"
    );
}

#[test]
fn a_kill_at_any_step_of_the_commit_leaves_a_complete_report() {
    if strace().is_none() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    small_scenario(dir.path());
    let (previous, new) = reports(dir.path());
    // The previous report as a run leaves it, copied into each case's folder.
    let previous_dir = dir.path().join("previous");
    let (code, stderr) = run_small(dir.path(), "previous", "1");
    assert_eq!(code, 0, "{stderr}");
    // Each kill point replaces the previous report (seed 1) by the new one (seed 2), in a folder
    // of its own: the cases run side by side (most of a traced run is spent stopped in strace).
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "before the staging folder is made",
            &["-e", "inject=mkdir:signal=KILL:when=1"],
            &["previous"],
        ),
        (
            "while writing files",
            &["-e", "inject=write:signal=KILL:when=25"],
            &["previous"],
        ),
        (
            "when the mode is copied",
            &["-e", "inject=chmod:signal=KILL:when=1"],
            &["previous"],
        ),
        (
            "at the swap",
            &["-e", "inject=renameat2:signal=KILL:when=1"],
            &["previous"],
        ),
        (
            "right after the swap",
            &["-e", "inject=unlinkat:signal=KILL:when=1"],
            &["new"],
        ),
        (
            "while removing the old folder",
            &["-e", "inject=unlinkat:signal=KILL:when=6"],
            &["new"],
        ),
        (
            "when releasing the lock",
            &["-e", "inject=unlink:signal=KILL:when=1"],
            &["new"],
        ),
        // Without RENAME_EXCHANGE (refused as on a file system that lacks it): two renames.
        (
            "at the fallback's first rename",
            &[
                "-e",
                "inject=renameat2:error=EINVAL",
                "-e",
                "inject=rename:signal=KILL:when=1",
            ],
            &["previous"],
        ),
        (
            "between the fallback's two renames",
            &[
                "-e",
                "inject=renameat2:error=EINVAL",
                "-e",
                "inject=rename:signal=KILL:when=2",
            ],
            &["nothing"],
        ),
        (
            "after the fallback's two renames",
            &[
                "-e",
                "inject=renameat2:error=EINVAL",
                "-e",
                "inject=unlinkat:signal=KILL:when=1",
            ],
            &["new"],
        ),
    ];
    std::thread::scope(|scope| {
        let runs: Vec<_> = cases
            .iter()
            .map(|(what, options, allow)| {
                let (previous, new, previous_dir) = (&previous, &new, &previous_dir);
                scope.spawn(move || {
                    let dir = tempfile::tempdir().expect("temp dir");
                    small_scenario(dir.path());
                    replicate(previous_dir, &dir.path().join("out"));
                    assert_eq!(&snapshot(&dir.path().join("out")), previous);
                    let status = run_small_under_strace(dir.path(), "2", options);
                    assert_eq!(status, None, "{what}: the run was not killed");
                    check_after_kill(dir.path(), what, previous, new, allow);
                })
            })
            .collect();
        for run in runs {
            if let Err(panic) = run.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
}

#[test]
fn an_interrupted_fallback_swap_is_undone_and_never_loses_the_only_copy() {
    if strace().is_none() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    small_scenario(dir.path());
    let (previous, _) = reports(dir.path());
    let (code, stderr) = run_small(dir.path(), "out", "1");
    assert_eq!(code, 0, "{stderr}");
    let fallback_kill = [
        "-e",
        "inject=renameat2:error=EINVAL",
        "-e",
        "inject=rename:signal=KILL:when=2",
    ];
    // Killed between the two renames: the previous report is only in `.out.dcfoot-old-*`.
    assert_eq!(
        run_small_under_strace(dir.path(), "2", &fallback_kill),
        None
    );
    assert!(!dir.path().join("out").exists());
    // A second interruption, at the rename that would restore it: still not lost.
    let restore_kill = ["-e", "inject=rename:signal=KILL:when=1"];
    assert_eq!(run_small_under_strace(dir.path(), "2", &restore_kill), None);
    let aside: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|name| name.starts_with(".out.dcfoot-old-"))
        .collect();
    assert_eq!(aside.len(), 1, "{:?}", names(dir.path()));
    assert_eq!(snapshot(&dir.path().join(&aside[0])), previous);
    // A run that then fails on bad input still puts the previous report back first.
    std::fs::write(dir.path().join("bad.toml"), "schema = 1\nid = \n").expect("write");
    let output = dcfoot()
        .current_dir(dir.path())
        .args(["run", "bad.toml", "--out", "out"])
        .output()
        .expect("dcfoot runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(snapshot(&dir.path().join("out")), previous);
    assert_eq!(names(dir.path()), ["bad.toml", "out", "small.toml"]);
}

/// The paths a traced file system call changes, resolved with the file descriptors' paths
/// that `strace -y` shows.
fn written_paths(trace: &str) -> Vec<String> {
    let changing = [
        "mkdir(",
        "mkdirat(",
        "rename(",
        "renameat(",
        "renameat2(",
        "unlink(",
        "unlinkat(",
        "rmdir(",
        "symlink(",
        "symlinkat(",
        "link(",
        "linkat(",
        "chmod(",
        "fchmodat(",
        "chown(",
        "lchown(",
        "fchownat(",
        "truncate(",
        "creat(",
        "utimensat(",
    ];
    let mut paths = Vec::new();
    for line in trace.lines() {
        let Some(call) = line.split_whitespace().nth(1) else {
            continue;
        };
        let opening = (call.starts_with("open(") || call.starts_with("openat("))
            && ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC"]
                .iter()
                .any(|flag| line.contains(flag));
        if !opening && !changing.iter().any(|prefix| call.starts_with(prefix)) {
            continue;
        }
        // Arguments: `FD</dir>` then `"name"`, or `"path"` alone.
        let mut base: Option<String> = None;
        let mut rest = &line[line.find('(').map_or(0, |at| at + 1)..];
        loop {
            let dir_at = rest.find('<');
            let quote_at = rest.find('"');
            match (dir_at, quote_at) {
                (Some(d), q) if q.is_none_or(|q| d < q) => {
                    let end = rest[d..].find('>').map_or(rest.len(), |end| d + end);
                    base = Some(rest[d + 1..end].to_string());
                    rest = &rest[end..];
                }
                (_, Some(q)) => {
                    let end = rest[q + 1..]
                        .find('"')
                        .map_or(rest.len(), |end| q + 1 + end);
                    let name = &rest[q + 1..end];
                    paths.push(match (&base, name.starts_with('/')) {
                        (Some(base), false) => format!("{base}/{name}"),
                        _ => name.to_string(),
                    });
                    base = None;
                    rest = &rest[(end + 1).min(rest.len())..];
                }
                _ => break,
            }
        }
    }
    paths
}

#[test]
fn a_run_writes_only_into_its_output_folder_and_staging_folder() {
    if strace().is_none() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let dir_path = std::fs::canonicalize(dir.path()).expect("canonical");
    small_scenario(&dir_path);
    let traces = tempfile::tempdir().expect("temp dir");
    let trace = traces.path().join("trace.txt");
    // Twice: a new folder, then replacing it.
    for _ in 0..2 {
        let status = Command::new("strace")
            .current_dir(&dir_path)
            .args(["-f", "-y", "-e", "trace=file", "-o"])
            .arg(&trace)
            .arg(assert_cmd::cargo::cargo_bin!("dcfoot"))
            .args(["run", "small.toml", "--out", "out", "--samples", "200"])
            .status()
            .expect("strace runs");
        assert!(status.success());
        let text = std::fs::read_to_string(&trace).expect("trace");
        let _ = std::fs::remove_file(&trace);
        let written = written_paths(&text);
        assert!(
            written.len() > 20,
            "the trace shows the files written: {written:?}"
        );
        let root = dir_path.display().to_string();
        for path in written {
            let inside = path.strip_prefix(&format!("{root}/")).is_some_and(|rest| {
                rest == "out"
                    || rest.starts_with("out/")
                    || rest.starts_with(".out.dcfoot-tmp-")
                    || rest.starts_with(".out.dcfoot-old-")
                    || rest == ".out.dcfoot-lock"
            });
            assert!(
                inside,
                "written outside --out and its staging folder: {path}"
            );
        }
    }
}

#[test]
fn planted_links_beside_the_output_are_never_followed() {
    let dir = tempfile::tempdir().expect("temp dir");
    small_scenario(dir.path());
    let victim = dir.path().join("victim");
    std::fs::create_dir(&victim).expect("mkdir");
    std::fs::write(victim.join("keep.txt"), "precious").expect("write");
    // Links named like the old predictable staging names and like the lock file.
    for name in [".out.dcfoot-tmp-1", ".out.dcfoot-old-1"] {
        std::os::unix::fs::symlink(&victim, dir.path().join(name)).expect("symlink");
    }
    let (code, stderr) = run_small(dir.path(), "out", "1");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(names(&victim), ["keep.txt"]);
    assert!(dir.path().join("out/manifest.json").is_file());

    std::os::unix::fs::symlink(victim.join("lock"), dir.path().join(".out.dcfoot-lock"))
        .expect("symlink");
    let (code, stderr) = run_small(dir.path(), "out", "2");
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("--out") && stderr.contains("symbolic link"),
        "{stderr}"
    );
    assert_eq!(names(&victim), ["keep.txt"]);
}

#[test]
fn a_second_run_into_the_same_folder_is_refused_while_the_first_holds_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    small_scenario(dir.path());
    let (code, stderr) = run_small(dir.path(), "out", "1");
    assert_eq!(code, 0, "{stderr}");
    let before = snapshot(&dir.path().join("out"));
    let lock = dir.path().join(".out.dcfoot-lock");
    // Another process holds the lock: this test, as a running dcfoot would.
    let holder = std::fs::File::create(&lock).expect("create");
    holder.lock().expect("lock");
    let (code, stderr) = run_small(dir.path(), "out", "2");
    drop(holder);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("--out out") && stderr.contains("another dcfoot run"),
        "{stderr}"
    );
    assert_eq!(snapshot(&dir.path().join("out")), before);
}

#[test]
fn the_replaced_folder_keeps_its_mode_and_a_symlinked_out_stays_a_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    small_scenario(dir.path());
    let out = dir.path().join("out");
    // An empty folder made by the user, with its own mode.
    std::fs::create_dir(&out).expect("mkdir");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o750)).expect("chmod");
    // Owned by another user too, where this test may give it away (as root).
    let owner = std::os::unix::fs::chown(&out, Some(65534), Some(65534))
        .is_ok()
        .then_some(65534);
    if owner.is_none() {
        eprintln!("the owner is not checked: this test cannot give a folder away");
    }
    for seed in ["1", "2"] {
        let (code, stderr) = run_small(dir.path(), "out", seed);
        assert_eq!(code, 0, "{stderr}");
        let meta = std::fs::metadata(&out).expect("meta");
        assert_eq!(meta.permissions().mode() & 0o7777, 0o750, "seed {seed}");
        if let Some(owner) = owner {
            use std::os::unix::fs::MetadataExt;
            assert_eq!((meta.uid(), meta.gid()), (owner, owner), "seed {seed}");
        }
    }

    let real = dir.path().join("real");
    std::fs::create_dir(&real).expect("mkdir");
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    for seed in ["1", "2"] {
        let (code, stderr) = run_small(dir.path(), "link", seed);
        assert_eq!(code, 0, "{stderr}");
        assert!(
            link.symlink_metadata()
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert!(real.join("manifest.json").is_file());
    }
}

#[test]
fn output_paths_that_cannot_be_committed_are_refused_before_any_work() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scenario = small_scenario(dir.path());
    let scenario = scenario.to_str().expect("utf-8");
    let root = dir.path();
    std::os::unix::fs::symlink(root.join("nowhere"), root.join("dangling")).expect("symlink");
    std::os::unix::fs::symlink(root.join("loop"), root.join("loop")).expect("symlink");
    std::fs::create_dir(root.join("existing")).expect("mkdir");
    let long = "n".repeat(250);
    let cases: Vec<(String, &str)> = vec![
        (root.join("dangling").display().to_string(), "symbolic link"),
        (root.join("loop").display().to_string(), "symbolic link"),
        (
            root.join("loop/out").display().to_string(),
            "cannot be used",
        ),
        (
            root.join("dangling/out").display().to_string(),
            "cannot be followed",
        ),
        (format!("{}/existing/.", root.display()), "ends with `.`"),
        (format!("{}/new/.", root.display()), "ends with `.`"),
        (format!("{}/new/..", root.display()), "ends with `.`"),
        (root.join(&long).display().to_string(), "bytes long"),
    ];
    for (out, expected) in cases {
        let stderr = bad_input(&["run", scenario, "--out", &out, "--samples", "200"]);
        assert!(stderr.contains("--out"), "{out}: {stderr}");
        assert!(stderr.contains(expected), "{out}: {stderr}");
    }
    // Nothing was created, and the links are still there, unchanged.
    assert_eq!(
        names(root),
        ["dangling", "existing", "loop", "small.toml"],
        "nothing is created"
    );
    assert!(names(&root.join("existing")).is_empty());
}

#[test]
fn a_mount_point_is_refused_as_the_output_folder() {
    let mounts = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    let Some(mount) = ["/dev/shm", "/proc", "/sys", "/dev"]
        .into_iter()
        .find(|path| {
            mounts
                .lines()
                .any(|line| line.split(' ').nth(4) == Some(*path))
        })
    else {
        eprintln!("skipped: no known mount point");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let scenario = small_scenario(dir.path());
    let stderr = bad_input(&[
        "run",
        scenario.to_str().expect("utf-8"),
        "--out",
        mount,
        "--force",
        "--samples",
        "200",
    ]);
    assert!(
        stderr.contains("--out") && stderr.contains("mount point"),
        "{stderr}"
    );
}

fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|status| status.success())
}

#[test]
fn only_regular_files_are_read() {
    let datasets = crate::util::copy_datasets();
    let regions = datasets.path().join("regions.csv");
    std::fs::remove_file(&regions).expect("remove");
    let path = datasets.path().to_str().expect("utf-8").to_string();
    let validate = || bad_input(&["datasets", "validate", &path]);

    // A FIFO would block a plain read for ever.
    if mkfifo(&regions) {
        let stderr = validate();
        assert!(
            stderr.contains("regions.csv") && stderr.contains("FIFO"),
            "{stderr}"
        );
        std::fs::remove_file(&regions).expect("remove");
    } else {
        eprintln!("skipped the FIFO case: mkfifo(1) is not installed");
    }
    // A device would be read until memory runs out.
    std::os::unix::fs::symlink("/dev/zero", &regions).expect("symlink");
    let stderr = validate();
    assert!(
        stderr.contains("regions.csv") && stderr.contains("a device"),
        "{stderr}"
    );
    std::fs::remove_file(&regions).expect("remove");
    // A folder.
    std::fs::create_dir(&regions).expect("mkdir");
    let stderr = validate();
    assert!(
        stderr.contains("regions.csv") && stderr.contains("a folder"),
        "{stderr}"
    );
    std::fs::remove_dir(&regions).expect("rmdir");
    // A dangling link is an error, not a silent fall-back to the built-in file.
    std::os::unix::fs::symlink(datasets.path().join("gone.csv"), &regions).expect("symlink");
    let stderr = validate();
    assert!(
        stderr.contains("regions.csv") && stderr.contains("symbolic link"),
        "{stderr}"
    );
    std::fs::remove_file(&regions).expect("remove");
    // A file far larger than any dataset.
    let file = std::fs::File::create(&regions).expect("create");
    file.set_len(65 * 1024 * 1024).expect("set_len");
    let stderr = validate();
    assert!(
        stderr.contains("regions.csv") && stderr.contains("larger"),
        "{stderr}"
    );
    std::fs::remove_file(&regions).expect("remove");
    // Near-miss names are not ignored without a word.
    for near_miss in ["regions.CSV", "Regions.csv", "regions.csv.txt"] {
        std::fs::copy(
            crate::util::datasets_dir().join("regions.csv"),
            datasets.path().join(near_miss),
        )
        .expect("copy");
        let stderr = validate();
        assert!(
            stderr.contains(near_miss) && stderr.contains("did you mean `regions.csv`"),
            "{near_miss}: {stderr}"
        );
        std::fs::remove_file(datasets.path().join(near_miss)).expect("remove");
    }
    let (code, _, stderr) = run(&["datasets", "validate", &path]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_fifo_as_scenario_or_manifest_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scenario = small_scenario(dir.path());
    let fifo = dir.path().join("fifo.toml");
    if !mkfifo(&fifo) {
        eprintln!("skipped: mkfifo(1) is not installed");
        return;
    }
    let unused = dir.path().join("unused");
    let stderr = bad_input(&[
        "run",
        fifo.to_str().expect("utf-8"),
        "--out",
        unused.to_str().expect("utf-8"),
    ]);
    assert!(
        stderr.contains("fifo.toml") && stderr.contains("FIFO"),
        "{stderr}"
    );

    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    assert!(mkfifo(&out.join("manifest.json")));
    let stderr = bad_input(&[
        "run",
        scenario.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(
        stderr.contains("manifest.json") && stderr.contains("FIFO"),
        "{stderr}"
    );
}

#[test]
fn long_region_chains_load_and_long_cycles_are_reported_briefly() {
    let datasets = crate::util::copy_datasets();
    let regions = datasets.path().join("regions.csv");
    let mut text = std::fs::read_to_string(&regions).expect("read");
    // 20,000 regions, each the parent of the next: quadratic or cubic walks never finish.
    let count = 20_000;
    for index in 0..count {
        let parent = if index == 0 {
            "WORLD".to_string()
        } else {
            format!("R{}", index - 1)
        };
        text.push_str(&format!(
            "R{index},Region {index},Région {index},{parent}\n"
        ));
    }
    std::fs::write(&regions, &text).expect("write");
    let path = datasets.path().to_str().expect("utf-8");
    let (code, _, stderr) = run(&["datasets", "validate", path]);
    assert_eq!(code, 0, "{stderr}");

    // Close the chain into a cycle: refused, with a short message.
    let text = text.replacen(
        "R0,Region 0,Région 0,WORLD",
        &format!("R0,Region 0,Région 0,R{}", count - 1),
        1,
    );
    std::fs::write(&regions, &text).expect("write");
    let stderr = bad_input(&["datasets", "validate", path]);
    assert!(stderr.contains("its own ancestor"), "{stderr}");
    assert!(stderr.len() < 2_000, "{} bytes", stderr.len());
}

/// Runs the small scenario with one change, in both languages, and expects success.
fn runs_in_both_languages(replace: &[(&str, &str)]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let scenario = small_scenario(dir.path());
    let mut text = std::fs::read_to_string(&scenario).expect("read");
    for (from, to) in replace {
        assert!(text.contains(from), "{from}");
        text = text.replace(from, to);
    }
    std::fs::write(&scenario, text).expect("write");
    for lang in ["en", "fr"] {
        let out = dir.path().join(format!("out-{lang}"));
        let (code, _, stderr) = run(&[
            "run",
            scenario.to_str().expect("utf-8"),
            "--out",
            out.to_str().expect("utf-8"),
            "--lang",
            lang,
            "--samples",
            "200",
        ]);
        assert_eq!(code, 0, "{replace:?} --lang {lang}: {stderr}");
        assert!(out.join("index.html").is_file());
    }
}

#[test]
fn huge_results_and_fast_growth_draw_their_charts() {
    // Tornado labels wider than the plot once panicked (f64::clamp with min > max).
    runs_in_both_languages(&[(
        "value = 415, unit = \"TWh\"",
        "value = 1e46, unit = \"TWh\"",
    )]);
    runs_in_both_languages(&[(
        "value = 415, unit = \"TWh\"",
        "value = 1e37, unit = \"TWh\"",
    )]);
    runs_in_both_languages(&[
        ("rate = \"tri:5%,10%,15%\"", "rate = \"tri:150%,200%,200%\""),
        ("to = 2026", "to = 2100"),
        ("facility_energy:2026", "facility_energy:2100"),
    ]);
}

/// The accepted plain scenario with `replace` applied, written as `name` into `dir`.
fn plain_with(dir: &Path, name: &str, replace: &[(&str, &str)]) -> PathBuf {
    let mut text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input/accepted/plain.toml"),
    )
    .expect("plain.toml");
    for (from, to) in replace {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write scenario");
    path
}

/// Runs dcfoot in `dir`; returns (exit code, stdout, stderr) as bytes.
fn run_in(dir: &Path, args: &[&str]) -> (i32, Vec<u8>, Vec<u8>) {
    let output = dcfoot()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("dcfoot runs");
    (
        output.status.code().unwrap_or(-1),
        output.stdout,
        output.stderr,
    )
}

fn assert_terminal_safe(stderr: &[u8]) {
    let text = String::from_utf8_lossy(stderr);
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "raw control characters reach the terminal: {text:?}"
    );
    assert!(text.contains("\\u{1b}"), "the escape is not shown: {text}");
}

#[test]
fn control_characters_from_the_input_are_shown_escaped_in_every_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A raw ESC in a scenario: a TOML syntax error whose snippet echoes the line.
    plain_with(
        dir.path(),
        "esc.toml",
        &[(
            "en = \"Corpus case\"",
            "en = \"Corpus \u{1b}[2J\u{1b}]0;pwned\u{7}case\"",
        )],
    );
    let (code, _, stderr) = run_in(dir.path(), &["run", "esc.toml", "--out", "out"]);
    assert_eq!(code, 2);
    assert_terminal_safe(&stderr);
    // The same in a dataset cell: "control characters are not allowed in text cells".
    let data = dir.path().join("data");
    std::fs::create_dir(&data).expect("mkdir");
    let regions =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/regions.csv"))
            .expect("regions.csv");
    std::fs::write(
        data.join("regions.csv"),
        format!("{regions}XX,Atl\u{1b}[31mantis,Atlantide,WORLD\n"),
    )
    .expect("write");
    let (code, _, stderr) = run_in(dir.path(), &["datasets", "validate", "data"]);
    assert_eq!(code, 2);
    assert!(String::from_utf8_lossy(&stderr).contains("control characters are not allowed"));
    assert_terminal_safe(&stderr);
}

#[test]
fn a_newline_in_a_title_cannot_fake_a_line_of_the_summary() {
    let dir = tempfile::tempdir().expect("temp dir");
    plain_with(
        dir.path(),
        "nl.toml",
        &[(
            "en = \"Corpus case\"",
            "en = \"Corpus case\\nwrote 0 files (0 MB) to /etc in 0 s\"",
        )],
    );
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &["run", "nl.toml", "--out", "out", "--samples", "200"],
    );
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
    let summary = String::from_utf8_lossy(&stdout).into_owned() + &String::from_utf8_lossy(&stderr);
    let fake: Vec<&str> = summary
        .lines()
        .filter(|line| line.starts_with("wrote "))
        .collect();
    assert_eq!(fake.len(), 1, "{summary}");
    assert!(
        summary.contains("Corpus case\\u{a}wrote 0 files"),
        "{summary}"
    );
}

#[test]
fn a_huge_bad_value_gives_a_short_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let huge = "9".repeat(1_000_000) + &"x".repeat(1_000_000);
    plain_with(
        dir.path(),
        "huge.toml",
        &[("wue = 0.5", &format!("wue = \"{huge}\""))],
    );
    plain_with(
        dir.path(),
        "huge-id.toml",
        &[("id = \"corpus-case\"", &format!("id = \"{huge}\""))],
    );
    for name in ["huge.toml", "huge-id.toml"] {
        let (code, _, stderr) = run_in(dir.path(), &["run", name, "--out", "out"]);
        assert_eq!(code, 2, "{name}");
        assert!(
            stderr.len() < 4_000,
            "{name}: a {}-byte message for a 2 MB value",
            stderr.len()
        );
        assert!(String::from_utf8_lossy(&stderr).starts_with(&format!("error: {name}:")));
    }
}

#[test]
fn every_generated_chart_name_is_refused_as_a_compare_or_trend_id() {
    // The charts of the committed report: all are generated, or declared by a scenario.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let datasets = dcfoot::data::Datasets::builtin().expect("datasets");
    let scenarios = dcfoot::scenario::load_builtins(&datasets).expect("scenarios");
    let mut generated = 0;
    for scenario in &scenarios {
        let charts = root.join("reports").join(&scenario.id).join("charts");
        for entry in std::fs::read_dir(&charts).expect("charts folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|ext| ext != "svg") {
                continue;
            }
            let stem = path
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .into_owned();
            let declared = scenario.compare.iter().any(|chart| chart.id == stem)
                || scenario.trends.iter().any(|chart| chart.id == stem);
            assert!(
                declared || dcfoot::scenario::is_builtin_chart(&stem),
                "{}: chart `{stem}` is generated but not reserved",
                scenario.id
            );
            assert!(!(declared && dcfoot::scenario::is_builtin_chart(&stem)));
            generated += usize::from(!declared);
        }
    }
    assert!(generated > 20, "only {generated} generated charts found");
}

#[test]
fn the_manifest_is_the_same_from_two_working_folders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scenario = plain_with(dir.path(), "s.toml", &[]);
    let data = dir.path().join("data");
    std::fs::create_dir(&data).expect("mkdir");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/regions.csv"),
        data.join("regions.csv"),
    )
    .expect("copy");
    let mut manifests = Vec::new();
    for place in ["a", "b/c"] {
        let here = dir.path().join(place);
        std::fs::create_dir_all(&here).expect("mkdir");
        let out = here.join("out");
        let (code, _, stderr) = run_in(
            &here,
            &[
                "run",
                scenario.to_str().expect("utf-8"),
                "--datasets",
                data.to_str().expect("utf-8"),
                "--out",
                out.to_str().expect("utf-8"),
                "--samples",
                "200",
            ],
        );
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
        manifests.push(std::fs::read_to_string(out.join("manifest.json")).expect("manifest"));
    }
    assert_eq!(manifests[0], manifests[1]);
    let home = dir.path().to_string_lossy().into_owned();
    assert!(!manifests[0].contains(&home), "{}", manifests[0]);
    assert!(
        manifests[0].contains("\"file\": \"s.toml\""),
        "{}",
        manifests[0]
    );
    // Inside the working folder, the path is recorded relative to it.
    let (code, _, stderr) = run_in(
        dir.path(),
        &[
            "run",
            scenario.to_str().expect("utf-8"),
            "--out",
            "here",
            "--samples",
            "200",
        ],
    );
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
    let manifest = std::fs::read_to_string(dir.path().join("here/manifest.json")).expect("read");
    assert!(manifest.contains("\"file\": \"s.toml\""), "{manifest}");
}
