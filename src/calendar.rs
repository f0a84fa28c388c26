//! Working days: weekends, official days off and make-up workdays (调休).
//!
//! The measure counts the handover of archives in **working days** (Art. 13) and the
//! signing of a contract in calendar days that end on a working day (Art. 25, with the
//! Civil Code Arts. 200–204). A [`WorkCalendar`] knows which days are worked: Monday
//! to Friday, minus the official days off, plus the weekend days the State Council
//! declared to be make-up workdays. It also knows which years it covers, so a count that
//! runs past them is flagged instead of silently guessed.
//!
//! ```
//! use sws_eval::calendar::WorkCalendar;
//! let cal = WorkCalendar::china_official();
//! // 2024-02-04 was a Sunday worked in exchange for Spring Festival days off.
//! assert!(cal.is_working_day("2024-02-04".parse().unwrap()));
//! // 2024-10-01 is National Day.
//! assert!(!cal.is_working_day("2024-10-01".parse().unwrap()));
//! ```

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::Date;

/// The official calendar for 2022–2026, from the State Council notices (see its `source`).
const CHINA_OFFICIAL_JSON: &str = include_str!("../data/calendar/cn-official-holidays.json");

/// Why a calendar file was refused.
#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    /// The file is not valid calendar JSON.
    #[error("calendar JSON is invalid at line {line}, column {column}: {message}")]
    Json {
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
        /// What serde found.
        message: String,
    },
    /// A year key is not a year.
    #[error("calendar year key `{key}` is not a four-digit year")]
    BadYear {
        /// The key.
        key: String,
    },
    /// A day is filed under a year it cannot belong to.
    #[error("calendar year {year}: {date} lies more than one day outside that year")]
    DateOutsideYear {
        /// The year key.
        year: i16,
        /// The date.
        date: Date,
    },
    /// A day is both a day off and a make-up workday.
    #[error("calendar: {date} is listed both as a day off and as a make-up workday")]
    Contradiction {
        /// The date.
        date: Date,
    },
    /// A make-up workday that is not a weekend day.
    #[error("calendar: make-up workday {date} is not a Saturday or Sunday")]
    MakeUpOnWeekday {
        /// The date.
        date: Date,
    },
}

/// One listed day of a calendar file. 日历所列的一天。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarDay {
    /// The date. 日期。
    pub date: Date,
    /// The holiday it belongs to, e.g. "National Day 国庆节". 所属节日。
    pub name: String,
}

/// The official days off and make-up workdays of one year. 一年的法定放假日与调休上班日。
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarYear {
    /// Official days off (放假), including weekend days inside a holiday. 放假日。
    pub off_days: Vec<CalendarDay>,
    /// Weekend days declared working days (调休上班). 调休上班日。
    pub make_up_workdays: Vec<CalendarDay>,
}

/// A work calendar as a JSON file: the format of `cn-official-holidays.json`.
///
/// ```
/// let json = r#"{"source": "my county", "years": {"2027": {"off_days": [], "make_up_workdays": []}}}"#;
/// let cal = sws_eval::calendar::WorkCalendar::from_json(json).unwrap();
/// assert!(cal.covers("2027-05-01".parse().unwrap()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Work calendar 工作日历")]
pub struct CalendarFile {
    /// Where the days come from (notices, URLs). 数据来源。
    pub source: String,
    /// Days by year (the notice's year: "2023" may list 2022-12-31). 按年份列出。
    #[serde(deserialize_with = "crate::unique::map")]
    pub years: BTreeMap<String, CalendarYear>,
}

/// Which days are worked, and which years are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkCalendar {
    off: BTreeSet<Date>,
    make_up: BTreeSet<Date>,
    years: BTreeSet<i16>,
    source: String,
}

/// A count of working days that could not be made exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutsideCalendar {
    /// The first day the count needed that the calendar does not cover.
    pub first_unknown: Date,
}

impl WorkCalendar {
    /// China's official calendar for the years 2022–2026 (State Council notices).
    pub fn china_official() -> Self {
        // The shipped file is checked by a unit test; should it ever fail to load, an
        // empty calendar flags every date as outside it rather than guessing.
        Self::from_json(CHINA_OFFICIAL_JSON).unwrap_or_else(|_| Self::weekends_only())
    }

    /// A calendar with no official days at all and no covered year: every count with
    /// it is flagged as outside the calendar.
    pub fn weekends_only() -> Self {
        Self {
            off: BTreeSet::new(),
            make_up: BTreeSet::new(),
            years: BTreeSet::new(),
            source: String::new(),
        }
    }

    /// Reads a calendar file (see [`CalendarFile`]).
    pub fn from_json(json: &str) -> Result<Self, CalendarError> {
        let file: CalendarFile = serde_json::from_str(json).map_err(|e| CalendarError::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        Self::from_file(&file)
    }

    /// Builds a calendar from a parsed file, checking it.
    pub fn from_file(file: &CalendarFile) -> Result<Self, CalendarError> {
        let mut cal = Self::weekends_only();
        cal.source.clone_from(&file.source);
        for (key, year) in &file.years {
            let y: i16 = key
                .parse()
                .ok()
                .filter(|y| (1900..=2200).contains(y) && key.len() == 4)
                .ok_or_else(|| CalendarError::BadYear { key: key.clone() })?;
            cal.years.insert(y);
            for day in &year.off_days {
                check_year(y, day.date)?;
                cal.off.insert(day.date);
            }
            for day in &year.make_up_workdays {
                check_year(y, day.date)?;
                if day.date.weekday_number() < 6 {
                    return Err(CalendarError::MakeUpOnWeekday { date: day.date });
                }
                cal.make_up.insert(day.date);
            }
        }
        if let Some(date) = cal.off.intersection(&cal.make_up).next() {
            return Err(CalendarError::Contradiction { date: *date });
        }
        Ok(cal)
    }

    /// Where the calendar's days come from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The years the calendar knows, e.g. 2022..=2026 for the official one.
    pub fn known_years(&self) -> impl Iterator<Item = i16> + '_ {
        self.years.iter().copied()
    }

    /// Whether the calendar knows the official days of `date`'s year.
    pub fn covers(&self, date: Date) -> bool {
        self.years.contains(&date.year())
    }

    /// Whether `date` is a working day: a make-up workday, or a weekday that is not an
    /// official day off.
    pub fn is_working_day(&self, date: Date) -> bool {
        if self.make_up.contains(&date) {
            return true;
        }
        date.weekday_number() <= 5 && !self.off.contains(&date)
    }

    /// The `n`th working day after `event` (the event's own day never counts).
    ///
    /// ```
    /// use sws_eval::calendar::WorkCalendar;
    /// let cal = WorkCalendar::china_official();
    /// // Leaving on Friday 2024-09-27: National Day (1–7 Oct) is skipped and the
    /// // make-up Sundays 29 Sep and 12 Oct are counted.
    /// let due = cal.nth_working_day_after("2024-09-27".parse().unwrap(), 30).unwrap();
    /// assert_eq!(due.to_string(), "2024-11-13");
    /// ```
    pub fn nth_working_day_after(&self, event: Date, n: u32) -> Result<Date, OutsideCalendar> {
        let mut day = event;
        let mut counted = 0;
        while counted < n {
            day = day
                .add_days(1)
                .ok_or(OutsideCalendar { first_unknown: day })?;
            if !self.covers(day) {
                return Err(OutsideCalendar { first_unknown: day });
            }
            if self.is_working_day(day) {
                counted = counted.saturating_add(1);
            }
        }
        Ok(day)
    }

    /// The last day of a period of `days` calendar days after `event`, as the Civil
    /// Code counts it (Arts. 201, 203): the period starts on the day after the event,
    /// and when its last day is not a working day it ends on the next working day.
    ///
    /// ```
    /// use sws_eval::calendar::WorkCalendar;
    /// let cal = WorkCalendar::china_official();
    /// // Award notice on Friday 2024-03-01: the 10th day is Monday 2024-03-11.
    /// let end = cal.period_end("2024-03-01".parse().unwrap(), 10).unwrap();
    /// assert_eq!(end.to_string(), "2024-03-11");
    /// ```
    pub fn period_end(&self, event: Date, days: u32) -> Result<Date, OutsideCalendar> {
        let n = i32::try_from(days).map_err(|_| OutsideCalendar {
            first_unknown: event,
        })?;
        let end = event.add_days(n).ok_or(OutsideCalendar {
            first_unknown: event,
        })?;
        self.working_day_on_or_after(end)
    }

    /// The last day of a period whose plain last day is `last`, as the Civil Code
    /// counts it (Art. 203): `last` itself when it is a working day, else the next
    /// working day. Every period the engine computes in calendar days or years ends
    /// this way.
    ///
    /// ```
    /// use sws_eval::calendar::WorkCalendar;
    /// let cal = WorkCalendar::china_official();
    /// // New Year's Day 2025 is a day off: the period ends on Thursday 2025-01-02.
    /// let end = cal.working_day_on_or_after("2025-01-01".parse().unwrap()).unwrap();
    /// assert_eq!(end.to_string(), "2025-01-02");
    /// ```
    ///
    /// # Errors
    ///
    /// [`OutsideCalendar`] when the search reaches a year the calendar does not cover.
    pub fn working_day_on_or_after(&self, last: Date) -> Result<Date, OutsideCalendar> {
        let mut end = last;
        loop {
            if !self.covers(end) {
                return Err(OutsideCalendar { first_unknown: end });
            }
            if self.is_working_day(end) {
                return Ok(end);
            }
            end = end
                .add_days(1)
                .ok_or(OutsideCalendar { first_unknown: end })?;
        }
    }
}

fn check_year(year: i16, date: Date) -> Result<(), CalendarError> {
    // A notice's year may reach one day into the neighbouring year (2022-12-31 in 2023).
    let ok = date.year() == year
        || (Some(date.year()) == year.checked_sub(1) && date.to_string().ends_with("-12-31"))
        || (Some(date.year()) == year.checked_add(1) && date.to_string().ends_with("-01-01"));
    if ok {
        Ok(())
    } else {
        Err(CalendarError::DateOutsideYear { year, date })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn shipped_calendar_loads_and_covers_2022_to_2026() {
        let cal = WorkCalendar::from_json(CHINA_OFFICIAL_JSON).unwrap();
        assert_eq!(
            cal.known_years().collect::<Vec<_>>(),
            vec![2022, 2023, 2024, 2025, 2026]
        );
        assert!(!cal.covers(d("2027-01-04")));
    }

    #[test]
    fn weekends_holidays_and_make_up_days() {
        let cal = WorkCalendar::china_official();
        assert!(!cal.is_working_day(d("2024-11-30"))); // Saturday
        assert!(cal.is_working_day(d("2024-10-12"))); // make-up Saturday
        assert!(!cal.is_working_day(d("2025-05-05"))); // Labour Day, a Monday
        assert!(cal.is_working_day(d("2025-05-06")));
    }

    #[test]
    fn counting_past_the_calendar_is_flagged() {
        let cal = WorkCalendar::china_official();
        let err = cal.nth_working_day_after(d("2026-12-20"), 30).unwrap_err();
        assert_eq!(err.first_unknown, d("2027-01-01"));
        assert!(
            WorkCalendar::weekends_only()
                .period_end(d("2024-01-01"), 1)
                .is_err()
        );
    }

    #[test]
    fn period_end_moves_past_days_off() {
        let cal = WorkCalendar::china_official();
        // 10 days after 2024-09-21 is 2024-10-01 (National Day): ends 2024-10-08.
        assert_eq!(
            cal.period_end(d("2024-09-21"), 10).unwrap(),
            d("2024-10-08")
        );
    }

    #[test]
    fn bad_files_are_refused() {
        let contradiction = r#"{"source":"x","years":{"2024":{"off_days":[{"date":"2024-10-12","name":"a"}],"make_up_workdays":[{"date":"2024-10-12","name":"a"}]}}}"#;
        assert!(matches!(
            WorkCalendar::from_json(contradiction),
            Err(CalendarError::Contradiction { .. })
        ));
        let weekday = r#"{"source":"x","years":{"2024":{"off_days":[],"make_up_workdays":[{"date":"2024-10-14","name":"a"}]}}}"#;
        assert!(matches!(
            WorkCalendar::from_json(weekday),
            Err(CalendarError::MakeUpOnWeekday { .. })
        ));
        let year = r#"{"source":"x","years":{"24":{"off_days":[],"make_up_workdays":[]}}}"#;
        assert!(matches!(
            WorkCalendar::from_json(year),
            Err(CalendarError::BadYear { .. })
        ));
    }
}
