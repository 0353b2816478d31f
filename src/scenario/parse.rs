//! TOML → validated [`Scenario`]. Every key is checked (unknown keys get a "did you mean"),
//! every value is converted to base units and checked against its physical bounds, every
//! dataset reference is resolved, and every error points at its line and column.

use toml::de::DeTable;

use super::read::{Doc, Node, TableReader, text};
use super::types::{
    Compare, DisplayUnits, EnergySpec, FactorSpec, SCHEMA_VERSION, Scenario, SeriesSpec, ShareOf,
    Spans, Text, Trend, ValueSpec, Variant,
};
use crate::data::Datasets;
use crate::error::{Error, InputError, Result};
use crate::model::InputDef;
use crate::model::vocab::{
    ACCELERATOR_POWER, ACCELERATORS, ENERGY, GPU_HOURS, HOST_OVERHEAD, HOURS, IDLE_SHARE,
    LOAD_FACTOR, PER_QUERY, POWER, QUERIES, QUERIES_PER_DAY, REFERENCE, SHARE, TOTAL, UTILIZATION,
};
use crate::model::{Boundary, Indicator, Way};

/// What a value slot accepts: an input of the vocabulary.
type Slot = InputDef;

mod charts;
mod common;
pub(super) mod components;
mod count;
mod embodied;
mod factors;
mod fixed;
mod tokens;
mod value;

use charts::{compare, equivalence, finding, published, trend};
use common::{Context, Section, boundary, check_keys, indicator, section, year_in_range};
use count::{CountKeys, count};
use embodied::{check_embodied_keys, embodied_spec};
use factors::{check_row_boundary, factor_spec};
use value::series;

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
    "embodied",
    "variant",
    "published",
    "compare",
    "trend",
    "equivalence",
    "finding",
    "component",
    "savings",
];
pub(super) const ENERGY_KEYS: &[&str] = &[
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

/// Every key of `[energy]`: those above and those of `way = "tokens"`.
fn energy_keys() -> Vec<&'static str> {
    let mut keys = ENERGY_KEYS.to_vec();
    keys.extend(tokens::KEYS.iter().filter(|key| !ENERGY_KEYS.contains(key)));
    keys
}
pub(super) const FACTOR_KEYS: &[&str] = &[
    "region",
    "operator",
    "site",
    "year",
    "pue",
    "wue",
    "wue_basis",
    "ewif",
    "carbon_intensity",
    "mix",
    "hydro_allocation",
    "ewif_withdrawal",
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

    let years = top
        .get("years")
        .map(|node| fixed::years(&node))
        .transpose()?;

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
    let embodied_table = match top.get("embodied") {
        Some(node) => Some(node.table()?),
        None => None,
    };
    check_keys(&energy_table, &energy_keys())?;
    if let Some(table) = &factors_table {
        check_keys(table, FACTOR_KEYS)?;
    }
    if let Some(table) = &share_table {
        check_keys(table, &["label", "value"])?;
    }
    check_embodied_keys(embodied_table.as_ref())?;

    let context = Context { datasets, years };
    let base_components = components::components(&context, &top, "component")?;
    let mut variants = Vec::new();
    match top.get("variant") {
        None => {
            let energy = section(&energy_table, None);
            let factors = factors_table.as_ref().map(|table| section(table, None));
            let share = share_table.as_ref().map(|table| section(table, None));
            let embodied = embodied_table.as_ref().map(|table| section(table, None));
            let mut parsed = variant(
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
            )?;
            parsed.parts.components = base_components.clone();
            variants.push(with_embodied(&context, parsed, embodied.as_ref())?);
        }
        Some(node) => {
            let items = node.array()?;
            if let Some(extra) = items.get(MAX_VARIANTS) {
                return Err(doc.error_hint(
                    extra.span(),
                    &format!("variant[{MAX_VARIANTS}]"),
                    format!(
                        "{} variants: a scenario has at most {MAX_VARIANTS}",
                        items.len()
                    ),
                    "split the variants over several scenario files (see \
                     datasets/scenarios/README.md, \"Limits\")",
                ));
            }
            let mut variant_ids = std::collections::HashSet::new();
            for (index, item) in items.iter().enumerate() {
                let item = Node::new(doc, item, format!("variant[{index}]"));
                let table = item.table()?;
                let known: Vec<&str> = ["id", "label", "energy", "factors", "share_of", "embodied"]
                    .into_iter()
                    .chain(components::VARIANT_KEYS.iter().copied())
                    .collect();
                table.check_known(&known)?;
                let id_node = table.require("id", "a short name such as \"low\"")?;
                let variant_id = id_node
                    .slug("variant id", "its rows in the tables")?
                    .to_string();
                if !variant_ids.insert(variant_id.clone()) {
                    return Err(id_node.error(format!("duplicate variant id `{variant_id}`")));
                }
                let label = text(&table.require("label", "{ en = \"…\", fr = \"…\" }")?)?;
                let own_energy = table.get("energy").map(|node| node.table()).transpose()?;
                let own_factors = table.get("factors").map(|node| node.table()).transpose()?;
                let own_share = table.get("share_of").map(|node| node.table()).transpose()?;
                let own_embodied = table.get("embodied").map(|node| node.table()).transpose()?;
                let parts = components::variant_parts(&context, &table, &base_components)?;
                table.finish(&known)?;
                if let Some(own) = &own_energy {
                    check_keys(own, &energy_keys())?;
                }
                if let Some(own) = &own_factors {
                    check_keys(own, FACTOR_KEYS)?;
                }
                if let Some(own) = &own_share {
                    check_keys(own, &["label", "value"])?;
                }
                check_embodied_keys(own_embodied.as_ref())?;
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
                let embodied = match (&embodied_table, &own_embodied) {
                    (None, None) => None,
                    (Some(base), own) => Some(section(base, own.as_ref())),
                    (None, Some(own)) => Some(section(own, None)),
                };
                let mut parsed = variant(
                    &context,
                    item.span.clone(),
                    variant_id,
                    label,
                    &energy,
                    factors.as_ref(),
                    share.as_ref(),
                )?;
                parsed.parts = parts;
                variants.push(with_embodied(&context, parsed, embodied.as_ref())?);
            }
            if variants.is_empty() {
                return Err(node.error("`variant` is empty; remove it or add [[variant]] tables"));
            }
        }
    }

    components::check(doc, &mut variants)?;
    let savings_period = top
        .get("savings")
        .map(|node| components::savings(&context, &node))
        .transpose()?;

    // headline, indicators, sensitivity years
    let mut spans = Spans::default();
    let (headline, headline_year) = match top.get("headline") {
        None => (Indicator::FacilityEnergy, years.map(|(_, last)| last)),
        Some(node) => {
            let (indicator, year, span) = fixed::headline(&node, years)?;
            spans.headline = Some(span);
            (indicator, year)
        }
    };
    let indicators = match top.get("indicators") {
        None => Vec::new(),
        Some(node) => node
            .array()?
            .iter()
            .enumerate()
            .map(|(index, item)| {
                spans.indicators.push(item.span());
                let node = Node::new(doc, item, format!("indicators[{index}]"));
                Ok((indicator(&node)?, node))
            })
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .try_fold(Vec::new(), |mut list: Vec<Indicator>, (indicator, node)| {
                if list.contains(&indicator) {
                    return Err(node.error_hint(
                        format!("`{}` is listed twice", indicator.short()),
                        "list each indicator once; its tables and charts are made once",
                    ));
                }
                list.push(indicator);
                Ok(list)
            })?,
    };
    let sensitivity_years = match top.get("sensitivity_years") {
        None => vec![headline_year],
        Some(node) => {
            if years.is_none() {
                return Err(node.error("a one-off scenario (no `years`) has no sensitivity years"));
            }
            let mut list = Vec::new();
            for (index, item) in node.array()?.iter().enumerate() {
                let node = Node::new(doc, item, format!("sensitivity_years[{index}]"));
                let year = year_in_range(&node, years)?;
                if list.contains(&Some(year)) {
                    return Err(node.error_hint(
                        format!("{year} is listed twice"),
                        "list each year once; its sensitivity chart is drawn once",
                    ));
                }
                list.push(Some(year));
            }
            list
        }
    };

    let display = match top.get("display") {
        None => DisplayUnits::default(),
        Some(node) => fixed::display(&node)?,
    };

    let published = each(&top, doc, "published", |item| published(&context, item))?;
    let compare = each_unique(&top, doc, "compare", |item| compare(&context, item), &[])?;
    let compare_ids: Vec<&str> = compare.iter().map(|chart| chart.id.as_str()).collect();
    let trends = each_unique(
        &top,
        doc,
        "trend",
        |item| trend(&context, item),
        &compare_ids,
    )?;
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
        spans,
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
        savings_period,
    };
    super::template::check_syntax(&scenario, source, datasets)?;
    Ok(scenario)
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
    let way_node = energy.require("way", "direct, power, hardware, usage, fleet or tokens")?;
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
        "tokens" => tokens::KEYS,
        other => {
            let ways = ["direct", "power", "hardware", "usage", "fleet", "tokens"];
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
        "tokens" => tokens::way(context, energy, one_off, &mut notes)?,
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
            let keys = CountKeys {
                noun: "queries",
                total: "queries",
                daily: "queries_per_day",
                total_def: &QUERIES,
                daily_def: &QUERIES_PER_DAY,
            };
            let (queries, per_day, days) = count(context, energy, one_off, &keys, None)?;
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
        embodied: None,
        energy: energy_spec,
        factors,
        share_of,
        notes,
        span,
        parts: super::types::VariantParts::default(),
    })
}

/// The variant with the embodied impacts of its `[embodied]` section, if any (amortised over
/// the accelerator-hours its energy way counts).
fn with_embodied(
    context: &Context<'_>,
    mut variant: Variant,
    section: Option<&Section<'_, '_>>,
) -> Result<Variant> {
    variant.embodied = section
        .map(|section| embodied_spec(context, section, variant.energy.way.has_device_hours()))
        .transpose()?;
    Ok(variant)
}

fn fixed(value: f64, what: &str) -> ValueSpec {
    ValueSpec::fixed(value, what)
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

/// The most variants a scenario may have: each is simulated and charted, and a chart with
/// more bars than this cannot be read (documented in datasets/scenarios/README.md).
pub const MAX_VARIANTS: usize = 200;

/// The ending of the file name of a chart's phone-width version (`NAME-narrow.png`).
const NARROW_SUFFIX: &str = "-narrow";

/// True if `id` is the file name of a chart that `crate::output::charts` draws for every
/// scenario that has the data: a time series per indicator (`facility-energy`), the variant
/// bars of a one-off scenario (`co2e`), `tornado-…` and `distribution-…` per indicator, the
/// three splits, `equivalent-REF` per equivalence, the charts of components and savings
/// (`components`, `components-VARIANT`, `component-shares`, `savings`, `savings-cumulative`),
/// and `NAME-narrow`, the phone-width version of every chart. A `[[compare]]` or `[[trend]]`
/// with such an id would overwrite it.
pub fn is_builtin_chart(id: &str) -> bool {
    id.ends_with(NARROW_SUFFIX)
        || id == "energy-split"
        || id == "water-split"
        || id == "carbon-split"
        || id == "components"
        || id.starts_with("components-")
        || id == "component-shares"
        || id == "savings"
        || id == "savings-cumulative"
        || id.starts_with("equivalent-")
        || Indicator::ALL.iter().any(|indicator| {
            let name = indicator.short().replace('_', "-");
            id == name || id == format!("tornado-{name}") || id == format!("distribution-{name}")
        })
}

/// A chart with an id (its file name).
trait ChartId {
    fn id(&self) -> &str;
}

impl ChartId for Compare {
    fn id(&self) -> &str {
        &self.id
    }
}

impl ChartId for Trend {
    fn id(&self) -> &str {
        &self.id
    }
}

/// Like [`each`], refusing an id already used in the list or in `taken` (the charts of
/// another list).
fn each_unique<T: ChartId>(
    top: &TableReader<'_, '_>,
    doc: Doc<'_>,
    key: &str,
    parse: impl Fn(&Node<'_, '_>) -> Result<T>,
    taken: &[&str],
) -> Result<Vec<T>> {
    let what = if key == "compare" { "compare" } else { "chart" };
    let items = each(top, doc, key, |item| {
        Ok((parse(item)?, item.span.clone(), item.path().to_string()))
    })?;
    let mut list: Vec<T> = Vec::new();
    for (parsed, span, path) in items {
        if is_builtin_chart(parsed.id()) {
            return Err(doc.error_hint(
                span,
                &path,
                format!(
                    "`{}` is the name of a chart dcfoot draws itself",
                    parsed.id()
                ),
                match parsed.id().strip_suffix(NARROW_SUFFIX) {
                    Some(stem) => format!(
                        "drop the `{NARROW_SUFFIX}` ending (`{stem}`): dcfoot writes the \
                         phone-width version of every chart as `NAME{NARROW_SUFFIX}`"
                    ),
                    None => format!(
                        "choose another id, such as `{key}-{}`; the generated charts are named \
                         after the indicators (`facility-energy` …), `tornado-…`, \
                         `distribution-…`, `energy-split`, `water-split`, `carbon-split` and \
                         `equivalent-…`",
                        parsed.id()
                    ),
                },
            ));
        }
        if list.iter().any(|other| other.id() == parsed.id()) || taken.contains(&parsed.id()) {
            return Err(doc.error(
                span,
                &path,
                format!("duplicate {what} id `{}`", parsed.id()),
            ));
        }
        list.push(parsed);
    }
    Ok(list)
}
