//! Arbitrary bytes as one dataset CSV file (the first byte picks which file it replaces; the
//! built-in copies stand in for the others): load and validate it and, when it loads, look up
//! every region's grid factors the way `estimate --region` does. Any panic or hang is a bug;
//! errors are expected.
#![no_main]

use dcfoot::data::Datasets;
use dcfoot::defaults::Place;
use dcfoot::estimate::{EstimateRequest, Given, estimate};
use dcfoot::model::vocab::FactorSet;
use dcfoot::model::{Energy, Way};
use dcfoot::uncertainty::Dist;
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
            energy: Some(Energy {
                way: Way::Direct {
                    energy: Some(Given::new(Dist::Fixed(1e6), "--it-energy")),
                },
                boundary: Boundary::It,
            }),
            factors: FactorSet {
                pue: Some(Given::new(Dist::Fixed(1.2), "--pue")),
                ..FactorSet::default()
            },
            place: Place {
                region: Some(region),
                ..Place::default()
            },
            config: McConfig {
                samples: 16,
                seed: 1,
            },
            ..EstimateRequest::default()
        };
        let _ = estimate(&request, &datasets);
    }
});
