//! Helpers shared by the integration tests.

use assert_cmd::Command;

/// The dcfoot binary, run in `dir` (a fresh temporary folder unless given).
pub fn dcfoot() -> Command {
    crate::report::start_full_report();
    let mut command = Command::new(assert_cmd::cargo::cargo_bin!("dcfoot"));
    command.env_remove("RAYON_NUM_THREADS");
    command
}

/// The factors of the token method's reference command (issue 13): PUE, WUE, EWIF, carbon.
pub const TOKEN_FACTORS: &[&str] = &[
    "--pue",
    "1.2",
    "--wue",
    "0.5",
    "--ewif",
    "3.1",
    "--carbon-intensity",
    "384",
];

/// The token method's reference request: a 400-token answer of a dense 70B model.
pub const ANSWER_70B: &[&str] = &[
    "--active-params",
    "70B",
    "--total-params",
    "70B",
    "--output-tokens",
    "400",
];

/// Runs dcfoot with `args` and returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let output = dcfoot().args(args).output().expect("dcfoot runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs dcfoot, expects success and returns stdout.
pub fn ok(args: &[&str]) -> String {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 0, "dcfoot {args:?} failed:\n{stderr}");
    stdout
}

/// Runs dcfoot, expects exit code 2 and returns stderr.
pub fn bad_input(args: &[&str]) -> String {
    let (code, stdout, stderr) = run(args);
    assert_eq!(
        code, 2,
        "dcfoot {args:?} should fail with 2; stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// The built-in datasets folder of the repository.
pub fn datasets_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets")
}

/// Copies the built-in dataset CSV files into a new temporary folder.
pub fn copy_datasets() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(datasets_dir()).expect("datasets folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|ext| ext == "csv") {
            std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
        }
    }
    dir
}

/// Parses JSON output.
pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("invalid JSON ({error}):\n{text}"))
}

/// Names of the entries of `dir`, sorted.
pub fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}
