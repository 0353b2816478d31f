//! `dcfoot datasets list | show NAME | validate [DIR]`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use dcfoot::data::{Datasets, Origin, Row, Table};
use dcfoot::lang::Lang;
use dcfoot::number::human;
use dcfoot::output::table::TextTable;
use dcfoot::{InputError, Result};

use super::DataArgs;

/// Options of `datasets`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  dcfoot datasets list
  dcfoot datasets show facility_efficiency
  dcfoot datasets show li-ewif-us-az
  dcfoot datasets validate my-datasets/")]
pub struct DatasetsArgs {
    #[command(subcommand)]
    command: DatasetsCommand,
    #[command(flatten)]
    data: DataArgs,
}

#[derive(Debug, Subcommand)]
enum DatasetsCommand {
    /// List the tables with their row counts and how many values are confirmed.
    #[command(after_help = "Example:\n  dcfoot datasets list")]
    List,
    /// Show a table (by name) or one row (by id), with sources and verification status.
    #[command(
        after_help = "Examples:\n  dcfoot datasets show grid_factors\n  dcfoot datasets show lbnl-us-dc-2023\n  dcfoot datasets show ai_inference --csv > per-query.csv"
    )]
    Show {
        /// A table name (`grid_factors`, `ai_inference` …) or a row id.
        name: String,
        /// Print the table as CSV (as stored) instead of aligned text.
        #[arg(long)]
        csv: bool,
    },
    /// Check a datasets folder (default: the built-in data) and report the first problem.
    #[command(
        after_help = "Examples:\n  dcfoot datasets validate\n  dcfoot datasets validate my-datasets/"
    )]
    Validate {
        /// Folder with dataset CSV files (files it lacks fall back to the built-in ones).
        dir: Option<PathBuf>,
    },
}

/// Runs `datasets`.
pub fn run(args: DatasetsArgs) -> Result<()> {
    match args.command {
        DatasetsCommand::List => {
            let datasets = args.data.load()?;
            super::print(&list(&datasets))
        }
        DatasetsCommand::Show { name, csv } => {
            let datasets = args.data.load()?;
            super::print(&show(&datasets, &name, csv)?)
        }
        DatasetsCommand::Validate { dir } => {
            let dir = match dir {
                Some(dir) => Some(dir),
                None => args.data.checked()?,
            };
            let datasets = Datasets::load(dir.as_deref())?;
            let user_files = datasets
                .origins()
                .iter()
                .filter(|(_, origin)| *origin != Origin::Builtin)
                .count();
            let tables = datasets.origins().len();
            let superseded = datasets
                .sources()
                .iter()
                .filter(|source| source.superseded_by.is_some())
                .count();
            let text = format!(
                "ok: {} values in {} files, {} sources ({superseded} superseded by a newer \
                 edition), {} regions ({} file(s) from {}, the rest built-in)\nchecksum: {}\n",
                datasets.rows().len(),
                tables,
                datasets.sources().len(),
                datasets.regions().len(),
                user_files,
                dir.as_ref()
                    .map_or("no folder".to_string(), |dir| dir.display().to_string()),
                datasets.checksum()
            );
            super::print(&text)
        }
    }
}

fn counts<'a>(rows: impl Iterator<Item = &'a Row>) -> [usize; 5] {
    let mut counts = [0; 5];
    for row in rows {
        counts[0] += 1;
        // Columns follow `Verification::ALL`, the enum's order.
        counts[1 + row.verification as usize] += 1;
    }
    counts
}

fn list(datasets: &Datasets) -> String {
    let mut table = TextTable::new(&[
        "table",
        "values",
        "confirmed",
        "copy",
        "unconfirmed",
        "derived",
        "holds",
    ]);
    for name in Table::ALL {
        let [total, confirmed, copy, unconfirmed, derived] = counts(datasets.table(name));
        table.row(vec![
            name.name().into(),
            total.to_string(),
            confirmed.to_string(),
            copy.to_string(),
            unconfirmed.to_string(),
            derived.to_string(),
            name.description().into(),
        ]);
    }
    let [total, confirmed, copy, unconfirmed, derived] = counts(datasets.rows().iter());
    table.row(vec![
        "all".into(),
        total.to_string(),
        confirmed.to_string(),
        copy.to_string(),
        unconfirmed.to_string(),
        derived.to_string(),
        format!(
            "{} sources in sources.csv, {} regions",
            datasets.sources().len(),
            datasets.regions().len()
        ),
    ]);
    format!(
        "{}\nconfirmed: read in the primary source; copy: read in a verbatim reproduction;\n\
         unconfirmed: seen only second-hand; derived: computed from other rows.\n",
        table.render()
    )
}

fn range(row: &Row) -> String {
    match (row.low, row.high) {
        (Some(low), Some(high)) => {
            format!("{}–{}", human(low, 6, Lang::En), human(high, 6, Lang::En))
        }
        (Some(low), None) => format!("≥ {}", human(low, 6, Lang::En)),
        (None, Some(high)) => format!("≤ {}", human(high, 6, Lang::En)),
        (None, None) => String::new(),
    }
}

fn show(datasets: &Datasets, name: &str, as_csv: bool) -> Result<String> {
    if let Some(table) = Table::from_name(name) {
        if as_csv {
            return Ok(table_csv(datasets, table));
        }
        let keys: Vec<&str> = table
            .key_columns()
            .iter()
            .map(|column| column.name)
            .collect();
        let mut header = vec!["id"];
        header.extend(keys.iter().copied());
        header.extend([
            "value",
            "unit",
            "range",
            "year",
            "scope",
            "verification",
            "sources",
        ]);
        let mut text_table = TextTable::new(&header);
        for row in datasets.table(table) {
            let mut cells = vec![row.id.clone()];
            cells.extend(keys.iter().map(|key| row.key(key).to_string()));
            cells.extend([
                if row.range_only {
                    "(range)".to_string()
                } else {
                    human(row.value, 6, Lang::En)
                },
                row.unit.symbol.to_string(),
                range(row),
                row.year.map_or(String::new(), |year| year.to_string()),
                row.scope.clone(),
                row.verification.as_str().to_string(),
                row.source_ids(),
            ]);
            text_table.row(cells);
        }
        return Ok(format!(
            "{} — {}\n\n{}",
            table.name(),
            table.description(),
            text_table.render()
        ));
    }
    if let Some(row) = datasets.get(name) {
        let mut text = format!("{} ({} line {})\n", row.id, row.table.file_name(), row.line);
        for (key, value) in &row.keys {
            text.push_str(&format!("  {key}: {value}\n"));
        }
        if row.range_only {
            text.push_str(&format!(
                "  value: none published (range only), {}\n",
                row.unit
            ));
        } else {
            text.push_str(&format!(
                "  value: {} {}\n",
                human(row.value, 8, Lang::En),
                row.unit
            ));
        }
        let published_range = range(row);
        if !published_range.is_empty() {
            text.push_str(&format!("  published range: {published_range}\n"));
        }
        if let Some(year) = row.year {
            text.push_str(&format!("  year: {year}\n"));
        }
        text.push_str(&format!("  scope: {}\n  kind: {}\n", row.scope, row.kind));
        text.push_str(&format!("  verification: {}\n", row.verification.as_str()));
        if !row.notes.is_empty() {
            text.push_str(&format!("  notes: {}\n", row.notes));
        }
        text.push_str("  sources:\n");
        for id in &row.sources {
            if let Some(source) = datasets.source(id) {
                text.push_str(&format!("    [{id}] {}\n", source.citation()));
                if !source.locator.is_empty() {
                    text.push_str(&format!("      where: {}\n", source.locator));
                }
                if let Some(newer) = datasets.superseded_by(id) {
                    text.push_str(&format!(
                        "      {}\n",
                        dcfoot::provenance::superseded_note(id, &newer.id, false).en
                    ));
                }
            }
        }
        return Ok(text);
    }
    let candidates: Vec<&str> = Table::ALL
        .iter()
        .map(|table| table.name())
        .chain(datasets.ids())
        .collect();
    let suggestion = dcfoot::text::did_you_mean(name, candidates.iter().copied());
    Err(InputError::new(format!("no table or row named `{name}`"))
        .hint(format!(
            "{suggestion}tables: {}",
            Table::ALL.map(|table| table.name()).join(", ")
        ))
        .into())
}

fn table_csv(datasets: &Datasets, table: Table) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(table.columns());
    for row in datasets.table(table) {
        let mut record = vec![row.id.clone()];
        record.extend(row.keys.iter().map(|(_, value)| value.clone()));
        let number = |value: Option<f64>| value.map_or(String::new(), |v| v.to_string());
        record.extend([
            if row.range_only {
                String::new()
            } else {
                row.value.to_string()
            },
            row.unit.symbol.to_string(),
            number(row.low),
            number(row.high),
            row.year.map_or(String::new(), |year| year.to_string()),
            row.scope.clone(),
            row.kind.clone(),
            row.source_ids(),
            row.verification.as_str().to_string(),
            row.notes.clone(),
        ]);
        let _ = writer.write_record(record);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}
