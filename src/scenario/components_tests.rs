//! Components and savings: the parts add up to the total in every draw, a variant identical to
//! its baseline saves exactly zero, removing a positive load saves in every draw, and a rest
//! that goes negative in a draw is an error naming the inputs.

use proptest::prelude::*;

use super::components::{Draws, period_rows};
use super::{Scenario, ScenarioResult};
use crate::data::Datasets;
use crate::model::{Indicator, N_INDICATORS};
use crate::uncertainty::mc::McConfig;

fn datasets() -> Datasets {
    Datasets::builtin().expect("the built-in datasets load")
}

const MINI: &str = include_str!("../../tests/scenarios/components-mini.toml");

fn parse(text: &str) -> Scenario {
    super::parse("test.toml", text, &datasets()).expect("the scenario parses")
}

fn run(scenario: &Scenario, samples: usize, seed: u64) -> ScenarioResult {
    super::run(scenario, &datasets(), McConfig { samples, seed }).expect("the scenario runs")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-300)
}

/// Every draw of every period: each part with parts is the sum of its leaves, the total is the
/// sum of all leaves, and the top-level parts add up to the plan's own energy before any
/// adjustment (at the plan's boundary).
fn check_adds_up(scenario: &Scenario, samples: usize, seed: u64) -> Result<(), TestCaseError> {
    let config = McConfig { samples, seed };
    for variant in &scenario.variants {
        let plan = super::plan_for(scenario, variant).expect("plan");
        let parts = crate::model::components::parts_of(&plan).expect("parts");
        let draws = Draws::new(&plan, config).expect("draws");
        let count = parts.parts.len();
        let stride = (count + 1) * N_INDICATORS;
        for year in plan.periods() {
            let rows = period_rows(&plan, parts, &draws, year)
                .map_err(|_| TestCaseError::fail("negative rest"))?;
            for draw in 0..draws.samples {
                let row = |part: usize, indicator: Indicator| {
                    rows[draw * stride + part * N_INDICATORS + indicator.index()]
                };
                for indicator in plan.available() {
                    let leaves: f64 = (0..count)
                        .filter(|&part| parts.parts[part].leaf.is_some())
                        .map(|part| row(part, indicator))
                        .sum();
                    prop_assert!(
                        close(row(count, indicator), leaves),
                        "{} {year:?} draw {draw}: total {} ≠ leaves {leaves}",
                        indicator.short(),
                        row(count, indicator)
                    );
                    for (index, part) in parts.parts.iter().enumerate() {
                        let children: f64 = parts
                            .parts
                            .iter()
                            .enumerate()
                            .filter(|(_, child)| child.parent == Some(index))
                            .map(|(child, _)| row(child, indicator))
                            .sum();
                        if part.leaf.is_none() {
                            prop_assert!(
                                close(row(index, indicator), children),
                                "{} {year:?} draw {draw}: `{}` ≠ its parts",
                                indicator.short(),
                                part.id
                            );
                        }
                    }
                }
                if variant.parts.adjust.is_empty() {
                    let mut values = Vec::new();
                    draws.values(draw, &mut values);
                    let top = plan.energy.energy(year, &values).0;
                    let boundary = match plan.boundary {
                        crate::model::Boundary::It => Indicator::ItEnergy,
                        crate::model::Boundary::Facility => Indicator::FacilityEnergy,
                    };
                    let top_level: f64 = (0..count)
                        .filter(|&part| parts.parts[part].parent.is_none())
                        .map(|part| row(part, boundary))
                        .sum();
                    prop_assert!(
                        close(top_level, top),
                        "{year:?} draw {draw}: the top-level parts {top_level} ≠ the energy {top}"
                    );
                }
            }
        }
    }
    Ok(())
}

#[test]
fn parts_add_up_to_the_total_in_every_draw() {
    check_adds_up(&parse(MINI), 500, 7).unwrap();
}

#[test]
fn the_iea_style_share_is_it_energy_over_the_parents_facility_energy() {
    let result = run(&parse(MINI), 2, 1);
    let base = result.variant("base").unwrap();
    let parts = base.parts.as_ref().unwrap();
    let accelerated = parts.ids.iter().position(|id| id == "accelerated").unwrap();
    // 2024: share 0.1..0.2 (central 0.15) of 400 TWh.
    let it = parts.stats[0][accelerated][Indicator::ItEnergy.index()]
        .unwrap()
        .central;
    let total = parts.stats[0][parts.ids.len()][Indicator::FacilityEnergy.index()]
        .unwrap()
        .central;
    assert!(close(it / total, 0.15), "{it} / {total}");
    assert!(close(total, 400e9), "{total}");
    // Its facility energy carries its own PUE (1.1..1.2, central 1.15).
    let facility = parts.stats[0][accelerated][Indicator::FacilityEnergy.index()]
        .unwrap()
        .central;
    assert!(close(facility, it * 1.15), "{facility}");
}

#[test]
fn a_variant_identical_to_its_baseline_saves_exactly_zero() {
    let result = run(&parse(MINI), 1000, 11);
    let same = result.variant("same").unwrap().savings.as_ref().unwrap();
    let mut rows = 0;
    let all = same
        .yearly
        .iter()
        .map(|(_, rows)| rows)
        .chain(same.cumulative.iter().map(|(_, rows)| rows));
    for stats in all.flatten() {
        for value in stats.iter().flatten() {
            rows += 1;
            assert_eq!(
                [
                    value.central,
                    value.mean,
                    value.p5,
                    value.p50,
                    value.p95,
                    value.min,
                    value.max
                ],
                [0.0; 7]
            );
        }
    }
    assert!(rows > 100, "{rows}");
    // The baseline itself is uncertain: the zero is not for want of spread.
    let base = result.variant("base").unwrap();
    assert!(
        base.outcome
            .get(Indicator::FacilityEnergy, Some(2030))
            .unwrap()
            .is_uncertain()
    );
}

#[test]
fn removing_generative_ai_saves_in_every_draw_and_the_rebound_takes_part_of_it() {
    let result = run(&parse(MINI), 2000, 3);
    let saving = |variant: &str, year: i32| {
        let savings = result.variant(variant).unwrap().savings.as_ref().unwrap();
        let (_, rows) = savings
            .yearly
            .iter()
            .find(|(y, _)| *y == Some(year))
            .unwrap();
        rows.last().unwrap()[Indicator::FacilityEnergy.index()].unwrap()
    };
    // Before the policy nothing changes; after it, every draw saves.
    assert_eq!(saving("no-genai", 2025).max, 0.0);
    let full = saving("no-genai", 2030);
    assert!(full.min > 0.0, "{full:?}");
    let rebound = saving("no-genai-rebound", 2030);
    assert!(
        rebound.min > 0.0 && rebound.central < full.central,
        "{rebound:?} vs {full:?}"
    );
    // 20–80 % rebound (central 50 %): half the central saving.
    assert!(
        close(rebound.central, full.central * 0.5),
        "{} vs {}",
        rebound.central,
        full.central
    );
    // The range of the saving is the range of the difference, narrower than the difference of
    // the two variants' ranges.
    let facility_2030 = |id: &str| {
        let variant = result.variant(id).unwrap();
        *variant
            .outcome
            .get(Indicator::FacilityEnergy, Some(2030))
            .unwrap()
    };
    let (base, cut) = (facility_2030("base"), facility_2030("no-genai"));
    assert!(full.p95 - full.p5 < (base.p95 - cut.p5) - (base.p5 - cut.p95));
}

#[test]
fn a_rest_that_goes_negative_in_a_draw_names_the_inputs() {
    let text = MINI.replace("share = \"0.2..0.6\"", "share = \"0.2..0.6\"\n[[component]]\nid = \"image\"\nlabel = { en = \"Images\", fr = \"Images\" }\nparent = \"accelerated\"\nshare = \"0.3..0.7\"");
    let scenario = parse(&text);
    let error = super::run(
        &scenario,
        &datasets(),
        McConfig {
            samples: 500,
            seed: 1,
        },
    )
    .unwrap_err();
    let message = format!("{error:#}");
    assert_eq!(error.exit_code(), 2, "{message}");
    assert!(
        message.contains("the rest `other-ai` is negative in a draw"),
        "{message}"
    );
    assert!(
        message.contains("component.generative.share = ")
            && message.contains("component.image.share = "),
        "{message}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Random shares and a random adjustment: the parts add up in every draw, and removing a
    /// part with a positive load saves in every draw.
    #[test]
    fn parts_add_up_and_removing_a_load_saves(
        low in 0.01..0.3f64, width in 0.0..0.3f64, inner in 0.05..0.9f64,
        scale in 0.0..0.9f64, seed in any::<u64>(),
    ) {
        let text = MINI
            .replace("{ year = 2030, dist = \"uniform\", min = 0.2, max = 0.4 }", &format!("{{ year = 2030, dist = \"uniform\", min = {low}, max = {} }}", low + width))
            .replace("share = \"0.2..0.6\"", &format!("share = {inner}"))
            .replace("scale = 0\n[variant.rebound]", &format!("scale = {scale}\n[variant.rebound]"));
        let scenario = parse(&text);
        check_adds_up(&scenario, 64, seed)?;
        let result = run(&scenario, 64, seed);
        for variant in ["no-genai", "no-genai-rebound"] {
            let savings = result.variant(variant).unwrap().savings.as_ref().unwrap();
            let (_, rows) = savings.yearly.iter().find(|(y, _)| *y == Some(2030)).unwrap();
            let total = rows.last().unwrap()[Indicator::FacilityEnergy.index()].unwrap();
            prop_assert!(total.min > 0.0, "{variant}: {total:?}");
        }
    }
}
