//! Findings the evaluator records (Arts. 18, 19, 28): the veto findings, and the
//! helper the funds gates share.

use super::{Cx, Finding, bi, met_if, missing, text};
use crate::evidence::{FindingKind, Text};

/// `serious.falsified_records`: no finding of falsified records (Art. 28; assumption).
pub(super) fn falsified_records(cx: &mut Cx<'_>) -> Finding {
    findings(cx, &[FindingKind::FalsifiedRecords])
}

/// `serious.safety_incident`: no finding of a major safety incident (Art. 28; assumption).
pub(super) fn safety_incident(cx: &mut Cx<'_>) -> Finding {
    findings(cx, &[FindingKind::SafetyIncident])
}

/// `serious.ethics_breach`: no finding of a serious ethics or privacy breach (Art. 28;
/// assumption).
pub(super) fn ethics_breach(cx: &mut Cx<'_>) -> Finding {
    findings(cx, &[FindingKind::EthicsBreach])
}

/// A finding kind's JSON name (as serde writes it).
fn finding_code(k: FindingKind) -> &'static str {
    match k {
        FindingKind::MixingFunds => "mixing_funds",
        FindingKind::DivertingFunds => "diverting_funds",
        FindingKind::MisappropriatingFunds => "misappropriating_funds",
        FindingKind::OutsidePurpose => "outside_purpose",
        FindingKind::FalsifiedRecords => "falsified_records",
        FindingKind::SafetyIncident => "safety_incident",
        FindingKind::EthicsBreach => "ethics_breach",
        FindingKind::SeriousDeviation => "serious_deviation",
        FindingKind::FailedInspection => "failed_inspection",
    }
}

/// Met when the evaluator recorded no finding of these kinds; the actual value quotes
/// the descriptions of those found. The requirement names each kind in the reader's
/// language with its code: "无下列情形：资金混用（`mixing_funds`）、…" /
/// "no finding of mixing funds (`mixing_funds`) / …".
pub(super) fn findings(cx: &mut Cx<'_>, kinds: &[FindingKind]) -> Finding {
    let req = cx.text(|| {
        let zh: Vec<String> = kinds
            .iter()
            .map(|k| format!("{}（`{}`）", k.name().0, finding_code(*k)))
            .collect();
        let en: Vec<String> = kinds
            .iter()
            .map(|k| format!("{} (`{}`)", k.name().1, finding_code(*k)))
            .collect();
        Text {
            zh: format!("无下列情形：{}", zh.join("、")),
            en: format!("no finding of {}", en.join(" / ")),
        }
    });
    match &cx.ev.findings {
        None => missing(req, "findings"),
        Some(list) => {
            let hits: Vec<&str> = list
                .iter()
                .filter(|x| kinds.contains(&x.kind))
                .map(|x| x.description.as_str())
                .collect();
            let found = hits.join("；");
            met_if(
                hits.is_empty(),
                req,
                if hits.is_empty() {
                    bi("未发现", "none found")
                } else {
                    text!(cx, ("发现：{found}"), ("found: {}", hits.join("; ")))
                },
            )
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finding_names_are_the_serde_names() {
        use crate::evidence::FindingKind as K;
        for k in [
            K::MixingFunds,
            K::DivertingFunds,
            K::MisappropriatingFunds,
            K::OutsidePurpose,
            K::FalsifiedRecords,
            K::SafetyIncident,
            K::EthicsBreach,
            K::SeriousDeviation,
            K::FailedInspection,
        ] {
            assert_eq!(
                serde_json::to_value(k).unwrap(),
                serde_json::json!(super::finding_code(k))
            );
        }
    }
}
