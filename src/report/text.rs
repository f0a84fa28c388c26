//! Compact plain-text renderings for a terminal.

use rust_decimal::Decimal;

use super::labels::{money, pts};
use super::{Lang, Subject};
use crate::county::CountyDecision;
use crate::decision::{Action, Decision, Payment, Renewal, Warning, YearDecision};
use crate::gates::GateOutcome;

/// Columns a string takes on a terminal (East Asian wide characters, including the
/// CJK extensions beyond the Basic Multilingual Plane, take two).
fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

fn pad(s: &str, cols: usize) -> String {
    let w = width(s);
    let mut out = s.to_owned();
    if w < cols {
        out.push_str(&" ".repeat(cols - w));
    }
    out
}

/// A bar of `cells` characters, filled in proportion to `value / max`.
fn bar(value: Decimal, max: Decimal, cells: u32) -> String {
    let filled = if max.is_zero() {
        0
    } else {
        (value.max(Decimal::ZERO) * Decimal::from(cells) / max)
            .round()
            .min(Decimal::from(cells))
            .try_into()
            .unwrap_or(0u32)
    };
    let filled = usize::try_from(filled).unwrap_or(0);
    let cells = usize::try_from(cells).unwrap_or(0);
    format!(
        "{}{}",
        "█".repeat(filled),
        "░".repeat(cells.saturating_sub(filled))
    )
}

fn mark(o: GateOutcome) -> &'static str {
    match o {
        GateOutcome::Met => "✓",
        GateOutcome::NotMet => "✗",
        GateOutcome::NotApplicable => "–",
        GateOutcome::InsufficientEvidence => "?",
    }
}

fn payment(p: &Payment, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{}：本次拨付 {}，暂不拨付 {}（余款 {}）",
            lang.payment(p.status),
            lang.money(p.release),
            lang.money(p.withheld),
            lang.money(p.remaining)
        ),
        Lang::En => format!(
            "{}: release {} now, {} not released (remaining {})",
            lang.payment(p.status),
            lang.money(p.release),
            lang.money(p.withheld),
            lang.money(p.remaining)
        ),
    }
}

fn renewal(r: &Renewal, lang: Lang) -> String {
    let reasons: Vec<&str> = r.reasons.iter().map(|x| lang.text(&x.message)).collect();
    if reasons.is_empty() {
        lang.renewal(r.status).to_owned()
    } else {
        format!(
            "{}{}{}",
            lang.renewal(r.status),
            lang.pick("：", ": "),
            reasons.join(lang.pick("；", "; "))
        )
    }
}

fn actions(out: &mut String, actions: &[Action], lang: Lang) {
    out.push_str(&format!(
        "\n{} ({})\n",
        lang.pick("处理措施", "Actions"),
        actions.len()
    ));
    if actions.is_empty() {
        out.push_str(&format!("  {}\n", lang.pick("无须采取措施", "none owed")));
    }
    for (i, a) in actions.iter().enumerate() {
        let gate = a.gate.map(|g| format!(" [{g}]")).unwrap_or_default();
        let by = a
            .deadline
            .map(|d| format!(" {} {d}", lang.pick("期限", "by")))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {}. {}{gate}{by} — {}\n",
            i + 1,
            lang.action(a.kind),
            lang.text(&a.message)
        ));
    }
}

fn warnings(out: &mut String, warnings: &[Warning], lang: Lang) {
    if warnings.is_empty() {
        return;
    }
    out.push_str(&format!("\n{}\n", lang.pick("提示", "Warnings")));
    for w in warnings {
        out.push_str(&format!("  · {}: {}\n", w.code, lang.text(&w.message)));
    }
}

/// "FAIL: veto art18.no_misuse": the verdict in capitals, its reasons as written.
fn reasons_upper(
    lang: Lang,
    v: crate::decision::Verdict,
    reasons: &[crate::decision::VerdictReason],
) -> String {
    let head = lang.verdict(v).to_uppercase();
    if reasons.is_empty() {
        head
    } else {
        format!(
            "{head}{}{}",
            lang.pick("：", ": "),
            lang.verdict_reasons(reasons)
        )
    }
}

fn decision_body(out: &mut String, d: &Decision, lang: Lang) {
    let label = |zh: &str, en: &str| pad(lang.pick(zh, en), 9);
    out.push_str(&format!(
        "\n  {} {} · {} {} · {} / {}\n",
        label("评估结论", "Verdict"),
        reasons_upper(lang, d.verdict, &d.verdict_reasons),
        lang.pick("等级", "grade"),
        lang.grade(&d.grade),
        crate::num::fixed2(d.scorecard.total),
        pts(d.scorecard.max)
    ));
    out.push_str(&format!(
        "  {} {}\n",
        label("余款", "Payment"),
        payment(&d.payment, lang)
    ));
    out.push_str(&format!(
        "  {} {}\n",
        label("续签", "Renewal"),
        renewal(&d.renewal, lang)
    ));
    actions(out, &d.actions, lang);

    let count = |o: GateOutcome| d.gates.iter().filter(|g| g.outcome == o).count();
    out.push_str(&format!(
        "\n{}: {} {} · {} {} · {} {} · {} {}\n",
        lang.pick("硬性规则", "Gates"),
        lang.outcome(GateOutcome::Met),
        count(GateOutcome::Met),
        lang.outcome(GateOutcome::NotMet),
        count(GateOutcome::NotMet),
        lang.outcome(GateOutcome::NotApplicable),
        count(GateOutcome::NotApplicable),
        lang.outcome(GateOutcome::InsufficientEvidence),
        count(GateOutcome::InsufficientEvidence)
    ));
    for g in d.gates.iter().filter(|g| {
        matches!(
            g.outcome,
            GateOutcome::NotMet | GateOutcome::InsufficientEvidence
        )
    }) {
        out.push_str(&format!(
            "  {} {} ({}, {}) {} {}{} {}\n",
            mark(g.outcome),
            g.id,
            lang.severity(g.severity),
            lang.articles(&g.articles),
            lang.pick("要求", "required"),
            lang.plain(&g.required),
            lang.pick("；实际", "; actual"),
            lang.plain(&g.actual)
        ));
    }

    out.push_str(&format!("\n{}\n", lang.pick("各维度得分", "Dimensions")));
    let dims: Vec<_> = d.scorecard.nodes.iter().filter(|n| n.depth == 1).collect();
    let title_w = dims
        .iter()
        .map(|n| width(lang.text(&n.title)))
        .max()
        .unwrap_or(0);
    for n in dims {
        out.push_str(&format!(
            "  {} {}  {:>5} / {:<3} {}\n",
            n.id,
            pad(lang.text(&n.title), title_w),
            pts(n.points),
            pts(n.max),
            bar(n.points, n.max, 20)
        ));
    }
    let reasons = &d.scorecard.reasons;
    if !reasons.is_empty() {
        out.push_str(&format!(
            "\n{} ({} {})\n",
            lang.pick("失分原因", "Points lost"),
            reasons.len(),
            lang.pick("项", "indicators")
        ));
        for r in reasons.iter().take(5) {
            out.push_str(&format!(
                "  {}. {} {} −{} / {}{}\n",
                r.rank,
                r.node,
                lang.text(&r.title),
                pts(r.lost),
                pts(r.max),
                if r.outcome == crate::score::NodeOutcome::InsufficientEvidence {
                    format!(" ({})", lang.node_outcome(r.outcome))
                } else {
                    String::new()
                }
            ));
        }
        if reasons.len() > 5 {
            out.push_str(&format!(
                "  … {}\n",
                lang.pick("其余见完整报告", "more in the full report")
            ));
        }
    }
    warnings(out, &d.warnings, lang);
    let r = &d.receipt;
    out.push_str(&format!(
        "\n{} {}{} · {} {} {} ({}…) · {} {}…\n",
        lang.pick("凭据：政策", "Receipt: policy"),
        r.policy_version,
        if r.policy_ended_before_evaluation {
            lang.pick("（已失效）", " (ended)")
        } else {
            ""
        },
        lang.pick("标准", "standard"),
        r.standard_id,
        r.standard_version,
        r.standard_hash.get(..12).unwrap_or(&r.standard_hash),
        lang.pick("输入", "input"),
        r.input_hash.get(..12).unwrap_or(&r.input_hash)
    ));
}

fn header(out: &mut String, subject: Option<&Subject>, d: &Decision, lang: Lang) {
    match subject {
        Some(s) => {
            out.push_str(&format!("{} ({})\n", s.station_name, s.station_id));
            let place = match &s.township {
                Some(tw) => format!("{} · {tw}", s.county),
                None => s.county.clone(),
            };
            out.push_str(&format!(
                "{place} · {}{} · {} {}\n",
                lang.pick("承接机构：", "contractor: "),
                s.contractor,
                lang.kind(d.receipt.evaluation_kind),
                d.receipt.evaluation_date
            ));
        }
        None => out.push_str(&format!(
            "{} · {} {}\n",
            lang.pick("社工站评估", "Station evaluation"),
            lang.kind(d.receipt.evaluation_kind),
            d.receipt.evaluation_date
        )),
    }
}

const FOOTER: (&str, &str) = (
    "（完整决定：--format json；完整报告：--format markdown 或 html）\n",
    "(full decision: --format json; full report: --format markdown or html)\n",
);

pub(crate) fn station(d: &Decision, subject: Option<&Subject>, lang: Lang) -> String {
    let mut out = String::new();
    header(&mut out, subject, d, lang);
    decision_body(&mut out, d, lang);
    out.push_str(lang.pick(FOOTER.0, FOOTER.1));
    out
}

pub(crate) fn year(y: &YearDecision, subject: Option<&Subject>, lang: Lang) -> String {
    let mut out = String::new();
    match subject {
        Some(s) => out.push_str(&format!(
            "{} ({}) — {}\n",
            s.station_name,
            s.station_id,
            lang.pick("项目年度", "project year")
        )),
        None => out.push_str(&format!("{}\n", lang.pick("项目年度", "Project year"))),
    }
    out.push_str(&format!(
        "\n  {} {}{}\n",
        pad(lang.pick("年度结论", "Verdict"), 9),
        y.verdict
            .map(|v| reasons_upper(lang, v, &y.verdict_reasons))
            .unwrap_or_else(|| lang.pick("待末期评估", "awaiting the final").to_owned()),
        y.grade
            .as_ref()
            .map(|g| format!(" · {} {}", lang.pick("等级", "grade"), lang.grade(g)))
            .unwrap_or_default()
    ));
    if let Some(w) = y.weighted_total {
        out.push_str(&format!(
            "  {} {}\n",
            pad(lang.pick("加权总分", "Weighted"), 9),
            crate::num::fixed2(w)
        ));
    }
    if let Some(p) = &y.payment {
        out.push_str(&format!(
            "  {} {}\n",
            pad(lang.pick("余款", "Payment"), 9),
            payment(p, lang)
        ));
    }
    out.push_str(&format!(
        "  {} {}\n",
        pad(lang.pick("续签", "Renewal"), 9),
        renewal(&y.renewal, lang)
    ));
    let g = &y.evaluation_count_gate;
    out.push_str(&format!(
        "  {} {} {} {}\n",
        pad(lang.pick("评估次数", "Count"), 9),
        mark(g.outcome),
        g.id,
        lang.text(&g.message)
    ));
    actions(&mut out, &y.actions, lang);
    warnings(&mut out, &y.warnings, lang);
    for (i, d) in y.evaluations.iter().enumerate() {
        out.push_str(&format!(
            "\n── {} {} · {} {} ──\n",
            lang.pick("评估", "Evaluation"),
            i + 1,
            lang.kind(d.receipt.evaluation_kind),
            d.receipt.evaluation_date
        ));
        decision_body(&mut out, d, lang);
    }
    out.push_str(lang.pick(FOOTER.0, FOOTER.1));
    out
}

pub(crate) fn county(c: &CountyDecision, lang: Lang) -> String {
    let s = &c.summary;
    let mut out = format!(
        "{} {} — {} {}\n",
        c.county,
        c.year,
        lang.pick("县区检查", "county check as of"),
        c.receipt.as_of
    );
    let rate = s
        .pass_rate_percent
        .map(|r| format!("{}%", crate::num::fixed2(r)))
        .unwrap_or_else(|| "—".into());
    out.push_str(&format!(
        "\n  {} {rate} ({}/{}) · {} {} · {} {} · {} {}\n",
        lang.pick("合格率", "Pass rate"),
        s.passed,
        s.decided,
        lang.pick("本次拨付", "released"),
        lang.money(s.released),
        lang.pick("不予拨付", "withheld"),
        lang.money(s.withheld),
        lang.pick("待末期", "deferred"),
        lang.money(s.deferred)
    ));
    out.push_str(&format!(
        "  {} {} · {} {} · {} {}\n",
        lang.pick("站点", "Stations"),
        s.stations,
        lang.pick("评估", "evaluations"),
        s.evaluations,
        lang.pick("未决定", "not decided"),
        s.undecided
    ));
    out.push_str(&format!("\n{}\n", lang.pick("等级分布", "Grades")));
    // The standard's bands, the best first.
    for b in s.bands.iter().rev() {
        out.push_str(&format!(
            "  {} {:>3}  {}\n",
            pad(lang.text(&b.label), 12),
            b.count,
            bar(Decimal::from(b.count), Decimal::from(s.decided), 20)
        ));
    }
    out.push_str(&format!("\n{}\n", lang.pick("县区级规则", "County gates")));
    for g in &c.gates {
        out.push_str(&format!(
            "  {} {} ({}) {}{} {}{} {}\n",
            mark(g.outcome),
            pad(g.id.as_str(), 34),
            lang.articles(&g.articles),
            lang.outcome(g.outcome),
            lang.pick("：要求", ": required"),
            lang.plain(&g.required),
            lang.pick("；实际", "; actual"),
            lang.plain(&g.actual)
        ));
    }
    if !c.actions.is_empty() {
        out.push_str(&format!(
            "\n{} ({})\n",
            lang.pick("县区整改事项", "Corrections owed by the county"),
            c.actions.len()
        ));
        for a in &c.actions {
            out.push_str(&format!(
                "  [{}] {} {}\n",
                a.gate,
                a.deadline
                    .map(|d| format!("{} {d}", lang.pick("期限", "by")))
                    .unwrap_or_default(),
                lang.text(&a.message)
            ));
        }
    }
    out.push_str(&format!("\n{}\n", lang.pick("各站点", "Stations")));
    let name_w = c
        .stations
        .iter()
        .map(|r| width(&r.station_name))
        .max()
        .unwrap_or(0);
    for r in &c.stations {
        let kind = match r.evaluation_kind {
            crate::evidence::EvaluationKind::MidTerm => lang.pick("中期", "mid"),
            crate::evidence::EvaluationKind::Final => lang.pick("末期", "final"),
        };
        let line = match &r.result {
            Some(res) => format!(
                "{:>6} {} {} · {} · {} {} · {}",
                crate::num::fixed2(res.total),
                pad(
                    &format!(
                        "{}{}",
                        lang.pick("等级：", "grade "),
                        s.band(&res.grade).map_or_else(
                            || lang.grade(&res.grade),
                            |b| lang.text(&b.label).to_owned()
                        )
                    ),
                    17
                ),
                pad(
                    &format!(
                        "{}{}",
                        lang.pick("评估结论：", "verdict "),
                        lang.verdict(res.verdict).to_uppercase()
                    ),
                    16
                ),
                lang.payment(res.payment),
                lang.pick("拨付", "released"),
                money(res.release),
                lang.renewal(res.renewal)
            ),
            None => format!(
                "{} {}",
                lang.pick("未能决定：", "NOT DECIDED:"),
                r.errors
                    .iter()
                    .map(|e| format!("{} {}", e.pointer, e.message))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        };
        out.push_str(&format!(
            "  {} {} {} {} {line}\n",
            pad(&r.station_id, 11),
            pad(&r.station_name, name_w),
            pad(kind, 5),
            r.evaluation_date
        ));
    }
    warnings(&mut out, &c.warnings, lang);
    out.push_str(lang.pick(
        "（完整结果：--format json；完整报告：--format markdown 或 html）\n",
        "(full result: --format json; full report: --format markdown or html)\n",
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_and_bars() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("行政管理"), 8);
        assert_eq!(pad("合格", 6), "合格  ");
        // CJK Extension B (outside the Basic Multilingual Plane) is wide too.
        assert_eq!(width("𠮷野家"), 6);
        assert_eq!(
            bar(Decimal::from(24), Decimal::from(25), 20)
                .chars()
                .count(),
            20
        );
        assert_eq!(bar(Decimal::from(5), Decimal::from(10), 4), "██░░");
        assert_eq!(bar(Decimal::ONE, Decimal::ZERO, 3), "░░░");
    }
}
