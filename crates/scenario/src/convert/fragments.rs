//! `[vehicle]`, `[[material]]` and `[[fragment]]`: shapes, materials, masses and the tree order.

#![allow(clippy::result_large_err)] // see convert/mod.rs

use super::*;
use reentry_physics::aero::FREE_MOLECULAR_DRAG_COEFFICIENT;

/// A fragment may weigh at most this factor times (solid volume × material density). The check
/// catches unit slips (grams for kilograms, centimetres for metres: factors of 10 to 10⁶) while
/// accepting composite items modelled as one material: the flagship's radiator panel (a plate
/// with its pipes and coolant) weighs 1.25 × its solid AMg6 plate.
pub const MASS_OVER_SOLID_TOLERANCE: f64 = 2.0;

/// The smallest ballistic coefficient m/(C_D A) of a fragment or of the vehicle, kg/m²: about
/// that of a tumbling sheet of the thinnest solar-sail film (a few µm, near 10 g/m²), which no
/// re-entry analysis models as an object of its own. Lighter objects hang in the air for days at
/// integration steps of hundredths of a second (a run took minutes), and where they meet the
/// air fast their speed relaxes in nanoseconds, below the smallest step (`non-finite`).
pub const MIN_BALLISTIC_COEFFICIENT_KG_M2: f64 = 0.01;

/// The relative slack of the lower bounds below: the rounding of the products that make them
/// (0.01 × 1.8 × 10 000 is 180.00000000000003) never rejects the round value.
pub(super) const LOWER_BOUND_SLACK: f64 = 1e-9;

/// Rounds a lower bound up for display in messages (4 significant digits), so that the value
/// shown is itself allowed (within [`LOWER_BOUND_SLACK`]).
pub(super) fn float_round_up(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 4 - x.abs().log10().ceil() as i32;
    let scale = 10f64.powi(digits);
    (x * (1.0 - LOWER_BOUND_SLACK) * scale).ceil() / scale
}

/// The lightest mass a fragment may have, kg: [`MIN_BALLISTIC_COEFFICIENT_KG_M2`] × its largest
/// drag coefficient (its own constant `cd`, or the free-molecular end of the bridged model, which
/// its continuum curve stays below, times `cd_scale`) × its reference area (`area_m2`, or S/4 of
/// its shape).
pub(super) fn lightest_fragment_kg(
    drag_coefficient: Option<f64>,
    cd_scale: f64,
    reference_area_m2: Option<f64>,
    shape: &Shape,
) -> f64 {
    let cd_max = drag_coefficient.unwrap_or(FREE_MOLECULAR_DRAG_COEFFICIENT) * cd_scale;
    let area_m2 = reference_area_m2.unwrap_or_else(|| shape.geometry().reference_area_m2);
    MIN_BALLISTIC_COEFFICIENT_KG_M2 * cd_max * area_m2
}

/// How an object is referred to in messages.
pub(super) fn fragment_item(index: usize, id: Option<&str>) -> Option<String> {
    Some(match id {
        Some(id) => format!("fragment \"{id}\""),
        None => format!("fragment #{}", index + 1),
    })
}

/// The vehicle, if any.
pub(super) fn convert_vehicle(
    ctx: &Ctx<'_>,
    file: &ScenarioFile,
    initial: &Initial,
) -> Result<Option<Vehicle>, ScenarioError> {
    let Some(table) = &file.vehicle else {
        return Ok(None);
    };
    let v = table.get_ref();
    let span = table.span();
    let get = |value: &Option<S<f64>>, key: &str| -> Result<f64, ScenarioError> {
        let x = ctx.required(value, key, None, span.clone())?;
        ctx.number(x, key, None)
    };
    let breakup_km = match &v.breakup_altitude_km {
        Some(b) => {
            let km = ctx.number(b, "vehicle.breakup_altitude_km", None)?;
            below_initial(ctx, b, "vehicle.breakup_altitude_km", None, initial)?;
            km
        }
        None => {
            let km = 78.0;
            if km * 1e3 >= initial.altitude_m {
                return Err(ctx.invalid(
                    span,
                    "vehicle.breakup_altitude_km",
                    None,
                    "78",
                    format!(
                        "the default break-up altitude of 78 km is not below the initial altitude ({} km)",
                        keys::number((initial.altitude_m / 1e3 * 1e3).round() / 1e3)
                    ),
                    "a breakup_altitude_km below the initial altitude".into(),
                ));
            }
            km
        }
    };
    Ok(Some(Vehicle {
        name: v
            .name
            .as_ref()
            .map_or_else(|| "vehicle".to_string(), |n| n.get_ref().clone()),
        mass_kg: get(&v.mass_kg, "vehicle.mass_kg")?,
        drag_coefficient: get(&v.cd, "vehicle.cd")?,
        reference_area_m2: get(&v.area_m2, "vehicle.area_m2")?,
        breakup_altitude_m: breakup_km * 1e3,
        lift_to_drag: ctx.number_or(&v.lift_to_drag, "vehicle.lift_to_drag", None, 0.0)?,
    }))
}

/// The material table of a scenario: built-in entries, overridden or extended by `[[material]]`.
pub(super) fn convert_materials(
    ctx: &Ctx<'_>,
    file: &ScenarioFile,
) -> Result<Vec<MaterialEntry>, ScenarioError> {
    let mut table: Vec<MaterialEntry> = materials::builtin().to_vec();
    let mut seen: Vec<String> = Vec::new();
    for m in &file.material {
        let entry = materials::entry_from_table(ctx, m, false)?;
        let id = entry.material.id.clone();
        if seen.contains(&id) {
            let span = m.get_ref().id.as_ref().map_or(m.span(), |s| s.span());
            return Err(ctx.invalid(
                span,
                "material.id",
                None,
                &id,
                format!("material \"{id}\" is defined twice in this file"),
                "each [[material]] id once".into(),
            ));
        }
        seen.push(id.clone());
        match table.iter_mut().find(|e| e.material.id == id) {
            Some(existing) => *existing = entry,
            None => table.push(entry),
        }
    }
    Ok(table)
}

/// Volume of a shape, m³ (PHYSICS.md §3 table).
pub(super) fn volume_m3(shape: &Shape) -> f64 {
    use std::f64::consts::PI;
    match *shape {
        Shape::Sphere { diameter_m } => PI * diameter_m.powi(3) / 6.0,
        Shape::Cylinder {
            diameter_m,
            length_m,
        } => PI * diameter_m * diameter_m * length_m / 4.0,
        Shape::Box {
            length_m,
            width_m,
            height_m,
        } => length_m * width_m * height_m,
        Shape::Plate {
            length_m,
            width_m,
            thickness_m,
        } => length_m * width_m * thickness_m,
    }
}

/// The shape of a fragment: the dimensions its shape needs, and no others.
pub(super) fn convert_shape(
    ctx: &Ctx<'_>,
    t: &S<FragmentTable>,
    item: Option<String>,
) -> Result<Shape, ScenarioError> {
    let f = t.get_ref();
    let shape_value = ctx.required(&f.shape, "fragment.shape", item.clone(), t.span())?;
    #[derive(Clone, Copy)]
    enum Kind {
        Sphere,
        Cylinder,
        Box,
        Plate,
    }
    let kind = ctx.choice(
        shape_value,
        "fragment.shape",
        item.clone(),
        &[
            ("sphere", Kind::Sphere),
            ("cylinder", Kind::Cylinder),
            ("box", Kind::Box),
            ("plate", Kind::Plate),
        ],
    )?;
    let dims: [(&str, &Option<S<f64>>); 5] = [
        ("diameter_m", &f.diameter_m),
        ("length_m", &f.length_m),
        ("width_m", &f.width_m),
        ("height_m", &f.height_m),
        ("thickness_m", &f.thickness_m),
    ];
    let needed: &[&str] = match kind {
        Kind::Sphere => &["diameter_m"],
        Kind::Cylinder => &["diameter_m", "length_m"],
        Kind::Box => &["length_m", "width_m", "height_m"],
        Kind::Plate => &["length_m", "width_m", "thickness_m"],
    };
    let shape_name = shape_value.get_ref().as_str();
    let mut values = [0.0; 5];
    for (i, (name, value)) in dims.iter().enumerate() {
        let key = format!("fragment.{name}");
        match value {
            Some(v) if !needed.contains(name) => {
                return Err(ctx.invalid(
                    v.span(),
                    &key,
                    item.clone(),
                    &v.get_ref().to_string(),
                    format!("{name} does not apply to a {shape_name}"),
                    format!("for a {shape_name}: {}", needed.join(", ")),
                ));
            }
            Some(v) => values[i] = ctx.number(v, &key, item.clone())?,
            None if needed.contains(name) => {
                return Err(ScenarioError::MissingKey {
                    location: ctx.loc(shape_value.span()),
                    key,
                    item: item.clone(),
                    allowed: format!(
                        "a {shape_name} needs {} ({})",
                        needed.join(", "),
                        keys::allowed("fragment.diameter_m")
                    ),
                });
            }
            None => {}
        }
    }
    let [diameter_m, length_m, width_m, height_m, thickness_m] = values;
    Ok(match kind {
        Kind::Sphere => Shape::Sphere { diameter_m },
        Kind::Cylinder => Shape::Cylinder {
            diameter_m,
            length_m,
        },
        Kind::Box => Shape::Box {
            length_m,
            width_m,
            height_m,
        },
        Kind::Plate => Shape::Plate {
            length_m,
            width_m,
            thickness_m,
        },
    })
}

/// Parent reference as written, before ordering.
#[derive(Debug, Clone)]
pub(super) enum ParentRef {
    None,
    Vehicle,
    Id(String, Range<usize>),
}

/// The fragments, validated and ordered parents-before-children.
pub(super) fn convert_fragments(
    ctx: &Ctx<'_>,
    file: &ScenarioFile,
    has_vehicle: bool,
    materials: &[MaterialEntry],
    initial: &Initial,
) -> Result<Vec<FragmentSpec>, ScenarioError> {
    let mut specs: Vec<(FragmentSpec, ParentRef)> = Vec::with_capacity(file.fragment.len());
    let mut ids: HashMap<String, usize> = HashMap::new();
    for (index, t) in file.fragment.iter().enumerate() {
        let f = t.get_ref();
        let id_value = ctx.required(&f.id, "fragment.id", fragment_item(index, None), t.span())?;
        let id = ctx.identifier(id_value, "fragment.id", fragment_item(index, None))?;
        let item = fragment_item(index, Some(&id));
        if id == "vehicle" {
            return Err(ctx.invalid(
                id_value.span(),
                "fragment.id",
                item,
                &id,
                "\"vehicle\" is reserved for the intact vehicle".into(),
                keys::allowed("fragment.id"),
            ));
        }
        if let Some(first) = ids.insert(id.clone(), index) {
            return Err(ctx.invalid(
                id_value.span(),
                "fragment.id",
                item,
                &id,
                format!(
                    "fragment id \"{id}\" is used twice (also by fragment #{})",
                    first + 1
                ),
                keys::allowed("fragment.id"),
            ));
        }
        let parent = match &f.parent {
            None if has_vehicle => ParentRef::Vehicle,
            None => ParentRef::None,
            Some(p) if p.get_ref() == "vehicle" => {
                if !has_vehicle {
                    return Err(ctx.invalid(
                        p.span(),
                        "fragment.parent",
                        item,
                        p.get_ref(),
                        "parent \"vehicle\" but the file has no [vehicle] table".into(),
                        "the id of another fragment, or a [vehicle] table".into(),
                    ));
                }
                ParentRef::Vehicle
            }
            Some(p) => ParentRef::Id(p.get_ref().clone(), p.span()),
        };
        let shape = convert_shape(ctx, t, item.clone())?;
        let material_value =
            ctx.required(&f.material, "fragment.material", item.clone(), t.span())?;
        let Some(material) = materials
            .iter()
            .find(|m| &m.material.id == material_value.get_ref())
        else {
            let known: Vec<&str> = materials.iter().map(|m| m.material.id.as_str()).collect();
            return Err(ctx.invalid(
                material_value.span(),
                "fragment.material",
                item,
                material_value.get_ref(),
                format!("unknown material \"{}\"", material_value.get_ref()),
                format!("{} (or a [[material]] table defining it)", known.join(", ")),
            ));
        };
        let material = material.material.clone();
        let mass_value = ctx.required(&f.mass_kg, "fragment.mass_kg", item.clone(), t.span())?;
        let mass_kg = ctx.number(mass_value, "fragment.mass_kg", item.clone())?;
        let solid_kg = volume_m3(&shape) * material.density_kg_m3;
        if mass_kg > MASS_OVER_SOLID_TOLERANCE * solid_kg {
            return Err(ctx.out_of_range_because(
                mass_value.span(),
                "fragment.mass_kg",
                item,
                mass_kg,
                format!(
                    "at most {} kg: {MASS_OVER_SOLID_TOLERANCE} × the solid {} of {} ({} kg at {} kg/m3)",
                    keys::number(float_round(MASS_OVER_SOLID_TOLERANCE * solid_kg)),
                    shape.name(),
                    material.id,
                    keys::number(float_round(solid_kg)),
                    material.density_kg_m3
                ),
            ));
        }
        let opt = |v: &Option<S<f64>>, key: &str| -> Result<Option<f64>, ScenarioError> {
            v.as_ref()
                .map(|x| ctx.number(x, key, item.clone()))
                .transpose()
        };
        let drag_coefficient = opt(&f.cd, "fragment.cd")?;
        let cd_scale = opt(&f.cd_scale, "fragment.cd_scale")?.unwrap_or(1.0);
        let reference_area_m2 = opt(&f.area_m2, "fragment.area_m2")?;
        let lightest_kg =
            lightest_fragment_kg(drag_coefficient, cd_scale, reference_area_m2, &shape);
        if mass_kg < lightest_kg * (1.0 - LOWER_BOUND_SLACK) {
            let cd_text = match drag_coefficient {
                Some(cd) => format!("cd {}", keys::number(cd)),
                None => format!(
                    "{} (free-molecular, the drag model's largest)",
                    keys::number(FREE_MOLECULAR_DRAG_COEFFICIENT)
                ),
            };
            let area_text = match reference_area_m2 {
                Some(a) => format!("area_m2 {} m2", keys::number(a)),
                None => format!(
                    "{} m2 (S/4 of the {})",
                    keys::number(float_round(shape.geometry().reference_area_m2)),
                    shape.name()
                ),
            };
            return Err(ctx.out_of_range_because(
                mass_value.span(),
                "fragment.mass_kg",
                item,
                mass_kg,
                format!(
                    "at least {} kg: a ballistic coefficient m/(C_D A) of at least {} kg/m2 with C_D = {cd_text} × cd_scale {} and A = {area_text} (lighter is a film that floats for days, not an object that re-enters)",
                    keys::number(float_round_up(lightest_kg)),
                    keys::number(MIN_BALLISTIC_COEFFICIENT_KG_M2),
                    keys::number(cd_scale),
                ),
            ));
        }
        let count = match &f.count {
            None => 1,
            Some(c) => {
                let n = *c.get_ref();
                let spec_ok = keys::spec("fragment.count").is_some_and(|s| s.contains(n as f64));
                if !spec_ok {
                    return Err(ctx.out_of_range(c.span(), "fragment.count", item, n as f64));
                }
                u32::try_from(n).unwrap_or(u32::MAX)
            }
        };
        let release_altitude_m = match &f.release_altitude_km {
            None => None,
            Some(r) => {
                let km = ctx.number(r, "fragment.release_altitude_km", item.clone())?;
                if matches!(parent, ParentRef::None) {
                    return Err(ctx.invalid(
                        r.span(),
                        "fragment.release_altitude_km",
                        item,
                        &km.to_string(),
                        "a fragment without parent starts at the initial state: a release altitude has no meaning".into(),
                        "release_altitude_km only on a fragment with a parent (or a [vehicle])".into(),
                    ));
                }
                below_initial(
                    ctx,
                    r,
                    "fragment.release_altitude_km",
                    item.clone(),
                    initial,
                )?;
                Some(km * 1e3)
            }
        };
        let initial_temperature_k = match &f.initial_temperature_k {
            None => 300.0,
            Some(v) => {
                let k = ctx.number(v, "fragment.initial_temperature_k", item.clone())?;
                if k >= material.melt_temperature_k {
                    return Err(ctx.out_of_range_because(
                        v.span(),
                        "fragment.initial_temperature_k",
                        item,
                        k,
                        format!(
                            "{}, below the melt temperature of {} ({} K)",
                            keys::allowed("fragment.initial_temperature_k"),
                            material.id,
                            material.melt_temperature_k
                        ),
                    ));
                }
                k
            }
        };
        let spec = FragmentSpec {
            id: id.clone(),
            parent: Parent::None,
            count,
            shape,
            material,
            hollow: f.hollow.as_ref().is_some_and(|h| *h.get_ref()),
            mass_kg,
            release_altitude_m,
            drag_coefficient,
            cd_scale,
            reference_area_m2,
            nose_radius_m: opt(&f.nose_radius_m, "fragment.nose_radius_m")?,
            heat_scale: opt(&f.heat_scale, "fragment.heat_scale")?.unwrap_or(1.0),
            emissivity_scale: opt(&f.emissivity_scale, "fragment.emissivity_scale")?.unwrap_or(1.0),
            initial_temperature_k,
            separation_velocity_ecef_m_s: [0.0; 3],
        };
        specs.push((spec, parent));
    }
    order_tree(ctx, specs, &ids)
}

/// The vehicle at its lightest, after its burns and less every fragment it releases in flight,
/// keeps a ballistic coefficient of at least [`MIN_BALLISTIC_COEFFICIENT_KG_M2`], or nothing at
/// all (fragments that make up its whole mass: it comes apart at its last release). Run after
/// [`super::check_fragment_mass`], so that the fragments do not outweigh it.
pub(super) fn check_vehicle_ballistic_coefficient(
    ctx: &Ctx<'_>,
    file: &ScenarioFile,
    vehicle: Option<&Vehicle>,
    fragments: &[FragmentSpec],
    burns: &[Burn],
) -> Result<(), ScenarioError> {
    let Some(vehicle) = vehicle else {
        return Ok(());
    };
    let after_burns_kg = Burn::mass_after_all_kg(burns, vehicle.mass_kg);
    let released: Vec<usize> = (0..fragments.len())
        .filter(|&i| {
            fragments[i].parent == Parent::Vehicle && fragments[i].release_altitude_m.is_some()
        })
        .collect();
    let released_kg: f64 = released
        .iter()
        .map(|&i| reentry_solver::subtree_mass_kg(fragments, i))
        .sum();
    let lightest_kg = after_burns_kg - released_kg;
    // The solver's own rule for a vehicle that has released all it was made of.
    let nothing_left = !released.is_empty()
        && lightest_kg <= reentry_solver::flight::RELEASE_RESIDUE_FRACTION * after_burns_kg;
    let needed_kg =
        MIN_BALLISTIC_COEFFICIENT_KG_M2 * vehicle.drag_coefficient * vehicle.reference_area_m2;
    if nothing_left || lightest_kg >= needed_kg * (1.0 - LOWER_BOUND_SLACK) {
        return Ok(());
    }
    let span = super::vehicle_mass_span(file);
    // m0 r − released ≥ needed, with r the mass ratio of the burns.
    let ratio = after_burns_kg / vehicle.mass_kg;
    let smallest_kg = (needed_kg + released_kg) / ratio;
    let after_burns = if burns.is_empty() {
        ""
    } else {
        " after its burns"
    };
    let (less, or_nothing) = if released.is_empty() {
        (String::new(), "")
    } else {
        let ids: Vec<&str> = released.iter().map(|&i| fragments[i].id.as_str()).collect();
        (
            format!(" less what it releases in flight ({})", ids.join(", ")),
            ", or just the mass of its fragments (it comes apart at its last release)",
        )
    };
    Err(ctx.out_of_range_because(
        span,
        "vehicle.mass_kg",
        None,
        vehicle.mass_kg,
        format!(
            "at least {} kg{or_nothing}: the vehicle{after_burns}{less} needs a ballistic coefficient m/(C_D A) of at least {} kg/m2 with C_D = cd {} and A = area_m2 {} m2 (lighter is a film that floats for days, not an object that re-enters)",
            keys::number(float_round_up(smallest_kg)),
            keys::number(MIN_BALLISTIC_COEFFICIENT_KG_M2),
            keys::number(vehicle.drag_coefficient),
            keys::number(vehicle.reference_area_m2),
        ),
    ))
}

/// Rounds for display in messages (4 significant digits).
pub(super) fn float_round(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 4 - x.abs().log10().ceil() as i32;
    let scale = 10f64.powi(digits);
    (x * scale).round() / scale
}

/// Resolves parent ids, detects cycles (naming them), and orders nodes parents-before-children,
/// keeping file order otherwise.
pub(super) fn order_tree(
    ctx: &Ctx<'_>,
    specs: Vec<(FragmentSpec, ParentRef)>,
    ids: &HashMap<String, usize>,
) -> Result<Vec<FragmentSpec>, ScenarioError> {
    // Parent index in file order.
    let mut parent_index: Vec<Option<usize>> = Vec::with_capacity(specs.len());
    for (spec, parent) in &specs {
        parent_index.push(match parent {
            ParentRef::Id(name, span) => match ids.get(name) {
                Some(&p) => Some(p),
                None => {
                    let mut known: Vec<&str> = ids.keys().map(String::as_str).collect();
                    known.sort_unstable();
                    return Err(ctx.invalid(
                        span.clone(),
                        "fragment.parent",
                        Some(format!("fragment \"{}\"", spec.id)),
                        name,
                        format!("parent \"{name}\" does not exist"),
                        format!(
                            "\"vehicle\" (with a [vehicle]) or a fragment id: {}",
                            known.join(", ")
                        ),
                    ));
                }
            },
            _ => None,
        });
    }
    let n = specs.len();
    let mut new_index: Vec<Option<usize>> = vec![None; n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    loop {
        let before = order.len();
        for i in 0..n {
            if new_index[i].is_none() && parent_index[i].is_none_or(|p| new_index[p].is_some()) {
                new_index[i] = Some(order.len());
                order.push(i);
            }
        }
        if order.len() == n {
            break;
        }
        if order.len() == before {
            // Every unplaced node descends from a cycle: walk up from the first one until a node
            // repeats, then name the cycle.
            let start = (0..n).find(|&i| new_index[i].is_none()).unwrap_or(0);
            let mut seen = vec![start];
            let mut at = start;
            while let Some(p) = parent_index[at] {
                if let Some(pos) = seen.iter().position(|&s| s == p) {
                    let cycle: Vec<&str> = seen[pos..]
                        .iter()
                        .chain(std::iter::once(&p))
                        .map(|&i| specs[i].0.id.as_str())
                        .collect();
                    let first = seen[pos];
                    let span = match &specs[first].1 {
                        ParentRef::Id(_, span) => span.clone(),
                        _ => 0..0,
                    };
                    return Err(ctx.invalid(
                        span,
                        "fragment.parent",
                        Some(format!("fragment \"{}\"", specs[first].0.id)),
                        &specs[parent_index[first].unwrap_or(first)].0.id,
                        format!("the parents form a cycle: {}", cycle.join(" → ")),
                        "a tree: every chain of parents ends at the vehicle or at a fragment without parent".into(),
                    ));
                }
                seen.push(p);
                at = p;
            }
            break;
        }
    }
    let mut slots: Vec<Option<(FragmentSpec, ParentRef)>> = specs.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(n);
    for &i in &order {
        let Some((mut spec, parent)) = slots[i].take() else {
            continue;
        };
        spec.parent = match parent {
            ParentRef::None => Parent::None,
            ParentRef::Vehicle => Parent::Vehicle,
            ParentRef::Id(..) => match parent_index[i].and_then(|p| new_index[p]) {
                Some(p) => Parent::Fragment(p),
                None => Parent::None,
            },
        };
        out.push(spec);
    }
    Ok(out)
}
