//! Findings the evaluator records (Arts. 18, 19, 28): the veto findings, and the
//! helper the funds gates share.

use super::{Cx, Finding, met_if, missing, push_joined, text};
use crate::evidence::FindingKind;

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
fn finding_name(k: FindingKind) -> &'static str {
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

pub(super) fn findings(cx: &mut Cx<'_>, kinds: &[FindingKind]) -> Finding {
    let mut req = String::new();
    if cx.explain() {
        req.push_str("no finding of ");
        let names: Vec<&str> = kinds.iter().map(|k| finding_name(*k)).collect();
        push_joined(&mut req, &names, " / ");
    }
    match &cx.ev.findings {
        None => missing(req, "findings (give an empty list when none were found)"),
        Some(list) => {
            let hits: Vec<&str> = list
                .iter()
                .filter(|x| kinds.contains(&x.kind))
                .map(|x| x.description.as_str())
                .collect();
            met_if(
                hits.is_empty(),
                req,
                if hits.is_empty() {
                    "none found".to_owned()
                } else {
                    text!(cx, "found: {}", hits.join("; "))
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
                serde_json::json!(super::finding_name(k))
            );
        }
    }
}
