//! Funds (Arts. 18, 19): separate ledgers, no misuse.

use super::{Cx, Finding, met_if, missing, serious::findings, text, yes_no};
use crate::evidence::FindingKind;

/// `art18.separate_ledgers`: a ledger per sub-project and funding source (Art. 18).
pub(super) fn separate_ledgers(cx: &mut Cx<'_>) -> Finding {
    let req = "a ledger per sub-project and per funding source";
    match &cx.ev.finance {
        None => missing(req, "finance"),
        Some(fi) => met_if(
            fi.ledger_per_sub_project && fi.ledger_per_funding_source,
            req,
            text!(
                cx,
                "per sub-project: {}, per funding source: {}",
                yes_no(fi.ledger_per_sub_project),
                yes_no(fi.ledger_per_funding_source)
            ),
        ),
    }
}

/// `art18.no_misuse`: no finding of mixing, diverting, misappropriating funds or
/// spending outside a fund's purpose (Arts. 18, 19).
pub(super) fn no_misuse(cx: &mut Cx<'_>) -> Finding {
    findings(
        cx,
        &[
            FindingKind::MixingFunds,
            FindingKind::DivertingFunds,
            FindingKind::MisappropriatingFunds,
            FindingKind::OutsidePurpose,
        ],
    )
}
