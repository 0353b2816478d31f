//! What the parts of the scenario parser share: the parsing context, a section's entries with
//! a variant's overrides, key checks and the lookups of indicators, boundaries and rows.

use super::super::read::{Doc, Located, Node, TableReader};
use crate::data::{Datasets, Row};
use crate::error::Result;
use crate::model::{Boundary, Indicator};

/// The keys of a value table.
pub(super) const VALUE_KEYS: &[&str] = &[
    "value", "dist", "min", "mode", "max", "mean", "sd", "median", "gsd", "p5", "p95", "unit",
    "ref",
];

pub(super) struct Context<'x> {
    pub(super) datasets: &'x Datasets,
    pub(super) years: Option<(i32, i32)>,
}

/// A section's entries: the base table's, overridden key by key by a variant's.
pub(super) struct Section<'a, 'd> {
    pub(super) entries: Vec<(String, Node<'a, 'd>)>,
    pub(super) anchor: std::ops::Range<usize>,
    pub(super) doc: Doc<'d>,
    pub(super) path: String,
}

impl<'a, 'd> Section<'a, 'd> {
    pub(super) fn get(&self, key: &str) -> Option<&Node<'a, 'd>> {
        self.entries
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, node)| node)
    }

    pub(super) fn require(&self, key: &str, what: &str) -> Result<&Node<'a, 'd>> {
        self.get(key).ok_or_else(|| {
            self.doc.error_hint(
                self.anchor.start..self.anchor.start + 1,
                &self.path,
                format!("`{}` needs `{key}`", self.path),
                format!("add `{key} = …` ({what})"),
            )
        })
    }

    pub(super) fn keys(&self) -> impl Iterator<Item = (&str, &Node<'a, 'd>)> {
        self.entries.iter().map(|(key, node)| (key.as_str(), node))
    }
}

pub(super) fn section<'a, 'd>(
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
pub(super) fn check_keys(table: &TableReader<'_, '_>, known: &[&str]) -> Result<()> {
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

pub(super) fn indicator(node: &Node<'_, '_>) -> Result<Indicator> {
    let name = node.str()?;
    Indicator::from_short(name).ok_or_else(|| {
        let (message, hint) = unknown_indicator(name);
        node.error_hint(message, hint)
    })
}

/// An indicator by its short name, or an error at `site`.
pub(super) fn named_indicator(site: &impl Located, name: &str) -> Result<Indicator> {
    Indicator::from_short(name).ok_or_else(|| {
        let (message, hint) = unknown_indicator(name);
        site.error_hint(message, hint)
    })
}

/// The message and hint for an unknown indicator name.
pub(super) fn unknown_indicator(name: &str) -> (String, String) {
    let names: Vec<&str> = Indicator::ALL.iter().map(|i| i.short()).collect();
    let hint = crate::text::closest(name, names.iter().copied())
        .map(|candidate| format!("did you mean `{candidate}`?"))
        .unwrap_or_else(|| format!("indicators: {}", names.join(", ")));
    (format!("unknown indicator `{name}`"), hint)
}

pub(super) fn year_in_range(node: &Node<'_, '_>, years: Option<(i32, i32)>) -> Result<i32> {
    let year = node.year()?;
    match years {
        None => Err(node.error("a one-off scenario (no `years`) has no years to pick")),
        Some((from, to)) if year < from || year > to => Err(node.error(format!(
            "{year} is outside the scenario's years {from}–{to}"
        ))),
        Some(_) => Ok(year),
    }
}

pub(super) fn boundary(node: &Node<'_, '_>) -> Result<Boundary> {
    let text = node.str()?;
    Boundary::parse(text).ok_or_else(|| {
        node.error_hint(
            format!("unknown boundary `{text}`"),
            "use \"it\" (servers only) or \"facility\" (what the grid delivers, PUE included)",
        )
    })
}

/// A dataset row by id, with a suggestion when it does not exist.
pub(super) fn row<'x>(context: &Context<'x>, node: &impl Located, id: &str) -> Result<&'x Row> {
    context.datasets.get(id).ok_or_else(|| {
        let hint = crate::text::closest(id, context.datasets.ids())
            .map(|candidate| format!("did you mean `{candidate}`?"))
            .unwrap_or_else(|| {
                "`dcfoot datasets show TABLE` lists the row ids of a table".to_string()
            });
        node.error_hint(format!("no dataset row `{id}`"), hint)
    })
}
