//! The footprint formulas of DESIGN.md §1, as pure functions of base-unit quantities.
//!
//! - facility energy  E_fac = E_IT × PUE
//! - on-site water    W_on  = E_IT × WUE   (WUE per kWh of IT energy, The Green Grid)
//! - off-site water   W_off = E_fac × EWIF (EWIF per kWh delivered to the facility)
//! - total water      W     = W_on + W_off (only when both are consumption)
//! - carbon           C     = E_fac × CI
//!
//! This is the water formula of Li et al. (arXiv:2304.03271, §3.1), written with facility
//! energy: Water = e·(WUE + PUE·EWIF) = E_IT·WUE + E_fac·EWIF.

use crate::units::{KgCo2e, Kw, Kwh, Litres};

/// Where an energy figure is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Boundary {
    /// IT equipment only (servers, storage, network): before PUE.
    It,
    /// What the grid delivers to the facility: IT × PUE.
    Facility,
}

impl Boundary {
    /// The spelling used in flags, files and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Boundary::It => "it",
            Boundary::Facility => "facility",
        }
    }

    /// Parses `it` or `facility`.
    pub fn parse(text: &str) -> Option<Boundary> {
        match text {
            "it" => Some(Boundary::It),
            "facility" => Some(Boundary::Facility),
            _ => None,
        }
    }
}

/// The factors of one evaluation, in base units (None when not known).
pub type Factors = super::vocab::FactorSet<Option<f64>>;

/// The indicators of one evaluation (None when a needed factor is missing).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Footprint {
    /// IT energy.
    pub it_energy: Option<Kwh>,
    /// Facility energy.
    pub facility_energy: Option<Kwh>,
    /// On-site (cooling) water.
    pub onsite_water: Option<Litres>,
    /// Off-site (power generation) water.
    pub offsite_water: Option<Litres>,
    /// Operational CO2e.
    pub co2e: Option<KgCo2e>,
}

impl Footprint {
    /// On-site plus off-site water, when both are known. (Callers decide whether the two are on
    /// the same basis; see [`crate::model::Plan::total_water_reason`].)
    pub fn total_water(&self) -> Option<Litres> {
        Some(Litres(self.onsite_water?.0 + self.offsite_water?.0))
    }

    /// Facility energy minus IT energy: cooling, power conversion, lighting.
    pub fn overhead_energy(&self) -> Option<Kwh> {
        Some(Kwh(self.facility_energy?.0 - self.it_energy?.0))
    }
}

/// Computes every indicator it can from an energy at a boundary and the factors.
#[inline]
pub fn footprint(energy: Kwh, boundary: Boundary, factors: &Factors) -> Footprint {
    let (it_energy, facility_energy) = match boundary {
        Boundary::It => (Some(energy.0), factors.pue.map(|pue| energy.0 * pue)),
        Boundary::Facility => (factors.pue.map(|pue| energy.0 / pue), Some(energy.0)),
    };
    Footprint {
        it_energy: it_energy.map(Kwh),
        facility_energy: facility_energy.map(Kwh),
        onsite_water: it_energy.zip(factors.wue).map(|(it, wue)| Litres(it * wue)),
        offsite_water: facility_energy
            .zip(factors.ewif)
            .map(|(facility, ewif)| Litres(facility * ewif)),
        co2e: facility_energy
            .zip(factors.carbon_intensity)
            .map(|(facility, ci)| KgCo2e(facility * ci / 1000.0)),
    }
}

/// IT energy of a hardware fleet: accelerators × power per accelerator × mean utilisation
/// (fraction of rated power) × hours × host overhead factor, divided by (1 − idle share) so
/// that idle capacity provisioned beside the busy machines is counted.
#[inline]
pub fn hardware_it_energy(
    accelerators: f64,
    power_per_accelerator: Kw,
    utilization: f64,
    hours: f64,
    host_overhead: f64,
    idle_share: f64,
) -> Kwh {
    Kwh(
        accelerators * power_per_accelerator.0 * utilization * hours * host_overhead
            / (1.0 - idle_share),
    )
}

/// Energy of a number of queries at a per-query energy (the boundary is the per-query figure's).
#[inline]
pub fn usage_energy(queries: f64, energy_per_query: Kwh) -> Kwh {
    Kwh(queries * energy_per_query.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    // 3.142 L/kWh is Li et al.'s U.S. EWIF, not an approximation of π.
    #[allow(clippy::approx_constant)]
    fn li_us_average() -> Factors {
        // Li et al. Table 1, U.S. Average row.
        Factors {
            pue: Some(1.17),
            wue: Some(0.55),
            ewif: Some(3.142),
            carbon_intensity: None,
        }
    }

    #[test]
    fn reproduces_li_et_al_gpt3_training_row() {
        let result = footprint(Kwh(1_287_000.0), Boundary::It, &li_us_average());
        let onsite = result.onsite_water.unwrap().0;
        let offsite = result.offsite_water.unwrap().0;
        assert!((onsite - 707_850.0).abs() < 1e-6);
        assert!((offsite - 4_731_192.18).abs() < 0.01);
        assert_eq!((result.total_water().unwrap().0 / 1e3).round() / 1e3, 5.439);
        assert!(result.co2e.is_none());
    }

    #[test]
    fn reproduces_li_et_al_per_request_row() {
        let result = footprint(Kwh(0.004), Boundary::It, &li_us_average());
        let millilitres = result.total_water().unwrap().0 * 1000.0;
        assert!((millilitres - 16.904_56).abs() < 1e-9, "{millilitres}");
    }

    #[test]
    fn facility_boundary_is_not_multiplied_by_pue_again() {
        let factors = Factors {
            pue: Some(1.1),
            wue: Some(1.0),
            ewif: Some(2.0),
            carbon_intensity: Some(400.0),
        };
        let result = footprint(Kwh(1100.0), Boundary::Facility, &factors);
        assert_eq!(result.facility_energy, Some(Kwh(1100.0)));
        assert!((result.it_energy.unwrap().0 - 1000.0).abs() < 1e-9);
        assert!((result.onsite_water.unwrap().0 - 1000.0).abs() < 1e-9);
        assert_eq!(result.offsite_water, Some(Litres(2200.0)));
        assert_eq!(result.co2e, Some(KgCo2e(440.0)));
        assert!((result.overhead_energy().unwrap().0 - 100.0).abs() < 1e-9);
    }

    #[test]
    fn missing_factors_leave_indicators_out() {
        let result = footprint(Kwh(10.0), Boundary::It, &Factors::default());
        assert_eq!(result.it_energy, Some(Kwh(10.0)));
        assert_eq!(result.facility_energy, None);
        assert_eq!(result.offsite_water, None);
        let facility = footprint(Kwh(10.0), Boundary::Facility, &Factors::default());
        assert_eq!(facility.it_energy, None);
        assert_eq!(facility.onsite_water, None);
    }

    #[test]
    fn patterson_gpt3_hardware_energy() {
        // Patterson et al. 2021, Table 4: 10,000 V100 × 330 W × 14.8 days, PUE 1.10 → 1,287 MWh
        // (their rounding); without PUE 1,172 MWh.
        let it = hardware_it_energy(10_000.0, Kw(0.330), 1.0, 14.8 * 24.0, 1.0, 0.0);
        assert!((it.0 / 1000.0 - 1172.16).abs() < 0.01);
        assert!((it.0 * 1.1 / 1000.0 - 1289.4).abs() < 0.1);
    }

    #[test]
    fn idle_share_raises_energy() {
        let busy = hardware_it_energy(8.0, Kw(0.7), 0.6, 1.0, 1.0, 0.0);
        let with_idle = hardware_it_energy(8.0, Kw(0.7), 0.6, 1.0, 1.0, 0.2);
        assert!((with_idle.0 - busy.0 / 0.8).abs() < 1e-12);
        assert!((usage_energy(1e9, Kwh(0.000_24)).0 - 240_000.0).abs() < 1e-6);
    }
}
