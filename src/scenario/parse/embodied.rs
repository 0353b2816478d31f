//! The `[embodied]` table of a scenario or of a variant: the hardware's manufacturing impacts
//! and lifetime (defaults from `embodied.csv` for a hardware type, each value may be given
//! instead), amortised over the accelerator-hours of the energy way; or, where that is all
//! that is published, the embodied share of a life cycle's CO2e.

use super::super::read::TableReader;
use super::common::{Context, Section, check_keys};
use super::value::series;
use crate::error::Result;
use crate::model::embodied::{self, EmbodiedPlan, Hardware};
use crate::model::vocab::{
    EMBODIED_ACCELERATOR, EMBODIED_HOST, EMBODIED_SHARE, EMBODIED_WATER, InputDef, LIFETIME,
};
use crate::model::{SeriesSpec, ValueSpec};

/// Checks the keys of an `[embodied]` table, if there is one.
pub(super) fn check_embodied_keys(table: Option<&TableReader<'_, '_>>) -> Result<()> {
    table.map_or(Ok(()), |table| check_keys(table, EMBODIED_KEYS))
}

/// The keys of an `[embodied]` table.
const EMBODIED_KEYS: &[&str] = &[
    "hardware",
    "accelerator",
    "host",
    "water",
    "lifetime",
    "share",
];

/// The embodied impacts of a variant whose energy way does (`has_device_hours`) or does not
/// count accelerator-hours.
pub(super) fn embodied_spec(
    context: &Context<'_>,
    section: &Section<'_, '_>,
    has_device_hours: bool,
) -> Result<EmbodiedPlan<SeriesSpec>> {
    if let Some(node) = section.get("share") {
        if let Some((key, other)) = section.keys().find(|(key, _)| *key != "share") {
            return Err(other.error_hint(
                format!("`{key}` and `share` are two ways to give embodied impacts"),
                "give either `share` (a published embodied share of the life cycle) or the \
                 hardware's impacts and lifetime",
            ));
        }
        return Ok(EmbodiedPlan::Share {
            share: series(context, node, &EMBODIED_SHARE)?,
        });
    }
    if !has_device_hours {
        return Err(section.doc.error_hint(
            section.anchor.start..section.anchor.start + 1,
            &section.path,
            "embodied impacts are amortised over accelerator-hours, which this energy way does \
             not count"
                .to_string(),
            "use way = \"hardware\" (accelerators and hours, or gpu_hours), or give `share` (a \
             published embodied share of the life cycle)",
        ));
    }
    let hardware = match section.get("hardware") {
        None => embodied::DEFAULT_HARDWARE,
        Some(node) => {
            let name = node.str()?;
            embodied::hardware(name).ok_or_else(|| {
                let known = embodied::hardware_names();
                let suggestion = crate::text::closest(name, known.iter().copied())
                    .map(|name| format!("did you mean `{name}`? "))
                    .unwrap_or_default();
                node.error_hint(
                    format!("unknown hardware `{name}`"),
                    format!("{suggestion}known: {}", known.join(", ")),
                )
            })?
        }
    };
    let value = |key: &str, row: Option<&str>, def: &InputDef| -> Result<Option<SeriesSpec>> {
        match (section.get(key), row) {
            (Some(node), _) => series(context, node, def).map(Some),
            (None, Some(id)) => dataset_value(context, hardware, id, def).map(Some),
            (None, None) => Ok(None),
        }
    };
    let accelerator = value(
        "accelerator",
        Some(hardware.accelerator),
        &EMBODIED_ACCELERATOR,
    )?;
    let host = value("host", hardware.host, &EMBODIED_HOST)?;
    let water = value("water", hardware.water, &EMBODIED_WATER)?;
    let lifetime = value("lifetime", Some(hardware.lifetime), &LIFETIME)?;
    let (Some(accelerator), Some(lifetime)) = (accelerator, lifetime) else {
        unreachable!("a hardware type names its accelerator and lifetime rows");
    };
    Ok(EmbodiedPlan::Amortised {
        accelerator,
        host,
        water,
        lifetime,
    })
}

/// A hardware type's default from its `embodied.csv` row, with its published range.
fn dataset_value(
    context: &Context<'_>,
    hardware: Hardware,
    id: &str,
    def: &InputDef,
) -> Result<SeriesSpec> {
    let row = context.datasets.get(id).ok_or_else(|| {
        crate::error::InputError::new(format!(
            "the datasets have no row `{id}` (embodied defaults of `{}`)",
            hardware.name
        ))
        .hint("check embodied.csv in the --datasets folder")
    })?;
    let dist = embodied::row_dist(row)
        .within(def.lower, def.upper)
        .map_err(|message| {
            crate::error::InputError::new(format!("dataset row `{id}`: {message}"))
        })?;
    Ok(SeriesSpec::Value(ValueSpec {
        dist,
        sources: row.sources.clone(),
        row: Some(row.id.clone()),
        verification: Some(row.verification),
        origin: format!("dataset row {} ({})", row.id, row.table.name()),
    }))
}
