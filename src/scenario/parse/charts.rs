//! The fixed-shape tables that draw published figures next to the results: `published`,
//! `compare`, `trend`, `equivalence` and `finding`.

use toml::Spanned;

use super::super::read::{Located, Node, RawText, Site, TEXT_PARTS, checked_text, slug};
use super::super::types::{Compare, Equivalence, Evidence, Finding, Published, Text, Trend};
use super::common::{Context, named_indicator, row};
use crate::data::Table;
use crate::error::Result;
use crate::model::Indicator;
use crate::units::{Dimension, unit_factor};

/// `[[published]]` as written.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPublished {
    label: Spanned<RawText>,
    indicator: Spanned<String>,
    refs: Vec<Spanned<String>>,
}

pub(super) fn published(context: &Context<'_>, node: &Node<'_, '_>) -> Result<Published> {
    let raw: RawPublished = node.typed(&[
        ("label", "{ en = \"…\", fr = \"…\" }"),
        ("indicator", "the indicator they compare with"),
        ("refs", "the dataset rows"),
        TEXT_PARTS[0],
        TEXT_PARTS[1],
    ])?;
    let path = |key: &str| format!("{}.{key}", node.path());
    let label_site = Site::of(node.doc, &raw.label, path("label"));
    let label = checked_text(
        node.doc,
        label_site.span,
        &label_site.path,
        raw.label.into_inner(),
    )?;
    let indicator = named_indicator(
        &Site::of(node.doc, &raw.indicator, path("indicator")),
        raw.indicator.get_ref(),
    )?;
    let mut rows = Vec::new();
    for (index, item) in raw.refs.iter().enumerate() {
        let item_site = Site::of(node.doc, item, path(&format!("refs[{index}]")));
        let id = item.get_ref().as_str();
        let row = row(context, &item_site, id)?;
        if row.unit.dimension != indicator.dimension()
            && !(indicator == Indicator::Share && row.unit.dimension == Dimension::Percent)
        {
            return Err(item_site.error(format!(
                "row `{id}` is in {} but `{}` is {}",
                row.unit,
                indicator.short(),
                indicator.dimension().describe()
            )));
        }
        if row.year.is_none() {
            return Err(item_site.error(format!(
                "row `{id}` has no year, so it cannot be placed on a time axis"
            )));
        }
        rows.push(id.to_string());
    }
    Ok(Published {
        label,
        indicator,
        rows,
    })
}

/// A chart's `rows` item as written.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    #[serde(rename = "ref")]
    reference: Spanned<String>,
    label: Spanned<RawText>,
}

/// `[[compare]]` as written.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompare {
    id: Spanned<String>,
    title: Spanned<RawText>,
    unit: Spanned<String>,
    log_scale: Option<bool>,
    rows: Spanned<Vec<Spanned<RawRow>>>,
}

/// `[[trend]]`'s `lines` item as written.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLine {
    label: Spanned<RawText>,
    refs: Spanned<Vec<Spanned<String>>>,
}

/// `[[trend]]` as written.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrend {
    id: Spanned<String>,
    title: Spanned<RawText>,
    index: Option<bool>,
    lines: Spanned<Vec<Spanned<RawLine>>>,
}

/// What a chart's keys are, for a missing one.
const CHART_PARTS: &[(&str, &str)] = &[
    ("id", "a short name (the chart file name)"),
    ("title", "{ en = \"…\", fr = \"…\" }"),
    ("label", "{ en = \"…\", fr = \"…\" }"),
    ("unit", "the display unit, e.g. \"Wh\""),
    ("rows", "[{ ref = …, label = { en, fr } }, …]"),
    ("ref", "a dataset row id"),
    ("lines", "[{ label = { en, fr }, refs = [...] }, …]"),
    ("refs", "the dataset rows, one per year"),
    TEXT_PARTS[0],
    TEXT_PARTS[1],
];

/// Errors at the values of a table read with serde.
struct Sites<'n, 'a, 'd>(&'n Node<'a, 'd>);

impl<'d> Sites<'_, '_, 'd> {
    fn at<T>(&self, value: &Spanned<T>, key: &str) -> Site<'d> {
        Site::of(self.0.doc, value, format!("{}.{key}", self.0.path()))
    }

    fn text(&self, value: Spanned<RawText>, key: &str) -> Result<Text> {
        let site = self.at(&value, key);
        checked_text(site.doc, site.span, &site.path, value.into_inner())
    }

    /// A chart's id (its file name) and title.
    fn head(&self, id: &Spanned<String>, title: Spanned<RawText>) -> Result<(String, Text)> {
        slug(
            &self.at(id, "id"),
            id.get_ref(),
            "chart id",
            "the chart files",
        )?;
        Ok((id.get_ref().clone(), self.text(title, "title")?))
    }
}

pub(super) fn compare(context: &Context<'_>, node: &Node<'_, '_>) -> Result<Compare> {
    let raw: RawCompare = node.typed(CHART_PARTS)?;
    let sites = Sites(node);
    let (id, title) = sites.head(&raw.id, raw.title)?;
    let unit = raw.unit.get_ref().clone();
    let mut rows = Vec::new();
    let mut dimension = None;
    let rows_site = sites.at(&raw.rows, "rows");
    for (index, item) in raw.rows.into_inner().into_iter().enumerate() {
        let item = item.into_inner();
        let ref_site = sites.at(&item.reference, &format!("rows[{index}].ref"));
        let id_text = item.reference.get_ref().as_str();
        let row = row(context, &ref_site, id_text)?;
        match dimension {
            None => {
                if crate::display_unit::unit_by_label(row.unit.dimension, &unit).is_none()
                    && unit_factor(&unit, row.unit.dimension).is_err()
                {
                    return Err(sites.at(&raw.unit, "unit").error(format!(
                        "`{unit}` is not a unit of {} (row `{}` is in {})",
                        row.unit.dimension.describe(),
                        row.id,
                        row.unit
                    )));
                }
                dimension = Some(row.unit.dimension);
            }
            Some(expected) if expected != row.unit.dimension => {
                return Err(ref_site.error(format!(
                    "row `{}` is {} but the rows before are {}",
                    row.id,
                    row.unit.dimension.describe(),
                    expected.describe()
                )));
            }
            Some(_) => {}
        }
        let label = sites.text(item.label, &format!("rows[{index}].label"))?;
        rows.push((id_text.to_string(), label));
    }
    if rows.is_empty() {
        return Err(rows_site.error("`rows` needs at least one row"));
    }
    Ok(Compare {
        id,
        title,
        unit,
        log_scale: raw.log_scale.unwrap_or(false),
        rows,
    })
}

pub(super) fn trend(context: &Context<'_>, node: &Node<'_, '_>) -> Result<Trend> {
    let raw: RawTrend = node.typed(CHART_PARTS)?;
    let sites = Sites(node);
    let (id, title) = sites.head(&raw.id, raw.title)?;
    let index = raw.index.unwrap_or(false);
    let mut lines = Vec::new();
    let mut chart_dimension = None;
    let lines_site = sites.at(&raw.lines, "lines");
    for (line_index, item) in raw.lines.into_inner().into_iter().enumerate() {
        let line = item.into_inner();
        let label = sites.text(line.label, &format!("lines[{line_index}].label"))?;
        let refs_site = sites.at(&line.refs, &format!("lines[{line_index}].refs"));
        let mut ids: Vec<(i32, String)> = Vec::new();
        let mut line_dimension = None;
        for (ref_index, entry) in line.refs.get_ref().iter().enumerate() {
            let entry_site = sites.at(entry, &format!("lines[{line_index}].refs[{ref_index}]"));
            let id_text = entry.get_ref().as_str();
            let row = row(context, &entry_site, id_text)?;
            let Some(year) = row.year else {
                return Err(entry_site.error(format!("row `{id_text}` has no year")));
            };
            if ids.iter().any(|(other, _)| *other == year) {
                return Err(entry_site.error(format!("two rows for {year} in one line")));
            }
            match line_dimension {
                None => line_dimension = Some(row.unit.dimension),
                Some(dimension) if dimension != row.unit.dimension => {
                    return Err(entry_site.error(format!(
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
            return Err(refs_site.error("a line needs at least one row"));
        }
        if !index {
            match (chart_dimension, line_dimension) {
                (None, dimension) => chart_dimension = dimension,
                (Some(expected), Some(dimension)) if expected != dimension => {
                    return Err(refs_site.error_hint(
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
        return Err(lines_site.error("`lines` needs at least one line"));
    }
    Ok(Trend {
        id,
        title,
        index,
        lines,
    })
}

/// `[[equivalence]]` as written.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEquivalence {
    #[serde(rename = "ref")]
    reference: Spanned<String>,
    indicator: Spanned<String>,
}

pub(super) fn equivalence(context: &Context<'_>, node: &Node<'_, '_>) -> Result<Equivalence> {
    let raw: RawEquivalence = node.typed(&[
        ("ref", "a row of references.csv"),
        ("indicator", "the indicator to express"),
    ])?;
    let ref_node = Site::of(node.doc, &raw.reference, format!("{}.ref", node.path()));
    let id = raw.reference.get_ref().as_str();
    let row = row(context, &ref_node, id)?;
    if row.table != Table::References {
        return Err(ref_node.error(format!("row `{id}` is not in references.csv")));
    }
    let indicator_site = Site::of(
        node.doc,
        &raw.indicator,
        format!("{}.indicator", node.path()),
    );
    let indicator = named_indicator(&indicator_site, raw.indicator.get_ref())?;
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
    let per = row.base_value();
    if !(per.is_finite() && per > 0.0) {
        return Err(ref_node.error_hint(
            format!(
                "row `{id}` has the value {} {}: a result cannot be counted in it",
                row.value, row.unit
            ),
            format!(
                "an equivalence divides by its reference, which must be a positive number; \
                 correct the row in {}, or pick another row of references.csv",
                row.table.file_name()
            ),
        ));
    }
    Ok(Equivalence {
        reference: id.to_string(),
        indicator,
    })
}

/// `[[finding]]` as written.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFinding {
    claim: Option<Spanned<RawText>>,
    text: Spanned<RawText>,
    evidence: Spanned<String>,
    why: Spanned<RawText>,
}

pub(super) fn finding(node: &Node<'_, '_>) -> Result<Finding> {
    let raw: RawFinding = node.typed(&[
        ("text", "{ en = \"…\", fr = \"…\" }"),
        ("evidence", "strong, moderate, weak or disputed"),
        ("why", "why that grade, { en = \"…\", fr = \"…\" }"),
        TEXT_PARTS[0],
        TEXT_PARTS[1],
    ])?;
    let checked = |key: &str, value: Spanned<RawText>| {
        let span = value.span();
        checked_text(
            node.doc,
            span,
            &format!("{}.{key}", node.path()),
            value.into_inner(),
        )
    };
    let claim = raw.claim.map(|claim| checked("claim", claim)).transpose()?;
    let text = checked("text", raw.text)?;
    let evidence = match raw.evidence.get_ref().as_str() {
        "strong" => Evidence::Strong,
        "moderate" => Evidence::Moderate,
        "weak" => Evidence::Weak,
        "disputed" => Evidence::Disputed,
        other => {
            return Err(node.doc.error_hint(
                raw.evidence.span(),
                &format!("{}.evidence", node.path()),
                format!("unknown evidence grade `{other}`"),
                "use strong, moderate, weak or disputed",
            ));
        }
    };
    let why = checked("why", raw.why)?;
    Ok(Finding {
        claim,
        text,
        evidence,
        why,
    })
}
