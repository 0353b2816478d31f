//! The dataset files embedded at build time (see `build.rs`).

include!(concat!(env!("OUT_DIR"), "/builtin_files.rs"));

/// The embedded file at `path` (relative to `datasets/`), if any.
pub fn file(path: &str) -> Option<&'static str> {
    FILES
        .iter()
        .find(|(name, _)| *name == path)
        .map(|(_, contents)| *contents)
}

/// Embedded files under `prefix` (e.g. `scenarios/`), in name order.
pub fn files_under(prefix: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    FILES
        .iter()
        .filter(move |(name, _)| name.starts_with(prefix))
        .copied()
}
