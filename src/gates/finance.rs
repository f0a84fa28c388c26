//! Funds (Arts. 18, 19): separate ledgers, no misuse.

use super::{Cx, Finding, Yn, bi, met_if, missing, serious::findings, text};
use crate::evidence::FindingKind;

/// `art18.separate_ledgers`: a ledger per sub-project and funding source (Art. 18).
pub(super) fn separate_ledgers(cx: &mut Cx<'_>) -> Finding {
    let req = bi(
        "分子项目、分资金来源单独建账核算",
        "a ledger per sub-project and per funding source",
    );
    match &cx.ev.finance {
        None => missing(req, "finance"),
        Some(fi) => {
            let (sub, source) = (
                Yn(fi.ledger_per_sub_project),
                Yn(fi.ledger_per_funding_source),
            );
            met_if(
                fi.ledger_per_sub_project && fi.ledger_per_funding_source,
                req,
                text!(
                    cx,
                    (
                        "分子项目建账：{}；分资金来源建账：{}",
                        sub.zh(),
                        source.zh()
                    ),
                    (
                        "per sub-project: {}, per funding source: {}",
                        sub.en(),
                        source.en()
                    )
                ),
            )
        }
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
