//! `dcfoot datasets` and `dcfoot sources`, and validation of broken dataset copies.

use std::fs;

use crate::util::{bad_input, copy_datasets, ok};

#[test]
fn shipped_datasets_validate() {
    let text = ok(&["datasets", "validate"]);
    assert!(text.starts_with("ok: "), "{text}");
    let folder = copy_datasets();
    let text = ok(&["datasets", "validate", folder.path().to_str().unwrap()]);
    assert!(text.contains("10 file(s) from"), "{text}");
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
    let error = bad_input(&["datasets", "show", "grid_factor"]);
    assert!(error.contains("did you mean `grid_factors`"), "{error}");
}

#[test]
fn sources_list_and_one_source() {
    let list = ok(&["sources"]);
    assert!(list.contains("LI-2023") && list.contains("IEA-EAI-2025"));
    let one = ok(&["sources", "LI-2023"]);
    assert!(one.contains("Making AI Less"), "{one}");
    assert!(one.contains("value(s) cite it"), "{one}");
    assert!(bad_input(&["sources", "LI-2032"]).contains("did you mean `LI-2023`"));
}

/// Breaks one line of a copy of a dataset file and checks validation names file and line.
fn broken(file: &str, edit: impl Fn(&str) -> String) -> String {
    let folder = copy_datasets();
    let path = folder.path().join(file);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, edit(&text)).unwrap();
    let error = bad_input(&["datasets", "validate", folder.path().to_str().unwrap()]);
    assert!(error.contains(file), "{error}");
    error
}

fn replace_in_line(text: &str, line: usize, from: &str, to: &str) -> String {
    text.lines()
        .enumerate()
        .map(|(index, content)| {
            if index + 1 == line {
                content.replacen(from, to, 1)
            } else {
                content.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn broken_copies_fail_with_file_and_line() {
    let unknown_source = broken("grid_factors.csv", |text| {
        replace_in_line(text, 3, "OWID-EMBER", "NOWHERE-2099")
    });
    assert!(
        unknown_source.contains("grid_factors.csv:3:"),
        "{unknown_source}"
    );
    assert!(unknown_source.contains("NOWHERE-2099"), "{unknown_source}");

    let bad_number = broken("dc_energy.csv", |text| {
        replace_in_line(text, 2, ",415,", ",4I5,")
    });
    assert!(bad_number.contains("dc_energy.csv:2:"), "{bad_number}");
    assert!(bad_number.contains("value"), "{bad_number}");

    let french_decimal = broken("dc_energy.csv", |text| {
        replace_in_line(text, 2, ",415,", ",\"415,5\",")
    });
    assert!(
        french_decimal.contains("decimal separator"),
        "{french_decimal}"
    );

    let bad_unit = broken("grid_factors.csv", |text| {
        replace_in_line(text, 2, "gCO2e/kWh", "gCO2/kWh")
    });
    assert!(bad_unit.contains("unit"), "{bad_unit}");

    let short_row = broken("references.csv", |text| {
        let mut lines: Vec<&str> = text.lines().collect();
        lines.insert(2, "short,row");
        lines.join("\n")
    });
    assert!(short_row.contains("references.csv:3:"), "{short_row}");

    let duplicate = broken("ai_training.csv", |text| {
        let lines: Vec<&str> = text.lines().collect();
        let mut out = lines.clone();
        out.push(lines[1]);
        out.join("\n")
    });
    assert!(duplicate.contains("duplicate id"), "{duplicate}");

    let header = broken("accelerators.csv", |text| {
        text.replacen("hardware", "hw", 1)
    });
    assert!(header.contains("accelerators.csv:1:"), "{header}");

    let formula = broken("references.csv", |text| {
        format!(
            "{text}formula-test,national_electricity,\"=HYPERLINK(\"\"http://x\"\")\",l,1,TWh,,,\
             2024,FR,measured,RTE-BE-2024,confirmed,\n"
        )
    });
    assert!(formula.contains("formula"), "{formula}");
}

#[test]
fn a_bom_and_crlf_are_accepted() {
    let folder = copy_datasets();
    let path = folder.path().join("grid_factors.csv");
    let text = fs::read_to_string(&path).unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(text.replace('\n', "\r\n").into_bytes());
    fs::write(&path, bytes).unwrap();
    let plain = ok(&["datasets", "validate"]);
    let converted = ok(&["datasets", "validate", folder.path().to_str().unwrap()]);
    // Same data, same checksum.
    assert_eq!(plain.lines().last(), converted.lines().last());
}

#[test]
fn non_utf8_and_empty_files_are_refused() {
    let folder = copy_datasets();
    fs::write(
        folder.path().join("regions.csv"),
        b"code,name_en,name_fr,parent\nFR,Fr\xE9nce,France,\n",
    )
    .unwrap();
    let error = bad_input(&["datasets", "validate", folder.path().to_str().unwrap()]);
    assert!(
        error.contains("UTF-8") && error.contains("regions.csv:2:"),
        "{error}"
    );
    fs::write(folder.path().join("regions.csv"), b"").unwrap();
    let error = bad_input(&["datasets", "validate", folder.path().to_str().unwrap()]);
    assert!(error.contains("empty"), "{error}");
    let missing = bad_input(&["datasets", "validate", "/nonexistent/folder"]);
    assert!(missing.contains("no such datasets folder"), "{missing}");
}
