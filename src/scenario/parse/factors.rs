//! The factors of a variant (given, or defaults from the datasets through the one resolver,
//! with the notes saying which rows were used), and the notes on dataset rows used at another
//! boundary than declared.

use super::super::read::Node;
use super::super::types::{FactorSpec, Text};
use super::common::{Context, Section};
use crate::data::Row;
use crate::defaults::{self, Defaults, Place, capitalise};
use crate::error::Result;
use crate::model::vocab::{CARBON, EWIF, EWIF_WITHDRAWAL, PUE, WUE};
use crate::model::{Boundary, Extrapolate, InputDef, SeriesSpec, ValueSpec};

/// Notes (never errors) when a dataset row's boundary differs from the one declared.
pub(super) fn check_row_boundary(
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

pub(super) fn factor_spec(context: &Context<'_>, section: &Section<'_, '_>) -> Result<FactorSpec> {
    let mut spec = FactorSpec::default();
    let datasets = context.datasets;
    let year = section.get("year").map(Node::year).transpose()?;
    // A region or an operator the datasets know, named as they write it.
    let known = |key: &str,
                 check: &dyn Fn(&str) -> std::result::Result<String, defaults::Unknown>,
                 listed: &str|
     -> Result<Option<String>> {
        let Some(node) = section.get(key) else {
            return Ok(None);
        };
        let name = node.str()?;
        check(name).map(Some).map_err(|unknown| {
            node.error_hint(format!("unknown {key} `{name}`"), unknown.hint(listed))
        })
    };
    let region = known(
        "region",
        &|code| defaults::region(datasets, code),
        "regions with grid factors",
    )?;
    let operator = known(
        "operator",
        &|name| defaults::operator(datasets, name),
        "operators",
    )?;
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
            .map(|node| super::value::series(context, node, def))
            .transpose()?;
    }
    spec.ewif_withdrawal = section
        .get(EWIF_WITHDRAWAL.key)
        .map(|node| super::value::series(context, node, &EWIF_WITHDRAWAL))
        .transpose()?;
    mix_factors(section, context, &mut spec)?;
    if spec.ewif_withdrawal.is_some() {
        spec.notes.push(crate::model::grid::withdrawal_note());
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

/// `mix = { "gas-cc-tower" = 0.6, … }` (and `hydro_allocation`): the EWIF and carbon
/// intensity not given directly, and the water withdrawn, from `generation.csv`.
fn mix_factors(
    section: &Section<'_, '_>,
    context: &Context<'_>,
    spec: &mut FactorSpec,
) -> Result<()> {
    use crate::model::grid::{self, MixFactor};
    let mix_error = |node: &Node<'_, '_>, error: grid::MixError| match error.hint {
        Some(hint) => node.error_hint(error.message, hint),
        None => node.error(error.message),
    };
    let allocation = match section.get("hydro_allocation") {
        Some(node) => {
            Some(grid::hydro_allocation(node.str()?).map_err(|error| mix_error(node, error))?)
        }
        None => None,
    };
    let Some(node) = section.get("mix") else {
        if let Some(node) = section.get("hydro_allocation") {
            return Err(node.error("`hydro_allocation` needs a `mix`"));
        }
        return Ok(());
    };
    let mut parts = Vec::new();
    for (key, _, share) in node.table()?.entries() {
        parts.push(format!("{key}={}", share.number()?));
    }
    let mix = grid::Mix::parse(&parts.join(",")).map_err(|error| mix_error(node, error))?;
    let derived = grid::derive(&mix, context.datasets, allocation.as_deref())
        .map_err(|error| mix_error(node, error))?;
    let from = node.path().to_string();
    let value = |which| derived.spec(&mix, which, &from).map(SeriesSpec::Value);
    if spec.ewif.is_none() {
        spec.ewif = value(MixFactor::Consumption);
    }
    if spec.carbon_intensity.is_none() {
        spec.carbon_intensity = value(MixFactor::CarbonIntensity);
    }
    if spec.ewif_withdrawal.is_none() {
        spec.ewif_withdrawal = value(MixFactor::Withdrawal);
    }
    spec.notes.push(derived.note(&mix));
    Ok(())
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
        (from < first_year || to > last_year).then(|| {
            let (after, apres) = if to > last_year {
                (
                    format!(" (held at {last_year} after {last_year})"),
                    format!(" (maintenues au niveau de {last_year} après {last_year})"),
                )
            } else {
                (String::new(), String::new())
            };
            Text {
                en: format!(
                    "{label}: dataset values for {first_year}–{last_year}, held constant \
                     outside those years{after}."
                ),
                fr: format!(
                    "{label_fr} : valeurs des données pour {first_year}–{last_year}, tenues \
                     constantes hors de ces années{apres}."
                ),
            }
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
