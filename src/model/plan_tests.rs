//! Tests of the evaluation plan, built with the one builder and vocabulary (a file of its own,
//! so that `plan` does not import the builder that imports it).

use super::footprint::Boundary;
use super::plan::*;
use super::vocab;
use super::way::Way;
use crate::dist::Dist;

#[test]
fn points_interpolate_in_log_space() {
    // LBNL: 176 TWh in 2023; 325..580 TWh in 2028.
    let series = Series::Points {
        points: vec![
            PathPoint {
                year: 2023,
                dist: Dist::fixed(176.0).unwrap(),
            },
            PathPoint {
                year: 2028,
                dist: Dist::uniform(325.0, 580.0).unwrap(),
            },
        ],
        level: Some(0),
        extrapolate: Extrapolate::None,
    };
    let values = [0.0_f64.max(1e-12)];
    assert!((series.value(Some(2028), &values) - 325.0).abs() < 1e-6);
    assert_eq!(series.value(Some(2023), &values), 176.0);
    let high = [1.0 - 1e-12];
    assert!((series.value(Some(2028), &high) - 580.0).abs() < 1e-6);
    // Central: the uniform's midpoint 452.5; midway year is the geometric mean.
    let central = [f64::NAN];
    let mid = series.value(Some(2028), &central);
    assert_eq!(mid, 452.5);
    let growth = (452.5f64 / 176.0).powf(0.2);
    assert!((series.value(Some(2024), &central) - 176.0 * growth).abs() < 1e-9);
}

#[test]
fn points_extrapolation() {
    let points = vec![
        PathPoint {
            year: 2020,
            dist: Dist::fixed(100.0).unwrap(),
        },
        PathPoint {
            year: 2022,
            dist: Dist::fixed(121.0).unwrap(),
        },
    ];
    let hold = Series::Points {
        points: points.clone(),
        level: None,
        extrapolate: Extrapolate::Hold,
    };
    assert_eq!(hold.value(Some(2025), &[]), 121.0);
    assert_eq!(hold.value(Some(2010), &[]), 100.0);
    let trend = Series::Points {
        points,
        level: None,
        extrapolate: Extrapolate::Trend,
    };
    assert!((trend.value(Some(2023), &[]) - 133.1).abs() < 1e-9);
    assert!((trend.value(Some(2019), &[]) - 100.0 / 1.1).abs() < 1e-9);
}

#[test]
fn growth_compounds_piecewise() {
    // 415 in 2024, +15 %/yr to 2030, then +5 %/yr.
    let series = Series::Growth {
        base_year: 2024,
        base: 0,
        segments: vec![(2030, 1), (2035, 2)],
    };
    let values = [415.0, 0.15, 0.05];
    assert_eq!(series.value(Some(2024), &values), 415.0);
    assert!((series.value(Some(2030), &values) - 415.0 * 1.15f64.powi(6)).abs() < 1e-9);
    assert!(
        (series.value(Some(2035), &values) - 415.0 * 1.15f64.powi(6) * 1.05f64.powi(5)).abs()
            < 1e-9
    );
}

#[test]
fn plan_evaluates_every_indicator() {
    // Built as `estimate` and scenarios build theirs: one builder, one vocabulary.
    let mut builder = crate::model::Builder::default();
    let mut constant = |def: &'static crate::model::InputDef, value: f64| {
        let spec = crate::model::SeriesSpec::Value(crate::model::ValueSpec::fixed(value, "test"));
        Some(builder.series(&spec, def.key, def, def.role))
    };
    let energy = constant(&vocab::ENERGY, 1000.0);
    let [pue, wue, ewif, carbon_intensity] =
        [&vocab::PUE, &vocab::WUE, &vocab::EWIF, &vocab::CARBON]
            .into_iter()
            .zip([1.2, 0.5, 3.0, 50.0])
            .map(|(def, value)| constant(def, value))
            .collect::<Vec<_>>()
            .try_into()
            .unwrap();
    let reference = constant(&vocab::REFERENCE, 100_000.0);
    let ewif_withdrawal = constant(&vocab::EWIF_WITHDRAWAL, 50.0);
    let plan = Plan {
        inputs: builder.inputs,
        energy: Way::Direct {
            energy: energy.unwrap(),
        },
        boundary: Boundary::It,
        pue,
        wue,
        ewif,
        carbon_intensity,
        ewif_withdrawal,
        reference,
        onsite_basis: WaterBasis::Consumption,
        years: None,
        embodied: None,
        parts: None,
    };
    let values = plan.central_values();
    let out = plan.evaluate(None, &values);
    assert_eq!(out[Indicator::ItEnergy.index()], 1000.0);
    assert_eq!(out[Indicator::FacilityEnergy.index()], 1200.0);
    assert!((out[Indicator::OverheadEnergy.index()] - 200.0).abs() < 1e-9);
    assert_eq!(out[Indicator::OnsiteWater.index()], 500.0);
    assert!((out[Indicator::OffsiteWater.index()] - 3600.0).abs() < 1e-9);
    assert!((out[Indicator::TotalWater.index()] - 4100.0).abs() < 1e-9);
    // Withdrawal is per kWh delivered, beside consumption: total water does not include it.
    assert!((out[Indicator::OffsiteWithdrawal.index()] - 60_000.0).abs() < 1e-9);
    assert!((out[Indicator::Co2e.index()] - 60.0).abs() < 1e-9);
    assert!((out[Indicator::Share.index()] - 0.012).abs() < 1e-12);
    assert_eq!(plan.available().len(), 9);

    let withdrawal = Plan {
        onsite_basis: WaterBasis::Withdrawal,
        ..plan.clone()
    };
    assert!(withdrawal.evaluate(None, &values)[Indicator::TotalWater.index()].is_nan());
    assert!(
        withdrawal
            .missing_reason(Indicator::TotalWater)
            .unwrap()
            .contains("withdrawal")
    );
    let no_pue = Plan { pue: None, ..plan };
    assert!(
        no_pue
            .missing_reason(Indicator::Co2e)
            .unwrap()
            .contains("PUE")
    );
    assert!(no_pue.missing_reason(Indicator::OnsiteWater).is_none());
}
