//! `dcfoot datasets` and `dcfoot sources`. Broken and BOM/CRLF dataset copies are in the
//! bad-input corpus (`tests/bad_input/datasets/`, `tests/cli/bad_input.rs`).

use crate::util::{copy_datasets, ok};

#[test]
fn shipped_datasets_validate() {
    let text = ok(&["datasets", "validate"]);
    assert!(text.starts_with("ok: "), "{text}");
    let folder = copy_datasets();
    let text = ok(&["datasets", "validate", folder.path().to_str().unwrap()]);
    let files = dcfoot::data::Datasets::file_names().len();
    assert!(text.contains(&format!("{files} file(s) from")), "{text}");
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
        "ai_share",
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
fn ai_share_rows_validate_and_show() {
    let table = ok(&["datasets", "show", "ai_share", "--csv"]);
    assert!(
        table.starts_with("id,part,whole,metric,perimeter,value,unit"),
        "{table}"
    );
    let row = ok(&["datasets", "show", "iea-world-accel-server-share-2024"]);
    assert!(row.contains("value: 24 %"), "{row}");
    assert!(row.contains("[IEA-EAI-2025]"), "{row}");
    // The only derived rows name the rows they are computed from.
    let derived = ok(&["datasets", "show", "fr-ai-campuses-announced-total"]);
    assert!(
        derived.contains("fluidstack-fr-ai-campus-2025"),
        "{derived}"
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
