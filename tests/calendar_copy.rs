//! The shipped calendar can be checked against a reference copy of China's official days
//! off kept outside the crate: set `SWS_EVAL_REFERENCE_CALENDAR` to that file (developers
//! and CI of the project do; a downloaded crate has none, and the test then checks the
//! shipped file alone).

#[test]
fn shipped_calendar_matches_the_reference_copy() {
    let shipped = include_str!("../data/calendar/cn-official-holidays.json");
    assert!(
        sws_eval::calendar::WorkCalendar::from_json(shipped).is_ok(),
        "the shipped calendar does not load"
    );
    let Some(reference) = std::env::var_os("SWS_EVAL_REFERENCE_CALENDAR") else {
        return;
    };
    let text = std::fs::read_to_string(&reference).unwrap();
    assert_eq!(
        text, shipped,
        "data/calendar differs from the reference copy"
    );
}
