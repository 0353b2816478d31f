//! The one resolver of dataset defaults for the factors, shared by `estimate` and scenario
//! files: a region, an operator (and one of its sites) and a year choose the rows of
//! `grid_factors.csv` and `facility_efficiency.csv` that stand in for a factor nobody gave.
//!
//! A region without a row of its own takes its parent region's (`US-AZ` → `US`); that
//! fallback is always returned with the rows, so every layer can say so. Errors are returned
//! as data ([`Unknown`]) and worded by each layer (a flag, or a key in a file).

use crate::data::{Datasets, Row, Table};
use crate::model::InputDef;
use crate::model::vocab::DatasetDefault;

/// A name that the datasets do not know, with what they do know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// The closest known name, if one is close.
    pub suggestion: Option<String>,
    /// Every known name, sorted.
    pub known: Vec<String>,
}

impl Unknown {
    /// "did you mean `x`? " (with its trailing space), or nothing.
    pub fn did_you_mean(&self) -> String {
        self.suggestion
            .as_ref()
            .map(|candidate| format!("did you mean `{candidate}`? "))
            .unwrap_or_default()
    }

    /// "did you mean `x`?", or "`what`: the known names".
    pub fn hint(&self, what: &str) -> String {
        match &self.suggestion {
            Some(candidate) => format!("did you mean `{candidate}`?"),
            None => format!("{what}: {}", self.known.join(", ")),
        }
    }
}

fn unknown(given: &str, known: Vec<&str>) -> Unknown {
    Unknown {
        suggestion: crate::text::closest(given, known.iter().copied()).map(str::to_string),
        known: known.into_iter().map(str::to_string).collect(),
    }
}

/// The region's code as the datasets write it, or what is known.
pub fn region(datasets: &Datasets, code: &str) -> Result<String, Unknown> {
    match datasets.region(code) {
        Some(region) => Ok(region.code.clone()),
        None => Err(unknown(&code.to_uppercase(), datasets.grid_regions())),
    }
}

/// The operator's name (lower case), or what is known.
pub fn operator(datasets: &Datasets, name: &str) -> Result<String, Unknown> {
    let operators = datasets.operators();
    if operators
        .iter()
        .any(|known| known.eq_ignore_ascii_case(name))
    {
        Ok(name.to_lowercase())
    } else {
        Err(unknown(&name.to_lowercase(), operators))
    }
}

/// The site's name (lower case) among the operator's, or what is known.
pub fn site(datasets: &Datasets, operator: &str, name: &str) -> Result<String, Unknown> {
    let sites = datasets.sites(operator);
    if sites.iter().any(|known| known.eq_ignore_ascii_case(name)) {
        Ok(name.to_lowercase())
    } else {
        Err(unknown(&name.to_lowercase(), sites))
    }
}

/// A language model of `models.csv`: its rows of active and total parameters.
#[derive(Debug, Clone, Copy)]
pub struct ModelRows<'a> {
    /// The row of active parameters.
    pub active: &'a Row,
    /// The row of total parameters; None for a dense model (same value and range as the
    /// active parameters: the total is then the active count, draw by draw).
    pub total: Option<&'a Row>,
    /// Whether the developer published the architecture (else the counts are estimates).
    pub published: bool,
}

/// The parameter rows of a model (case-insensitive name), or the known models.
pub fn model<'a>(datasets: &'a Datasets, name: &str) -> Result<ModelRows<'a>, Unknown> {
    let wanted = name.trim().to_lowercase();
    let of = |metric: &str| {
        datasets
            .table(Table::Models)
            .find(|row| row.key("model") == wanted && row.key("metric") == metric)
    };
    match (of("active_params"), of("total_params")) {
        (Some(active), total) => {
            let same = total.is_none_or(|total| {
                (total.value, total.low, total.high, total.unit)
                    == (active.value, active.low, active.high, active.unit)
            });
            Ok(ModelRows {
                active,
                total: if same { None } else { total },
                published: active.key("architecture") == "published",
            })
        }
        (None, _) => {
            let known: std::collections::BTreeSet<&str> = datasets
                .table(Table::Models)
                .map(|row| row.key("model"))
                .collect();
            Err(unknown(&wanted, known.into_iter().collect()))
        }
    }
}

/// Where and when the defaults are taken: names already checked with [`region`],
/// [`operator`] and [`site`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// Region code (EWIF and carbon intensity).
    pub region: Option<String>,
    /// Operator (PUE and WUE).
    pub operator: Option<String>,
    /// A site of the operator (`fleet` when None).
    pub site: Option<String>,
    /// The latest data not after this year.
    pub year: Option<i32>,
}

/// A region that had no row for a factor, and the parent region whose row is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fallback {
    /// The region asked for.
    pub region: String,
    /// The parent region whose value is used.
    pub parent: String,
}

impl Fallback {
    /// The note saying so, in English and French.
    pub fn note(&self, def: &InputDef) -> (String, String) {
        let (region, parent) = (&self.region, &self.parent);
        (
            format!(
                "no {} for {region} in the datasets: the value of {parent} (its parent region) \
                 is used.",
                def.noun.0
            ),
            format!(
                "{} : pas de valeur pour {region} dans les données ; celle de {parent} (sa \
                 région parente) est utilisée.",
                capitalise(def.noun.1)
            ),
        )
    }
}

/// The text with its first letter in upper case.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The dataset rows standing in for a factor.
#[derive(Debug, Clone)]
pub struct Defaults<'d> {
    /// One row, or one row per year (sorted by year).
    pub rows: Vec<&'d Row>,
    /// The parent region used, when the region had no row of its own.
    pub fallback: Option<Fallback>,
}

impl Place {
    /// The rows that stand in for `def` here, if any: the latest row not after the year, or
    /// with `every_year` one row per year (only the latest when a year is given).
    pub fn defaults<'d>(
        &self,
        datasets: &'d Datasets,
        def: &InputDef,
        every_year: bool,
    ) -> Option<Defaults<'d>> {
        match def.default? {
            DatasetDefault::Grid(factor) => {
                let region = self.region.as_deref()?;
                let mut current = Some(region.to_string());
                while let Some(code) = current {
                    let rows = if every_year {
                        grid_rows(datasets, &code, factor, self.year)
                    } else {
                        datasets
                            .grid_factor(&code, factor, self.year)
                            .into_iter()
                            .collect()
                    };
                    if !rows.is_empty() {
                        let fallback = (!code.eq_ignore_ascii_case(region)).then(|| Fallback {
                            region: region.to_uppercase(),
                            parent: code.clone(),
                        });
                        return Some(Defaults { rows, fallback });
                    }
                    current = datasets.region(&code).and_then(|r| r.parent.clone());
                }
                None
            }
            DatasetDefault::Operator(metric) => {
                let operator = self.operator.as_deref()?;
                let site = self.site.as_deref();
                let rows: Vec<&Row> = if every_year {
                    operator_rows(datasets, operator, site, metric, self.year)
                } else {
                    datasets
                        .efficiency(operator, site, metric, self.year)
                        .into_iter()
                        .collect()
                };
                (!rows.is_empty()).then_some(Defaults {
                    rows,
                    fallback: None,
                })
            }
        }
    }
}

/// One sorted list of the years of `rows` not after `year` (only the latest if `year` is
/// given).
fn years_of<'d>(rows: impl Iterator<Item = &'d Row>, year: Option<i32>) -> Vec<i32> {
    let mut years: Vec<i32> = rows
        .filter_map(|row| row.year)
        .filter(|row_year| year.is_none_or(|limit| *row_year <= limit))
        .collect();
    years.sort_unstable();
    years.dedup();
    if year.is_some() {
        years = years.last().copied().into_iter().collect();
    }
    years
}

/// One grid row per year for a region and factor (the preferred row of each year).
fn grid_rows<'d>(
    datasets: &'d Datasets,
    code: &str,
    factor: &str,
    year: Option<i32>,
) -> Vec<&'d Row> {
    years_of(datasets.grid_rows(code, factor).into_iter(), year)
        .into_iter()
        .filter_map(|row_year| datasets.grid_factor(code, factor, Some(row_year)))
        .filter(|row| row.year.is_some())
        .collect()
}

/// One row per year for an operator, site and metric.
fn operator_rows<'d>(
    datasets: &'d Datasets,
    operator: &str,
    site: Option<&str>,
    metric: &str,
    year: Option<i32>,
) -> Vec<&'d Row> {
    let site = site.unwrap_or("fleet");
    let rows = datasets.table(Table::FacilityEfficiency).filter(|row| {
        row.key("operator") == operator && row.key("site") == site && row.key("metric") == metric
    });
    years_of(rows, year)
        .into_iter()
        .filter_map(|row_year| datasets.efficiency(operator, Some(site), metric, Some(row_year)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::vocab::{CARBON, EWIF, PUE};

    fn datasets() -> Datasets {
        Datasets::builtin().expect("the built-in datasets load")
    }

    #[test]
    fn a_region_without_a_row_takes_its_parent_and_says_so() {
        let datasets = datasets();
        let place = Place {
            region: Some("US-AZ".into()),
            ..Place::default()
        };
        for every_year in [false, true] {
            let defaults = place.defaults(&datasets, &CARBON, every_year).unwrap();
            let fallback = defaults
                .fallback
                .expect("US-AZ has no carbon intensity row");
            assert_eq!(
                (fallback.region.as_str(), fallback.parent.as_str()),
                ("US-AZ", "US")
            );
            assert!(defaults.rows.iter().all(|row| row.scope == "US"));
            assert!(fallback.note(&CARBON).0.contains("(its parent region)"));
            // Arizona has its own EWIF row: no fallback.
            let ewif = place.defaults(&datasets, &EWIF, every_year).unwrap();
            assert!(ewif.fallback.is_none());
        }
    }

    #[test]
    fn unknown_names_come_with_a_suggestion() {
        let datasets = datasets();
        let error = operator(&datasets, "gogle").unwrap_err();
        assert_eq!(error.suggestion.as_deref(), Some("google"));
        assert_eq!(region(&datasets, "fr").unwrap(), "FR");
        let place = Place {
            operator: Some("google".into()),
            ..Place::default()
        };
        assert!(place.defaults(&datasets, &PUE, false).is_some());
        assert!(place.defaults(&datasets, &CARBON, false).is_none());
    }
}
