//! `dcfoot datasets` and `dcfoot sources`. Broken and BOM/CRLF dataset copies are in the
//! bad-input corpus (`tests/bad_input/datasets/`, `tests/cli/bad_input.rs`).

use crate::util::{copy_datasets, ok};

#[test]
fn shipped_datasets_validate() {
    let text = ok(&["datasets", "validate"]);
    assert!(text.starts_with("ok: "), "{text}");
    let folder = copy_datasets();
    let text = ok(&["datasets", "validate", folder.path().to_str().unwrap()]);
    assert!(text.contains("12 file(s) from"), "{text}");
}

#[test]
fn list_counts_confirmed_values() {
    let text = ok(&["datasets", "list"]);
    for table in [
        "grid_factors",
        "facility_efficiency",
        "dc_energy",
        "ai_inference",
        "references",
    ] {
        assert!(text.contains(table), "{table} missing:\n{text}");
    }
    assert!(text.contains("confirmed"));
}

#[test]
fn show_a_table_and_a_row() {
    let table = ok(&["datasets", "show", "grid_factors"]);
    assert!(table.contains("carbon_intensity") && table.contains("ewif"));
    let row = ok(&["datasets", "show", "iea-world-dc-2024"]);
    assert!(row.contains("value: 415 TWh"), "{row}");
    assert!(row.contains("[IEA-EAI-2025]"), "{row}");
    let csv = ok(&["datasets", "show", "dc_energy", "--csv"]);
    assert!(
        csv.starts_with("id,indicator,case,value,unit,low,high,year,scope"),
        "{csv}"
    );
}

#[test]
fn sources_list_and_one_source() {
    let list = ok(&["sources"]);
    assert!(list.contains("LI-2023") && list.contains("IEA-EAI-2025"));
    let one = ok(&["sources", "LI-2023"]);
    assert!(one.contains("Making AI Less"), "{one}");
    assert!(one.contains("value(s) cite it"), "{one}");
}
