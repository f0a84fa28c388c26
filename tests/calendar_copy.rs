//! The shipped calendar is the same file as the project's reference copy of China's
//! official days off, which lives beside the project on developers' machines and in CI
//! (the test passes silently where that copy is absent, e.g. in a downloaded crate).

#[test]
fn shipped_calendar_matches_the_reference_copy() {
    let shipped = include_str!("../data/calendar/cn-official-holidays.json");
    let reference = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join("calendar")
        .join("cn-official-holidays.json");
    if let Ok(text) = std::fs::read_to_string(&reference) {
        assert_eq!(
            text, shipped,
            "data/calendar differs from the reference copy"
        );
    }
}
