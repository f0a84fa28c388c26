//! The standard loader: any bytes must load or give a typed `StandardError`, and a
//! standard that loads must score the sample station within its bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use sws_eval::evidence::Evidence;
use sws_eval::standard::CompiledStandard;

fn station() -> &'static Evidence {
    static E: OnceLock<Evidence> = OnceLock::new();
    E.get_or_init(|| {
        serde_json::from_str(include_str!("../../examples/data/station.json")).unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(std) = CompiledStandard::from_json(text) else {
        return;
    };
    if let Ok(card) = sws_eval::score::score(&std, station()) {
        assert!(card.total >= rust_decimal_zero());
        assert!(card.total <= card.max);
        for n in &card.nodes {
            assert!(n.points <= n.max, "{}", n.id);
        }
        let (t, g) = sws_eval::score::score_total(&std, station()).unwrap();
        assert_eq!((t, g), (card.total, card.grade));
    }
});

fn rust_decimal_zero() -> rust_decimal::Decimal {
    rust_decimal::Decimal::ZERO
}
