//! Arbitrary bytes as one dataset CSV file (the first byte picks which file it replaces; the
//! built-in copies stand in for the others): load and validate it and, when it loads, look up
//! every region's grid factors the way `estimate --region` does. Any panic or hang is a bug;
//! errors are expected.
#![no_main]

use dcfoot::data::Datasets;
use dcfoot::estimate::{EnergySource, EstimateRequest, FlagValue, estimate};
use dcfoot::model::Boundary;
use dcfoot::uncertainty::McConfig;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some((&selector, rest)) = bytes.split_first() else {
        return;
    };
    let names = Datasets::file_names();
    let name = &names[usize::from(selector) % names.len()];
    // The binary refuses a file that is not UTF-8 before reading it as CSV.
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(datasets) = Datasets::from_texts(&[(name, text)]) else {
        return;
    };
    let regions: Vec<String> = datasets
        .regions()
        .iter()
        .take(8)
        .map(|region| region.code.clone())
        .collect();
    for region in regions {
        let request = EstimateRequest {
            energy: Some(EnergySource::Energy {
                energy: FlagValue::new("--it-energy", "1 GWh"),
                boundary: Boundary::It,
            }),
            pue: Some(FlagValue::new("--pue", "1.2")),
            region: Some(region),
            config: McConfig {
                samples: 16,
                seed: 1,
            },
            ..EstimateRequest::default()
        };
        let _ = estimate(&request, &datasets);
    }
});
