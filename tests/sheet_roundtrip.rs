//! Workbook → JSON → workbook → JSON is the identity on generated evidence.
#![cfg(all(feature = "xlsx", feature = "proptest"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use sws_eval::evidence::Evidence;
use sws_eval::sheet::{self, Book, Layout, WriteOptions};
use sws_eval::strategies;

fn through_a_workbook(ev: &Evidence) -> Evidence {
    let layout = Layout::evidence();
    let value = serde_json::to_value(ev).unwrap();
    let bytes = sheet::write_evidence(&layout, Some(&value), &WriteOptions::default()).unwrap();
    let read = sheet::read_book(&Book::from_bytes(&bytes).unwrap(), &layout);
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    serde_json::from_value(read.value).unwrap()
}

/// What a workbook cannot tell apart: an object section present with nothing in it
/// reads back as absent (see the `sheet` module's notes).
fn normalised(mut ev: Evidence) -> Evidence {
    if ev.levels.as_ref().is_some_and(|l| *l == Default::default()) {
        ev.levels = None;
    }
    if ev.services.as_ref().is_some_and(|s| {
        s.casework.is_none()
            && s.group_work.is_none()
            && s.community_activities.is_none()
            && s.visits.is_none()
            && s.publicity.is_none()
    }) {
        ev.services = None;
    }
    if ev
        .surveys
        .as_ref()
        .is_some_and(|s| s.satisfaction.is_none() && s.awareness.is_none())
    {
        ev.surveys = None;
    }
    ev
}

#[test]
fn the_sample_station_round_trips() {
    let ev: Evidence = serde_json::from_str(include_str!("../examples/data/station.json")).unwrap();
    let once = through_a_workbook(&ev);
    assert_eq!(once, ev);
    assert_eq!(through_a_workbook(&once), ev);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn generated_evidence_round_trips(ev in strategies::evidence()) {
        let ev = normalised(ev);
        let once = through_a_workbook(&ev);
        prop_assert_eq!(&once, &ev);
        let twice = through_a_workbook(&once);
        prop_assert_eq!(&twice, &ev);
    }
}
