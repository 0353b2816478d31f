//! Arbitrary bytes as a scenario file: parse it against the built-in datasets and, when it
//! is valid, run it (a few Monte Carlo draws) and fill its finding texts. Any panic is a bug;
//! errors are expected.
#![no_main]

use std::sync::OnceLock;

use dcfoot::data::Datasets;
use dcfoot::scenario;
use dcfoot::uncertainty::McConfig;
use libfuzzer_sys::fuzz_target;

fn datasets() -> &'static Datasets {
    static DATASETS: OnceLock<Datasets> = OnceLock::new();
    DATASETS.get_or_init(|| Datasets::builtin().expect("the built-in datasets load"))
}

fuzz_target!(|bytes: &[u8]| {
    // The binary refuses non-UTF-8 files before parsing, and strips a byte-order mark.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Ok(parsed) = scenario::parse("fuzz.toml", text, datasets()) else {
        return;
    };
    let config = McConfig {
        samples: 16,
        seed: 1,
    };
    let _ = scenario::run(&parsed, datasets(), config);
});
