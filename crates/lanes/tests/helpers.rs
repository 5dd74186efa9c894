//! Masks, selects, padding and gathers of `reentry_lanes`.

use reentry_lanes::{
    F64s, LANES, gather, load_padded, mask_from_bools, mask_to_bools, select, to_indices,
};

#[test]
fn masks_round_trip_and_select_per_lane() {
    let bools: [bool; LANES] = std::array::from_fn(|i| i % 3 == 0);
    let mask = mask_from_bools(bools);
    assert_eq!(mask_to_bools(mask), bools);
    let picked = select(mask, F64s::ONE, F64s::ZERO).to_array();
    for i in 0..LANES {
        assert_eq!(picked[i], if bools[i] { 1.0 } else { 0.0 });
    }
}

#[test]
fn padding_fills_missing_lanes() {
    let a = load_padded(&[1.0, 2.0], 9.0).to_array();
    assert_eq!(&a[..3], &[1.0, 2.0, 9.0]);
    assert_eq!(a[LANES - 1], 9.0);
}

#[test]
fn indices_are_clamped_and_never_out_of_range() {
    let x = F64s::from([-3.0, f64::NAN, 0.0, 0.999, 1.0, 4.5, 1e300, f64::INFINITY]);
    assert_eq!(to_indices(x, 4), [0, 0, 0, 0, 1, 4, 4, 4]);
    let table = [10.0, 11.0, 12.0, 13.0, 14.0];
    assert_eq!(
        gather(&table, &to_indices(x, 4)).to_array(),
        [10.0, 10.0, 10.0, 10.0, 11.0, 14.0, 14.0, 14.0]
    );
}
