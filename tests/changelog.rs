//! CHANGELOG.md keeps the Keep a Changelog form: `## [Unreleased]` first, then one
//! section per released version, `## [X.Y.Z] - YYYY-MM-DD`, newest first; within a
//! version only the six kinds of change, each once; and the crate's version is released
//! in it or is the upcoming one.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

const KINDS: &[&str] = &[
    "Added",
    "Changed",
    "Deprecated",
    "Removed",
    "Fixed",
    "Security",
];

fn semver(v: &str) -> Option<(u64, u64, u64)> {
    let mut it = v.split('.').map(|p| p.parse::<u64>().ok());
    let out = (it.next()??, it.next()??, it.next()??);
    it.next().is_none().then_some(out)
}

fn date(d: &str) -> bool {
    let b = d.as_bytes();
    d.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

#[test]
fn changelog_keeps_the_keep_a_changelog_form() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/CHANGELOG.md")).unwrap();
    let mut problems = Vec::new();
    let mut versions: Vec<(String, Option<String>)> = Vec::new();
    let mut kinds: Vec<String> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let at = n + 1;
        if let Some(h) = line.strip_prefix("## ") {
            kinds.clear();
            if h == "[Unreleased]" {
                if !versions.is_empty() {
                    problems.push(format!("line {at}: [Unreleased] must come first"));
                }
                versions.push(("Unreleased".into(), None));
                continue;
            }
            let Some((v, d)) = h.strip_prefix('[').and_then(|r| r.split_once("] - ")) else {
                problems.push(format!("line {at}: `{h}` is not `[X.Y.Z] - YYYY-MM-DD`"));
                continue;
            };
            if semver(v).is_none() || !date(d) {
                problems.push(format!("line {at}: `{h}` is not `[X.Y.Z] - YYYY-MM-DD`"));
            }
            if let Some((pv, Some(pd))) = versions.last()
                && (semver(pv) <= semver(v) || pd.as_str() < d)
            {
                problems.push(format!("line {at}: {v} is not older than {pv}"));
            }
            versions.push((v.to_owned(), Some(d.to_owned())));
        } else if let Some(h) = line.strip_prefix("### ") {
            if versions.is_empty() {
                problems.push(format!("line {at}: `{h}` outside a version"));
            }
            if !KINDS.contains(&h) {
                problems.push(format!("line {at}: `{h}` is not one of {KINDS:?}"));
            }
            if kinds.iter().any(|k| k == h) {
                problems.push(format!("line {at}: `{h}` twice in one version"));
            }
            kinds.push(h.to_owned());
        } else if line.starts_with("# ") && n > 0 {
            problems.push(format!("line {at}: a second title"));
        }
    }
    if versions.first().map(|v| v.0.as_str()) != Some("Unreleased") {
        problems.push("no `## [Unreleased]` section first".into());
    }
    // The crate's version is released in the changelog, or not released yet (then it is
    // newer than every released one).
    let crate_version = env!("CARGO_PKG_VERSION");
    let released = versions.iter().any(|(v, _)| v == crate_version);
    let newest = versions.get(1).and_then(|(v, _)| semver(v));
    if !released && newest.is_some_and(|n| semver(crate_version) <= Some(n)) {
        problems.push(format!(
            "Cargo.toml's version {crate_version} is neither released here nor newer than the last release"
        ));
    }
    assert!(problems.is_empty(), "CHANGELOG.md: {problems:#?}");
}
