//! The interfaces around the numbers: `tables.xlsx` (read back with calamine: sheets, numbers
//! stored as numbers, headers, links, French names, the same bytes twice), `dcfoot completions`
//! and `dcfoot man`.

use std::fs;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use crate::util::{bad_input, ok};

type Workbook = Xlsx<Cursor<Vec<u8>>>;

fn open(path: &Path) -> Workbook {
    let bytes = fs::read(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    open_workbook_from_rs(Cursor::new(bytes)).expect("a readable xlsx workbook")
}

/// A sheet as (header, rows).
fn sheet(workbook: &mut Workbook, name: &str) -> (Vec<String>, Vec<Vec<Data>>) {
    let range = workbook
        .worksheet_range(name)
        .unwrap_or_else(|error| panic!("sheet {name}: {error}"));
    let mut rows = range.rows();
    let header = rows
        .next()
        .expect("a header row")
        .iter()
        .map(|cell| cell.to_string())
        .collect();
    (header, rows.map(<[Data]>::to_vec).collect())
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|column| column == name)
        .unwrap_or_else(|| panic!("no column `{name}` in {header:?}"))
}

/// The rows of a CSV file as text.
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader
        .records()
        .map(|record| record.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn report_writes_a_workbook_of_every_table_in_both_languages() {
    let out = crate::report::full_report();

    let mut workbook = open(&out.join("tables.xlsx"));
    assert_eq!(
        workbook.sheet_names(),
        [
            "results",
            "components",
            "savings",
            "inputs",
            "published",
            "sensitivity",
            "sources"
        ]
    );

    // Results: every scenario's rows, numbers as numbers, in the order of results.csv.
    let (header, rows) = sheet(&mut workbook, "results");
    assert_eq!(
        &header[..7],
        [
            "scenario",
            "variant",
            "variant label",
            "year",
            "indicator",
            "unit",
            "central value"
        ]
    );
    let scenarios: Vec<_> = fs::read_dir(out)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.join("results.csv").exists())
        .collect();
    assert!(scenarios.len() > 5);
    let csv_total: usize = scenarios
        .iter()
        .map(|folder| csv_rows(&folder.join("results.csv")).len())
        .sum();
    assert_eq!(rows.len(), csv_total);
    let (year, central) = (column(&header, "year"), column(&header, "central value"));
    // A year is a number, or empty for a result that has no year (a campus at full load).
    for row in &rows {
        assert!(
            matches!(row[year], Data::Float(_) | Data::Int(_) | Data::Empty),
            "{row:?}"
        );
        assert!(
            matches!(row[central], Data::Float(_) | Data::Int(_)),
            "{row:?}"
        );
    }
    assert!(rows.iter().any(|row| matches!(row[year], Data::Float(_))));
    // Each scenario's rows are the rows of its results.csv, cell for cell.
    for folder in &scenarios {
        let id = folder.file_name().unwrap().to_str().unwrap();
        let mine: Vec<_> = rows.iter().filter(|row| row[0] == *id).collect();
        let csv = csv_rows(&folder.join("results.csv"));
        assert_eq!(mine.len(), csv.len(), "{id}");
        for (row, csv_row) in mine.iter().zip(&csv) {
            assert_eq!(row.len(), csv_row.len());
            for (cell, text) in row.iter().zip(csv_row) {
                match cell {
                    Data::Float(value) => assert_eq!(*value, text.parse::<f64>().unwrap()),
                    Data::Int(value) => assert_eq!(*value, text.parse::<i64>().unwrap()),
                    Data::Empty => assert_eq!(text, ""),
                    Data::String(cell) => assert_eq!(cell, text),
                    other => panic!("unexpected cell {other:?}"),
                }
            }
        }
    }
    let first_scenario = rows[0][0].to_string();

    // published.csv has no scenario column: the workbook adds one.
    let (header, rows) = sheet(&mut workbook, "published");
    assert_eq!(header[0], "scenario");
    assert!(rows.iter().any(|row| row[0] == first_scenario.as_str()));

    // Sources: the rows of sources.csv, with working links.
    let (header, rows) = sheet(&mut workbook, "sources");
    let sources_csv = csv_rows(&out.join("sources.csv"));
    assert_eq!(rows.len(), sources_csv.len());
    let link = column(&header, "link");
    let links = workbook.hyperlinks_by_sheet_name("sources").unwrap();
    let url = dcfoot::data::schema::SOURCE_COLUMNS
        .iter()
        .position(|name| *name == "url")
        .unwrap();
    let with_url: Vec<_> = sources_csv
        .iter()
        .filter(|row| !row[url].is_empty())
        .collect();
    assert!(!with_url.is_empty());
    assert_eq!(links.len(), with_url.len());
    for hyperlink in &links {
        let (line, col) = hyperlink.range.start;
        assert_eq!(col as usize, link);
        let row = &sources_csv[line as usize - 1];
        assert_eq!(hyperlink.target.as_deref(), Some(row[url].as_str()));
    }

    // The French report's workbook: French sheet and column names, the same numbers.
    let mut french = open(&out.join("fr").join("tables.xlsx"));
    assert_eq!(
        french.sheet_names(),
        [
            "résultats",
            "composantes",
            "économies",
            "entrées",
            "valeurs publiées",
            "sensibilité",
            "sources"
        ]
    );
    let (header_fr, rows_fr) = sheet(&mut french, "résultats");
    assert_eq!(
        &header_fr[..4],
        ["scénario", "variante", "libellé de la variante", "année"]
    );
    assert!(header_fr.contains(&"valeur centrale".to_string()));
    let (_, rows_en) = sheet(&mut workbook, "results");
    assert_eq!(rows_fr, rows_en);
    let (header_fr, _) = sheet(&mut french, "sources");
    assert!(header_fr.contains(&"lien".to_string()));
}

#[test]
fn run_writes_the_same_workbook_twice_and_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        let mut args = vec![
            "run",
            "genai-queries",
            "--out",
            out.to_str().unwrap(),
            "--samples",
            "300",
        ];
        args.extend_from_slice(extra);
        ok(&args);
        out.join("tables.xlsx")
    };
    let (first, second) = (run("a", &[]), run("b", &[]));
    let bytes = fs::read(&first).unwrap();
    assert!(bytes == fs::read(&second).unwrap(), "tables.xlsx differs");

    let mut workbook = open(&first);
    assert_eq!(workbook.sheet_names()[0], "results");
    let (header, rows) = sheet(&mut workbook, "results");
    assert!(rows.iter().all(|row| row[0] == "genai-queries"));
    let p95 = column(&header, "p95");
    assert!(
        rows.iter()
            .all(|row| matches!(row[p95], Data::Float(_) | Data::Int(_)))
    );

    let mut french = open(&run("fr", &["--lang", "fr", "--csv-locale", "fr"]));
    let names = french.sheet_names();
    assert_eq!(names[0], "résultats");
    assert!(names.iter().all(|name| name.chars().count() <= 31));
    // The French CSV flavour writes decimal commas; the workbook still holds numbers.
    let (_, rows_fr) = sheet(&mut french, "résultats");
    assert_eq!(rows_fr, rows);
}

#[test]
fn completions_name_every_command_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = ok(&["completions", shell]);
        for command in ["report", "run", "estimate", "datasets", "sources", "man"] {
            assert!(script.contains(command), "{shell} script lacks `{command}`");
        }
        assert!(script.contains("--energy-per-query"), "{shell}");
    }
    let bash = ok(&["completions", "bash"]);
    assert!(bash.contains("complete -F"), "{bash}");
    assert!(ok(&["completions", "zsh"]).starts_with("#compdef dcfoot"));
    let error = bad_input(&["completions", "tcsh"]);
    assert!(error.contains("bash"), "{error}");
}

#[test]
fn man_prints_one_roff_page_with_every_command() {
    let page = ok(&["man"]);
    assert!(
        page.lines().any(|line| line.starts_with(".TH dcfoot 1")),
        "{page}"
    );
    assert!(page.contains(".SH NAME"), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    for command in [
        "report",
        "run",
        "estimate",
        "datasets",
        "datasets validate",
        "sources",
        "completions",
        "man",
    ] {
        let section = format!(".SH \"DCFOOT {}\"", command.to_uppercase());
        assert!(page.contains(&section), "no section {section}");
    }
    // Options and examples of the commands are in it, and no page it does not have is named.
    assert!(page.contains(r"\fB\-\-energy\-per\-query\fR"));
    assert!(
        page.contains("dcfoot report \\-\\-out my\\-report"),
        "{page}"
    );
    assert!(!page.contains("(1)\n"), "{page}");
    assert_eq!(page, ok(&["man"]), "the man page carries no date");
}

#[test]
fn help_shows_how_to_install_completions_and_the_man_page() {
    let help = ok(&["completions", "--help"]);
    assert!(help.contains("dcfoot completions bash >"), "{help}");
    let help = ok(&["man", "--help"]);
    assert!(help.contains("dcfoot man >"), "{help}");
}
