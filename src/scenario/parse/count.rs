//! The count of a usage way (`way = "usage"` queries, `way = "tokens"` requests): a one-off
//! total, or a daily count with its days.

use super::super::types::SeriesSpec;
use super::common::{Context, Section};
use super::value::series;
use crate::error::{Error, Result};
use crate::model::InputDef;

/// How a usage way names its count: `noun` (`queries`), its keys (`queries`,
/// `queries_per_day`) and the inputs they are.
pub(super) struct CountKeys {
    /// What is counted (`queries`, `requests`).
    pub(super) noun: &'static str,
    /// The key of a one-off total.
    pub(super) total: &'static str,
    /// The key of a daily count.
    pub(super) daily: &'static str,
    /// The input of a total.
    pub(super) total_def: &'static InputDef,
    /// The input of a daily count.
    pub(super) daily_def: &'static InputDef,
}

/// The count, whether it is per day, and its days (365 in a yearly scenario); `default` is
/// used in a one-off scenario that gives neither key.
pub(super) fn count(
    context: &Context<'_>,
    energy: &Section<'_, '_>,
    one_off: bool,
    keys: &CountKeys,
    default: Option<SeriesSpec>,
) -> Result<(SeriesSpec, bool, f64)> {
    let CountKeys {
        noun, total, daily, ..
    } = keys;
    match (energy.get(total), energy.get(daily)) {
        (Some(node), None) => {
            if let Some(days) = energy.get("days") {
                return Err(days.error(format!("`days` goes with `{daily}`, not `{total}`")));
            }
            if !one_off {
                return Err(node.error_hint(
                    format!("a yearly scenario counts {noun} per day"),
                    format!("use `{daily}` (multiplied by 365 for each year)"),
                ));
            }
            Ok((series(context, node, keys.total_def)?, false, 1.0))
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
                    return Err(
                        days_node.error("in a yearly scenario a period is one year (365 days)")
                    );
                }
                None if one_off => {
                    return Err(node.error_hint(
                        format!("a one-off scenario with {noun} per day needs `days`"),
                        format!("add days = 365 (or give `{total}`, a total)"),
                    ));
                }
                None => 365.0,
            };
            Ok((series(context, node, keys.daily_def)?, true, days))
        }
        (Some(node), Some(_)) => {
            Err(node.error(format!("give either `{total}` or `{daily}`, not both")))
        }
        (None, None) => match default {
            Some(default) if one_off => Ok((default, false, 1.0)),
            _ => Err(energy
                .require(daily, &format!("how many {noun} per day"))
                .err()
                .unwrap_or_else(|| Error::Other((*noun).into()))),
        },
    }
}
