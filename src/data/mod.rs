//! Sourced datasets: loading, validation, the bibliography and lookups.
//!
//! The CSV files of `datasets/` are embedded in the binary; a user folder given with
//! `--datasets DIR` replaces any file it holds. Loading validates every row (see
//! `load`) and fails with `file:line:column` on the first bad cell, so the model never sees an
//! unsourced or malformed number.

pub mod builtin;
mod editions;
pub mod generation;
mod load;
pub mod schema;

use std::collections::HashMap;
use std::path::Path;

use crate::error::Result;
use crate::lang::Text;
use crate::units::Unit;
pub use schema::Table;

pub use crate::provenance::Verification;

/// One sourced value of a dataset table.
#[derive(Debug, Clone)]
pub struct Row {
    /// The table it belongs to.
    pub table: Table,
    /// Its unique id.
    pub id: String,
    /// The table's key columns (`factor`, `operator`, `metric` …) and their cells.
    pub keys: Vec<(&'static str, String)>,
    /// The central published value, in `unit`. For a row that publishes only a range
    /// (`range_only`), the midpoint of that range, which is never shown as a published figure.
    pub value: f64,
    /// True when the source gives only a range (the `value` cell is empty).
    pub range_only: bool,
    /// The unit of `value`, `low` and `high`.
    pub unit: Unit,
    /// Lower end of the published range.
    pub low: Option<f64>,
    /// Upper end of the published range.
    pub high: Option<f64>,
    /// The year the value refers to.
    pub year: Option<i32>,
    /// Region code (see `regions.csv`).
    pub scope: String,
    /// measured, estimate, projection …
    pub kind: String,
    /// Ids of the sources in `sources.csv`.
    pub sources: Vec<String>,
    /// How solid the figure is.
    pub verification: Verification,
    /// Free notes.
    pub notes: String,
    /// 1-based line in its file.
    pub line: usize,
}

impl Row {
    /// The cell of a key column, or "" if the table has no such column.
    pub fn key(&self, column: &str) -> &str {
        self.keys
            .iter()
            .find(|(name, _)| *name == column)
            .map_or("", |(_, value)| value.as_str())
    }

    /// The value converted to the base unit of its dimension.
    pub fn base_value(&self) -> f64 {
        self.unit.to_base(self.value)
    }

    /// The published figure as a distribution in base units: fixed at the value, or uniform
    /// over the range when only a range was published.
    pub fn as_dist(&self) -> crate::dist::Dist {
        match (self.range_only, self.low, self.high) {
            (true, Some(low), Some(high)) if low < high => crate::dist::Dist::Uniform {
                min: self.unit.to_base(low),
                max: self.unit.to_base(high),
            },
            _ => crate::dist::Dist::Fixed(self.base_value()),
        }
    }

    /// The row's label in both languages (`label_en`, `label_fr`; empty where the table has
    /// no labels).
    pub fn label(&self) -> Text<&str> {
        Text {
            en: self.key("label_en"),
            fr: self.key("label_fr"),
        }
    }

    /// `source_id` as written in the file.
    pub fn source_ids(&self) -> String {
        crate::provenance::source_cell(&self.sources)
    }
}

/// One entry of the bibliography.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Source {
    /// Its id, cited by rows.
    pub id: String,
    /// Authors (or the institution).
    pub authors: String,
    /// Title.
    pub title: String,
    /// Publisher or venue.
    pub publisher: String,
    /// Year of publication (as written).
    pub year: String,
    /// The edition, for a document published in editions ("2025 Update"); may be empty.
    pub edition: String,
    /// Where to find it.
    pub url: String,
    /// Where in the document (page, table).
    pub locator: String,
    /// When it was last checked (YYYY-MM-DD).
    pub accessed: String,
    /// The id of the source that supersedes this one (a newer edition), if any.
    pub superseded_by: Option<String>,
    /// Which copy was read, caveats.
    pub notes: String,
}

/// A cited source that a newer edition supersedes (see [`Datasets::superseded_among`]).
#[derive(Debug, Clone, Copy)]
pub struct Superseded<'a> {
    /// The older edition, cited.
    pub source: &'a Source,
    /// The source that supersedes it.
    pub by: &'a Source,
    /// Whether the newer edition is cited too (the older one is then shown beside it).
    pub newer_cited: bool,
}

impl Superseded<'_> {
    /// The note an output carries where it uses the older edition, in both languages.
    pub fn note(&self) -> Text {
        crate::provenance::superseded_note(&self.source.id, &self.by.id, self.newer_cited)
    }
}

impl Source {
    /// A one-line citation: "Authors (year). Title. Publisher. URL".
    pub fn citation(&self) -> String {
        let mut text = format!("{} ({}). {}.", self.authors, self.year, self.title);
        if !self.publisher.is_empty() {
            text.push_str(&format!(" {}.", self.publisher));
        }
        if !self.url.is_empty() {
            text.push_str(&format!(" {}", self.url));
        }
        text
    }
}

/// A region code with its names.
#[derive(Debug, Clone)]
pub struct Region {
    /// Code used in `scope` (`FR`, `US-AZ`, `WORLD` …).
    pub code: String,
    /// Its name in both languages (`name_en`, `name_fr` in `regions.csv`).
    pub name: Text,
    /// Parent region code, if any.
    pub parent: Option<String>,
}

/// Where a table was loaded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The copy embedded in the binary.
    Builtin,
    /// A file of the user's folder.
    File(String),
}

/// Every table, validated and indexed.
#[derive(Debug, Clone)]
pub struct Datasets {
    rows: Vec<Row>,
    by_id: HashMap<String, usize>,
    sources: Vec<Source>,
    regions: Vec<Region>,
    origins: Vec<(String, Origin)>,
    checksum: String,
}

impl Datasets {
    /// Loads the built-in datasets.
    pub fn builtin() -> Result<Datasets> {
        load::load(None)
    }

    /// Loads the datasets, with the files of `dir` (if given) replacing the built-in ones.
    pub fn load(dir: Option<&Path>) -> Result<Datasets> {
        load::load(dir)
    }

    /// Loads the datasets from CSV texts already in memory, given as `(file name, contents)`
    /// pairs such as `("regions.csv", text)`; the built-in copy stands in for every file not
    /// given, and a leading byte-order mark is ignored. The texts are validated exactly as
    /// files of a `--datasets` folder are (errors name the file by the name given here). For
    /// tools that do not read from disk, and for the fuzz target of `tests/fuzz`.
    pub fn from_texts(files: &[(&str, &str)]) -> Result<Datasets> {
        load::load_texts(files)
    }

    /// The names of every dataset file, in load order: `sources.csv`, `regions.csv`, then one
    /// file per [`Table`].
    pub fn file_names() -> Vec<String> {
        let mut names = vec!["sources.csv".to_string(), "regions.csv".to_string()];
        names.extend(Table::ALL.iter().map(|table| table.file_name()));
        names
    }

    /// Every row, in table then file order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The rows of one table.
    pub fn table(&self, table: Table) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(move |row| row.table == table)
    }

    /// A row by id.
    pub fn get(&self, id: &str) -> Option<&Row> {
        self.by_id.get(id).map(|&index| &self.rows[index])
    }

    /// Every row id (for "did you mean" suggestions).
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.rows.iter().map(|row| row.id.as_str())
    }

    /// The bibliography.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// A source by id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|source| source.id == id)
    }

    /// The source that supersedes a source (its newer edition), if any.
    pub fn superseded_by(&self, id: &str) -> Option<&Source> {
        let by = self.source(id)?.superseded_by.as_deref()?;
        self.source(by)
    }

    /// The sources a source supersedes (its older editions), in file order.
    pub fn supersedes(&self, id: &str) -> Vec<&Source> {
        self.sources
            .iter()
            .filter(|source| source.superseded_by.as_deref() == Some(id))
            .collect()
    }

    /// Among the cited source ids, those a newer edition supersedes, in the order given (each
    /// once), with whether that newer edition is cited too.
    pub fn superseded_among(&self, cited: &[String]) -> Vec<Superseded<'_>> {
        let mut found: Vec<Superseded<'_>> = Vec::new();
        for id in cited {
            let (Some(source), Some(by)) = (self.source(id), self.superseded_by(id)) else {
                continue;
            };
            if found.iter().any(|seen| seen.source.id == source.id) {
                continue;
            }
            found.push(Superseded {
                source,
                by,
                newer_cited: crate::provenance::cites(cited, &by.id),
            });
        }
        found
    }

    /// The region table.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// A region by code (case-insensitive).
    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions
            .iter()
            .find(|region| region.code.eq_ignore_ascii_case(code))
    }

    /// Where each file came from, in load order.
    pub fn origins(&self) -> &[(String, Origin)] {
        &self.origins
    }

    /// SHA-256 of every file's bytes, in a fixed order: identifies the data a result used.
    pub fn checksum(&self) -> &str {
        &self.checksum
    }

    /// The grid factor row (`carbon_intensity` or `ewif`) for a region: among rows of the
    /// preferred basis (lifecycle carbon intensity, consumption EWIF) if the region has any,
    /// the latest year not after `year` (any year if `year` is None); among equals, the first
    /// row in the file. A withdrawal EWIF is never used.
    pub fn grid_factor(&self, region: &str, factor: &str, year: Option<i32>) -> Option<&Row> {
        let rows = self.grid_rows(region, factor);
        latest(rows.into_iter(), year, |_| true)
    }

    /// The grid factor rows of a region that [`Datasets::grid_factor`] chooses from.
    pub fn grid_rows(&self, region: &str, factor: &str) -> Vec<&Row> {
        let preferred_basis = if factor == "ewif" {
            "consumption"
        } else {
            "lifecycle"
        };
        let candidates: Vec<&Row> = self
            .table(Table::GridFactors)
            .filter(|row| {
                row.scope.eq_ignore_ascii_case(region)
                    && row.key("factor") == factor
                    && (factor != "ewif" || row.key("basis") == "consumption")
            })
            .collect();
        if candidates
            .iter()
            .any(|row| row.key("basis") == preferred_basis)
        {
            candidates
                .into_iter()
                .filter(|row| row.key("basis") == preferred_basis)
                .collect()
        } else {
            candidates
        }
    }

    /// The PUE or WUE row of an operator and site (`fleet` if None), latest year not after
    /// `year`. Operator and site match case-insensitively.
    pub fn efficiency(
        &self,
        operator: &str,
        site: Option<&str>,
        metric: &str,
        year: Option<i32>,
    ) -> Option<&Row> {
        let site = site.unwrap_or("fleet");
        let candidates = self.table(Table::FacilityEfficiency).filter(|row| {
            row.key("operator").eq_ignore_ascii_case(operator)
                && row.key("site").eq_ignore_ascii_case(site)
                && row.key("metric") == metric
        });
        latest(candidates, year, |row| row.key("basis") != "withdrawal")
    }

    /// Operators named in `facility_efficiency.csv`, sorted.
    pub fn operators(&self) -> Vec<&str> {
        let mut operators: Vec<&str> = self
            .table(Table::FacilityEfficiency)
            .map(|row| row.key("operator"))
            .collect();
        operators.sort_unstable();
        operators.dedup();
        operators
    }

    /// Sites of an operator, sorted.
    pub fn sites(&self, operator: &str) -> Vec<&str> {
        let mut sites: Vec<&str> = self
            .table(Table::FacilityEfficiency)
            .filter(|row| row.key("operator").eq_ignore_ascii_case(operator))
            .map(|row| row.key("site"))
            .collect();
        sites.sort_unstable();
        sites.dedup();
        sites
    }

    /// Region codes that have at least one grid factor, sorted.
    pub fn grid_regions(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = self
            .table(Table::GridFactors)
            .map(|row| row.scope.as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    /// Rows citing a source.
    pub fn rows_citing<'a>(&'a self, source_id: &'a str) -> impl Iterator<Item = &'a Row> {
        self.rows
            .iter()
            .filter(move |row| crate::provenance::cites(&row.sources, source_id))
    }
}

/// The row with the latest year not after `year`; ties go to a preferred row, then to file
/// order.
fn latest<'a>(
    candidates: impl Iterator<Item = &'a Row>,
    year: Option<i32>,
    preferred: impl Fn(&Row) -> bool,
) -> Option<&'a Row> {
    let mut best: Option<&Row> = None;
    for row in candidates {
        if let (Some(limit), Some(row_year)) = (year, row.year)
            && row_year > limit
        {
            continue;
        }
        let better = match best {
            None => true,
            Some(current) => {
                let (row_year, current_year) = (row.year.unwrap_or(0), current.year.unwrap_or(0));
                row_year > current_year
                    || (row_year == current_year && preferred(row) && !preferred(current))
            }
        };
        if better {
            best = Some(row);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_in_memory_load_like_files() {
        let builtin = Datasets::builtin().unwrap();
        let regions = builtin::file("regions.csv").unwrap();
        let with_bom = format!("\u{feff}{}", regions.replace('\n', "\r\n"));
        let loaded = Datasets::from_texts(&[("regions.csv", &with_bom)]).unwrap();
        assert_eq!(loaded.checksum(), builtin.checksum());
        assert_eq!(loaded.regions().len(), builtin.regions().len());

        let cycle = format!("{regions}XA,A,A,XB\nXB,B,B,XA\n");
        let error = Datasets::from_texts(&[("regions.csv", &cycle)]).unwrap_err();
        assert_eq!(error.exit_code(), 2);
        assert!(error.to_string().starts_with("regions.csv:"), "{error}");
        assert!(error.to_string().contains("its own ancestor"), "{error}");
    }
}
