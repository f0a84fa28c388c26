//! Calendar dates as the measure counts them.
//!
//! A [`Date`] is a civil date (no time zone, no clock) written in JSON as
//! `"YYYY-MM-DD"`. The counting helpers follow docs/default-standard.md §4 and the Civil Code
//! (Arts. 200–204): ages are whole years reached on a day (a worker is 36 from the 36th
//! birthday on), month counts are whole months, and a period "within N days" of an event
//! starts on the day after the event.
//!
//! ```
//! use sws_eval::date::Date;
//! let birth: Date = "1990-03-01".parse().unwrap();
//! assert_eq!(birth.age_on("2026-02-28".parse().unwrap()), 35);
//! assert_eq!(birth.age_on("2026-03-01".parse().unwrap()), 36);
//! ```

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a calendar date written as YYYY-MM-DD")]
pub struct DateError {
    /// The text that was read.
    pub text: String,
}

/// A civil date (`YYYY-MM-DD`), between the years 1900 and 2200.
///
/// ```
/// let d: sws_eval::date::Date = "2024-02-29".parse().unwrap();
/// assert_eq!(d.to_string(), "2024-02-29");
/// assert!("2023-02-29".parse::<sws_eval::date::Date>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

impl Date {
    /// Builds a date from year, month and day, if it exists.
    ///
    /// ```
    /// assert!(sws_eval::date::Date::new(2024, 2, 30).is_err());
    /// ```
    pub fn new(year: i16, month: i8, day: i8) -> Result<Self, DateError> {
        let bad = || DateError {
            text: format!("{year:04}-{month:02}-{day:02}"),
        };
        if !(1900..=2200).contains(&year) {
            return Err(bad());
        }
        jiff::civil::Date::new(year, month, day)
            .map(Self)
            .map_err(|_| bad())
    }

    /// The year.
    pub fn year(self) -> i16 {
        self.0.year()
    }

    /// Whole years reached on `on` by someone born on `self` (a birthday counts on
    /// the day itself; someone born on 29 February has birthdays on 28 February in
    /// common years, as jiff clamps the anniversary). Negative if `on` is earlier.
    pub fn age_on(self, on: Date) -> i32 {
        self.whole_years_until(on)
    }

    /// Whole years from `self` to `later` (negative when `later` is earlier).
    pub fn whole_years_until(self, later: Date) -> i32 {
        self.0
            .until((jiff::Unit::Year, later.0))
            .map(|s| s.get_years() as i32)
            .unwrap_or(0)
    }

    /// Whole months from `self` to `later` (0 when `later` is not after `self`).
    ///
    /// ```
    /// use sws_eval::date::Date;
    /// let start: Date = "2024-01-01".parse().unwrap();
    /// assert_eq!(start.whole_months_until("2024-06-30".parse().unwrap()), 5);
    /// assert_eq!(start.whole_months_until("2024-07-01".parse().unwrap()), 6);
    /// ```
    pub fn whole_months_until(self, later: Date) -> u32 {
        self.0
            .until((jiff::Unit::Month, later.0))
            .map(|s| u32::try_from(s.get_months()).unwrap_or(0))
            .unwrap_or(0)
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i32 {
        self.0
            .until((jiff::Unit::Day, later.0))
            .map(|s| s.get_days())
            .unwrap_or(0)
    }

    /// The date `n` days later (or earlier, for negative `n`); `None` outside the
    /// supported range.
    pub fn add_days(self, n: i32) -> Option<Date> {
        let span = jiff::Span::new().try_days(n).ok()?;
        self.0.checked_add(span).ok().map(Date)
    }

    /// The same day `n` years later (29 February becomes 28 February in a common year).
    pub fn add_years(self, n: i16) -> Option<Date> {
        let span = jiff::Span::new().try_years(n).ok()?;
        self.0.checked_add(span).ok().map(Date)
    }

    /// Day of the week: 1 = Monday … 7 = Sunday.
    pub fn weekday_number(self) -> i8 {
        self.0.weekday().to_monday_one_offset()
    }
}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(text: &str) -> Result<Self, DateError> {
        let bad = || DateError {
            text: text.to_owned(),
        };
        let b = text.as_bytes();
        let shape_ok = b.len() == 10
            && b.get(4) == Some(&b'-')
            && b.get(7) == Some(&b'-')
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| text.get(r).and_then(|s| s.parse::<i16>().ok());
        let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
            return Err(bad());
        };
        let (Ok(m), Ok(d)) = (i8::try_from(m), i8::try_from(d)) else {
            return Err(bad());
        };
        Date::new(y, m, d).map_err(|_| bad())
    }
}

impl Date {
    /// `YYYY-MM-DD` in a stack buffer for years 0–9999 (every date the engine accepts):
    /// dates are written thousands of times per batch, and this skips the formatter.
    fn ymd(self) -> Option<[u8; 10]> {
        let (y, m, d) = (self.0.year(), self.0.month(), self.0.day());
        let (y, m, d) = (
            u16::try_from(y).ok().filter(|y| *y <= 9999)?,
            u8::try_from(m).ok()?,
            u8::try_from(d).ok()?,
        );
        let digit = |n: u16| b'0'.saturating_add((n % 10) as u8);
        Some([
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(u16::from(m) / 10),
            digit(u16::from(m)),
            b'-',
            digit(u16::from(d) / 10),
            digit(u16::from(d)),
        ])
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(text) = self
            .ymd()
            .as_ref()
            .and_then(|b| std::str::from_utf8(b).ok())
        {
            return f.write_str(text);
        }
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day()
        )
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self
            .ymd()
            .as_ref()
            .and_then(|b| std::str::from_utf8(b).ok())
        {
            Some(text) => s.serialize_str(text),
            None => s.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = Cow::<str>::deserialize(d)
            .map_err(|_| serde::de::Error::custom("expected a date string YYYY-MM-DD"))?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        // Not `Date`: generated code would shadow JavaScript's `Date`.
        "CivilDate".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date YYYY-MM-DD. 日期，格式 YYYY-MM-DD。",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_text_is_the_formatted_one() {
        let mut d = Date::new(1900, 1, 1).unwrap();
        let end = Date::new(2200, 12, 31).unwrap();
        while d <= end {
            let slow = format!("{:04}-{:02}-{:02}", d.0.year(), d.0.month(), d.0.day());
            assert_eq!(d.to_string(), slow);
            assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{slow}\""));
            d = d.add_days(13).unwrap();
        }
        for (y, m, day) in [(0, 1, 1), (9999, 12, 31), (-1, 1, 1), (-9999, 3, 4)] {
            let d = Date(jiff::civil::date(y, m, day));
            let slow = format!("{:04}-{:02}-{:02}", d.0.year(), d.0.month(), d.0.day());
            assert_eq!(d.to_string(), slow);
        }
    }

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn ages_reach_on_the_birthday() {
        assert_eq!(d("1990-06-15").age_on(d("2025-06-14")), 34);
        assert_eq!(d("1990-06-15").age_on(d("2025-06-15")), 35);
        assert_eq!(d("1990-06-15").age_on(d("2026-06-14")), 35);
        assert_eq!(d("1990-06-15").age_on(d("2026-06-15")), 36);
    }

    #[test]
    fn malformed_dates_are_refused() {
        for bad in [
            "2024-1-01",
            "2024/01/01",
            "2024-13-01",
            "2024-00-10",
            "20240101",
            "",
            "1899-12-31",
            "2024-01-01T00:00",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }

    #[test]
    fn months_and_days() {
        assert_eq!(d("2024-01-31").whole_months_until(d("2024-02-29")), 0);
        assert_eq!(d("2024-01-01").whole_months_until(d("2023-12-01")), 0);
        assert_eq!(d("2024-03-01").days_until(d("2024-03-11")), 10);
        assert_eq!(d("2024-03-01").add_days(10), Some(d("2024-03-11")));
        assert_eq!(d("2023-01-01").add_years(3), Some(d("2026-01-01")));
        assert_eq!(d("2024-11-25").weekday_number(), 1);
    }
}
