//! The JSON contract's entry points (`sws_eval::json`): evidence, project years,
//! standards, policies and calendars as text. Any text must give a result or located
//! errors, never a panic; an accepted evidence's envelope serialises; validation
//! accepts exactly the evidence that evaluation decides.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use sws_eval::decision::Evaluator;
use sws_eval::json;

fn evaluator() -> &'static Evaluator {
    static E: OnceLock<Evaluator> = OnceLock::new();
    E.get_or_init(Evaluator::dongying)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let envelope = json::evaluate_json(text, evaluator());
    let _ = serde_json::to_string(&envelope).unwrap();
    // `validate` says ok exactly when `evaluate` decides (issue 10, item 13).
    let errors = json::validate_json_with(json::InputKind::Evidence, text, evaluator());
    assert_eq!(
        errors.is_empty(),
        envelope.errors().is_empty(),
        "validate {errors:?} vs evaluate {:?}",
        envelope.errors()
    );
    let year = json::evaluate_year_json(text, evaluator());
    let _ = serde_json::to_string(&year).unwrap();
    let _ = json::load_standard_json(text);
    let _ = json::load_policy_json(text);
    let _ = json::load_calendar_json(text);
});
