//! TOML → validated [`Scenario`]. Every key is checked (unknown keys get a "did you mean"),
//! every value is converted to base units and checked against its physical bounds, every
//! dataset reference is resolved, and every error points at its line and column.

use toml::de::DeTable;

use super::read::{Doc, Node, TableReader, text, type_name};
use super::{
    Compare, DisplayUnits, EnergySpec, Equivalence, Evidence, FactorSpec, Finding, Published,
    SCHEMA_VERSION, Scenario, SeriesSpec, ShareOf, Text, Trend, ValueSpec, Variant,
};
use crate::data::{Datasets, Row, Table};
use crate::defaults::{self, Defaults, Place, capitalise};
use crate::error::{Error, InputError, Result};
use crate::model::InputDef;
use crate::model::vocab::{
    ACCELERATOR_POWER, ACCELERATORS, CARBON, ENERGY, EWIF, GPU_HOURS, HOST_OVERHEAD, HOURS,
    IDLE_SHARE, LOAD_FACTOR, PER_QUERY, POWER, PUE, QUERIES, QUERIES_PER_DAY, RATE, REFERENCE,
    SHARE, TOTAL, UTILIZATION, WUE,
};
use crate::model::{Boundary, Extrapolate, Indicator, Way};
use crate::uncertainty::{Dist, spec};
use crate::units::{Dimension, unit_factor};

/// What a value slot accepts: an input of the vocabulary.
type Slot = InputDef;

const TOP_KEYS: &[&str] = &[
    "schema",
    "id",
    "title",
    "description",
    "years",
    "order",
    "headline",
    "indicators",
    "sensitivity_years",
    "display",
    "energy",
    "factors",
    "share_of",
    "variant",
    "published",
    "compare",
    "trend",
    "equivalence",
    "finding",
];
const ENERGY_KEYS: &[&str] = &[
    "way",
    "boundary",
    "energy",
    "power",
    "hours",
    "load_factor",
    "gpu_hours",
    "accelerators",
    "accelerator_power",
    "utilization",
    "host_overhead",
    "idle_share",
    "queries",
    "queries_per_day",
    "days",
    "energy_per_query",
    "share",
    "total",
];
const FACTOR_KEYS: &[&str] = &[
    "region",
    "operator",
    "site",
    "year",
    "pue",
    "wue",
    "wue_basis",
    "ewif",
    "carbon_intensity",
];
const VALUE_KEYS: &[&str] = &[
    "value", "dist", "min", "mode", "max", "mean", "sd", "median", "gsd", "p5", "p95", "unit",
    "ref",
];

/// Parses a scenario file.
pub(super) fn parse(path: &str, source: &str, datasets: &Datasets) -> Result<Scenario> {
    let doc = Doc { path, text: source };
    let root = DeTable::parse(source).map_err(|error| {
        let span = error.span().unwrap_or(0..0);
        Error::from(
            InputError::new(format!("TOML syntax error: {}", error.message().trim()))
                .in_text(path, source, span, None)
                .hint("see datasets/scenarios/README.md for the file format"),
        )
    })?;
    let top = TableReader::new(doc, root.get_ref(), root.span(), String::new());
    // A misspelt top-level key (`yeras`) is reported before anything that depends on it.
    check_keys(&top, TOP_KEYS)?;

    let schema = top.require("schema", "the schema version, 1")?;
    if schema.int()? != SCHEMA_VERSION {
        return Err(schema.error_hint(
            format!("unsupported schema version {}", schema.int()?),
            format!("this version of dcfoot reads schema = {SCHEMA_VERSION}"),
        ));
    }
    let id_node = top.require("id", "a short name such as \"us-datacenters\"")?;
    let id = id_node
        .slug("scenario id", "the output folder")?
        .to_string();
    let title = text(&top.require("title", "{ en = \"…\", fr = \"…\" }")?)?;
    let description = text(&top.require("description", "{ en = \"…\", fr = \"…\" }")?)?;
    let order = match top.get("order") {
        Some(node) => node.int()?,
        None => 1000,
    };

    let years = match top.get("years") {
        None => None,
        Some(node) => {
            let table = node.table()?;
            table.check_known(&["from", "to"])?;
            let from = table.require("from", "the first year")?;
            let to = table.require("to", "the last year")?;
            table.finish(&["from", "to"])?;
            let (first, last) = (from.year()?, to.year()?);
            if first > last {
                return Err(to.error(format!("`to` ({last}) is before `from` ({first})")));
            }
            if last - first > 100 {
                return Err(to.error("a scenario covers at most 100 years"));
            }
            Some((first, last))
        }
    };

    // The scenario needs `energy` even with variants: variants override its keys.
    let energy_node = top.require("energy", "how the energy is obtained ([energy] way = …)")?;
    let energy_table = energy_node.table()?;
    let factors_table = match top.get("factors") {
        Some(node) => Some(node.table()?),
        None => None,
    };
    let share_table = match top.get("share_of") {
        Some(node) => Some(node.table()?),
        None => None,
    };
    check_keys(&energy_table, ENERGY_KEYS)?;
    if let Some(table) = &factors_table {
        check_keys(table, FACTOR_KEYS)?;
    }
    if let Some(table) = &share_table {
        check_keys(table, &["label", "value"])?;
    }

    let context = Context { datasets, years };
    let mut variants = Vec::new();
    match top.get("variant") {
        None => {
            let energy = section(&energy_table, None);
            let factors = factors_table.as_ref().map(|table| section(table, None));
            let share = share_table.as_ref().map(|table| section(table, None));
            variants.push(variant(
                &context,
                energy_node.span.clone(),
                "base".into(),
                Text {
                    en: "dcfoot estimate".into(),
                    fr: "estimation dcfoot".into(),
                },
                &energy,
                factors.as_ref(),
                share.as_ref(),
            )?);
        }
        Some(node) => {
            for (index, item) in node.array()?.iter().enumerate() {
                let item = Node::new(doc, item, format!("variant[{index}]"));
                let table = item.table()?;
                table.check_known(&["id", "label", "energy", "factors", "share_of"])?;
                let id_node = table.require("id", "a short name such as \"low\"")?;
                let variant_id = id_node
                    .slug("variant id", "its rows in the tables")?
                    .to_string();
                if variants.iter().any(|v: &Variant| v.id == variant_id) {
                    return Err(id_node.error(format!("duplicate variant id `{variant_id}`")));
                }
                let label = text(&table.require("label", "{ en = \"…\", fr = \"…\" }")?)?;
                let own_energy = table.get("energy").map(|node| node.table()).transpose()?;
                let own_factors = table.get("factors").map(|node| node.table()).transpose()?;
                let own_share = table.get("share_of").map(|node| node.table()).transpose()?;
                table.finish(&["id", "label", "energy", "factors", "share_of"])?;
                if let Some(own) = &own_energy {
                    check_keys(own, ENERGY_KEYS)?;
                }
                if let Some(own) = &own_factors {
                    check_keys(own, FACTOR_KEYS)?;
                }
                if let Some(own) = &own_share {
                    check_keys(own, &["label", "value"])?;
                }
                let energy = section(&energy_table, own_energy.as_ref());
                let factors = match (&factors_table, &own_factors) {
                    (None, None) => None,
                    (Some(base), own) => Some(section(base, own.as_ref())),
                    (None, Some(own)) => Some(section(own, None)),
                };
                let share = match (&share_table, &own_share) {
                    (None, None) => None,
                    (Some(base), own) => Some(section(base, own.as_ref())),
                    (None, Some(own)) => Some(section(own, None)),
                };
                variants.push(variant(
                    &context,
                    item.span.clone(),
                    variant_id,
                    label,
                    &energy,
                    factors.as_ref(),
                    share.as_ref(),
                )?);
            }
            if variants.is_empty() {
                return Err(node.error("`variant` is empty; remove it or add [[variant]] tables"));
            }
        }
    }

    // headline, indicators, sensitivity years
    let (headline, headline_year) = match top.get("headline") {
        None => (Indicator::FacilityEnergy, years.map(|(_, last)| last)),
        Some(node) => {
            let table = node.table()?;
            table.check_known(&["indicator", "year"])?;
            let indicator = indicator(&table.require("indicator", "an indicator name")?)?;
            let year = match table.get("year") {
                Some(year_node) => Some(year_in_range(&year_node, years)?),
                None => years.map(|(_, last)| last),
            };
            table.finish(&["indicator", "year"])?;
            (indicator, year)
        }
    };
    let indicators = match top.get("indicators") {
        None => Vec::new(),
        Some(node) => node
            .array()?
            .iter()
            .enumerate()
            .map(|(index, item)| indicator(&Node::new(doc, item, format!("indicators[{index}]"))))
            .collect::<Result<Vec<_>>>()?,
    };
    let sensitivity_years = match top.get("sensitivity_years") {
        None => vec![headline_year],
        Some(node) => {
            if years.is_none() {
                return Err(node.error("a one-off scenario (no `years`) has no sensitivity years"));
            }
            node.array()?
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    year_in_range(
                        &Node::new(doc, item, format!("sensitivity_years[{index}]")),
                        years,
                    )
                    .map(Some)
                })
                .collect::<Result<Vec<_>>>()?
        }
    };

    let display = match top.get("display") {
        None => DisplayUnits::default(),
        Some(node) => {
            let table = node.table()?;
            table.check_known(&["energy", "water", "co2e"])?;
            let mut display = DisplayUnits::default();
            for (key, dimension) in [
                ("energy", Dimension::Energy),
                ("water", Dimension::Volume),
                ("co2e", Dimension::Co2e),
            ] {
                if let Some(unit_node) = table.get(key) {
                    let label = unit_node.str()?;
                    if crate::output::format::unit_by_label(dimension, label).is_none() {
                        let known: Vec<&str> = crate::output::format::display_units(dimension)
                            .iter()
                            .map(|unit| unit.en)
                            .collect();
                        return Err(unit_node.error_hint(
                            format!("unknown display unit `{label}`"),
                            format!("use one of: {}", known.join(", ")),
                        ));
                    }
                    let value = Some(label.to_string());
                    match key {
                        "energy" => display.energy = value,
                        "water" => display.water = value,
                        _ => display.co2e = value,
                    }
                }
            }
            table.finish(&["energy", "water", "co2e"])?;
            display
        }
    };

    let published = each(&top, doc, "published", |item| published(&context, item))?;
    let compare = match top.get("compare") {
        None => Vec::new(),
        Some(node) => {
            let mut list: Vec<Compare> = Vec::new();
            for (index, item) in node.array()?.iter().enumerate() {
                let item = Node::new(doc, item, format!("compare[{index}]"));
                let parsed = compare(&context, &item)?;
                if list.iter().any(|other| other.id == parsed.id) {
                    return Err(item.error(format!("duplicate compare id `{}`", parsed.id)));
                }
                list.push(parsed);
            }
            list
        }
    };
    let trends = match top.get("trend") {
        None => Vec::new(),
        Some(node) => {
            let mut list: Vec<Trend> = Vec::new();
            for (index, item) in node.array()?.iter().enumerate() {
                let item = Node::new(doc, item, format!("trend[{index}]"));
                let parsed = trend(&context, &item)?;
                if list.iter().any(|other| other.id == parsed.id)
                    || compare.iter().any(|other| other.id == parsed.id)
                {
                    return Err(item.error(format!("duplicate chart id `{}`", parsed.id)));
                }
                list.push(parsed);
            }
            list
        }
    };
    let equivalences = each(&top, doc, "equivalence", |item| equivalence(&context, item))?;
    let findings = each(&top, doc, "finding", finding)?;
    top.finish(TOP_KEYS)?;

    let scenario = Scenario {
        id,
        path: path.to_string(),
        source_text: source.to_string(),
        title,
        description,
        years,
        headline,
        headline_year,
        indicators,
        sensitivity_years,
        display,
        variants,
        published,
        compare,
        trends,
        equivalences,
        findings,
        order,
    };
    super::template::check_syntax(&scenario, source, datasets)?;
    Ok(scenario)
}

struct Context<'x> {
    datasets: &'x Datasets,
    years: Option<(i32, i32)>,
}

/// A section's entries: the base table's, overridden key by key by a variant's.
struct Section<'a, 'd> {
    entries: Vec<(String, Node<'a, 'd>)>,
    anchor: std::ops::Range<usize>,
    doc: Doc<'d>,
    path: String,
}

impl<'a, 'd> Section<'a, 'd> {
    fn get(&self, key: &str) -> Option<&Node<'a, 'd>> {
        self.entries
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, node)| node)
    }

    fn require(&self, key: &str, what: &str) -> Result<&Node<'a, 'd>> {
        self.get(key).ok_or_else(|| {
            self.doc.error_hint(
                self.anchor.start..self.anchor.start + 1,
                &self.path,
                format!("`{}` needs `{key}`", self.path),
                format!("add `{key} = …` ({what})"),
            )
        })
    }

    fn keys(&self) -> impl Iterator<Item = (&str, &Node<'a, 'd>)> {
        self.entries.iter().map(|(key, node)| (key.as_str(), node))
    }
}

fn section<'a, 'd>(
    base: &TableReader<'a, 'd>,
    own: Option<&TableReader<'a, 'd>>,
) -> Section<'a, 'd> {
    // A variant that changes `way` gives its whole [energy] section: the base keys of another
    // way would not apply.
    let replaces = own.is_some_and(|own| own.has("way"));
    let mut entries: Vec<(String, Node<'a, 'd>)> = if replaces {
        Vec::new()
    } else {
        base.entries()
            .into_iter()
            .map(|(key, _, node)| (key.to_string(), node))
            .collect()
    };
    if let Some(own) = own {
        for (key, _, node) in own.entries() {
            entries.retain(|(name, _)| name != key);
            entries.push((key.to_string(), node));
        }
    }
    Section {
        entries,
        anchor: own.map_or(base.span.clone(), |own| own.span.clone()),
        doc: base.doc(),
        path: base.path().to_string(),
    }
}

/// Fails on a key that is not in `known` (with a suggestion).
fn check_keys(table: &TableReader<'_, '_>, known: &[&str]) -> Result<()> {
    for (key, span, _) in table.entries() {
        if !known.contains(&key) {
            let hint = crate::text::closest(key, known.iter().copied())
                .map(|candidate| format!("did you mean `{candidate}`?"))
                .unwrap_or_else(|| format!("known keys here: {}", known.join(", ")));
            return Err(table.doc().error_hint(
                span,
                &table.child_path(key),
                format!("unknown key `{key}`"),
                hint,
            ));
        }
    }
    Ok(())
}

fn indicator(node: &Node<'_, '_>) -> Result<Indicator> {
    let name = node.str()?;
    Indicator::from_short(name).ok_or_else(|| {
        let names: Vec<&str> = Indicator::ALL.iter().map(|i| i.short()).collect();
        let hint = crate::text::closest(name, names.iter().copied())
            .map(|candidate| format!("did you mean `{candidate}`?"))
            .unwrap_or_else(|| format!("indicators: {}", names.join(", ")));
        node.error_hint(format!("unknown indicator `{name}`"), hint)
    })
}

fn year_in_range(node: &Node<'_, '_>, years: Option<(i32, i32)>) -> Result<i32> {
    let year = node.year()?;
    match years {
        None => Err(node.error("a one-off scenario (no `years`) has no years to pick")),
        Some((from, to)) if year < from || year > to => Err(node.error(format!(
            "{year} is outside the scenario's years {from}–{to}"
        ))),
        Some(_) => Ok(year),
    }
}

fn boundary(node: &Node<'_, '_>) -> Result<Boundary> {
    let text = node.str()?;
    Boundary::parse(text).ok_or_else(|| {
        node.error_hint(
            format!("unknown boundary `{text}`"),
            "use \"it\" (servers only) or \"facility\" (what the grid delivers, PUE included)",
        )
    })
}

/// A dataset row by id, with a suggestion when it does not exist.
fn row<'x>(context: &Context<'x>, node: &Node<'_, '_>, id: &str) -> Result<&'x Row> {
    context.datasets.get(id).ok_or_else(|| {
        let hint = crate::text::closest(id, context.datasets.ids())
            .map(|candidate| format!("did you mean `{candidate}`?"))
            .unwrap_or_else(|| {
                "`dcfoot datasets show TABLE` lists the row ids of a table".to_string()
            });
        node.error_hint(format!("no dataset row `{id}`"), hint)
    })
}

/// Parses a single value (fixed, distribution or dataset reference) for a slot.
fn value(
    context: &Context<'_>,
    node: &Node<'_, '_>,
    slot: &Slot,
    extra: &[&str],
) -> Result<ValueSpec> {
    let origin = format!("scenario {}", node.path());
    let bounded = |dist: Dist| {
        dist.within(slot.lower, slot.upper).map_err(|message| {
            node.error_hint(format!("`{}`: {message}", slot.key), slot.bounds_hint())
        })
    };
    let scale_of = |unit: &str, unit_node: &Node<'_, '_>| {
        unit_factor(unit, slot.dimension).map_err(|error| unit_node.error(error.to_string()))
    };
    match node.value {
        toml::de::DeValue::Integer(_) | toml::de::DeValue::Float(_) => {
            let number = node.number()?;
            if number < 0.0 && slot.dimension != Dimension::GrowthRate {
                return Err(node.error(format!("`{}` cannot be negative ({number})", slot.key)));
            }
            let scale = scale_of(slot.unit, node)?;
            let dist = Dist::fixed(scale.apply(number)).map_err(|message| node.error(message))?;
            Ok(ValueSpec {
                dist: bounded(dist)?,
                sources: Vec::new(),
                row: None,
                verification: None,
                origin,
            })
        }
        toml::de::DeValue::String(text) => {
            let dist = spec::parse_dist(text, slot.dimension, slot.unit).map_err(|message| {
                node.error_hint(message, format!("write {}", spec::SYNTAX_HELP))
            })?;
            Ok(ValueSpec {
                dist: bounded(dist)?,
                sources: Vec::new(),
                row: None,
                verification: None,
                origin,
            })
        }
        toml::de::DeValue::Table(_) => {
            let table = node.table()?;
            let mut known: Vec<&str> = VALUE_KEYS.to_vec();
            known.extend_from_slice(extra);
            check_keys(&table, &known)?;
            if let Some(ref_node) = table.get("ref") {
                let id = ref_node.str()?;
                let row = row(context, &ref_node, id)?;
                for key in VALUE_KEYS
                    .iter()
                    .filter(|key| !matches!(**key, "ref" | "dist"))
                {
                    if let Some(other) = table.get(key) {
                        return Err(other.error_hint(
                            format!("`{key}` cannot be combined with `ref`"),
                            "the referenced row gives the value, its unit and its range; \
                             `dist` may say how to use that range",
                        ));
                    }
                }
                let dist = dist_from_row(row, &table, &ref_node, slot)?;
                return Ok(ValueSpec {
                    dist: bounded(dist)?,
                    sources: row.sources.clone(),
                    row: Some(row.id.clone()),
                    verification: Some(row.verification),
                    origin: format!("dataset row {} ({})", row.id, row.table.name()),
                });
            }
            let unit = match table.get("unit") {
                Some(unit_node) => unit_node.str()?,
                None => slot.unit,
            };
            let scale = match table.get("unit") {
                Some(unit_node) => scale_of(unit, &unit_node)?,
                None => scale_of(unit, node)?,
            };
            // A parameter is a number in the table's unit, or `{ ref = "row" }` (its value).
            let param_sources = std::cell::RefCell::new(Vec::<String>::new());
            let param_rows = std::cell::RefCell::new(Vec::<crate::data::Verification>::new());
            let number = |key: &str| -> Result<f64> {
                let field = table.require(key, &format!("the distribution's `{key}`"))?;
                if field.is_table() {
                    let reference = field.table()?;
                    reference.check_known(&["ref"])?;
                    let ref_node = reference.require("ref", "a dataset row id")?;
                    reference.finish(&["ref"])?;
                    let id = ref_node.str()?;
                    let param_row = row(context, &ref_node, id)?;
                    let compatible = param_row.unit.dimension == slot.dimension || key == "gsd";
                    if !compatible || param_row.range_only {
                        return Err(ref_node.error(format!(
                            "row `{id}` ({} {}) cannot give `{key}` of {}",
                            if param_row.range_only {
                                "a range in"
                            } else {
                                "in"
                            },
                            param_row.unit,
                            slot.dimension.describe()
                        )));
                    }
                    param_sources
                        .borrow_mut()
                        .extend(param_row.sources.iter().cloned());
                    param_rows.borrow_mut().push(param_row.verification);
                    return Ok(param_row.base_value());
                }
                let value = field.number()?;
                if value < 0.0 && slot.dimension != Dimension::GrowthRate && key != "gsd" {
                    return Err(field.error(format!("`{key}` cannot be negative ({value})")));
                }
                if key == "gsd" {
                    return Ok(value);
                }
                let base = scale.apply(value);
                if !base.is_finite() {
                    return Err(field.error(format!(
                        "{} {unit} is too large (it overflows once converted to {})",
                        crate::text::short_number(value),
                        slot.dimension.base_symbol()
                    )));
                }
                Ok(base)
            };
            let kind = match table.get("dist") {
                Some(dist_node) => dist_node.str()?.to_string(),
                None if table.has("value") => "fixed".to_string(),
                None => {
                    return Err(node.error_hint(
                        "a value table needs `value`, `dist` or `ref`",
                        "e.g. { value = 1.2 }, { dist = \"triangular\", min = 1.1, mode = 1.2, \
                         max = 1.6 } or { ref = \"dataset-row-id\" }",
                    ));
                }
            };
            let allowed: &[&str] = match kind.as_str() {
                "fixed" => &["value"],
                "uniform" => &["min", "max"],
                "triangular" | "pert" => &["min", "mode", "max"],
                "normal" => &["mean", "sd", "min", "max"],
                "lognormal" => &["median", "gsd", "p5", "p95"],
                other => {
                    let dist_node = table.get("dist").unwrap_or_else(|| node.clone());
                    let kinds = [
                        "fixed",
                        "uniform",
                        "triangular",
                        "pert",
                        "normal",
                        "lognormal",
                    ];
                    let hint = crate::text::closest(other, kinds)
                        .map(|candidate| format!("did you mean `{candidate}`?"))
                        .unwrap_or_else(|| format!("use one of: {}", kinds.join(", ")));
                    return Err(
                        dist_node.error_hint(format!("unknown distribution `{other}`"), hint)
                    );
                }
            };
            for key in [
                "value", "min", "mode", "max", "mean", "sd", "median", "gsd", "p5", "p95",
            ] {
                if !allowed.contains(&key)
                    && let Some(extra_node) = table.get(key)
                {
                    return Err(extra_node.error_hint(
                        format!("`{key}` does not apply to a {kind} distribution"),
                        format!("a {kind} distribution takes: {}", allowed.join(", ")),
                    ));
                }
            }
            let result = match kind.as_str() {
                "fixed" => Dist::fixed(number("value")?),
                "uniform" => Dist::uniform(number("min")?, number("max")?),
                "triangular" => Dist::triangular(number("min")?, number("mode")?, number("max")?),
                "pert" => Dist::pert(number("min")?, number("mode")?, number("max")?),
                "normal" => {
                    let lower = if table.has("min") {
                        number("min")?
                    } else {
                        f64::NEG_INFINITY
                    };
                    let upper = if table.has("max") {
                        number("max")?
                    } else {
                        f64::INFINITY
                    };
                    Dist::normal(number("mean")?, number("sd")?, lower, upper)
                }
                _ => {
                    if table.has("median") || table.has("gsd") {
                        Dist::lognormal_median_gsd(number("median")?, number("gsd")?)
                    } else {
                        Dist::lognormal_p5_p95(number("p5")?, number("p95")?)
                    }
                }
            };
            let dist = result.map_err(|message| node.error(message))?;
            let mut sources = param_sources.into_inner();
            sources.sort();
            sources.dedup();
            Ok(ValueSpec {
                dist: bounded(dist)?,
                sources,
                row: None,
                verification: param_rows.into_inner().into_iter().max(),
                origin,
            })
        }
        other => Err(node.error_hint(
            format!(
                "expected a number, a string or a table, found {}",
                type_name(other)
            ),
            format!("write {}", spec::SYNTAX_HELP),
        )),
    }
}

/// The distribution of a dataset row used in a slot, checking the dimension.
fn dist_from_row(
    row: &Row,
    table: &TableReader<'_, '_>,
    ref_node: &Node<'_, '_>,
    slot: &Slot,
) -> Result<Dist> {
    let compatible = row.unit.dimension == slot.dimension
        || (slot.dimension == Dimension::Percent && row.unit.dimension == Dimension::Ratio)
        || (slot.dimension == Dimension::Ratio && row.unit.dimension == Dimension::Percent);
    if !compatible {
        return Err(ref_node.error_hint(
            format!(
                "row `{}` is in {} ({}), but `{}` needs {}",
                row.id,
                row.unit.symbol,
                row.unit.dimension.describe(),
                slot.key,
                slot.dimension.describe()
            ),
            "pick a row of the right kind (`dcfoot datasets show ID` shows a row)",
        ));
    }
    let base = |value: f64| row.unit.to_base(value);
    let range = || -> Result<(f64, f64)> {
        match (row.low, row.high) {
            (Some(low), Some(high)) if low < high => Ok((base(low), base(high))),
            _ => Err(ref_node.error(format!(
                "row `{}` has no published range (low/high), so only its value can be used \
                 (remove `dist`)",
                row.id
            ))),
        }
    };
    match table.get("dist") {
        None => {
            if row.range_only {
                let (low, high) = (row.low.unwrap_or(0.0), row.high.unwrap_or(0.0));
                return Err(ref_node.error_hint(
                    format!(
                        "row `{}` publishes only a range ({low}–{high} {}), no central value",
                        row.id, row.unit
                    ),
                    "say how to use the range: add dist = \"uniform\"",
                ));
            }
            Dist::fixed(row.base_value()).map_err(|message| ref_node.error(message))
        }
        Some(dist_node) => {
            let kind = dist_node.str()?;
            let dist = match kind {
                "uniform" => {
                    let (low, high) = range()?;
                    Dist::uniform(low, high)
                }
                "triangular" | "pert" => {
                    if row.range_only {
                        return Err(dist_node.error_hint(
                            format!("row `{}` has no central value to use as the mode", row.id),
                            "use dist = \"uniform\"",
                        ));
                    }
                    let (low, high) = range()?;
                    if kind == "pert" {
                        Dist::pert(low, row.base_value(), high)
                    } else {
                        Dist::triangular(low, row.base_value(), high)
                    }
                }
                other => {
                    return Err(dist_node.error_hint(
                        format!("`{other}` cannot be built from a dataset row"),
                        "with `ref`, `dist` may be \"uniform\" (low–high), \"triangular\" or \
                         \"pert\" (low, value, high)",
                    ));
                }
            };
            dist.map_err(|message| dist_node.error(message))
        }
    }
}

/// Parses a value or a series (points or growth) for a slot.
fn series(context: &Context<'_>, node: &Node<'_, '_>, slot: &Slot) -> Result<SeriesSpec> {
    let table = match node.value {
        toml::de::DeValue::Table(_) => node.table()?,
        _ => return Ok(SeriesSpec::Value(value(context, node, slot, &[])?)),
    };
    if table.has("points") {
        check_keys(&table, &["points", "extrapolate"])?;
        let points_node = table.require("points", "published points")?;
        let mut points: Vec<(i32, ValueSpec, std::ops::Range<usize>)> = Vec::new();
        for (index, item) in points_node.array()?.iter().enumerate() {
            let point = Node::new(node.doc, item, format!("{}.points[{index}]", node.path()));
            let point_table = point.table()?;
            let spec = value(context, &point, slot, &["year"])?;
            let year = match point_table.get("year") {
                Some(year_node) => year_node.year()?,
                None => match spec.row.as_deref().and_then(|id| context.datasets.get(id)) {
                    Some(row) => row.year.ok_or_else(|| {
                        point.error(format!("row `{}` has no year: give `year = …`", row.id))
                    })?,
                    None => return Err(point.error("a point needs `year = …`")),
                },
            };
            if let Some((_, _, previous)) = points.iter().find(|(other, _, _)| *other == year) {
                let (line, _) = crate::error::line_column(node.doc.text, previous.start);
                return Err(point.error(format!(
                    "a second point for {year} (the first is on line {line})"
                )));
            }
            points.push((year, spec, point.span.clone()));
        }
        if points.is_empty() {
            return Err(points_node.error("a path needs at least one point"));
        }
        points.sort_by_key(|(year, _, _)| *year);
        let extrapolate = match table.get("extrapolate") {
            None => Extrapolate::None,
            Some(mode) => match mode.str()? {
                "none" => Extrapolate::None,
                "hold" => Extrapolate::Hold,
                "trend" => Extrapolate::Trend,
                other => {
                    return Err(mode.error_hint(
                        format!("unknown extrapolation `{other}`"),
                        "use \"none\", \"hold\" (keep the nearest point) or \"trend\" (continue \
                         the nearest segment's growth)",
                    ));
                }
            },
        };
        let spec = SeriesSpec::Points {
            points: points
                .into_iter()
                .map(|(year, spec, _)| (year, spec))
                .collect(),
            extrapolate,
        };
        check_coverage(context, node, &spec)?;
        return Ok(spec);
    }
    if table.has("base") || table.has("rate") || table.has("rates") {
        check_keys(&table, &["base", "base_year", "rate", "rates"])?;
        let base_node = table.require("base", "the starting value")?;
        let base = value(context, &base_node, slot, &[])?;
        let base_year = match table.get("base_year") {
            Some(year_node) => year_node.year()?,
            None => match base.row.as_deref().and_then(|id| context.datasets.get(id)) {
                Some(row) => row.year.ok_or_else(|| {
                    base_node.error(format!("row `{}` has no year: give `base_year`", row.id))
                })?,
                None => return Err(base_node.error("a growth path needs `base_year = …`")),
            },
        };
        let last_year = context.years.map_or(base_year, |(_, to)| to);
        let segments = match (table.get("rate"), table.get("rates")) {
            (Some(_), Some(rates)) => {
                return Err(
                    rates.error("give either `rate` (one rate) or `rates` (several), not both")
                );
            }
            (Some(rate), None) => vec![(last_year, value(context, &rate, &RATE, &[])?)],
            (None, Some(rates)) => {
                let mut segments: Vec<(i32, ValueSpec)> = Vec::new();
                let mut previous = base_year;
                for (index, item) in rates.array()?.iter().enumerate() {
                    let entry =
                        Node::new(node.doc, item, format!("{}.rates[{index}]", node.path()));
                    let entry_table = entry.table()?;
                    entry_table.check_known(&["until", "rate"])?;
                    let until = entry_table.require("until", "the last year of this rate")?;
                    let until_year = until.year()?;
                    if until_year <= previous {
                        return Err(until
                            .error(format!("`until` ({until_year}) must come after {previous}")));
                    }
                    let rate = value(
                        context,
                        &entry_table.require("rate", "the annual growth rate")?,
                        &RATE,
                        &[],
                    )?;
                    entry_table.finish(&["until", "rate"])?;
                    segments.push((until_year, rate));
                    previous = until_year;
                }
                if segments.is_empty() {
                    return Err(rates.error("`rates` needs at least one { until, rate }"));
                }
                segments
            }
            (None, None) => {
                return Err(base_node.error_hint(
                    "a growth path needs `rate` or `rates`",
                    "e.g. rate = \"15%\" or rates = [{ until = 2030, rate = \"15%\" }]",
                ));
            }
        };
        let spec = SeriesSpec::Growth {
            base,
            base_year,
            segments,
        };
        check_coverage(context, node, &spec)?;
        return Ok(spec);
    }
    Ok(SeriesSpec::Value(value(context, node, slot, &[])?))
}

/// Checks a path covers the scenario's years, and that one-off scenarios take no paths.
fn check_coverage(context: &Context<'_>, node: &Node<'_, '_>, spec: &SeriesSpec) -> Result<()> {
    let Some((from, to)) = context.years else {
        return Err(node.error_hint(
            "a one-off scenario (no `years`) takes single values, not paths",
            "add years = { from = …, to = … } or give a single value",
        ));
    };
    let (first, last) = match spec {
        SeriesSpec::Value(_) => return Ok(()),
        SeriesSpec::Points {
            points,
            extrapolate,
        } => {
            if *extrapolate != Extrapolate::None {
                return Ok(());
            }
            (points[0].0, points[points.len() - 1].0)
        }
        SeriesSpec::Growth {
            base_year,
            segments,
            ..
        } => (
            *base_year,
            segments.last().map_or(*base_year, |segment| segment.0),
        ),
    };
    if first > from || last < to {
        let hint = match spec {
            SeriesSpec::Points { .. } => {
                "add extrapolate = \"hold\" or \"trend\", or change the scenario's years"
            }
            _ => {
                "start the growth path at or before the first year, run its rates to the last \
                  year, or change the scenario's years"
            }
        };
        return Err(node.error_hint(
            format!("this path covers {first}–{last} but the scenario runs {from}–{to}"),
            hint,
        ));
    }
    Ok(())
}

fn variant(
    context: &Context<'_>,
    span: std::ops::Range<usize>,
    id: String,
    label: Text,
    energy: &Section<'_, '_>,
    factors: Option<&Section<'_, '_>>,
    share: Option<&Section<'_, '_>>,
) -> Result<Variant> {
    let mut notes = Vec::new();
    let way_node = energy.require("way", "direct, power, hardware, usage or fleet")?;
    let way = way_node.str()?;
    let allowed: &[&str] = match way {
        "direct" | "fleet" => &["way", "boundary", "energy", "share", "total"],
        "power" => &["way", "boundary", "power", "hours", "load_factor"],
        "hardware" => &[
            "way",
            "boundary",
            "accelerators",
            "gpu_hours",
            "accelerator_power",
            "utilization",
            "hours",
            "host_overhead",
            "idle_share",
        ],
        "usage" => &[
            "way",
            "boundary",
            "queries",
            "queries_per_day",
            "days",
            "energy_per_query",
        ],
        other => {
            let ways = ["direct", "power", "hardware", "usage", "fleet"];
            let hint = crate::text::closest(other, ways)
                .map(|candidate| format!("did you mean `{candidate}`?"))
                .unwrap_or_else(|| format!("use one of: {}", ways.join(", ")));
            return Err(way_node.error_hint(format!("unknown way `{other}`"), hint));
        }
    };
    for (key, node) in energy.keys() {
        if !allowed.contains(&key) {
            return Err(node.error_hint(
                format!("`{key}` is not used when way = \"{way}\""),
                format!("way = \"{way}\" takes: {}", allowed[1..].join(", ")),
            ));
        }
    }
    let one_off = context.years.is_none();
    let default_hours = |node: Option<&Node<'_, '_>>| -> Result<SeriesSpec> {
        match node {
            Some(node) => series(context, node, &HOURS),
            None if one_off => Err(energy
                .require("hours", "the duration in hours")
                .err()
                .unwrap_or_else(|| Error::Other("hours".into()))),
            None => Ok(SeriesSpec::Value(fixed(8760.0, "a year (8760 h)"))),
        }
    };
    let energy_spec = match way {
        "direct" | "fleet" => {
            let boundary_node = energy.require("boundary", "\"it\" or \"facility\"")?;
            let boundary = boundary(boundary_node)?;
            match (
                energy.get("energy"),
                energy.get("share"),
                energy.get("total"),
            ) {
                (Some(node), None, None) => {
                    let spec = series(context, node, &ENERGY)?;
                    check_row_boundary(node, &spec, boundary, context, &mut notes);
                    EnergySpec {
                        way: Way::Direct { energy: spec },
                        boundary,
                    }
                }
                (None, Some(share), Some(total)) => EnergySpec {
                    way: Way::Share {
                        share: series(context, share, &SHARE)?,
                        total: series(context, total, &TOTAL)?,
                    },
                    boundary,
                },
                (Some(node), _, _) => {
                    return Err(
                        node.error("give either `energy`, or `share` and `total`, not both")
                    );
                }
                (None, Some(share), None) => {
                    return Err(share.error_hint(
                        "`share` needs `total`",
                        "add `total = …` (the consumption the share applies to)",
                    ));
                }
                (None, None, Some(total)) => {
                    return Err(total.error_hint("`total` needs `share`", "add `share = …`"));
                }
                (None, None, None) => {
                    return Err(energy
                        .require("energy", "the energy (a value or a path)")
                        .err()
                        .unwrap_or_else(|| Error::Other("energy".into())));
                }
            }
        }
        "power" => {
            let boundary = match energy.get("boundary") {
                Some(node) => boundary(node)?,
                None => Boundary::It,
            };
            EnergySpec {
                way: Way::Power {
                    power: series(context, energy.require("power", "the power drawn")?, &POWER)?,
                    hours: default_hours(energy.get("hours"))?,
                    load_factor: match energy.get("load_factor") {
                        Some(node) => series(context, node, &LOAD_FACTOR)?,
                        None => SeriesSpec::Value(fixed(1.0, "default load factor 1")),
                    },
                },
                boundary,
            }
        }
        "hardware" => {
            if let Some(node) = energy.get("boundary")
                && boundary(node)? != Boundary::It
            {
                return Err(node.error("hardware power is IT power: the boundary is \"it\""));
            }
            let optional = |key: &str, slot: &Slot, what: &str| -> Result<SeriesSpec> {
                match (energy.get(key), slot.default_value()) {
                    (Some(node), _) => series(context, node, slot),
                    (None, Some(default)) => Ok(SeriesSpec::Value(fixed(default, what))),
                    (None, None) => Err(Error::Other(format!("{key} has no default"))),
                }
            };
            // Either accelerators × hours, or accelerator-hours as published (GPU-h).
            let accelerator_hours = energy.get("gpu_hours").is_some();
            let (accelerators, hours) = match (energy.get("gpu_hours"), energy.get("accelerators"))
            {
                (Some(gpu_hours), None) => {
                    if let Some(hours) = energy.get("hours") {
                        return Err(hours.error(
                            "`hours` goes with `accelerators`; `gpu_hours` already counts both",
                        ));
                    }
                    (
                        series(context, gpu_hours, &GPU_HOURS)?,
                        SeriesSpec::Value(fixed(1.0, "hours are counted in gpu_hours")),
                    )
                }
                (Some(gpu_hours), Some(_)) => {
                    return Err(gpu_hours.error(
                        "give either `gpu_hours` or `accelerators` (with `hours`), not both",
                    ));
                }
                (None, _) => (
                    series(
                        context,
                        energy.require("accelerators", "how many (or gpu_hours)")?,
                        &ACCELERATORS,
                    )?,
                    default_hours(energy.get("hours"))?,
                ),
            };
            EnergySpec {
                way: Way::Hardware {
                    accelerators,
                    accelerator_hours,
                    power: series(
                        context,
                        energy.require("accelerator_power", "rated power, e.g. \"700 W\"")?,
                        &ACCELERATOR_POWER,
                    )?,
                    utilization: optional("utilization", &UTILIZATION, "default utilisation 1")?,
                    hours,
                    host_overhead: optional(
                        "host_overhead",
                        &HOST_OVERHEAD,
                        "default host overhead 1",
                    )?,
                    idle_share: optional("idle_share", &IDLE_SHARE, "default idle share 0")?,
                },
                boundary: Boundary::It,
            }
        }
        _ => {
            let boundary_node = energy.require(
                "boundary",
                "the boundary of energy_per_query: \"it\" or \"facility\"",
            )?;
            let boundary = boundary(boundary_node)?;
            let per_query_node =
                energy.require("energy_per_query", "e.g. \"0.24 Wh\" or { ref = … }")?;
            let energy_per_query = series(context, per_query_node, &PER_QUERY)?;
            check_row_boundary(
                per_query_node,
                &energy_per_query,
                boundary,
                context,
                &mut notes,
            );
            let (queries, per_day, days) =
                match (energy.get("queries"), energy.get("queries_per_day")) {
                    (Some(node), None) => {
                        if let Some(days) = energy.get("days") {
                            return Err(
                                days.error("`days` goes with `queries_per_day`, not `queries`")
                            );
                        }
                        if !one_off {
                            return Err(node.error_hint(
                                "a yearly scenario counts queries per day",
                                "use `queries_per_day` (multiplied by 365 for each year)",
                            ));
                        }
                        (series(context, node, &QUERIES)?, false, 1.0)
                    }
                    (None, Some(node)) => {
                        let days = match energy.get("days") {
                            Some(days_node) if one_off => {
                                let days = days_node.number()?;
                                if days <= 0.0 {
                                    return Err(days_node.error("`days` must be positive"));
                                }
                                days
                            }
                            Some(days_node) => {
                                return Err(days_node.error(
                                    "in a yearly scenario a period is one year (365 days)",
                                ));
                            }
                            None if one_off => {
                                return Err(node.error_hint(
                                    "a one-off scenario with queries per day needs `days`",
                                    "add days = 365 (or give `queries`, a total)",
                                ));
                            }
                            None => 365.0,
                        };
                        (series(context, node, &QUERIES_PER_DAY)?, true, days)
                    }
                    (Some(node), Some(_)) => {
                        return Err(
                            node.error("give either `queries` or `queries_per_day`, not both")
                        );
                    }
                    (None, None) => {
                        return Err(energy
                            .require("queries_per_day", "how many queries per day")
                            .err()
                            .unwrap_or_else(|| Error::Other("queries".into())));
                    }
                };
            EnergySpec {
                way: Way::Usage {
                    queries,
                    per_day,
                    days,
                    per_query: energy_per_query,
                },
                boundary,
            }
        }
    };

    let factors = match factors {
        Some(section) => factor_spec(context, section)?,
        None => FactorSpec::default(),
    };
    let share_of = match share {
        None => None,
        Some(section) => Some(ShareOf {
            label: text(section.require("label", "{ en = \"…\", fr = \"…\" }")?)?,
            value: series(
                context,
                section.require("value", "the reference consumption")?,
                &REFERENCE,
            )?,
        }),
    };
    Ok(Variant {
        id,
        label,
        energy: energy_spec,
        factors,
        share_of,
        notes,
        span,
    })
}

fn fixed(value: f64, what: &str) -> ValueSpec {
    ValueSpec::fixed(value, what)
}

/// Notes (never errors) when a dataset row's boundary differs from the one declared.
fn check_row_boundary(
    node: &Node<'_, '_>,
    spec: &SeriesSpec,
    declared: Boundary,
    context: &Context<'_>,
    notes: &mut Vec<Text>,
) {
    let specs: Vec<&ValueSpec> = match spec {
        SeriesSpec::Value(value) => vec![value],
        SeriesSpec::Points { points, .. } => points.iter().map(|(_, value)| value).collect(),
        SeriesSpec::Growth { base, .. } => vec![base],
    };
    for value in specs {
        let Some(row) = value.row.as_deref().and_then(|id| context.datasets.get(id)) else {
            continue;
        };
        let row_boundary = row.key("boundary");
        let row_is = match row_boundary {
            "facility" => Some(Boundary::Facility),
            "it" | "server" => Some(Boundary::It),
            "accelerator" => {
                notes.push(Text {
                    en: format!(
                        "{}: row {} counts accelerators only; used as IT energy it leaves out \
                         host CPU and memory, idle capacity and cooling (an underestimate).",
                        node.path(),
                        row.id
                    ),
                    fr: format!(
                        "{} : la ligne {} ne compte que les accélérateurs ; prise comme énergie \
                         informatique, elle omet le processeur hôte et la mémoire, la capacité \
                         inactive et le refroidissement (une sous-estimation).",
                        node.path(),
                        row.id
                    ),
                });
                None
            }
            _ => None,
        };
        if let Some(row_is) = row_is
            && row_is != declared
        {
            let (reading, lecture) = if row_is == Boundary::Facility {
                (
                    "it already includes data-centre overhead (PUE); read as IT energy, the PUE \
                     is counted twice",
                    "elle inclut déjà les pertes du site (PUE) ; lue comme énergie informatique, \
                     le PUE est compté deux fois",
                )
            } else {
                (
                    "it excludes data-centre overhead; read as facility energy, the overhead is \
                     left out",
                    "elle exclut les pertes du site ; lue comme énergie du site, ces pertes sont \
                     omises",
                )
            };
            let boundary_fr = |boundary: Boundary| match boundary {
                Boundary::Facility => "site entier",
                Boundary::It => "informatique",
            };
            notes.push(Text {
                en: format!(
                    "{}: row {} is a {}-boundary figure used here as {} energy: {reading}.",
                    node.path(),
                    row.id,
                    row_is.as_str(),
                    declared.as_str()
                ),
                fr: format!(
                    "{} : la ligne {} est un chiffre de périmètre « {} » utilisé ici comme \
                     énergie de périmètre « {} » : {lecture}.",
                    node.path(),
                    row.id,
                    boundary_fr(row_is),
                    boundary_fr(declared)
                ),
            });
        }
    }
}

fn factor_spec(context: &Context<'_>, section: &Section<'_, '_>) -> Result<FactorSpec> {
    let mut spec = FactorSpec::default();
    let datasets = context.datasets;
    let year = section.get("year").map(Node::year).transpose()?;
    let region = match section.get("region") {
        None => None,
        Some(node) => {
            let code = node.str()?;
            let region = defaults::region(datasets, code).map_err(|unknown| {
                node.error_hint(
                    format!("unknown region `{code}`"),
                    unknown.hint("regions with grid factors"),
                )
            })?;
            Some(region)
        }
    };
    let operator = match section.get("operator") {
        None => None,
        Some(node) => {
            let name = node.str()?;
            let operator = defaults::operator(datasets, name).map_err(|unknown| {
                node.error_hint(
                    format!("unknown operator `{name}`"),
                    unknown.hint("operators"),
                )
            })?;
            Some(operator)
        }
    };
    let site = match section.get("site") {
        None => None,
        Some(node) => {
            let name = node.str()?;
            let Some(operator) = &operator else {
                return Err(node.error("`site` needs `operator`"));
            };
            let site = defaults::site(datasets, operator, name).map_err(|unknown| {
                node.error_hint(
                    format!("`{operator}` has no site `{name}`"),
                    format!("sites: {}", unknown.known.join(", ")),
                )
            })?;
            Some(site)
        }
    };
    let place = Place {
        region,
        operator,
        site,
        year,
    };

    // Explicit values win over dataset defaults.
    for (def, target) in [
        (&PUE, &mut spec.pue),
        (&WUE, &mut spec.wue),
        (&EWIF, &mut spec.ewif),
        (&CARBON, &mut spec.carbon_intensity),
    ] {
        *target = section
            .get(def.key)
            .map(|node| series(context, node, def))
            .transpose()?;
    }
    if let Some(node) = section.get("wue_basis") {
        spec.wue_withdrawal = match node.str()? {
            "consumption" => false,
            "withdrawal" => true,
            other => {
                return Err(node.error_hint(
                    format!("unknown water basis `{other}`"),
                    "use \"consumption\" or \"withdrawal\"",
                ));
            }
        };
    } else if let Some(SeriesSpec::Value(value)) = &spec.wue
        && let Some(row) = value.row.as_deref().and_then(|id| datasets.get(id))
    {
        spec.wue_withdrawal = row.key("basis") == "withdrawal";
    }

    // Grid factors first, then the operator's: the order of the notes.
    for (def, target) in [
        (&EWIF, &mut spec.ewif),
        (&CARBON, &mut spec.carbon_intensity),
        (&PUE, &mut spec.pue),
        (&WUE, &mut spec.wue),
    ] {
        if target.is_some() {
            continue;
        }
        let Some(found) = place.defaults(datasets, def, true) else {
            continue;
        };
        let (default, note) = rows_to_series(context, &found, def);
        spec.notes.extend(note);
        if let Some(fallback) = &found.fallback {
            let (en, fr) = fallback.note(def);
            spec.notes.push(Text {
                en: capitalise(&en),
                fr,
            });
        }
        if def.key == WUE.key {
            spec.wue_withdrawal = found
                .rows
                .iter()
                .any(|row| row.key("basis") == "withdrawal");
        }
        *target = Some(default);
    }
    Ok(spec)
}

/// Dataset rows by year → a series (a single value for one row or a one-off scenario; else
/// points held constant outside their years), plus a note saying so.
fn rows_to_series(
    context: &Context<'_>,
    found: &Defaults<'_>,
    def: &InputDef,
) -> (SeriesSpec, Option<Text>) {
    let rows = &found.rows;
    let (label, label_fr) = (capitalise(def.noun.0), capitalise(def.noun.1));
    // A parent region's row says so where the input is listed.
    let parent = found.fallback.as_ref().map_or(String::new(), |fallback| {
        format!(
            ", value of {} (parent region of {})",
            fallback.parent, fallback.region
        )
    });
    let spec_of = |row: &Row| ValueSpec {
        dist: row.as_dist(),
        sources: row.sources.clone(),
        row: Some(row.id.clone()),
        verification: Some(row.verification),
        origin: format!("dataset row {} ({}){parent}", row.id, row.table.name()),
    };
    let last = rows[rows.len() - 1];
    if context.years.is_none() || rows.len() == 1 {
        let note = context.years.map(|_| {
            let year = last.year.map_or(String::new(), |year| format!(" ({year})"));
            Text {
                en: format!("{label}: {}{year} is used for every year.", last.id),
                fr: format!(
                    "{label_fr} : {}{year} sert pour toutes les années.",
                    last.id
                ),
            }
        });
        return (SeriesSpec::Value(spec_of(last)), note);
    }
    let points: Vec<(i32, ValueSpec)> = rows
        .iter()
        .filter_map(|row| row.year.map(|year| (year, spec_of(row))))
        .collect();
    let (first_year, last_year) = (points[0].0, points[points.len() - 1].0);
    let note = context.years.and_then(|(from, to)| {
        (from < first_year || to > last_year).then(|| Text {
            en: format!(
                "{label}: dataset values for {first_year}–{last_year}, held constant \
                     outside those years."
            ),
            fr: format!(
                "{label_fr} : valeurs des données pour {first_year}–{last_year}, tenues \
                     constantes hors de ces années."
            ),
        })
    });
    (
        SeriesSpec::Points {
            points,
            extrapolate: Extrapolate::Hold,
        },
        note,
    )
}

fn published(context: &Context<'_>, node: &Node<'_, '_>) -> Result<Published> {
    let table = node.table()?;
    table.check_known(&["label", "indicator", "refs"])?;
    let label = text(&table.require("label", "{ en = \"…\", fr = \"…\" }")?)?;
    let indicator_node = table.require("indicator", "the indicator they compare with")?;
    let indicator = indicator(&indicator_node)?;
    let refs = table.require("refs", "the dataset rows")?;
    let mut rows = Vec::new();
    for (index, item) in refs.array()?.iter().enumerate() {
        let item = Node::new(node.doc, item, format!("{}.refs[{index}]", node.path()));
        let id = item.str()?;
        let row = row(context, &item, id)?;
        if row.unit.dimension != indicator.dimension()
            && !(indicator == Indicator::Share && row.unit.dimension == Dimension::Percent)
        {
            return Err(item.error(format!(
                "row `{id}` is in {} but `{}` is {}",
                row.unit,
                indicator.short(),
                indicator.dimension().describe()
            )));
        }
        if row.year.is_none() {
            return Err(item.error(format!(
                "row `{id}` has no year, so it cannot be placed on a time axis"
            )));
        }
        rows.push(id.to_string());
    }
    table.finish(&["label", "indicator", "refs"])?;
    Ok(Published {
        label,
        indicator,
        rows,
    })
}

fn compare(context: &Context<'_>, node: &Node<'_, '_>) -> Result<Compare> {
    let table = node.table()?;
    table.check_known(&["id", "title", "unit", "log_scale", "rows"])?;
    let id_node = table.require("id", "a short name (the chart file name)")?;
    let id = id_node.slug("chart id", "the chart files")?.to_string();
    let title = text(&table.require("title", "{ en = \"…\", fr = \"…\" }")?)?;
    let unit_node = table.require("unit", "the display unit, e.g. \"Wh\"")?;
    let unit = unit_node.str()?.to_string();
    let log_scale = match table.get("log_scale") {
        Some(node) => node.bool()?,
        None => false,
    };
    let rows_node = table.require("rows", "[{ ref = …, label = { en, fr } }, …]")?;
    let mut rows = Vec::new();
    let mut dimension = None;
    for (index, item) in rows_node.array()?.iter().enumerate() {
        let item = Node::new(node.doc, item, format!("{}.rows[{index}]", node.path()));
        let item_table = item.table()?;
        item_table.check_known(&["ref", "label"])?;
        let ref_node = item_table.require("ref", "a dataset row id")?;
        let id_text = ref_node.str()?;
        let row = row(context, &ref_node, id_text)?;
        match dimension {
            None => {
                if crate::output::format::unit_by_label(row.unit.dimension, &unit).is_none()
                    && unit_factor(&unit, row.unit.dimension).is_err()
                {
                    return Err(unit_node.error(format!(
                        "`{unit}` is not a unit of {} (row `{}` is in {})",
                        row.unit.dimension.describe(),
                        row.id,
                        row.unit
                    )));
                }
                dimension = Some(row.unit.dimension);
            }
            Some(expected) if expected != row.unit.dimension => {
                return Err(ref_node.error(format!(
                    "row `{}` is {} but the rows before are {}",
                    row.id,
                    row.unit.dimension.describe(),
                    expected.describe()
                )));
            }
            Some(_) => {}
        }
        let label = text(&item_table.require("label", "{ en = \"…\", fr = \"…\" }")?)?;
        item_table.finish(&["ref", "label"])?;
        rows.push((id_text.to_string(), label));
    }
    if rows.is_empty() {
        return Err(rows_node.error("`rows` needs at least one row"));
    }
    table.finish(&["id", "title", "unit", "log_scale", "rows"])?;
    Ok(Compare {
        id,
        title,
        unit,
        log_scale,
        rows,
    })
}

fn trend(context: &Context<'_>, node: &Node<'_, '_>) -> Result<Trend> {
    let table = node.table()?;
    table.check_known(&["id", "title", "index", "lines"])?;
    let id_node = table.require("id", "a short name (the chart file name)")?;
    let id = id_node.slug("chart id", "the chart files")?.to_string();
    let title = text(&table.require("title", "{ en = \"…\", fr = \"…\" }")?)?;
    let index = match table.get("index") {
        Some(node) => node.bool()?,
        None => false,
    };
    let lines_node = table.require("lines", "[{ label = { en, fr }, refs = [...] }, …]")?;
    let mut lines = Vec::new();
    let mut chart_dimension = None;
    for (line_index, item) in lines_node.array()?.iter().enumerate() {
        let item = Node::new(
            node.doc,
            item,
            format!("{}.lines[{line_index}]", node.path()),
        );
        let line = item.table()?;
        line.check_known(&["label", "refs"])?;
        let label = text(&line.require("label", "{ en = \"…\", fr = \"…\" }")?)?;
        let refs = line.require("refs", "the dataset rows, one per year")?;
        line.finish(&["label", "refs"])?;
        let mut ids: Vec<(i32, String)> = Vec::new();
        let mut line_dimension = None;
        for (ref_index, entry) in refs.array()?.iter().enumerate() {
            let entry = Node::new(
                node.doc,
                entry,
                format!("{}.refs[{ref_index}]", item.path()),
            );
            let id_text = entry.str()?;
            let row = row(context, &entry, id_text)?;
            let Some(year) = row.year else {
                return Err(entry.error(format!("row `{id_text}` has no year")));
            };
            if ids.iter().any(|(other, _)| *other == year) {
                return Err(entry.error(format!("two rows for {year} in one line")));
            }
            match line_dimension {
                None => line_dimension = Some(row.unit.dimension),
                Some(dimension) if dimension != row.unit.dimension => {
                    return Err(entry.error(format!(
                        "row `{id_text}` is {} but this line's other rows are {}",
                        row.unit.dimension.describe(),
                        dimension.describe()
                    )));
                }
                Some(_) => {}
            }
            ids.push((year, id_text.to_string()));
        }
        if ids.is_empty() {
            return Err(refs.error("a line needs at least one row"));
        }
        if !index {
            match (chart_dimension, line_dimension) {
                (None, dimension) => chart_dimension = dimension,
                (Some(expected), Some(dimension)) if expected != dimension => {
                    return Err(refs.error_hint(
                        "lines of different kinds cannot share an axis",
                        "add index = true to compare their growth, or split the chart",
                    ));
                }
                _ => {}
            }
        }
        ids.sort_by_key(|(year, _)| *year);
        lines.push((label, ids.into_iter().map(|(_, id)| id).collect()));
    }
    if lines.is_empty() {
        return Err(lines_node.error("`lines` needs at least one line"));
    }
    table.finish(&["id", "title", "index", "lines"])?;
    Ok(Trend {
        id,
        title,
        index,
        lines,
    })
}

fn equivalence(context: &Context<'_>, node: &Node<'_, '_>) -> Result<Equivalence> {
    let table = node.table()?;
    table.check_known(&["ref", "indicator"])?;
    let ref_node = table.require("ref", "a row of references.csv")?;
    let id = ref_node.str()?;
    let row = row(context, &ref_node, id)?;
    if row.table != Table::References {
        return Err(ref_node.error(format!("row `{id}` is not in references.csv")));
    }
    let indicator_node = table.require("indicator", "the indicator to express")?;
    let indicator = indicator(&indicator_node)?;
    let compatible = matches!(
        (indicator.dimension(), row.unit.dimension),
        (
            Dimension::Energy,
            Dimension::Energy | Dimension::EnergyPerHousehold | Dimension::EnergyPerReactor
        ) | (
            Dimension::Volume,
            Dimension::Volume
                | Dimension::WaterPerPersonDay
                | Dimension::WaterPerPersonYear
                | Dimension::WaterPerHouseholdYear
        ) | (Dimension::Co2e, Dimension::Co2e)
    );
    if !compatible {
        return Err(ref_node.error(format!(
            "row `{id}` ({}) cannot express `{}` ({})",
            row.unit,
            indicator.short(),
            indicator.dimension().describe()
        )));
    }
    table.finish(&["ref", "indicator"])?;
    Ok(Equivalence {
        reference: id.to_string(),
        indicator,
    })
}

fn finding(node: &Node<'_, '_>) -> Result<Finding> {
    let table = node.table()?;
    table.check_known(&["claim", "text", "evidence", "why"])?;
    let claim = table.get("claim").map(|node| text(&node)).transpose()?;
    let body = text(&table.require("text", "{ en = \"…\", fr = \"…\" }")?)?;
    let evidence_node = table.require("evidence", "strong, moderate, weak or disputed")?;
    let evidence = match evidence_node.str()? {
        "strong" => Evidence::Strong,
        "moderate" => Evidence::Moderate,
        "weak" => Evidence::Weak,
        "disputed" => Evidence::Disputed,
        other => {
            return Err(evidence_node.error_hint(
                format!("unknown evidence grade `{other}`"),
                "use strong, moderate, weak or disputed",
            ));
        }
    };
    let why = text(&table.require("why", "why that grade, { en = \"…\", fr = \"…\" }")?)?;
    table.finish(&["claim", "text", "evidence", "why"])?;
    Ok(Finding {
        claim,
        text: body,
        evidence,
        why,
    })
}

/// Parses every item of the top-level array `key` (none if the key is absent); each item's
/// path is `key[index]`.
fn each<T>(
    top: &TableReader<'_, '_>,
    doc: Doc<'_>,
    key: &str,
    parse: impl Fn(&Node<'_, '_>) -> Result<T>,
) -> Result<Vec<T>> {
    let Some(node) = top.get(key) else {
        return Ok(Vec::new());
    };
    node.array()?
        .iter()
        .enumerate()
        .map(|(index, item)| parse(&Node::new(doc, item, format!("{key}[{index}]"))))
        .collect()
}
