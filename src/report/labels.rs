//! Words of the reports, in Chinese and English.

use rust_decimal::Decimal;

use super::Lang;
use super::doc::Tone;
use crate::decision::{ActionKind, PaymentStatus, RenewalStatus, Verdict, VerdictReason};
use crate::evidence::{EvaluationKind, Text};
use crate::gates::{GateOutcome, Severity};
use crate::score::NodeOutcome;
use crate::standard::{Grade, GradeId};

impl Lang {
    /// Picks the Chinese or the English string.
    pub(crate) fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The text in this language.
    pub(crate) fn text(self, t: &Text) -> &str {
        self.pick(&t.zh, &t.en)
    }

    /// The text in this language for a printed page: the backticks that mark codes in
    /// the JSON (`` `contract.clauses` ``) dropped.
    pub(crate) fn plain(self, t: &Text) -> String {
        self.text(t).replace('`', "")
    }

    /// The reasons of a verdict on one line ("veto art18.no_misuse; 57.00 below 60").
    /// The reasons of a verdict, built from their fields in this language: the veto gate
    /// by its name and id, the total against the pass mark; the engine's message for a
    /// reason this version does not know.
    pub(crate) fn verdict_reasons(self, reasons: &[VerdictReason]) -> String {
        reasons
            .iter()
            .map(|r| {
                let total = r.total.map(crate::num::fixed2);
                let mark = r.pass_mark.map(|m| m.normalize().to_string());
                use crate::decision::VerdictReasonCode as C;
                match (r.code, r.gate, total, mark, self) {
                    (C::VetoGateNotMet, Some(g), _, _, Lang::Zh) => {
                        format!("一票否决项{}不符合", self.gate(g.as_str(), &r.articles))
                    }
                    (C::VetoGateNotMet, Some(g), _, _, Lang::En) => {
                        format!("veto gate {} not met", self.gate(g.as_str(), &r.articles))
                    }
                    (C::BelowPassMark, _, Some(t), Some(m), Lang::Zh) => {
                        format!("总分 {t} 分，低于合格线 {m} 分")
                    }
                    (C::BelowPassMark, _, Some(t), Some(m), Lang::En) => {
                        format!("total {t}, below the pass mark {m}")
                    }
                    (C::PassMarkReached, _, Some(t), Some(m), Lang::Zh) => {
                        format!("总分 {t} 分，达到合格线 {m} 分，无一票否决情形")
                    }
                    (C::PassMarkReached, _, Some(t), Some(m), Lang::En) => {
                        format!("total {t} reaches the pass mark {m}, and no veto gate is unmet")
                    }
                    _ => self.text(&r.message).to_owned(),
                }
            })
            .collect::<Vec<_>>()
            .join(self.pick("；", "; "))
    }

    pub(crate) fn verdict(self, v: Verdict) -> &'static str {
        match v {
            Verdict::Pass => self.pick("合格", "pass"),
            Verdict::Fail => self.pick("不合格", "fail"),
        }
    }

    /// A grade's label: the built-in label of the four default grades, else the band's
    /// id (a report that has the standard shows `CompiledStandard::band(id).label`).
    pub(crate) fn grade(self, g: impl GradeRef) -> String {
        match GradeId::new(g.grade_id()).as_default() {
            Some(d) => self.pick(d.zh(), d.en()).to_owned(),
            None => g.grade_id().to_owned(),
        }
    }

    pub(crate) fn payment(self, p: PaymentStatus) -> &'static str {
        match p {
            PaymentStatus::ReleasedInFull => self.pick("全额拨付余款", "released in full"),
            PaymentStatus::Withheld => self.pick("不予拨付余款", "withheld"),
            PaymentStatus::MidTermTrancheReleased => {
                self.pick("拨付中期款", "mid-term tranche released")
            }
            PaymentStatus::DeferredToFinal => {
                self.pick("待末期评估", "deferred to the final evaluation")
            }
        }
    }

    /// A short payment label for a table of many stations.
    pub(crate) fn payment_short(self, p: PaymentStatus) -> &'static str {
        match p {
            PaymentStatus::ReleasedInFull => self.pick("全额拨付", "released"),
            PaymentStatus::Withheld => self.pick("不予拨付", "withheld"),
            PaymentStatus::MidTermTrancheReleased => self.pick("拨付中期款", "tranche"),
            PaymentStatus::DeferredToFinal => self.pick("待末期", "deferred"),
        }
    }

    pub(crate) fn renewal(self, r: RenewalStatus) -> &'static str {
        match r {
            RenewalStatus::Eligible => self.pick("可续签", "eligible"),
            RenewalStatus::Ineligible => self.pick("不得续签", "ineligible"),
            RenewalStatus::Undetermined => self.pick("暂无法确定", "undetermined"),
        }
    }

    pub(crate) fn outcome(self, o: GateOutcome) -> &'static str {
        match o {
            GateOutcome::Met => self.pick("符合", "met"),
            GateOutcome::NotMet => self.pick("不符合", "not met"),
            GateOutcome::NotApplicable => self.pick("不适用", "not applicable"),
            GateOutcome::InsufficientEvidence => self.pick("证据不足", "insufficient evidence"),
        }
    }

    pub(crate) fn severity(self, s: Severity) -> &'static str {
        match s {
            Severity::Veto => self.pick("一票否决", "veto"),
            Severity::Rectify => self.pick("限期整改", "rectify"),
            Severity::Advisory => self.pick("仅提示", "advisory"),
        }
    }

    pub(crate) fn action(self, a: ActionKind) -> &'static str {
        match a {
            ActionKind::WithholdRemainingPayment => {
                self.pick("不予拨付余款", "withhold the remaining payment")
            }
            ActionKind::NoRenewal => self.pick("不再续签", "no renewal"),
            ActionKind::ReProcure => self.pick("重新采购承接机构", "re-procure the contractor"),
            ActionKind::SuspendOrStop => self.pick("暂停或终止项目", "suspend or stop the project"),
            ActionKind::Rectify => self.pick("限期整改", "rectify"),
            ActionKind::ChangeOrTerminateContract => {
                self.pick("变更或解除合同", "change or end the contract")
            }
        }
    }

    pub(crate) fn kind(self, k: EvaluationKind) -> &'static str {
        match k {
            EvaluationKind::MidTerm => self.pick("中期评估", "mid-term evaluation"),
            EvaluationKind::Final => self.pick("末期评估", "final evaluation"),
        }
    }

    pub(crate) fn node_outcome(self, o: NodeOutcome) -> &'static str {
        match o {
            NodeOutcome::Scored => self.pick("已评分", "scored"),
            NodeOutcome::InsufficientEvidence => self.pick("证据不足", "insufficient evidence"),
            NodeOutcome::NotApplicable => self.pick("不适用", "not applicable"),
        }
    }

    /// "Art. 8, 19" / "第8、19条".
    pub(crate) fn articles<S: AsRef<str>>(self, arts: &[S]) -> String {
        if arts.is_empty() {
            return "—".to_owned();
        }
        let (open, sep, close) = match self {
            Lang::Zh => ("第", "、", "条"),
            Lang::En => ("Art. ", ", ", ""),
        };
        let mut out = String::from(open);
        for (i, a) in arts.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(a.as_ref());
        }
        out.push_str(close);
        out
    }

    /// An amount of yuan: "60,000.00 元" / "CNY 60,000.00".
    pub(crate) fn money(self, d: Decimal) -> String {
        match self {
            Lang::Zh => format!("{} 元", money(d)),
            Lang::En => format!("CNY {}", money(d)),
        }
    }
}

/// The short name of a gate, station or county, in Chinese and English; `None` for an
/// id the reports do not know (a newer engine's gate).
pub(crate) fn gate_name(id: &str) -> Option<(&'static str, &'static str)> {
    if let Ok(g) = id.parse::<crate::gates::GateId>() {
        return Some(g.name());
    }
    id.parse::<crate::county::CountyGateId>()
        .ok()
        .map(crate::county::CountyGateId::name)
}

impl Lang {
    /// A gate's name beside its id and articles: "第18、19条 资金专款专用（art18.no_misuse）" /
    /// "Art. 18, 19 no misuse of funds (art18.no_misuse)".
    pub(crate) fn gate<S: AsRef<str>>(self, id: &str, articles: &[S]) -> String {
        let name = gate_name(id).map(|(zh, en)| self.pick(zh, en));
        match (self, name) {
            (Lang::Zh, Some(n)) => format!("{} {n}（{id}）", self.articles(articles)),
            (Lang::En, Some(n)) => format!("{} {n} ({id})", self.articles(articles)),
            (_, None) => format!("{} {id}", self.articles(articles)),
        }
    }

    /// A gate's short name, or its id.
    pub(crate) fn gate_short(self, id: &str) -> &str {
        gate_name(id).map_or(id, |(zh, en)| self.pick(zh, en))
    }
}

pub(crate) fn verdict_tone(v: Verdict) -> Tone {
    match v {
        Verdict::Pass => Tone::Good,
        Verdict::Fail => Tone::Bad,
    }
}

pub(crate) fn grade_tone(g: impl GradeRef) -> Tone {
    match GradeId::new(g.grade_id()).as_default() {
        Some(Grade::Excellent | Grade::Good) => Tone::Good,
        Some(Grade::Qualified) | None => Tone::Warn,
        Some(Grade::Unqualified) => Tone::Bad,
    }
}

/// A built-in grade or a band id.
pub(crate) trait GradeRef {
    fn grade_id(&self) -> &str;
}

impl GradeRef for Grade {
    fn grade_id(&self) -> &str {
        self.en()
    }
}

impl GradeRef for GradeId {
    fn grade_id(&self) -> &str {
        self.as_str()
    }
}

impl<T: GradeRef> GradeRef for &T {
    fn grade_id(&self) -> &str {
        (*self).grade_id()
    }
}

pub(crate) fn outcome_tone(o: GateOutcome, s: Severity) -> Tone {
    match (o, s) {
        (GateOutcome::Met, _) => Tone::Good,
        (GateOutcome::NotMet, Severity::Advisory) => Tone::Warn,
        (GateOutcome::NotMet, _) => Tone::Bad,
        (GateOutcome::InsufficientEvidence, _) => Tone::Warn,
        (GateOutcome::NotApplicable, _) => Tone::Neutral,
    }
}

pub(crate) fn renewal_tone(r: RenewalStatus) -> Tone {
    match r {
        RenewalStatus::Eligible => Tone::Good,
        RenewalStatus::Ineligible => Tone::Bad,
        RenewalStatus::Undetermined => Tone::Warn,
    }
}

pub(crate) fn payment_tone(p: PaymentStatus) -> Tone {
    match p {
        PaymentStatus::ReleasedInFull | PaymentStatus::MidTermTrancheReleased => Tone::Good,
        PaymentStatus::Withheld => Tone::Bad,
        PaymentStatus::DeferredToFinal => Tone::Neutral,
    }
}

/// A decimal with two places and thousands separators: `1,234,567.80`.
pub(crate) fn money(d: Decimal) -> String {
    let fixed = crate::num::fixed2(d);
    let (sign, body) = match fixed.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", fixed.as_str()),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, "00"));
    let digits: Vec<char> = int.chars().collect();
    let mut grouped = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(*c);
    }
    format!("{sign}{grouped}.{frac}")
}

/// Points without trailing zeros: `24.0` → `24`, `-0` → `0`.
pub(crate) fn pts(d: Decimal) -> String {
    d.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(Decimal::new(6_000_000, 2)), "60,000.00");
        assert_eq!(money(Decimal::new(123_456_789, 1)), "12,345,678.90");
        assert_eq!(money(Decimal::from(5)), "5.00");
        assert_eq!(money(Decimal::new(-100_000, 2)), "-1,000.00");
        assert_eq!(pts(Decimal::new(240, 1)), "24");
        assert_eq!(pts(Decimal::new(-0, 1)), "0");
    }

    #[test]
    fn every_gate_has_a_short_name() {
        for g in crate::gates::GateId::ALL {
            assert!(gate_name(g.as_str()).is_some(), "{g}");
        }
        for g in crate::county::CountyGateId::ALL {
            assert!(gate_name(g.as_str()).is_some(), "{g}");
        }
        assert_eq!(
            Lang::Zh.gate("art18.no_misuse", &["18"]),
            "第18条 资金专款专用（art18.no_misuse）"
        );
    }
}
