//! Evidence JSON → decision: any bytes must give a decision or a typed error, never a
//! panic. Valid decisions are also checked for the payment invariant.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use sws_eval::decision::Evaluator;
use sws_eval::evidence::Evidence;

fn evaluator() -> &'static Evaluator {
    static E: OnceLock<Evaluator> = OnceLock::new();
    E.get_or_init(Evaluator::dongying)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(ev) = serde_json::from_str::<Evidence>(text) else {
        return;
    };
    let _ = ev.check();
    if let Ok(d) = evaluator().evaluate(&ev) {
        assert_eq!(d.payment.release + d.payment.withheld, d.payment.remaining);
        assert!(d.scorecard.total <= d.scorecard.max);
        let json = serde_json::to_string(&d).unwrap();
        let back: sws_eval::decision::Decision = serde_json::from_str(&json).unwrap();
        assert_eq!(back, d);
    }
    // A one-evaluation project year goes through the same checks.
    let year = sws_eval::decision::ProjectYear {
        evaluations: vec![ev],
    };
    let _ = evaluator().evaluate_year(&year);
});
