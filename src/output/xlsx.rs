//! `tables.xlsx`: every CSV table of a job in one Excel workbook (contract: DESIGN.md §6).
//!
//! [`build`] turns plain tables (a header and typed [`Cell`]s) into the bytes of an `.xlsx`
//! file: numbers are stored as numbers, the header row is bold, frozen and filterable, column
//! widths follow the content, and a column named `url` holds working hyperlinks. The bytes are
//! the same for the same tables: the document's creation time is fixed (1980-01-01, the zip
//! epoch, which is also the time stamp `rust_xlsxwriter` gives every zip entry).
//!
//! [`workbook`] gathers the tables a job writes — each scenario's CSV tables (from
//! [`scenario_files::tables`], so a new CSV table shows up here too) and `sources.csv` — into one
//! sheet per table, all scenarios' rows together with a `scenario` column, sheet and column
//! names in the report's language, numbers rounded as in the CSV files. The tables are long
//! (one row per indicator), so units are in their `unit` columns next to the numbers, as in the
//! CSV files.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Url, Workbook};

use super::csv::Cell;
use super::write::OutFile;
use super::{manifest, scenario_files};
use crate::data::Datasets;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::number::csv_number;
use crate::scenario::ScenarioResult;

/// The workbook's file name at the root of an output folder.
pub const FILE_NAME: &str = "tables.xlsx";

/// Excel's longest sheet name.
const MAX_SHEET_NAME: usize = 31;
/// Excel's longest text cell.
const MAX_TEXT: usize = 32_767;
/// Excel's longest hyperlink.
const MAX_URL: usize = 2_079;
/// Excel's most hyperlinks on one sheet.
const MAX_LINKS: usize = 65_530;
/// Column widths, in characters.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;
/// Widest number shown by Excel's General format.
const NUMBER_WIDTH: usize = 12;

/// One sheet: a name and a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Sheet name (made valid for Excel: at most 31 characters, none of `[]:*?/\`, unique).
    pub name: String,
    /// Column names.
    pub header: Vec<String>,
    /// Rows, each at most as long as the header.
    pub rows: Vec<Vec<Cell>>,
    /// Columns whose text cells are links (`http`, `https`, `mailto` and `file` addresses).
    pub link_columns: Vec<usize>,
}

/// The bytes of a workbook holding `sheets`, in order.
pub fn build(sheets: &[Sheet]) -> Result<Vec<u8>> {
    let fail = |error: rust_xlsxwriter::XlsxError| Error::Other(format!("{FILE_NAME}: {error}"));
    let mut workbook = Workbook::new();
    let epoch = ExcelDateTime::from_ymd(1980, 1, 1).map_err(fail)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title("dcfoot tables")
            .set_creation_datetime(&epoch),
    );
    let bold = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin);
    let mut names: Vec<String> = Vec::new();
    for sheet in sheets {
        let name = sheet_name(&sheet.name, &names);
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&name).map_err(fail)?;
        names.push(name);
        let mut widths: Vec<usize> = sheet
            .header
            .iter()
            // Room for the filter button.
            .map(|name| name.chars().count() + 3)
            .collect();
        for (col, name) in sheet.header.iter().enumerate() {
            worksheet
                .write_string_with_format(0, col as u16, clip(name), &bold)
                .map_err(fail)?;
        }
        let mut links = 0;
        for (index, row) in sheet.rows.iter().enumerate() {
            let line = index as u32 + 1;
            for (col, cell) in row.iter().enumerate() {
                let width = match cell {
                    Cell::Number(value) if value.is_finite() => {
                        worksheet
                            .write_number(line, col as u16, *value)
                            .map_err(fail)?;
                        csv_number(*value, false).len().min(NUMBER_WIDTH)
                    }
                    Cell::Int(value) => {
                        worksheet
                            .write_number(line, col as u16, *value as f64)
                            .map_err(fail)?;
                        value.to_string().len()
                    }
                    Cell::Text(text) if text.is_empty() => 0,
                    Cell::Text(text) => {
                        if sheet.link_columns.contains(&col) && links < MAX_LINKS && is_link(text) {
                            worksheet
                                .write_url(line, col as u16, Url::new(text.as_str()))
                                .map_err(fail)?;
                            links += 1;
                        } else {
                            worksheet
                                .write_string(line, col as u16, clip(text))
                                .map_err(fail)?;
                        }
                        text.chars().count()
                    }
                    Cell::Number(_) | Cell::Empty => 0,
                };
                if let Some(widest) = widths.get_mut(col) {
                    *widest = (*widest).max(width);
                }
            }
        }
        for (col, width) in widths.iter().enumerate() {
            let width = (*width + 1).clamp(MIN_WIDTH, MAX_WIDTH);
            worksheet
                .set_column_width(col as u16, width as f64)
                .map_err(fail)?;
        }
        worksheet.set_freeze_panes(1, 0).map_err(fail)?;
        if !sheet.header.is_empty() {
            worksheet
                .autofilter(0, 0, sheet.rows.len() as u32, sheet.header.len() as u16 - 1)
                .map_err(fail)?;
        }
    }
    workbook.save_to_buffer().map_err(fail)
}

/// A valid, unique Excel sheet name from `wanted`.
fn sheet_name(wanted: &str, taken: &[String]) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim_matches('\'');
    let clean = if clean.is_empty() { "sheet" } else { clean };
    let is_taken = |name: &str| {
        taken
            .iter()
            .any(|t| t.to_lowercase() == name.to_lowercase())
    };
    let mut name: String = clean.chars().take(MAX_SHEET_NAME).collect();
    let mut number = 2;
    while is_taken(&name) {
        let suffix = format!(" ({number})");
        let keep = MAX_SHEET_NAME - suffix.chars().count();
        name = clean.chars().take(keep).collect::<String>() + &suffix;
        number += 1;
    }
    name
}

/// Text cut to Excel's longest cell.
fn clip(text: &str) -> &str {
    match text.char_indices().nth(MAX_TEXT) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

fn is_link(text: &str) -> bool {
    text.len() <= MAX_URL
        && !text.contains(char::is_whitespace)
        && ["http://", "https://", "mailto:", "file://"]
            .iter()
            .any(|scheme| text.starts_with(scheme))
}

/// `tables.xlsx` of a job in a language: one sheet per scenario table, in the order of the
/// known tables (results, components, savings, inputs, published, sensitivity; any other after
/// them in the order written), then `sources`.
pub fn workbook(results: &[ScenarioResult], datasets: &Datasets, lang: Lang) -> Result<OutFile> {
    let sources = manifest::sources_table(&manifest::cited_sources(results, datasets), datasets);
    // (table name, header, rows) with every scenario's rows.
    let mut merged: Vec<(String, Vec<String>, Vec<Vec<Cell>>)> = Vec::new();
    for result in results {
        for (name, table) in scenario_files::tables(result, datasets) {
            let index = match merged.iter().position(|(known, ..)| *known == name) {
                Some(index) => index,
                None => {
                    let mut header = table.header.clone();
                    if !header.iter().any(|column| column == "scenario") {
                        header.insert(0, "scenario".into());
                    }
                    merged.push((name.to_string(), header, Vec::new()));
                    merged.len() - 1
                }
            };
            let (_, header, rows) = &mut merged[index];
            for column in &table.header {
                if !header.contains(column) {
                    header.push(column.clone());
                }
            }
            // Each row placed under the merged header, by column name.
            let positions: Vec<usize> = table
                .header
                .iter()
                .filter_map(|column| header.iter().position(|known| known == column))
                .collect();
            let scenario_column = header.iter().position(|column| column == "scenario");
            for row in table.rows {
                let mut cells = vec![Cell::Empty; header.len()];
                if let Some(col) = scenario_column {
                    cells[col] = Cell::Text(result.scenario.id.clone());
                }
                for (cell, col) in row.into_iter().zip(&positions) {
                    cells[*col] = as_in_csv(cell);
                }
                rows.push(cells);
            }
        }
    }
    let rank = |name: &str| {
        SHEET_ORDER
            .iter()
            .position(|known| *known == name)
            .unwrap_or(SHEET_ORDER.len())
    };
    // A stable sort keeps unknown tables in the order they were written.
    merged.sort_by_key(|(name, ..)| rank(name));
    let sources_rows = sources
        .rows
        .into_iter()
        .map(|row| row.into_iter().map(as_in_csv).collect())
        .collect();
    merged.push(("sources".into(), sources.header, sources_rows));
    let sheets: Vec<Sheet> = merged
        .into_iter()
        .map(|(name, header, rows)| {
            // Rows written before a column appeared are padded.
            let rows = rows
                .into_iter()
                .map(|mut row| {
                    row.resize(header.len(), Cell::Empty);
                    row
                })
                .collect();
            Sheet {
                name: sheet_label(&name, lang),
                link_columns: header
                    .iter()
                    .enumerate()
                    .filter(|(_, column)| *column == "url")
                    .map(|(col, _)| col)
                    .collect(),
                header: header
                    .iter()
                    .map(|column| column_label(column, lang))
                    .collect(),
                rows,
            }
        })
        .collect();
    Ok(OutFile {
        path: FILE_NAME.into(),
        bytes: build(&sheets)?,
    })
}

/// A number rounded as the CSV files write it (7 significant digits), so the workbook and the
/// CSV files hold the same numbers.
fn as_in_csv(cell: Cell) -> Cell {
    match cell {
        Cell::Number(value) => csv_number(value, false)
            .parse()
            .map_or(Cell::Empty, Cell::Number),
        other => other,
    }
}

/// The order of the known sheets.
const SHEET_ORDER: [&str; 6] = [
    "results",
    "components",
    "savings",
    "inputs",
    "published",
    "sensitivity",
];

/// A table's sheet name in a language (its CSV file name for unknown tables).
pub fn sheet_label(table: &str, lang: Lang) -> String {
    let french = match table {
        "results" => "résultats",
        "components" => "composantes",
        "savings" => "économies",
        "inputs" => "entrées",
        "published" => "valeurs publiées",
        "sensitivity" => "sensibilité",
        "sources" => "sources",
        other => other,
    };
    match lang {
        Lang::En => table.to_string(),
        Lang::Fr => french.to_string(),
    }
}

/// A CSV column's name in a workbook header.
pub fn column_label(column: &str, lang: Lang) -> String {
    let (en, fr) = match column {
        "scenario" => ("scenario", "scénario"),
        "variant" => ("variant", "variante"),
        "variant_label" => ("variant label", "libellé de la variante"),
        "year" => ("year", "année"),
        "indicator" => ("indicator", "indicateur"),
        "unit" => ("unit", "unité"),
        "central" => ("central value", "valeur centrale"),
        "mean" => ("mean", "moyenne"),
        "source_ids" => ("source ids", "identifiants des sources"),
        "input" => ("input", "entrée"),
        "input_label" => ("input label", "libellé de l'entrée"),
        "input_unit" => ("input unit", "unité de l'entrée"),
        "input_p5" => ("input p5", "entrée p5"),
        "input_p95" => ("input p95", "entrée p95"),
        "result_at_input_p5" => ("result at input p5", "résultat à l'entrée p5"),
        "result_at_input_p95" => ("result at input p95", "résultat à l'entrée p95"),
        "swing" => ("swing", "amplitude"),
        "spearman_rho" => ("Spearman rho", "rho de Spearman"),
        "label" => ("label", "libellé"),
        "distribution" => ("distribution", "distribution"),
        "verification" => ("verification", "vérification"),
        "origin" => ("origin", "origine"),
        "id" => ("id", "identifiant"),
        "table" => ("table", "table"),
        "value" => ("value", "valeur"),
        "low" => ("low", "bas"),
        "high" => ("high", "haut"),
        "scope" => ("scope", "périmètre"),
        "kind" => ("kind", "nature"),
        "notes" => ("notes", "notes"),
        "authors" => ("authors", "auteurs"),
        "title" => ("title", "titre"),
        "publisher" => ("publisher", "éditeur"),
        "url" => ("link", "lien"),
        "locator" => ("locator", "emplacement"),
        "accessed" => ("accessed", "consulté le"),
        "component" => ("component", "composante"),
        "parent" => ("parent", "parent"),
        "baseline" => ("baseline", "référence"),
        "from_year" => ("from year", "de l'année"),
        "to_year" => ("to year", "à l'année"),
        other => return other.replace('_', " "),
    };
    match lang {
        Lang::En => en.to_string(),
        Lang::Fr => fr.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheets() -> Vec<Sheet> {
        vec![
            Sheet {
                name: "results".into(),
                header: vec!["year".into(), "central".into(), "label".into()],
                rows: vec![
                    vec![Cell::Int(2024), Cell::Number(1.5), "a".into()],
                    vec![Cell::Int(2025), Cell::Number(f64::NAN), Cell::Empty],
                ],
                link_columns: Vec::new(),
            },
            Sheet {
                name: "sources".into(),
                header: vec!["id".into(), "url".into()],
                rows: vec![vec!["X-2024".into(), "https://example.org/x".into()]],
                link_columns: vec![1],
            },
        ]
    }

    /// The zip entries of a workbook, from its central directory: (name, DOS time, DOS date,
    /// inflated bytes).
    fn entries(zip: &[u8]) -> Vec<(String, u16, u16, Vec<u8>)> {
        let u16_at = |at: usize| u16::from_le_bytes([zip[at], zip[at + 1]]) as usize;
        let u32_at = |at: usize| u32::from_le_bytes(zip[at..at + 4].try_into().unwrap()) as usize;
        let end = zip.len() - 22;
        assert!(
            zip[end..].starts_with(b"PK\x05\x06"),
            "no end of central directory"
        );
        let mut at = u32_at(end + 16);
        let mut found = Vec::new();
        while zip[at..].starts_with(b"PK\x01\x02") {
            let (method, time, date) = (u16_at(at + 10), u16_at(at + 12), u16_at(at + 14));
            let size = u32_at(at + 20);
            let (name_len, extra_len, comment_len) =
                (u16_at(at + 28), u16_at(at + 30), u16_at(at + 32));
            let name = String::from_utf8(zip[at + 46..at + 46 + name_len].to_vec()).unwrap();
            let local = u32_at(at + 42);
            let data_at = local + 30 + u16_at(local + 26) + u16_at(local + 28);
            let data = &zip[data_at..data_at + size];
            let data = match method {
                0 => data.to_vec(),
                8 => miniz_oxide::inflate::decompress_to_vec(data).unwrap(),
                other => panic!("{name}: compression method {other}"),
            };
            found.push((name, time as u16, date as u16, data));
            at += 46 + name_len + extra_len + comment_len;
        }
        found
    }

    /// Two builds give the same bytes, and nothing in them depends on when they were built:
    /// every zip entry is stamped with the zip epoch (1980-01-01 00:00, DOS date 0x21, time 0)
    /// and the document's creation time is that date (a build that read the clock would show
    /// today's date in both places, whatever the second it ran in).
    #[test]
    fn the_same_tables_give_the_same_bytes() {
        let first = build(&sheets()).unwrap();
        assert_eq!(first, build(&sheets()).unwrap());
        assert!(first.starts_with(b"PK"));
        let entries = entries(&first);
        assert!(entries.len() > 5, "{} zip entries", entries.len());
        for (name, time, date, _) in &entries {
            assert_eq!(
                (*time, *date),
                (0, 0x21),
                "{name} is stamped with another time"
            );
        }
        let core = entries
            .iter()
            .find(|(name, ..)| name == "docProps/core.xml")
            .expect("docProps/core.xml");
        let core = String::from_utf8(core.3.clone()).unwrap();
        assert!(core.contains(">1980-01-01T00:00:00Z<"), "{core}");
        let sheet = entries
            .iter()
            .find(|(name, ..)| name == "xl/worksheets/sheet1.xml")
            .expect("the first sheet");
        assert!(String::from_utf8_lossy(&sheet.3).contains("<v>2024</v>"));
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let long = "a".repeat(40);
        let first = sheet_name(&long, &[]);
        assert_eq!(first.chars().count(), 31);
        let second = sheet_name(&long, std::slice::from_ref(&first));
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with(" (2)"));
        assert_eq!(sheet_name("a/b:c", &[]), "a_b_c");
        assert_eq!(sheet_name("Results", &["results".into()]), "Results (2)");
    }

    #[test]
    fn only_addresses_become_links() {
        assert!(is_link("https://example.org/a?b=c"));
        assert!(!is_link("see the report"));
        assert!(!is_link("https://example.org/a b"));
        assert!(!is_link(""));
    }

    #[test]
    fn french_names_for_known_tables_and_columns() {
        assert_eq!(sheet_label("results", Lang::Fr), "résultats");
        assert_eq!(sheet_label("results", Lang::En), "results");
        assert_eq!(sheet_label("new_table", Lang::Fr), "new_table");
        assert_eq!(
            column_label("source_ids", Lang::Fr),
            "identifiants des sources"
        );
        assert_eq!(column_label("some_new_column", Lang::En), "some new column");
        for name in SHEET_ORDER.iter().chain(&["sources"]) {
            assert!(sheet_label(name, Lang::Fr).chars().count() <= MAX_SHEET_NAME);
        }
    }
}
