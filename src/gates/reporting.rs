//! Reporting and evaluation (Arts. 26, 28): reports filed, the information system,
//! two evaluations a year.

use super::{Cx, Finding, GateResult, Yn, bi, dress, f, met_if, missing, serious::findings, text};
use crate::evidence::{EvaluationKind, FindingKind};
use crate::facts::briefings_due;
use crate::gates::{GateId, GateOutcome as O};
use crate::policy::Policy;

/// `art26.reports_filed`: monthly briefings, the mid-term report and (at a final
/// evaluation) the annual report (Art. 26).
pub(super) fn reports_filed(cx: &mut Cx<'_>) -> Finding {
    let ev = cx.ev;
    let due = briefings_due(ev);
    let is_final = ev.evaluation.kind == EvaluationKind::Final;
    let req = text!(
        cx,
        (
            "月度简报{due}份、中期报告{}",
            if is_final { "、年度报告" } else { "" }
        ),
        (
            "{due} monthly briefings, the mid-term report{}",
            if is_final { ", the annual report" } else { "" }
        )
    );
    match &ev.reports {
        None => missing(req, "reports"),
        Some(r) => {
            let (n, mid, annual) = (
                r.monthly_briefings,
                Yn(r.mid_term_report),
                Yn(r.annual_report),
            );
            met_if(
                n >= due && r.mid_term_report && (!is_final || r.annual_report),
                req,
                if is_final {
                    text!(
                        cx,
                        (
                            "月度简报{n}份；中期报告：{}；年度报告：{}",
                            mid.has(),
                            annual.has()
                        ),
                        (
                            "{n} briefings, mid-term: {}, annual: {}",
                            mid.en(),
                            annual.en()
                        )
                    )
                } else {
                    text!(
                        cx,
                        ("月度简报{n}份；中期报告：{}", mid.has()),
                        ("{n} briefings, mid-term: {}", mid.en())
                    )
                },
            )
        }
    }
}

/// `art26.reports_on_time`: every listed report filed by its due date with both the
/// city and the county bureau (Art. 26: 按时向市、县级民政部门提交). A due date that is
/// not a working day moves to the next working day. Filing after that day, and a
/// bureau left out once that day has passed, are each `not_met`. A report filed with
/// neither bureau is a missing report, `art26.reports_filed`'s concern, not a late one.
pub(super) fn reports_on_time(cx: &mut Cx<'_>) -> Finding {
    let ev = cx.ev;
    let req = bi(
        "各项报告于应报日期前（遇休息日顺延至下一工作日）报送市、县两级民政部门",
        "each report filed by its due date (moved to the next working day when that is a day off) with both the city and the county bureau",
    );
    let Some(r) = &ev.reports else {
        return missing(req, "reports");
    };
    let Some(filings) = &r.filings else {
        return missing(req, "reports.filings");
    };
    let today = ev.evaluation.date;
    let mut problems_zh: Vec<String> = Vec::new();
    let mut problems_en: Vec<String> = Vec::new();
    let mut filed_count: usize = 0;
    for fl in filings.iter().filter(|fl| fl.filed()) {
        let deadline = match cx.calendar.working_day_on_or_after(fl.due_on) {
            Ok(day) => day,
            Err(out) => {
                cx.note(GateId::Art26ReportsOnTime, out.first_unknown);
                let (year, due) = (out.first_unknown.year(), fl.due_on);
                return f(
                    O::InsufficientEvidence,
                    req,
                    text!(
                        cx,
                        ("证据不足：工作日历未覆盖{year}年（报告应报日期{due}）"),
                        ("missing: the work calendar does not cover {year} (report due {due})")
                    ),
                );
            }
        };
        let due_now = deadline < today;
        filed_count = filed_count.saturating_add(1);
        let mut wrong_zh: Vec<String> = Vec::new();
        let mut wrong_en: Vec<String> = Vec::new();
        for (zh, en, day) in [
            ("市", "city", fl.filed_with_city_on),
            ("县", "county", fl.filed_with_county_on),
        ] {
            match day {
                Some(d) if d > deadline => {
                    wrong_zh.push(format!("{d}报送{zh}级民政部门，逾期"));
                    wrong_en.push(format!("{en} {d} late"));
                }
                None if due_now => {
                    wrong_zh.push(format!("未报送{zh}级民政部门"));
                    wrong_en.push(format!("not filed with the {en} bureau"));
                }
                _ => {}
            }
        }
        if !wrong_en.is_empty() {
            let moved = if deadline == fl.due_on {
                (String::new(), String::new())
            } else {
                (
                    format!("（休息日顺延至{deadline}）"),
                    format!(" (a day off: {deadline})"),
                )
            };
            let kind_zh = match fl.kind {
                crate::evidence::ReportKind::MonthlyBriefing => "月度简报",
                crate::evidence::ReportKind::MidTerm => "中期报告",
                crate::evidence::ReportKind::Annual => "年度报告",
            };
            problems_zh.push(format!(
                "{kind_zh}应报日期{}{}：{}",
                fl.due_on,
                moved.0,
                wrong_zh.join("，")
            ));
            problems_en.push(format!(
                "{} due {}{}: {}",
                fl.kind.as_str(),
                fl.due_on,
                moved.1,
                wrong_en.join(", ")
            ));
        }
    }
    if filed_count == 0 {
        return f(
            O::NotApplicable,
            req,
            text!(
                cx,
                ("截至{today}无已报送的报告"),
                ("no listed report filed by {today}")
            ),
        );
    }
    let ok = problems_en.is_empty();
    let actual = if ok {
        text!(
            cx,
            ("{filed_count}份报告均按时报送市、县两级"),
            ("{filed_count} report(s), each on time with both bureaus")
        )
    } else {
        let (zh, en) = (problems_zh.join("；"), problems_en.join("; "));
        text!(cx, ("{zh}"), ("{en}"))
    };
    met_if(ok, req, actual)
}

/// `art26.info_system`: services entered in the national information system (Art. 26).
pub(super) fn info_system(cx: &mut Cx<'_>) -> Finding {
    let req = bi(
        "服务数据录入全国社会工作信息系统",
        "services entered in the national social work information system",
    );
    match &cx.ev.records {
        None => missing(req, "records"),
        Some(r) => {
            let yn = Yn(r.info_system_entries);
            met_if(
                r.info_system_entries,
                req,
                bi(
                    if r.info_system_entries {
                        "已录入"
                    } else {
                        "未录入"
                    },
                    yn.en(),
                ),
            )
        }
    }
}

/// `art28.two_evaluations_a_year` on one evaluation: `not_applicable`, the gate is
/// checked on a project year's evaluations ([`two_evaluations`]).
pub(super) fn two_evaluations_here(cx: &mut Cx<'_>) -> Finding {
    let min = cx.params().min_evaluations_per_year.value;
    f(
        O::NotApplicable,
        text!(
            cx,
            ("每个项目年度评估 ≥ {min}次"),
            ("≥ {min} evaluations in the project year")
        ),
        bi(
            "按项目年度的全部评估核查，不按单次评估核查",
            "checked on a project year's evaluations, not on one",
        ),
    )
}

/// The gate `art28.two_evaluations_a_year` over a project year's evaluation count
/// (Art. 28).
pub(crate) fn two_evaluations(policy: &Policy, count: usize) -> GateResult {
    let min = policy.parameters.min_evaluations_per_year.value;
    let fd = met_if(
        u32::try_from(count).unwrap_or(u32::MAX) >= min,
        crate::evidence::Text {
            zh: format!("每个项目年度评估 ≥ {min}次"),
            en: format!("≥ {min} evaluations in the project year"),
        },
        crate::evidence::Text {
            zh: format!("{count}次"),
            en: format!("{count}"),
        },
    );
    dress(GateId::Art28TwoEvaluationsAYear, policy, fd)
}

/// `art28.no_serious_deviation`: no finding of a serious deviation from the contract's
/// goals (Art. 28: deviations are corrected; serious ones suspend or stop the project).
pub(super) fn no_serious_deviation(cx: &mut Cx<'_>) -> Finding {
    findings(cx, &[FindingKind::SeriousDeviation])
}
