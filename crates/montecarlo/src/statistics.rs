//! Run statistics (DESIGN.md §5 `summary.json`), reduced in sample order from the rows of
//! `fragments.csv`.
//!
//! Definitions:
//! - Fate counts are objects (each row counts `count` times), summed over all samples.
//! - Per sample, the objects that "reach the ground" are the landed fragment rows, and the
//!   vehicle row only when it landed and the sample has no fragment rows (a single-body analysis).
//! - Surviving mass: Σ count × mass over those rows, kg.
//! - Hazardous objects: those rows with impact energy ≥ 15 J; casualty area Σ count × DCA.
//! - Casualty expectation: Σ count × DCA (km²) × population density of the impact's 1° cell.
//! - Footprint: along/cross-track of every hazardous impact of every sample, each row counted
//!   `count` times (PHYSICS.md §6: N identical objects are N impacts in the footprint), as if
//!   the row were repeated; identical objects fly once, so they are stored once with their count.
//! - Percentiles: linear interpolation between order statistics, position h = (n − 1)·p on the
//!   sorted values x₀..x_{n−1} (Hyndman & Fan 1996 type 7, the default of R and NumPy).

use reentry_solver::Fate;

use crate::footprint::{GroundTrack, LonLatPolygon};
use crate::population;
use crate::record::{FragmentRow, VEHICLE_ID};

/// The p-th quantile (p in [0, 1]) of `sorted` (ascending, finite) by linear interpolation
/// between order statistics (Hyndman & Fan type 7): h = (n − 1) p, x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋).
/// `None` for an empty slice.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// [`percentile`] of the values `(x, n)`, each standing for n copies of x (n ≥ 1), without
/// making the copies: the same result as repeating every value n times. `sorted` ascending by x,
/// finite; `None` when empty.
pub fn percentile_of_counted(sorted: &[(f64, u64)], p: f64) -> Option<f64> {
    let total: u64 = sorted.iter().map(|&(_, n)| n).sum();
    if total == 0 {
        return None;
    }
    // The k-th value (0-based) of the repeated sequence.
    let at = |k: u64| {
        let mut seen = 0;
        for &(x, n) in sorted {
            seen += n;
            if k < seen {
                return x;
            }
        }
        sorted[sorted.len() - 1].0
    };
    let h = (total - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as u64;
    let hi = (lo + 1).min(total - 1);
    let (x_lo, x_hi) = (at(lo), at(hi));
    Some(x_lo + (h - lo as f64) * (x_hi - x_lo))
}

fn sorted(values: &[f64]) -> Vec<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    v
}

/// Mean in sample order (a plain left-to-right sum: the same bits for any thread count).
fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// What the risk figures need besides the rows.
#[derive(Debug, Clone)]
pub struct RiskContext {
    /// The `[target_zone]` polygon, if the scenario has one.
    pub target_zone: Option<LonLatPolygon>,
    /// Land test (latitude °, longitude °) → on land; the CLI passes
    /// `reentry_physics::earth::land::is_land`.
    pub is_land: fn(f64, f64) -> bool,
    /// Orbit-averaged population density for an uncontrolled entry, persons/km²
    /// ([`population::orbit_average_density_per_km2`]); `None` for a controlled entry.
    pub orbit_average_density_per_km2: Option<f64>,
}

/// Mean and percentiles 5, 50, 95.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// Mean.
    pub mean: Option<f64>,
    /// 5th percentile.
    pub p05: Option<f64>,
    /// Median.
    pub p50: Option<f64>,
    /// 95th percentile.
    pub p95: Option<f64>,
}

impl Spread {
    fn of(values: &[f64]) -> Spread {
        let s = sorted(values);
        Spread {
            mean: mean(values),
            p05: percentile(&s, 0.05),
            p50: percentile(&s, 0.50),
            p95: percentile(&s, 0.95),
        }
    }
}

/// The 0.15th, 50th and 99.85th percentiles (±3σ of a normal).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Box3Sigma {
    /// 0.15th percentile.
    pub p00_15: Option<f64>,
    /// Median.
    pub p50: Option<f64>,
    /// 99.85th percentile.
    pub p99_85: Option<f64>,
}

impl Box3Sigma {
    /// Of the values `(x, n)`, each counted n times.
    fn of_counted(values: &[(f64, u64)]) -> Box3Sigma {
        let mut s: Vec<(f64, u64)> = values
            .iter()
            .copied()
            .filter(|&(x, n)| x.is_finite() && n > 0)
            .collect();
        s.sort_by(|a, b| a.0.total_cmp(&b.0));
        Box3Sigma {
            p00_15: percentile_of_counted(&s, 0.0015),
            p50: percentile_of_counted(&s, 0.50),
            p99_85: percentile_of_counted(&s, 0.9985),
        }
    }
}

/// What reaches the ground of one node of the tree, over the samples of a run: which pieces
/// survive, how often and how heavy (sums in sample order, so a merge of shards adds the same
/// bits).
#[derive(Debug, Clone, PartialEq)]
pub struct Survivor {
    /// Node id (the `fragment` column; `vehicle` when it lands whole).
    pub fragment: String,
    /// Material id (`None` for the vehicle).
    pub material: Option<String>,
    /// Identical objects the node stands for.
    pub count: u32,
    /// Samples in which the node landed.
    pub samples_landed: u64,
    /// Objects landed, all samples.
    pub objects_landed: u64,
    /// Hazardous objects (≥ 15 J) landed, all samples.
    pub hazardous_objects: u64,
    /// Σ count × mass of the landed objects, kg.
    pub landed_mass_kg: f64,
    /// Σ count × impact energy of the landed objects, J.
    pub impact_energy_j: f64,
    /// Σ count × debris casualty area of the landed objects, m².
    pub casualty_area_m2: f64,
}

impl Survivor {
    /// Mass of one landed object, mean over the landings, kg.
    pub fn mass_kg_mean(&self) -> Option<f64> {
        (self.objects_landed > 0).then(|| self.landed_mass_kg / self.objects_landed as f64)
    }

    /// Impact energy of one landed object, mean over the landings, J.
    pub fn impact_energy_j_mean(&self) -> Option<f64> {
        (self.objects_landed > 0).then(|| self.impact_energy_j / self.objects_landed as f64)
    }
}

/// The statistics of a run (the figures of `summary.json`).
#[derive(Debug, Clone, PartialEq)]
pub struct RunStatistics {
    /// Samples reduced.
    pub samples: u64,
    /// Node trajectories integrated (rows of `fragments.csv`, the vehicle included).
    pub fragments_simulated: u64,
    /// Objects per fate, in [`Fate::ALL`] order.
    pub fates: [u64; 5],
    /// Surviving mass per sample, kg.
    pub surviving_mass_kg: Spread,
    /// Total casualty area per sample, m².
    pub casualty_area_m2: Spread,
    /// Mean hazardous objects per sample.
    pub hazardous_fragments_mean: Option<f64>,
    /// Most hazardous objects in one sample.
    pub hazardous_fragments_max: u64,
    /// Along-track position of hazardous impacts, km.
    pub along_track_km: Box3Sigma,
    /// Cross-track position of hazardous impacts, km.
    pub cross_track_km: Box3Sigma,
    /// The nominal sample's break-up ground track (`None` when its vehicle did not break up).
    pub nominal_track: Option<GroundTrack>,
    /// Along-track position of hazardous impacts measured along [`Self::nominal_track`], km:
    /// the geographic extent of the debris of all samples, burn dispersions included.
    pub along_nominal_track_km: Box3Sigma,
    /// Cross-track position of hazardous impacts from [`Self::nominal_track`], km.
    pub cross_nominal_track_km: Box3Sigma,
    /// Fraction of samples with a hazardous impact outside the target zone (`None` without one).
    pub p_outside_target_zone: Option<f64>,
    /// Fraction of samples with a hazardous impact on land.
    pub p_land_impact: Option<f64>,
    /// Casualty expectation per sample: mean and 95th percentile.
    pub casualty_expectation_mean: Option<f64>,
    /// 95th percentile of the casualty expectation.
    pub casualty_expectation_p95: Option<f64>,
    /// Mean total casualty area (km²) × orbit-averaged density, for uncontrolled entries.
    pub casualty_expectation_orbit_average: Option<f64>,
    /// Every node that landed in at least one sample, the heaviest contribution first (landed
    /// mass per sample, then node order).
    pub survivors: Vec<Survivor>,
}

/// Collects per-sample scalars in sample order (bounded memory: no rows are kept) and reduces
/// them to [`RunStatistics`].
#[derive(Debug, Clone)]
pub struct StatisticsAccumulator {
    context: RiskContext,
    samples: u64,
    rows: u64,
    fates: [u64; 5],
    surviving_mass_kg: Vec<f64>,
    casualty_area_m2: Vec<f64>,
    hazardous: Vec<u64>,
    casualty_expectation: Vec<f64>,
    /// Along-track position of each hazardous impact row, km, with its count.
    along_km: Vec<(f64, u64)>,
    /// Cross-track position of each hazardous impact row, km, with its count.
    cross_km: Vec<(f64, u64)>,
    nominal_track: Option<GroundTrack>,
    /// Along- and cross-track positions from the nominal track, km, with their counts.
    along_nominal_km: Vec<(f64, u64)>,
    cross_nominal_km: Vec<(f64, u64)>,
    outside_zone: u64,
    on_land: u64,
    /// Per node, in the order the rows first name them (the problem's node order).
    survivors: Vec<Survivor>,
    survivor_index: std::collections::HashMap<String, usize>,
}

impl StatisticsAccumulator {
    /// An empty accumulator.
    pub fn new(context: RiskContext) -> StatisticsAccumulator {
        StatisticsAccumulator {
            context,
            samples: 0,
            rows: 0,
            fates: [0; 5],
            surviving_mass_kg: Vec::new(),
            casualty_area_m2: Vec::new(),
            hazardous: Vec::new(),
            casualty_expectation: Vec::new(),
            along_km: Vec::new(),
            cross_km: Vec::new(),
            nominal_track: None,
            along_nominal_km: Vec::new(),
            cross_nominal_km: Vec::new(),
            outside_zone: 0,
            on_land: 0,
            survivors: Vec::new(),
            survivor_index: std::collections::HashMap::new(),
        }
    }

    /// Sets the ground track of the nominal sample's break-up, along which every sample's
    /// hazardous impacts are also measured. Call before the first [`Self::add_sample`]: rows
    /// added earlier are not measured.
    pub fn set_nominal_track(&mut self, track: Option<GroundTrack>) {
        debug_assert_eq!(
            self.samples, 0,
            "the nominal track is set before any sample"
        );
        self.nominal_track = track;
    }

    /// Adds the rows of one sample (call in sample order).
    pub fn add_sample(&mut self, rows: &[FragmentRow]) {
        self.samples += 1;
        self.rows += rows.len() as u64;
        let only_vehicle = rows.iter().all(|r| r.fragment == VEHICLE_ID);
        let mut mass = 0.0;
        let mut area = 0.0;
        let mut hazardous = 0u64;
        let mut expectation = 0.0;
        let mut outside = false;
        let mut land = false;
        for row in rows {
            let objects = u64::from(row.count);
            if let Some(k) = Fate::ALL.iter().position(|f| *f == row.fate) {
                self.fates[k] += objects;
            }
            let reaches_ground = row.landed() && (row.fragment != VEHICLE_ID || only_vehicle);
            if !reaches_ground {
                continue;
            }
            mass += f64::from(row.count) * row.mass_kg;
            self.add_survivor(row);
            if !row.hazardous() {
                continue;
            }
            hazardous += objects;
            let dca_m2 = f64::from(row.count) * row.casualty_area_m2.unwrap_or(0.0);
            area += dca_m2;
            expectation +=
                dca_m2 * 1e-6 * population::density_per_km2(row.end_lat_deg, row.end_lon_deg);
            if let (Some(a), Some(c)) = (row.downrange_km, row.crossrange_km) {
                self.along_km.push((a, objects));
                self.cross_km.push((c, objects));
            }
            // From the row's own (round-tripped) impact point, so that `reentry merge`, which
            // reads the rows back, computes the same bits.
            if let Some(o) = self.nominal_track.and_then(|t| {
                t.offset_of_geodetic(row.end_lat_deg, row.end_lon_deg, row.end_alt_km)
            }) {
                self.along_nominal_km
                    .push((o.downrange_m / 1000.0, objects));
                self.cross_nominal_km
                    .push((o.crossrange_m / 1000.0, objects));
            }
            if let Some(zone) = &self.context.target_zone {
                outside |= !zone.contains(row.end_lon_deg, row.end_lat_deg);
            }
            land |= (self.context.is_land)(row.end_lat_deg, row.end_lon_deg);
        }
        self.surviving_mass_kg.push(mass);
        self.casualty_area_m2.push(area);
        self.hazardous.push(hazardous);
        self.casualty_expectation.push(expectation);
        self.outside_zone += u64::from(outside);
        self.on_land += u64::from(land);
    }

    /// Adds one landed row to its node's [`Survivor`].
    fn add_survivor(&mut self, row: &FragmentRow) {
        let k = match self.survivor_index.get(&row.fragment) {
            Some(&k) => k,
            None => {
                self.survivors.push(Survivor {
                    fragment: row.fragment.clone(),
                    material: row.material.clone(),
                    count: row.count,
                    samples_landed: 0,
                    objects_landed: 0,
                    hazardous_objects: 0,
                    landed_mass_kg: 0.0,
                    impact_energy_j: 0.0,
                    casualty_area_m2: 0.0,
                });
                self.survivor_index
                    .insert(row.fragment.clone(), self.survivors.len() - 1);
                self.survivors.len() - 1
            }
        };
        let objects = u64::from(row.count);
        let n = f64::from(row.count);
        let s = &mut self.survivors[k];
        s.samples_landed += 1;
        s.objects_landed += objects;
        if row.hazardous() {
            s.hazardous_objects += objects;
        }
        s.landed_mass_kg += n * row.mass_kg;
        s.impact_energy_j += n * row.impact_energy_j.unwrap_or(0.0);
        s.casualty_area_m2 += n * row.casualty_area_m2.unwrap_or(0.0);
    }

    /// Samples added so far.
    pub fn samples(&self) -> u64 {
        self.samples
    }

    /// The statistics of the samples added.
    pub fn finish(&self) -> RunStatistics {
        let n = self.samples as f64;
        let fraction = |k: u64| (self.samples > 0).then(|| k as f64 / n);
        let hazardous: Vec<f64> = self.hazardous.iter().map(|&h| h as f64).collect();
        let expectation_sorted = sorted(&self.casualty_expectation);
        let area = Spread::of(&self.casualty_area_m2);
        RunStatistics {
            samples: self.samples,
            fragments_simulated: self.rows,
            fates: self.fates,
            surviving_mass_kg: Spread::of(&self.surviving_mass_kg),
            casualty_area_m2: area,
            hazardous_fragments_mean: mean(&hazardous),
            hazardous_fragments_max: self.hazardous.iter().copied().max().unwrap_or(0),
            along_track_km: Box3Sigma::of_counted(&self.along_km),
            cross_track_km: Box3Sigma::of_counted(&self.cross_km),
            nominal_track: self.nominal_track,
            along_nominal_track_km: Box3Sigma::of_counted(&self.along_nominal_km),
            cross_nominal_track_km: Box3Sigma::of_counted(&self.cross_nominal_km),
            p_outside_target_zone: self
                .context
                .target_zone
                .as_ref()
                .and_then(|_| fraction(self.outside_zone)),
            p_land_impact: fraction(self.on_land),
            casualty_expectation_mean: mean(&self.casualty_expectation),
            casualty_expectation_p95: percentile(&expectation_sorted, 0.95),
            casualty_expectation_orbit_average: self
                .context
                .orbit_average_density_per_km2
                .and_then(|d| area.mean.map(|a| a * 1e-6 * d)),
            survivors: {
                let mut survivors = self.survivors.clone();
                // Stable: equal masses keep node order.
                survivors.sort_by(|a, b| b.landed_mass_kg.total_cmp(&a.landed_mass_kg));
                survivors
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_type_7() {
        // NumPy: np.percentile([1, 2, 3, 4], [0, 25, 50, 95, 100]) = [1, 1.75, 2.5, 3.85, 4].
        let v = [1.0, 2.0, 3.0, 4.0];
        let expected = [
            (0.0, 1.0),
            (0.25, 1.75),
            (0.5, 2.5),
            (0.95, 3.85),
            (1.0, 4.0),
        ];
        for (p, x) in expected {
            assert!((percentile(&v, p).unwrap() - x).abs() < 1e-12, "p {p}");
        }
        assert_eq!(percentile(&[], 0.5), None);
        assert_eq!(percentile(&[7.0], 0.9985), Some(7.0));
    }

    /// Counted values give exactly the percentiles of the values repeated.
    #[test]
    fn counted_percentile_is_the_percentile_of_the_repetition() {
        let counted = [(-3.0, 1), (1.0, 4), (2.5, 1), (10.0, 3)];
        let repeated: Vec<f64> = counted
            .iter()
            .flat_map(|&(x, n)| std::iter::repeat_n(x, n as usize))
            .collect();
        for p in [0.0, 0.0015, 0.1, 0.25, 0.5, 0.77, 0.9985, 1.0] {
            assert_eq!(
                percentile_of_counted(&counted, p),
                percentile(&repeated, p),
                "p {p}"
            );
        }
        assert_eq!(percentile_of_counted(&[], 0.5), None);
    }

    fn row(
        sample: u64,
        id: &str,
        fate: Fate,
        count: u32,
        energy: Option<f64>,
        lat: f64,
        lon: f64,
    ) -> FragmentRow {
        FragmentRow {
            sample,
            fragment: id.into(),
            parent: (id != VEHICLE_ID).then(|| VEHICLE_ID.to_string()),
            count,
            material: None,
            shape: "sphere".into(),
            fate,
            release_alt_km: None,
            end_time_s: 0.0,
            end_lat_deg: lat,
            end_lon_deg: lon,
            end_alt_km: 0.0,
            demise_alt_km: None,
            impact_speed_m_s: energy.map(|_| 100.0),
            mass_kg: 10.0,
            impact_energy_j: energy,
            casualty_area_m2: energy.map(|e| if e >= 15.0 { 1.0 } else { 0.0 }),
            peak_heat_flux_w_m2: None,
            peak_temperature_k: None,
            peak_decel_g: 0.0,
            downrange_km: energy.map(|_| 100.0 * sample as f64),
            crossrange_km: energy.map(|_| -1.0),
        }
    }

    #[test]
    fn risk_figures_by_hand() {
        let zone = LonLatPolygon::new(&[
            [-165.0, -36.0],
            [-105.0, -36.0],
            [-105.0, -56.0],
            [-165.0, -56.0],
        ]);
        let context = RiskContext {
            target_zone: Some(zone),
            is_land: |lat, _lon| lat > 0.0,
            orbit_average_density_per_km2: Some(10.0),
        };
        let mut acc = StatisticsAccumulator::new(context);
        // Sample 0: 2 hazardous objects in the zone, one harmless landed object, one demised.
        acc.add_sample(&[
            row(0, VEHICLE_ID, Fate::BrokeUp, 1, None, -40.0, -140.0),
            row(0, "tank", Fate::Landed, 2, Some(1e6), -45.0, -140.0),
            row(0, "bolt", Fate::Landed, 1, Some(10.0), -45.0, -140.0),
            row(0, "panel", Fate::Demised, 3, None, -45.0, -140.0),
        ]);
        // Sample 1: one hazardous object on land (Ganges plain) outside the zone.
        acc.add_sample(&[
            row(1, VEHICLE_ID, Fate::BrokeUp, 1, None, -40.0, -140.0),
            row(1, "tank", Fate::Landed, 1, Some(1e6), 25.5, 85.5),
        ]);
        let s = acc.finish();
        assert_eq!(s.samples, 2);
        assert_eq!(s.fragments_simulated, 6);
        // demised, landed, broke-up, time-limit, non-finite (objects)
        assert_eq!(s.fates, [3, 4, 2, 0, 0]);
        assert_eq!(s.surviving_mass_kg.mean, Some((30.0 + 10.0) / 2.0));
        assert_eq!(s.casualty_area_m2.mean, Some((2.0 + 1.0) / 2.0));
        assert_eq!(s.hazardous_fragments_max, 2);
        assert_eq!(s.hazardous_fragments_mean, Some(1.5));
        assert_eq!(s.p_outside_target_zone, Some(0.5));
        assert_eq!(s.p_land_impact, Some(0.5));
        let density = population::density_per_km2(25.5, 85.5);
        let e1 = 1.0 * 1e-6 * density;
        assert_eq!(s.casualty_expectation_mean, Some(e1 / 2.0));
        assert_eq!(
            s.casualty_expectation_orbit_average,
            Some(1.5 * 1e-6 * 10.0)
        );
        // Footprint: the two tanks of sample 0 at downrange 0, the tank of sample 1 at 100
        // (sample index × 100 in this fixture): the objects 0, 0, 100.
        assert_eq!(s.along_track_km.p50, Some(0.0));
        let p99_85 = s.along_track_km.p99_85.unwrap();
        assert!((p99_85 - 99.7).abs() < 1e-12, "{p99_85}");
        assert_eq!(s.cross_track_km.p00_15, Some(-1.0));
        // Survivors: the tank landed in both samples (2 + 1 objects, 10 kg each, 1e6 J), the
        // bolt in one (below 15 J: not hazardous); heaviest first.
        let ids: Vec<&str> = s.survivors.iter().map(|v| v.fragment.as_str()).collect();
        assert_eq!(ids, ["tank", "bolt"]);
        let tank = &s.survivors[0];
        assert_eq!(
            (
                tank.samples_landed,
                tank.objects_landed,
                tank.hazardous_objects
            ),
            (2, 3, 3)
        );
        assert_eq!(tank.landed_mass_kg, 30.0);
        assert_eq!(tank.mass_kg_mean(), Some(10.0));
        assert_eq!(tank.impact_energy_j_mean(), Some(1e6));
        assert_eq!(tank.casualty_area_m2, 3.0);
        let bolt = &s.survivors[1];
        assert_eq!((bolt.samples_landed, bolt.hazardous_objects), (1, 0));
        let landed: f64 = s.survivors.iter().map(|v| v.landed_mass_kg).sum();
        assert_eq!(Some(landed / 2.0), s.surviving_mass_kg.mean);
    }

    /// Along the nominal track, every sample's impacts are measured from one great circle: an
    /// impact 1° of longitude east of a break-up on the equator, flying east, is 111.2 km down
    /// track, whatever the sample's own break-up.
    #[test]
    fn footprint_along_the_nominal_track() {
        let context = RiskContext {
            target_zone: None,
            is_land: |_, _| false,
            orbit_average_density_per_km2: None,
        };
        let mut acc = StatisticsAccumulator::new(context);
        let equator_m = reentry_physics::earth::reference::ecef_from_geodetic(0.0, 0.0, 78e3);
        acc.set_nominal_track(Some(GroundTrack {
            breakup_ecef_m: equator_m,
            // East and descending: the track is the equator.
            breakup_velocity_ecef_m_s: [-100.0, 7000.0, 0.0],
        }));
        acc.add_sample(&[row(0, "tank", Fate::Landed, 3, Some(1e6), 0.0, 1.0)]);
        acc.add_sample(&[row(1, "tank", Fate::Landed, 1, Some(1e6), 0.5, 3.0)]);
        let s = acc.finish();
        let degree_km = crate::footprint::EARTH_MEAN_RADIUS_M * 1e-3 * 1f64.to_radians();
        // Objects at 1°, 1°, 1° and 3° east.
        let along = s.along_nominal_track_km;
        assert!(
            (along.p00_15.unwrap() - degree_km).abs() < 1e-6,
            "{along:?}"
        );
        assert!((along.p50.unwrap() - degree_km).abs() < 1e-6, "{along:?}");
        assert!(
            (along.p99_85.unwrap() - 3.0 * degree_km).abs() < 2.0,
            "{along:?}"
        );
        // 0.5° geodetic north of the track (0.4967° geocentric, the sphere's measure) is left of
        // it (cross track is right positive); p00_15 lies 0.45 % of the way to the next value, 0.
        let cross = s.cross_nominal_track_km;
        assert!(cross.p50.unwrap().abs() < 1e-6, "{cross:?}");
        let left_km = 0.4967 * degree_km * (1.0 - 0.0045);
        assert!((cross.p00_15.unwrap() + left_km).abs() < 0.05, "{cross:?}");
        // The rows' own (per-sample) along-track figures are untouched.
        assert_eq!(s.along_track_km.p50, Some(0.0));
    }
}
