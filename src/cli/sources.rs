//! `dcfoot sources [ID]`: the bibliography.

use clap::Args;
use dcfoot::output::table::TextTable;
use dcfoot::{InputError, Result};

use super::DataArgs;

/// Options of `sources`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  dcfoot sources\n  dcfoot sources LI-2023")]
pub struct SourcesArgs {
    /// A source id: show its full citation and every value that cites it.
    id: Option<String>,
    #[command(flatten)]
    data: DataArgs,
}

/// Runs `sources`.
pub fn run(args: SourcesArgs) -> Result<()> {
    let datasets = args.data.load()?;
    let Some(id) = args.id else {
        let mut table =
            TextTable::new(&["id", "year", "authors", "title", "values", "superseded by"]);
        for source in datasets.sources() {
            let short = |text: &str, limit: usize| {
                let mut shown: String = text.chars().take(limit).collect();
                if text.chars().count() > limit {
                    shown.push('…');
                }
                shown
            };
            table.row(vec![
                source.id.clone(),
                source.year.clone(),
                short(&source.authors, 30),
                short(&source.title, 60),
                datasets.rows_citing(&source.id).count().to_string(),
                source.superseded_by.clone().unwrap_or_default(),
            ]);
        }
        return super::print(&table.render());
    };
    let source = datasets
        .sources()
        .iter()
        .find(|source| source.id.eq_ignore_ascii_case(&id))
        .ok_or_else(|| {
            let suggestion = dcfoot::text::did_you_mean(
                &id.to_uppercase(),
                datasets.sources().iter().map(|source| source.id.as_str()),
            );
            InputError::new(format!("no source `{id}` in sources.csv"))
                .hint(format!("{suggestion}`dcfoot sources` lists them all"))
        })?;
    let mut text = format!("{}\n  {}\n", source.id, source.citation());
    for (label, value) in [
        ("edition", &source.edition),
        ("where", &source.locator),
        ("accessed", &source.accessed),
        ("notes", &source.notes),
    ] {
        if !value.is_empty() {
            text.push_str(&format!("  {label}: {value}\n"));
        }
    }
    if let Some(newer) = datasets.superseded_by(&source.id) {
        text.push_str(&format!(
            "  superseded by: {} — {}\n",
            newer.id,
            newer.citation()
        ));
    }
    for older in datasets.supersedes(&source.id) {
        text.push_str(&format!(
            "  supersedes: {} — {}\n",
            older.id,
            older.citation()
        ));
    }
    let rows: Vec<_> = datasets.rows_citing(&source.id).collect();
    text.push_str(&format!("\n{} value(s) cite it:\n", rows.len()));
    for row in rows {
        text.push_str(&format!(
            "  {} ({}): {} {}{} [{}]\n",
            row.id,
            row.table.name(),
            row.value,
            row.unit,
            row.year.map_or(String::new(), |year| format!(", {year}")),
            row.verification.as_str()
        ));
    }
    super::print(&text)
}
