//! Editions in the bibliography: a source whose `superseded_by` is set is named with its newer
//! edition wherever it is used (scenario README in both languages, chart footers, the report's
//! `sources.csv`, `estimate` and `dcfoot sources`), and nowhere when the cell is empty.

use std::fs;
use std::path::Path;

use crate::util::{copy_datasets, json, ok};

/// The datasets with a new source `OWID-EMBER-NEXT` added; when `supersede` is true,
/// `OWID-EMBER` (the grid carbon intensities) names it in `superseded_by`.
fn datasets(supersede: bool) -> tempfile::TempDir {
    let dir = copy_datasets();
    let path = dir.path().join("sources.csv");
    let text = fs::read_to_string(&path).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|header| header == name).unwrap();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&headers).unwrap();
    let mut found = false;
    for record in reader.records() {
        let mut record: Vec<String> = record.unwrap().iter().map(String::from).collect();
        if record[0] == "OWID-EMBER" {
            found = true;
            if supersede {
                record[column("superseded_by")] = "OWID-EMBER-NEXT".into();
            }
        }
        writer.write_record(&record).unwrap();
    }
    assert!(found, "the built-in sources.csv has OWID-EMBER");
    let mut next = vec![String::new(); headers.len()];
    next[column("id")] = "OWID-EMBER-NEXT".into();
    next[column("authors")] = "Our World in Data; Ember".into();
    next[column("title")] = "Carbon intensity of electricity, next edition".into();
    next[column("year")] = "2027".into();
    writer.write_record(&next).unwrap();
    fs::write(&path, writer.into_inner().unwrap()).unwrap();
    dir
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Runs the `where-it-runs` scenario (its carbon intensities cite OWID-EMBER) in a language.
fn run(data: &Path, lang: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("out");
    ok(&[
        "run",
        "where-it-runs",
        "--datasets",
        data.to_str().unwrap(),
        "--out",
        target.to_str().unwrap(),
        "--samples",
        "200",
        "--lang",
        lang,
    ]);
    out
}

#[test]
fn a_superseded_source_is_named_with_its_newer_edition_wherever_it_is_used() {
    const EN: &str = "OWID-EMBER is superseded by OWID-EMBER-NEXT.";
    const FR: &str = "OWID-EMBER est remplacé par OWID-EMBER-NEXT.";
    for supersede in [true, false] {
        let data = datasets(supersede);
        let shown = |text: &str, note: &str, what: &str| {
            assert_eq!(
                text.contains(note),
                supersede,
                "{what} (superseded_by set: {supersede}):\n{text}"
            );
        };

        for (lang, note) in [("en", EN), ("fr", FR)] {
            let out = run(data.path(), lang);
            let folder = out.path().join("out");
            let readme = read(&folder.join("where-it-runs/README.md"));
            shown(&readme, note, "the scenario's README");
            shown(&read(&folder.join("index.html")), note, "the report page");
            // Every chart whose footer cites the source carries the note in its SVG text.
            let mut citing = 0;
            for entry in fs::read_dir(folder.join("where-it-runs/charts")).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|ext| ext == "svg") {
                    let svg = read(&path);
                    if svg.contains("OWID-EMBER,") || svg.contains("OWID-EMBER ") {
                        citing += 1;
                        shown(&svg, note, &path.display().to_string());
                    }
                }
            }
            assert!(citing > 0, "no chart cites OWID-EMBER");
            // The report's bibliography names the newer edition in its own column.
            let sources = read(&folder.join("sources.csv"));
            let mut reader = csv::Reader::from_reader(sources.as_bytes());
            let column = reader
                .headers()
                .unwrap()
                .iter()
                .position(|header| header == "superseded_by")
                .expect("a superseded_by column");
            let cell = reader
                .records()
                .map(Result::unwrap)
                .find(|record| &record[0] == "OWID-EMBER")
                .map(|record| record[column].to_string())
                .expect("OWID-EMBER is cited");
            assert_eq!(cell, if supersede { "OWID-EMBER-NEXT" } else { "" });
        }

        // `estimate` with the French carbon intensity as its default (it cites OWID-EMBER).
        let dir = data.path().to_str().unwrap();
        let args = [
            "estimate",
            "--it-energy",
            "1GWh",
            "--region",
            "FR",
            "--pue",
            "1.2",
        ];
        let table = ok(&[&args[..], &["--datasets", dir]].concat());
        shown(&table, EN, "estimate's table");
        let output = json(&ok(
            &[&args[..], &["--datasets", dir, "--format", "json"]].concat()
        ));
        let notes = output["notes"].to_string();
        shown(&notes, EN, "estimate's JSON notes");
        if supersede {
            assert!(notes.contains("grid_factors:"), "{notes}");
        }

        let builtin = ok(&["datasets", "validate"]);
        let validated = ok(&["datasets", "validate", dir]);
        let count = |text: &str| -> usize {
            let (_, after) = text
                .split_once(" sources (")
                .expect("a count of superseded sources");
            after.split(' ').next().unwrap().parse().unwrap()
        };
        assert_eq!(count(&validated), count(&builtin) + usize::from(supersede));

        let source = ok(&["sources", "OWID-EMBER", "--datasets", dir]);
        shown(&source, "superseded by: OWID-EMBER-NEXT", "dcfoot sources");
    }
}
