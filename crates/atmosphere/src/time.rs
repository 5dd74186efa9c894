//! UTC epochs.
//!
//! An [`Epoch`] counts UTC seconds since 2000-01-01T12:00:00 UTC with every day 86 400 s long
//! (leap seconds are not counted; UT1 = UTC unless the caller shifts it). That is the time scale
//! of day-of-year/UT inputs of NRLMSISE-00 and of GMST with UT1 ≈ UTC.

/// Seconds per day.
pub const SECONDS_PER_DAY: f64 = 86_400.0;

/// Julian date of the J2000 origin used here (2000-01-01T12:00:00 UTC).
pub const J2000_JULIAN_DATE: f64 = 2_451_545.0;

/// A UTC instant, seconds since 2000-01-01T12:00:00 UTC (86 400 s days).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Epoch {
    /// Seconds since 2000-01-01T12:00:00 UTC.
    pub j2000_s: f64,
}

/// Days from 1970-01-01 to the civil date (proleptic Gregorian), H. Hinnant's algorithm.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date (year, month, day) from days since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Days from 1970-01-01 to 2000-01-01.
const UNIX_DAYS_AT_2000: i64 = 10_957;

impl Epoch {
    /// From a calendar date and time of day (UTC). `second` may carry a fraction.
    pub fn from_calendar(
        year: i32,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: f64,
    ) -> Epoch {
        let days = days_from_civil(year as i64, month, day) - UNIX_DAYS_AT_2000;
        let seconds = hour as f64 * 3600.0 + minute as f64 * 60.0 + second;
        Epoch {
            j2000_s: days as f64 * SECONDS_PER_DAY + seconds - 43_200.0,
        }
    }

    /// This epoch shifted by `seconds`.
    pub fn plus_seconds(self, seconds: f64) -> Epoch {
        Epoch {
            j2000_s: self.j2000_s + seconds,
        }
    }

    /// Julian date (UTC).
    pub fn julian_date(self) -> f64 {
        J2000_JULIAN_DATE + self.j2000_s / SECONDS_PER_DAY
    }

    /// Days since 2000-01-01T00:00 UTC, split into the whole day and the seconds of that day.
    fn day_and_seconds(self) -> (i64, f64) {
        let s = self.j2000_s + 43_200.0;
        let day = (s / SECONDS_PER_DAY).floor();
        (day as i64, s - day * SECONDS_PER_DAY)
    }

    /// (year, month, day, seconds of the UTC day).
    pub fn calendar(self) -> (i32, u32, u32, f64) {
        let (day, sec) = self.day_and_seconds();
        let (y, m, d) = civil_from_days(day + UNIX_DAYS_AT_2000);
        (y as i32, m, d, sec)
    }

    /// (year, day of year 1..=366, UT seconds of the day): the time inputs of NRLMSISE-00.
    pub fn year_day_of_year_ut(self) -> (i32, u32, f64) {
        let (day, sec) = self.day_and_seconds();
        let (y, _, _) = civil_from_days(day + UNIX_DAYS_AT_2000);
        let jan1 = days_from_civil(y, 1, 1) - UNIX_DAYS_AT_2000;
        (y as i32, (day - jan1 + 1) as u32, sec)
    }

    /// Parses an RFC 3339 UTC timestamp such as `2026-03-16T13:24:00Z` or
    /// `2026-03-16T13:24:00.5Z` (a `+00:00` offset is accepted; other offsets are applied).
    pub fn parse_rfc3339(text: &str) -> Result<Epoch, String> {
        let t = text.trim();
        let bad = || format!("'{text}' is not an RFC 3339 UTC time like 2026-03-16T13:24:00Z");
        if t.len() < 19 || !t.is_char_boundary(19) {
            return Err(bad());
        }
        let (main, zone) = t.split_at(19);
        let b = main.as_bytes();
        if b[4] != b'-'
            || b[7] != b'-'
            || !(b[10] == b'T' || b[10] == b't' || b[10] == b' ')
            || b[13] != b':'
            || b[16] != b':'
        {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| main[r].parse::<u32>().map_err(|_| bad());
        let (year, month, day) = (num(0..4)? as i32, num(5..7)?, num(8..10)?);
        let (hour, minute, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
        let (frac, offset) = match zone.strip_prefix('.') {
            Some(rest) => {
                let end = rest
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(rest.len());
                let f: f64 = format!("0.{}", &rest[..end]).parse().map_err(|_| bad())?;
                (f, &rest[end..])
            }
            None => (0.0, zone),
        };
        let offset_s = match offset {
            "Z" | "z" => 0.0,
            o if o.len() == 6 && (o.starts_with('+') || o.starts_with('-')) && &o[3..4] == ":" => {
                let h: f64 = o[1..3].parse().map_err(|_| bad())?;
                let m: f64 = o[4..6].parse().map_err(|_| bad())?;
                (h * 3600.0 + m * 60.0) * if o.starts_with('-') { -1.0 } else { 1.0 }
            }
            _ => return Err(bad()),
        };
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return Err(bad()),
        };
        if day == 0 || day > days_in_month || hour > 23 || minute > 59 || sec > 60 {
            return Err(bad());
        }
        Ok(
            Epoch::from_calendar(year, month, day, hour, minute, sec as f64 + frac)
                .plus_seconds(-offset_s),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn j2000_origin_and_calendar_round_trip() {
        assert_eq!(Epoch::from_calendar(2000, 1, 1, 12, 0, 0.0).j2000_s, 0.0);
        let e = Epoch::parse_rfc3339("2026-03-16T13:24:00Z").unwrap();
        assert_eq!(e.calendar(), (2026, 3, 16, 13.0 * 3600.0 + 24.0 * 60.0));
        assert_eq!(e.year_day_of_year_ut(), (2026, 75, 48_240.0));
        // Julian date of 2026-03-16 13:24 UTC.
        assert!((e.julian_date() - 2_461_116.058_333_333).abs() < 1e-8);
        let leap = Epoch::parse_rfc3339("2024-12-31T00:00:00Z").unwrap();
        assert_eq!(leap.year_day_of_year_ut().1, 366);
    }

    #[test]
    fn rejects_malformed_times() {
        for bad in [
            "2026-03-16",
            "2026-02-30T00:00:00Z",
            "2026-03-16T25:00:00Z",
            "2026-03-16T13:24:00",
            "x",
        ] {
            assert!(Epoch::parse_rfc3339(bad).is_err(), "{bad}");
        }
        let shifted = Epoch::parse_rfc3339("2026-03-16T15:24:00+02:00").unwrap();
        assert_eq!(
            shifted,
            Epoch::parse_rfc3339("2026-03-16T13:24:00Z").unwrap()
        );
    }
}
