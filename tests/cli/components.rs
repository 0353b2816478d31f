//! `dcfoot run` on a scenario with components, a baseline and a rebound
//! (`tests/scenarios/components-mini.toml`): components.csv and savings.csv as DESIGN.md §6
//! says, in both CSV flavours and in tables.xlsx.

use std::collections::BTreeMap;
use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Reader, Xlsx, open_workbook_from_rs};

use crate::util::ok;

fn scenario() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/components-mini.toml")
        .display()
        .to_string()
}

fn rows(path: &Path, delimiter: u8) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_path(path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|record| record.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn number(text: &str) -> f64 {
    text.replace(',', ".")
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {text}"))
}

fn run(locale: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let scenario = scenario();
    ok(&[
        "run",
        &scenario,
        "--out",
        out.to_str().unwrap(),
        "--samples",
        "2000",
        "--csv-locale",
        locale,
    ]);
    let folder = out.join("components-mini");
    (dir, folder)
}

#[test]
fn run_writes_components_and_savings_that_add_up() {
    let (dir, folder) = run("default");
    let (header, components) = rows(&folder.join("components.csv"), b',');
    assert_eq!(
        header,
        "scenario,variant,component,parent,year,indicator,unit,central,mean,p5,p50,p95,source_ids"
            .split(',')
            .collect::<Vec<_>>()
    );
    // (variant, parent, year, indicator) → sum of the children's central values and means.
    let mut children: BTreeMap<(String, String, String, String), (f64, f64)> = BTreeMap::new();
    let mut own: BTreeMap<(String, String, String, String), (f64, f64)> = BTreeMap::new();
    for row in &components {
        if row[5] == "component_share" {
            assert_eq!(row[6], "%");
            continue;
        }
        let (central, mean) = (number(&row[7]), number(&row[8]));
        let (p5, p50, p95) = (number(&row[9]), number(&row[10]), number(&row[11]));
        assert!(p5 <= p50 && p50 <= p95, "{row:?}");
        own.insert(
            (
                row[1].clone(),
                row[2].clone(),
                row[4].clone(),
                row[5].clone(),
            ),
            (central, mean),
        );
        if !row[3].is_empty() {
            let entry = children
                .entry((
                    row[1].clone(),
                    row[3].clone(),
                    row[4].clone(),
                    row[5].clone(),
                ))
                .or_default();
            entry.0 += central;
            entry.1 += mean;
        }
    }
    assert!(children.len() > 100);
    for (key, (central, mean)) in &children {
        let (parent_central, parent_mean) = own[key];
        // Central values and means add up (written to 7 significant digits).
        assert!(
            (central - parent_central).abs() <= 1e-5 * parent_central.abs().max(1e-9),
            "{key:?}"
        );
        assert!(
            (mean - parent_mean).abs() <= 1e-5 * parent_mean.abs().max(1e-9),
            "{key:?}"
        );
    }
    // The total in components.csv is the variant's result in results.csv.
    let (_, results) = rows(&folder.join("results.csv"), b',');
    for row in results.iter().filter(|row| row[4] == "facility_energy") {
        let key = (
            row[1].clone(),
            "total".to_string(),
            row[3].clone(),
            row[4].clone(),
        );
        assert_eq!(own[&key].0, number(&row[6]), "{key:?}");
    }

    let (header, savings) = rows(&folder.join("savings.csv"), b',');
    assert_eq!(
        header,
        "scenario,variant,baseline,component,indicator,unit,from_year,to_year,central,mean,p5,p50,p95"
            .split(',')
            .collect::<Vec<_>>()
    );
    let find = |variant: &str, component: &str, from: &str, to: &str| {
        savings
            .iter()
            .find(|row| {
                row[1] == variant
                    && row[3] == component
                    && row[4] == "facility_energy"
                    && row[6] == from
                    && row[7] == to
            })
            .unwrap_or_else(|| panic!("no saving row {variant} {component} {from}–{to}"))
    };
    for row in savings.iter().filter(|row| row[1] == "same") {
        assert!(row[8..].iter().all(|cell| number(cell) == 0.0), "{row:?}");
    }
    let total = find("no-genai", "", "2030", "2030");
    assert!(number(&total[10]) > 0.0, "{total:?}");
    let cumulative = find("no-genai", "", "2026", "2030");
    // The cumulative central and mean are the sums of the yearly ones.
    for column in [8, 9] {
        let yearly: f64 = (2026..=2030)
            .map(|year| number(&find("no-genai", "", &year.to_string(), &year.to_string())[column]))
            .sum();
        let cumulated = number(&cumulative[column]);
        assert!(
            (yearly - cumulated).abs() <= 1e-5 * cumulated,
            "{yearly} vs {cumulative:?}"
        );
    }
    // The rebound shows as extra use of the part that takes it up.
    let other = find("no-genai-rebound", "other-ai", "2030", "2030");
    assert!(number(&other[12]) < 0.0, "{other:?}");
    assert!(
        find("no-genai", "", "2025", "2025")[8..]
            .iter()
            .all(|cell| number(cell) == 0.0)
    );

    // The charts, each with its phone-width version.
    for chart in [
        "components",
        "component-shares",
        "components-no-genai",
        "savings",
        "savings-cumulative",
    ] {
        for suffix in ["", "-narrow"] {
            assert!(
                folder.join(format!("charts/{chart}{suffix}.png")).exists(),
                "{chart}{suffix}"
            );
        }
    }
    // The workbook has both tables.
    let bytes = fs::read(dir.path().join("out/tables.xlsx")).unwrap();
    let workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let names = workbook.sheet_names();
    assert!(
        names.contains(&"components".to_string()) && names.contains(&"savings".to_string()),
        "{names:?}"
    );
    // The assumptions are named in the README page and in inputs.csv.
    let readme = fs::read_to_string(folder.join("README.md")).unwrap();
    assert!(
        readme.contains("Assumption (component") && readme.contains("No source splits AI"),
        "{readme}"
    );
    assert!(readme.contains("Assumption (rebound)"));
    let inputs = fs::read_to_string(folder.join("inputs.csv")).unwrap();
    assert!(
        inputs.contains("component.generative.share")
            && inputs.contains("assumption: No source splits AI")
    );
}

#[test]
fn french_csv_flavour_writes_the_same_tables() {
    let (_dir, folder) = run("fr");
    let (header, components) = rows(&folder.join("components.csv"), b';');
    assert_eq!(header.len(), 13);
    let (_, savings) = rows(&folder.join("savings.csv"), b';');
    let (_dir_default, default) = run("default");
    let (_, default_components) = rows(&default.join("components.csv"), b',');
    let (_, default_savings) = rows(&default.join("savings.csv"), b',');
    assert_eq!(components.len(), default_components.len());
    assert_eq!(savings.len(), default_savings.len());
    for (fr, en) in components.iter().zip(&default_components) {
        assert_eq!(number(&fr[7]), number(&en[7]));
    }
}
