//! The policy and calendar loaders: any bytes must load or give a typed error; a loaded
//! policy set answers `governing_on`, a loaded calendar counts working days, without
//! panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sws_eval::calendar::WorkCalendar;
use sws_eval::policy::PolicySet;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(set) = PolicySet::from_json(text) {
        for v in &set.versions {
            let _ = set.governing_on(v.in_force.from);
            let _ = set.governing_on(v.in_force.until);
        }
    }
    if let Ok(cal) = WorkCalendar::from_json(text) {
        for y in cal.known_years().collect::<Vec<_>>() {
            if let Ok(d) = sws_eval::date::Date::new(y, 1, 1) {
                let _ = cal.nth_working_day_after(d, 30);
                let _ = cal.period_end(d, 10);
                let _ = cal.is_working_day(d);
            }
        }
    }
});
