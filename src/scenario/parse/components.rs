//! Components of a scenario's energy, a variant's baseline, adjustments and rebound, and the
//! policy period of savings (DESIGN.md §6): `[[component]]`, `[[variant.component]]`,
//! `baseline`, `[[variant.adjust]]`, `[variant.rebound]` and `[savings]`.
//!
//! The tree is checked once per variant (its components are the scenario's with its own
//! replacing those of the same id): every parent exists, no parent chain loops, every parent
//! with parts has exactly one rest, ids are unique; baselines name a variant and do not loop.

use std::ops::Range;

use super::super::read::{Doc, Node, TableReader, text};
use super::super::types::{
    Adjust, Component, ComponentHow, FactorSpec, Rebound, Text, Variant, VariantParts,
};
use super::common::{Context, check_keys, section, year_in_range};
use super::factors::factor_spec;
use super::value::series;
use super::{ENERGY_KEYS, FACTOR_KEYS};
use crate::error::Result;
use crate::model::vocab::SHARE;

/// The keys of a `[[component]]` table.
const COMPONENT_KEYS: &[&str] = &[
    "id",
    "label",
    "parent",
    "share",
    "share_boundary",
    "rest",
    "energy",
    "assumption",
    "factors",
];

/// The keys a `[[variant]]` table takes for components and savings.
pub(super) const VARIANT_KEYS: &[&str] = &["baseline", "adjust", "rebound", "component"];

/// The id that names the scenario's own energy as a parent.
pub const TOP: &str = "total";

/// Parses the `[[component]]` (or `[[variant.component]]`) array under `key` of `table`.
pub(super) fn components(
    context: &Context<'_>,
    table: &TableReader<'_, '_>,
    key: &str,
) -> Result<Vec<Component>> {
    let Some(node) = table.get(key) else {
        return Ok(Vec::new());
    };
    let mut list: Vec<Component> = Vec::new();
    for (index, item) in node.array()?.iter().enumerate() {
        let item = Node::new(
            table.doc(),
            item,
            format!("{}[{index}]", table.child_path(key)),
        );
        let parsed = component(context, &item)?;
        if let Some(first) = list.iter().find(|other| other.id == parsed.id) {
            let (line, _) = crate::error::line_column(table.doc().text, first.span.start);
            return Err(item.error_hint(
                format!("component id `{}` is used twice", parsed.id),
                format!(
                    "the first `{}` is on line {line}; give each part its own id",
                    first.id
                ),
            ));
        }
        list.push(parsed);
    }
    Ok(list)
}

fn component(context: &Context<'_>, item: &Node<'_, '_>) -> Result<Component> {
    let table = item.table()?;
    table.check_known(COMPONENT_KEYS)?;
    let id_node = table.require("id", "a short name such as \"accelerated\"")?;
    let id = id_node
        .slug("component id", "its rows in components.csv")?
        .to_string();
    if id == TOP {
        return Err(id_node.error_hint(
            format!("`{TOP}` names the scenario's whole energy"),
            "choose another id; `parent = \"total\"` puts a component at the top level",
        ));
    }
    let label = text(&table.require("label", "{ en = \"…\", fr = \"…\" }")?)?;
    let (parent, parent_span) = match table.get("parent") {
        None => (None, None),
        Some(node) => {
            let name = node.str()?;
            let parent = (name != TOP).then(|| name.to_string());
            (parent, Some(node.span.clone()))
        }
    };
    let assumption = assumption(&table)?;
    let share = table.get("share");
    let rest = match table.get("rest") {
        None => None,
        Some(node) => {
            if !node.bool()? {
                return Err(node.error_hint(
                    "`rest = false` says nothing",
                    "remove it, or write `rest = true` for the part that is the parent's \
                     energy minus the others",
                ));
            }
            Some(node)
        }
    };
    let energy = table.get("energy");
    let share_boundary = table.get("share_boundary");
    let how = match (share, rest, energy) {
        (Some(node), None, None) => ComponentHow::Share(series(context, &node, &SHARE)?),
        (None, Some(_), None) => ComponentHow::Rest,
        (None, None, Some(node)) => {
            let energy_table = node.table()?;
            check_keys(&energy_table, ENERGY_KEYS)?;
            let parsed = super::variant(
                context,
                node.span.clone(),
                id.clone(),
                label.clone(),
                &section(&energy_table, None),
                None,
                None,
            )?;
            ComponentHow::Energy(Box::new(parsed.energy))
        }
        (None, None, None) => {
            return Err(table
                .require(
                    "share",
                    "a share of its parent, `rest = true`, or its own [component.energy]",
                )
                .err()
                .unwrap_or_else(|| crate::Error::Other("share".into())));
        }
        (first, second, third) => {
            let node = [third, second, first]
                .into_iter()
                .flatten()
                .next()
                .expect("two of the three are given");
            return Err(node.error_hint(
                "a component is a share, the rest, or its own energy: give only one",
                "keep `share = …`, `rest = true` or `[component.energy]`",
            ));
        }
    };
    let share_of_facility_it = match share_boundary {
        None => false,
        Some(node) => {
            if !matches!(how, ComponentHow::Share(_)) {
                return Err(node.error("`share_boundary` goes with `share`"));
            }
            match node.str()? {
                "facility" => false,
                "it" => true,
                other => {
                    return Err(node.error_hint(
                        format!("unknown share boundary `{other}`"),
                        "use \"facility\" (a share of the parent's energy) or \"it\" (the \
                         part's IT energy as a share of the parent's facility energy)",
                    ));
                }
            }
        }
    };
    let factors = match table.get("factors") {
        None => FactorSpec::default(),
        Some(node) => {
            let factors_table = node.table()?;
            check_keys(&factors_table, FACTOR_KEYS)?;
            factor_spec(context, &section(&factors_table, None))?
        }
    };
    table.finish(COMPONENT_KEYS)?;
    Ok(Component {
        id,
        label,
        parent,
        how,
        share_of_facility_it,
        assumption,
        factors,
        span: item.span.clone(),
        parent_span,
        path: item.path().to_string(),
    })
}

/// Reads a variant's `baseline`, `[[variant.component]]`, `[[variant.adjust]]` and
/// `[variant.rebound]`; `base` holds the scenario's components.
pub(super) fn variant_parts(
    context: &Context<'_>,
    table: &TableReader<'_, '_>,
    base: &[Component],
) -> Result<VariantParts> {
    let own = components(context, table, "component")?;
    let mut list: Vec<Component> = base.to_vec();
    for component in own {
        match list.iter_mut().find(|other| other.id == component.id) {
            Some(slot) => *slot = component,
            None => list.push(component),
        }
    }
    let (baseline, baseline_span) = match table.get("baseline") {
        None => (None, None),
        Some(node) => (Some(node.str()?.to_string()), Some(node.span.clone())),
    };
    let mut adjust = Vec::new();
    if let Some(node) = table.get("adjust") {
        for (index, item) in node.array()?.iter().enumerate() {
            let item = Node::new(
                table.doc(),
                item,
                format!("{}[{index}]", table.child_path("adjust")),
            );
            let adjust_table = item.table()?;
            let keys = ["component", "from", "scale", "assumption"];
            adjust_table.check_known(&keys)?;
            let component_node =
                adjust_table.require("component", "the id of the component it changes")?;
            let component = component_node.str()?.to_string();
            let from = adjust_table
                .get("from")
                .map(|node| year_in_range(&node, context.years))
                .transpose()?;
            let scale = series(
                context,
                &adjust_table.require("scale", "what multiplies its energy: 0 removes it")?,
                &SHARE,
            )?;
            let assumption = assumption(&adjust_table)?;
            adjust_table.finish(&keys)?;
            adjust.push(Adjust {
                component,
                from,
                scale,
                assumption,
                span: component_node.span.clone(),
            });
        }
    }
    let rebound = match table.get("rebound") {
        None => None,
        Some(node) => {
            let rebound_table = node.table()?;
            let keys = ["share", "to", "assumption"];
            rebound_table.check_known(&keys)?;
            let share = series(
                context,
                &rebound_table.require("share", "the share of the freed energy other uses take")?,
                &SHARE,
            )?;
            let to = rebound_table
                .get("to")
                .map(|node| node.str().map(str::to_string))
                .transpose()?;
            let assumption = assumption(&rebound_table)?;
            rebound_table.finish(&keys)?;
            Some(Rebound {
                share,
                to,
                assumption,
                span: node.span.clone(),
            })
        }
    };
    Ok(VariantParts {
        components: list,
        baseline,
        baseline_span,
        adjust,
        rebound,
        path: table.path().to_string(),
    })
}

/// The `assumption` text of a table, if it has one.
fn assumption(table: &TableReader<'_, '_>) -> Result<Option<Text>> {
    table.get("assumption").map(|node| text(&node)).transpose()
}

/// `[savings] from, to`: the policy period of cumulative savings.
pub(super) fn savings(context: &Context<'_>, node: &Node<'_, '_>) -> Result<(i32, i32)> {
    let table = node.table()?;
    let keys = ["from", "to"];
    table.check_known(&keys)?;
    let from = year_in_range(&table.require("from", "the first year")?, context.years)?;
    let to_node = table.require("to", "the last year")?;
    let to = year_in_range(&to_node, context.years)?;
    if to < from {
        return Err(to_node.error(format!("`to` ({to}) is before `from` ({from})")));
    }
    table.finish(&keys)?;
    Ok((from, to))
}

/// Checks the components of every variant (and orders them parents first), their
/// adjustments and rebound, and the baselines.
pub(super) fn check(doc: Doc<'_>, variants: &mut [Variant]) -> Result<()> {
    let ids: Vec<String> = variants.iter().map(|variant| variant.id.clone()).collect();
    for variant in variants.iter_mut() {
        let parts = &mut variant.parts;
        parts.components = ordered(doc, &parts.components)?;
        check_changes(doc, parts)?;
        let notes = assumption_notes(parts);
        variant.notes.extend(notes);
    }
    for variant in variants.iter() {
        let Some(baseline) = &variant.parts.baseline else {
            continue;
        };
        let span = variant.parts.baseline_span.clone().unwrap_or(0..0);
        if !ids.contains(baseline) {
            let field = format!("{}.baseline", variant.parts.path);
            return Err(doc.error_hint(
                span,
                &field,
                format!("variant `{}`: no variant `{baseline}`", variant.id),
                format!(
                    "{}variants: {}",
                    crate::text::did_you_mean(baseline, ids.iter().map(String::as_str)),
                    ids.join(", ")
                ),
            ));
        }
        // Follow the baselines from this variant: a return to it is a cycle.
        let mut chain = vec![variant.id.clone()];
        let mut current = baseline.clone();
        loop {
            if chain.contains(&current) {
                chain.push(current);
                let field = format!("{}.baseline", variant.parts.path);
                return Err(doc.error_hint(
                    span,
                    &field,
                    format!("the baselines go round in a circle: {}", chain.join(" → ")),
                    "savings are measured against a variant without a baseline of its own (or \
                     one that leads to it): remove one of these baselines",
                ));
            }
            chain.push(current.clone());
            let next = variants
                .iter()
                .find(|other| other.id == current)
                .and_then(|other| other.parts.baseline.clone());
            match next {
                Some(next) => current = next,
                None => break,
            }
        }
    }
    Ok(())
}

/// The components in an order where every parent comes before its children and a rest after
/// its siblings; errors for an unknown parent, a loop of parents, and a parent without
/// exactly one rest.
fn ordered(doc: Doc<'_>, list: &[Component]) -> Result<Vec<Component>> {
    if list.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<&str> = list.iter().map(|component| component.id.as_str()).collect();
    for component in list {
        let Some(parent) = &component.parent else {
            continue;
        };
        let span = component
            .parent_span
            .clone()
            .unwrap_or(component.span.clone());
        let field = format!("{}.parent", component.path);
        if !ids.contains(&parent.as_str()) {
            return Err(doc.error_hint(
                span.clone(),
                &field,
                format!("component `{}`: no component `{parent}`", component.id),
                format!(
                    "{}components: {}; `total` is the scenario's energy",
                    crate::text::did_you_mean(parent, ids.iter().copied()),
                    ids.join(", ")
                ),
            ));
        }
        let mut chain = vec![component.id.as_str()];
        let mut current = Some(parent.as_str());
        while let Some(name) = current {
            if chain.contains(&name) {
                chain.push(name);
                return Err(doc.error_hint(
                    span.clone(),
                    &field,
                    format!("the parents go round in a circle: {}", chain.join(" → ")),
                    "a component is a part of its parent: one of these parents must be another \
                     component or `total`",
                ));
            }
            chain.push(name);
            current = list
                .iter()
                .find(|other| other.id == name)
                .and_then(|other| other.parent.as_deref());
        }
    }
    let mut out: Vec<Component> = Vec::with_capacity(list.len());
    let mut parents: Vec<Option<&str>> = vec![None];
    while let Some(parent) = parents.pop() {
        let children: Vec<&Component> = list
            .iter()
            .filter(|component| component.parent.as_deref() == parent)
            .collect();
        if children.is_empty() {
            continue;
        }
        let rests: Vec<&&Component> = children
            .iter()
            .filter(|component| matches!(component.how, ComponentHow::Rest))
            .collect();
        let name = parent.unwrap_or(TOP);
        match rests.as_slice() {
            [_] => {}
            [] => {
                return Err(doc.error_hint(
                    children[0].span.clone(),
                    &children[0].path,
                    format!("the parts of `{name}` have no rest"),
                    format!(
                        "mark one part of `{name}` with `rest = true`: it is `{name}` minus the \
                         others, so the parts add up to it in every draw"
                    ),
                ));
            }
            [first, second, ..] => {
                let (line, _) = crate::error::line_column(doc.text, first.span.start);
                return Err(doc.error_hint(
                    second.span.clone(),
                    &format!("{}.rest", second.path),
                    format!("`{name}` has two rests: `{}` and `{}`", first.id, second.id),
                    format!(
                        "keep `rest = true` on one of them (the first is on line {line}); give \
                         the other a share or its own energy"
                    ),
                ));
            }
        }
        let (rest, others): (Vec<&Component>, Vec<&Component>) = children
            .into_iter()
            .partition(|component| matches!(component.how, ComponentHow::Rest));
        for component in others.iter().chain(rest.iter()) {
            out.push((*component).clone());
        }
        for component in others.iter().chain(rest.iter()).rev() {
            parents.push(Some(component.id.as_str()));
        }
    }
    Ok(out)
}

/// Checks a variant's adjustments and rebound against its components.
fn check_changes(doc: Doc<'_>, parts: &VariantParts) -> Result<()> {
    let ids: Vec<&str> = parts.components.iter().map(|c| c.id.as_str()).collect();
    let unknown = |name: &str, span: &Range<usize>, field: &str| {
        doc.error_hint(
            span.clone(),
            field,
            format!("no component `{name}`"),
            if ids.is_empty() {
                "the scenario has no [[component]]: add the components first".to_string()
            } else {
                format!(
                    "{}components: {}",
                    crate::text::did_you_mean(name, ids.iter().copied()),
                    ids.join(", ")
                )
            },
        )
    };
    for (index, adjust) in parts.adjust.iter().enumerate() {
        if !ids.contains(&adjust.component.as_str()) {
            let field = format!("{}.adjust[{index}].component", parts.path);
            return Err(unknown(&adjust.component, &adjust.span, &field));
        }
    }
    if let Some(rebound) = &parts.rebound {
        let path = format!("{}.rebound", parts.path);
        let Some(first) = parts.adjust.first() else {
            return Err(doc.error_hint(
                rebound.span.clone(),
                &path,
                "a rebound without an adjustment: no energy is freed",
                "add a [[variant.adjust]] that reduces a component, or remove [variant.rebound]",
            ));
        };
        let target = match &rebound.to {
            Some(name) => {
                if !ids.contains(&name.as_str()) {
                    return Err(unknown(name, &rebound.span, &format!("{}.to", path)));
                }
                name.clone()
            }
            None => super::super::components::default_rebound_target(parts, &first.component).ok_or_else(|| {
                doc.error_hint(
                    rebound.span.clone(),
                    &path,
                    format!(
                        "`{}` is the rest of its parent: the freed energy has no other part to go to",
                        first.component
                    ),
                    "name the part that takes it: `to = \"…\"`",
                )
            })?,
        };
        if parts
            .components
            .iter()
            .any(|c| c.parent.as_deref() == Some(target.as_str()))
        {
            return Err(doc.error_hint(
                rebound.span.clone(),
                &format!("{}.to", path),
                format!(
                    "`{target}` has parts of its own: the freed energy cannot go to all of them"
                ),
                "name one of its parts with `to = \"…\"`",
            ));
        }
        let adjusted: Vec<&str> = parts.adjust.iter().map(|a| a.component.as_str()).collect();
        if adjusted.contains(&target.as_str()) {
            return Err(doc.error_hint(
                rebound.span.clone(),
                &format!("{}.to", path),
                format!("`{target}` is the adjusted component itself"),
                "the freed energy goes to another use: name it with `to = \"…\"`",
            ));
        }
    }
    Ok(())
}

/// The assumptions of a variant, as notes for the reader (the scenario's README page names
/// them): "Assumption (component `generative`): …".
fn assumption_notes(parts: &VariantParts) -> Vec<Text> {
    let components = parts.components.iter().filter_map(|c| {
        let text = c.assumption.as_ref()?;
        Some((
            format!("component `{}`", c.id),
            format!("composante `{}`", c.id),
            text,
        ))
    });
    let adjustments = parts.adjust.iter().filter_map(|a| {
        let text = a.assumption.as_ref()?;
        let (en, fr) = ("change to", "modification de");
        Some((
            format!("{en} `{}`", a.component),
            format!("{fr} `{}`", a.component),
            text,
        ))
    });
    let rebound = parts.rebound.iter().filter_map(|r| {
        Some((
            "rebound".to_string(),
            "rebond".to_string(),
            r.assumption.as_ref()?,
        ))
    });
    components
        .chain(adjustments)
        .chain(rebound)
        .map(|(what_en, what_fr, text)| Text {
            en: format!("Assumption ({what_en}): {}", text.en),
            fr: format!("Hypothèse ({what_fr}) : {}", text.fr),
        })
        .collect()
}
