//! The station report (and the project-year report) as a document.

use rust_decimal::Decimal;

use super::doc::{Bar, Block, Chart, Doc, Line, Span, Tone, badge, code, strong, t};
use super::labels::{grade_tone, outcome_tone, payment_tone, pts, renewal_tone, verdict_tone};
use super::{Lang, Subject};
use crate::decision::{Action, Decision, Payment, Renewal, Warning, YearDecision};
use crate::gates::{GateOutcome, GateResult};
use crate::score::{NodeScore, Scorecard};

pub(crate) fn title(subject: Option<&Subject>, lang: Lang) -> String {
    let base = lang.pick("社工站评估报告", "Station evaluation report");
    match subject {
        Some(s) => match lang {
            Lang::Zh => format!("{base}：{}（{}）", s.station_name, s.station_id),
            Lang::En => format!("{base}: {} ({})", s.station_name, s.station_id),
        },
        None => base.to_owned(),
    }
}

fn subtitle(d: &Decision, subject: Option<&Subject>, lang: Lang) -> Line {
    let mut parts: Vec<String> = Vec::new();
    if let Some(s) = subject {
        parts.push(match &s.township {
            Some(tw) => format!("{} · {tw}", s.county),
            None => s.county.clone(),
        });
        parts.push(format!(
            "{}{}",
            lang.pick("承接机构：", "Contractor: "),
            s.contractor
        ));
    }
    parts.push(format!(
        "{} {}",
        lang.kind(d.receipt.evaluation_kind),
        d.receipt.evaluation_date
    ));
    if let Some(ev) = subject.and_then(|s| s.evaluator.as_ref()) {
        parts.push(format!("{}{ev}", lang.pick("评估机构：", "Evaluator: ")));
    }
    vec![t(parts.join(" · "))]
}

pub(crate) fn payment_line(p: &Payment, lang: Lang) -> Line {
    let detail = match lang {
        Lang::Zh => format!(
            "本次拨付 {}，暂不拨付 {}（余款 {} = 合同金额 {} − 已付 {}；{}）",
            lang.money(p.release),
            lang.money(p.withheld),
            lang.money(p.remaining),
            lang.money(p.price),
            lang.money(p.paid),
            lang.articles(&p.articles)
        ),
        Lang::En => format!(
            "release {} now, {} not released (remaining {} = price {} − paid {}; {})",
            lang.money(p.release),
            lang.money(p.withheld),
            lang.money(p.remaining),
            lang.money(p.price),
            lang.money(p.paid),
            lang.articles(&p.articles)
        ),
    };
    vec![
        badge(payment_tone(p.status), lang.payment(p.status)),
        t(" "),
        t(detail),
    ]
}

pub(crate) fn renewal_line(r: &Renewal, lang: Lang) -> Line {
    let mut line = vec![badge(renewal_tone(r.status), lang.renewal(r.status))];
    let reasons: Vec<String> = r
        .reasons
        .iter()
        .map(|x| match lang {
            Lang::Zh => format!(
                "{}（{}）",
                lang.text(&x.message),
                lang.articles(&x.articles)
            ),
            Lang::En => format!("{} ({})", lang.text(&x.message), lang.articles(&x.articles)),
        })
        .collect();
    if !reasons.is_empty() {
        line.push(t(format!(" {}", reasons.join(lang.pick("；", "; ")))));
    }
    line
}

pub(crate) fn actions_block(actions: &[Action], lang: Lang) -> Block {
    if actions.is_empty() {
        return Block::Para(vec![t(lang.pick("无须采取措施。", "No action is owed."))]);
    }
    Block::Table {
        head: vec![
            "#".into(),
            lang.pick("措施", "Action").into(),
            lang.pick("规则", "Gate").into(),
            lang.pick("条款", "Articles").into(),
            lang.pick("期限", "Deadline").into(),
            lang.pick("说明", "Details").into(),
        ],
        rows: actions
            .iter()
            .enumerate()
            .map(|(i, a)| {
                vec![
                    vec![t((i + 1).to_string())],
                    vec![strong(lang.action(a.kind))],
                    a.gate.map(|g| vec![code(g.as_str())]).unwrap_or_default(),
                    vec![t(lang.articles(&a.articles))],
                    vec![t(a
                        .deadline
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "—".into()))],
                    vec![t(lang.text(&a.message))],
                ]
            })
            .collect(),
        right: vec![0],
    }
}

pub(crate) fn warnings_block(warnings: &[Warning], lang: Lang) -> Option<Block> {
    if warnings.is_empty() {
        return None;
    }
    Some(Block::List(
        warnings
            .iter()
            .map(|w| vec![code(&w.code), t(" "), t(lang.text(&w.message))])
            .collect(),
    ))
}

fn gate_counts(gates: &[GateResult], lang: Lang) -> String {
    let n = |o: GateOutcome| gates.iter().filter(|g| g.outcome == o).count();
    [
        GateOutcome::Met,
        GateOutcome::NotMet,
        GateOutcome::NotApplicable,
        GateOutcome::InsufficientEvidence,
    ]
    .iter()
    .map(|o| format!("{} {}", lang.outcome(*o), n(*o)))
    .collect::<Vec<_>>()
    .join(" · ")
}

fn gates_table(gates: &[GateResult], lang: Lang) -> Block {
    Block::Table {
        head: vec![
            lang.pick("规则", "Gate").into(),
            lang.pick("条款", "Articles").into(),
            lang.pick("严重程度", "Severity").into(),
            lang.pick("结果", "Outcome").into(),
            lang.pick("要求", "Required").into(),
            lang.pick("实际", "Actual").into(),
        ],
        rows: gates
            .iter()
            .map(|g| {
                vec![
                    vec![code(g.id.as_str())],
                    vec![t(lang.articles(&g.articles))],
                    vec![t(lang.severity(g.severity))],
                    vec![badge(
                        outcome_tone(g.outcome, g.severity),
                        lang.outcome(g.outcome),
                    )],
                    vec![t(&g.required)],
                    vec![t(&g.actual)],
                ]
            })
            .collect(),
        right: Vec::new(),
    }
}

fn dimension_chart(card: &Scorecard, lang: Lang) -> Chart {
    Chart {
        title: lang
            .pick("各维度得分与满分", "Dimension scores against their maxima")
            .into(),
        bars: card
            .nodes
            .iter()
            .filter(|n| n.depth == 1)
            .map(|n| {
                let ratio = if n.max.is_zero() {
                    Decimal::ONE
                } else {
                    n.points / n.max
                };
                let tone = if ratio >= Decimal::new(8, 1) {
                    Tone::Good
                } else if ratio >= Decimal::new(6, 1) {
                    Tone::Warn
                } else {
                    Tone::Bad
                };
                Bar {
                    label: format!("{} {}", n.id, lang.text(&n.title)),
                    value: n.points,
                    max: n.max,
                    value_text: format!("{} / {}", pts(n.points), pts(n.max)),
                    tone,
                }
            })
            .collect(),
        tracks_to_max: true,
    }
}

/// The inputs that explain where a node lost points.
fn shortfalls(n: &NodeScore, lang: Lang) -> String {
    let rule = n.rule.as_deref().unwrap_or("");
    n.inputs
        .iter()
        .filter(|i| match rule {
            "deduct" => i.points < Decimal::ZERO,
            "check" | "checklist" => i.points.is_zero(),
            _ => true,
        })
        .map(|i| match lang {
            Lang::Zh => format!("{}：要求 {}，实际 {}", i.fact, i.required, i.actual),
            Lang::En => format!("{}: required {}, actual {}", i.fact, i.required, i.actual),
        })
        .collect::<Vec<_>>()
        .join(lang.pick("；", "; "))
}

fn scorecard_blocks(card: &Scorecard, lang: Lang, level: u8) -> Vec<Block> {
    let mut blocks = vec![
        Block::Heading(level, lang.pick("评分表", "Scorecard").into()),
        Block::Para(vec![t(format!(
            "{} {} {} · {} {} / {} · {} {}",
            lang.pick("标准", "Standard"),
            card.standard,
            card.standard_version,
            lang.pick("总分", "total"),
            crate::num::fixed2(card.total),
            pts(card.max),
            lang.pick("等级", "grade"),
            lang.grade(card.grade)
        ))]),
        Block::Chart(dimension_chart(card, lang)),
    ];
    blocks.push(Block::Table {
        head: vec![
            lang.pick("编号", "Id").into(),
            lang.pick("指标", "Indicator").into(),
            lang.pick("条款", "Articles").into(),
            lang.pick("满分", "Max").into(),
            lang.pick("得分", "Points").into(),
            lang.pick("失分", "Lost").into(),
            lang.pick("状态", "Status").into(),
        ],
        rows: card
            .nodes
            .iter()
            .map(|n| {
                let title = lang.text(&n.title).to_owned();
                let (id, title) = if n.depth == 1 {
                    (vec![strong(&n.id)], vec![strong(title)])
                } else {
                    (vec![t(&n.id)], vec![t(title)])
                };
                let lost = if n.lost.is_zero() {
                    vec![t("0")]
                } else {
                    vec![strong(format!("−{}", pts(n.lost)))]
                };
                let status = match n.outcome {
                    crate::score::NodeOutcome::Scored => vec![t(lang.node_outcome(n.outcome))],
                    crate::score::NodeOutcome::InsufficientEvidence => {
                        vec![badge(Tone::Warn, lang.node_outcome(n.outcome))]
                    }
                };
                vec![
                    id,
                    title,
                    vec![t(lang.articles(&n.articles))],
                    vec![t(pts(n.max))],
                    vec![t(pts(n.points))],
                    lost,
                    status,
                ]
            })
            .collect(),
        right: vec![3, 4, 5],
    });
    blocks.push(Block::Heading(
        level + 1,
        lang.pick("失分原因（按失分排序）", "Ranked reasons (points lost)")
            .into(),
    ));
    if card.reasons.is_empty() {
        blocks.push(Block::Para(vec![t(
            lang.pick("未失分。", "No points were lost.")
        )]));
    } else {
        blocks.push(Block::Table {
            head: vec![
                lang.pick("排名", "Rank").into(),
                lang.pick("指标", "Indicator").into(),
                lang.pick("失分", "Lost").into(),
                lang.pick("满分", "Max").into(),
                lang.pick("状态", "Status").into(),
                lang.pick("依据", "Evidence").into(),
            ],
            rows: card
                .reasons
                .iter()
                .map(|r| {
                    let why = card
                        .nodes
                        .iter()
                        .find(|n| n.id == r.node)
                        .map(|n| shortfalls(n, lang))
                        .unwrap_or_default();
                    vec![
                        vec![t(r.rank.to_string())],
                        vec![code(&r.node), t(" "), t(lang.text(&r.title))],
                        vec![t(format!("−{}", pts(r.lost)))],
                        vec![t(pts(r.max))],
                        vec![t(lang.node_outcome(r.outcome))],
                        vec![t(why)],
                    ]
                })
                .collect(),
            right: vec![0, 2, 3],
        });
    }
    if !card.insufficient_evidence.is_empty() {
        blocks.push(Block::Para(vec![
            strong(lang.pick("证据不足的指标：", "Scored 0 for want of evidence: ")),
            t(card.insufficient_evidence.join(", ")),
        ]));
    }
    blocks
}

fn receipt_block(d: &Decision, lang: Lang) -> Block {
    let r = &d.receipt;
    Block::Facts(vec![
        (
            lang.pick("引擎", "Engine").into(),
            vec![t(format!("{} {}", r.engine, r.engine_version))],
        ),
        (
            lang.pick("评分标准", "Standard").into(),
            vec![code(&r.standard_id), t(format!(" {}", r.standard_version))],
        ),
        (
            lang.pick("标准哈希", "Standard hash").into(),
            vec![code(&r.standard_hash)],
        ),
        (
            lang.pick("适用政策版本", "Policy version").into(),
            vec![
                code(&r.policy_version),
                t(format!(
                    " {} — {}{}",
                    r.policy_in_force_from,
                    r.policy_in_force_until,
                    if r.policy_ended_before_evaluation {
                        lang.pick("（评估时已失效）", " (ended before the evaluation)")
                    } else {
                        ""
                    }
                )),
            ],
        ),
        (
            lang.pick("评估", "Evaluation").into(),
            vec![t(format!(
                "{} {}",
                lang.kind(r.evaluation_kind),
                r.evaluation_date
            ))],
        ),
        (
            lang.pick("输入哈希", "Input hash").into(),
            vec![code(&r.input_hash)],
        ),
    ])
}

fn decision_blocks(d: &Decision, lang: Lang, level: u8) -> Vec<Block> {
    let head: Line = vec![
        badge(verdict_tone(d.verdict), lang.verdict(d.verdict)),
        t(" "),
        t(format!(
            "{} {} · {} {} / {}",
            lang.pick("等级", "grade"),
            lang.grade(d.grade),
            lang.pick("总分", "score"),
            crate::num::fixed2(d.scorecard.total),
            pts(d.scorecard.max)
        )),
    ];
    let mut lines = vec![
        [
            vec![strong(lang.pick("余款：", "Remaining payment: "))],
            payment_line(&d.payment, lang),
        ]
        .concat(),
        [
            vec![strong(lang.pick("续签：", "Renewal: "))],
            renewal_line(&d.renewal, lang),
        ]
        .concat(),
    ];
    let vetoes: Vec<Span> = d
        .gates
        .iter()
        .filter(|g| g.severity == crate::gates::Severity::Veto && g.outcome == GateOutcome::NotMet)
        .map(|g| code(g.id.as_str()))
        .collect();
    if !vetoes.is_empty() {
        let mut l = vec![strong(lang.pick("一票否决：", "Veto gates not met: "))];
        for (i, v) in vetoes.into_iter().enumerate() {
            if i > 0 {
                l.push(t(", "));
            }
            l.push(v);
        }
        lines.push(l);
    }
    let mut blocks = vec![
        Block::Heading(level, lang.pick("决定", "Decision").into()),
        Block::Banner(verdict_tone(d.verdict), head, lines),
        Block::Facts(vec![
            (
                lang.pick("结论", "Verdict").into(),
                vec![badge(verdict_tone(d.verdict), lang.verdict(d.verdict))],
            ),
            (
                lang.pick("等级", "Grade").into(),
                vec![badge(grade_tone(d.grade), lang.grade(d.grade))],
            ),
            (
                lang.pick("总分", "Score").into(),
                vec![t(format!(
                    "{} / {}",
                    crate::num::fixed2(d.scorecard.total),
                    pts(d.scorecard.max)
                ))],
            ),
            (
                lang.pick("余款", "Remaining payment").into(),
                payment_line(&d.payment, lang),
            ),
            (
                lang.pick("续签", "Renewal").into(),
                renewal_line(&d.renewal, lang),
            ),
        ]),
        Block::Heading(level + 1, lang.pick("处理措施", "Actions").into()),
        actions_block(&d.actions, lang),
    ];
    if let Some(w) = warnings_block(&d.warnings, lang) {
        blocks.push(Block::Heading(
            level + 1,
            lang.pick("提示", "Warnings").into(),
        ));
        blocks.push(w);
    }
    blocks.push(Block::Heading(level, lang.pick("硬性规则", "Gates").into()));
    blocks.push(Block::Para(vec![t(gate_counts(&d.gates, lang))]));
    blocks.push(gates_table(&d.gates, lang));
    blocks.extend(scorecard_blocks(&d.scorecard, lang, level));
    blocks.push(Block::Heading(level, lang.pick("凭据", "Receipt").into()));
    blocks.push(receipt_block(d, lang));
    blocks
}

pub(crate) fn doc(d: &Decision, subject: Option<&Subject>, lang: Lang) -> Doc {
    let mut blocks = vec![Block::Para(subtitle(d, subject, lang))];
    blocks.extend(decision_blocks(d, lang, 2));
    Doc {
        lang_tag: lang.tag(),
        title: title(subject, lang),
        blocks,
    }
}

pub(crate) fn year_doc(y: &YearDecision, subject: Option<&Subject>, lang: Lang) -> Doc {
    let title = match lang {
        Lang::Zh => format!("{}（项目年度）", title(subject, lang)),
        Lang::En => format!("{} (project year)", title(subject, lang)),
    };
    let mut facts = vec![
        (
            lang.pick("年度结论", "Year verdict").into(),
            match y.verdict {
                Some(v) => vec![badge(verdict_tone(v), lang.verdict(v))],
                None => vec![t(lang.pick("待末期评估", "awaiting the final evaluation"))],
            },
        ),
        (
            lang.pick("年度等级", "Year grade").into(),
            match y.grade {
                Some(g) => vec![badge(grade_tone(g), lang.grade(g))],
                None => vec![t("—")],
            },
        ),
    ];
    if let Some(w) = y.weighted_total {
        facts.push((
            lang.pick("加权总分", "Weighted total").into(),
            vec![t(crate::num::fixed2(w))],
        ));
    }
    facts.push((
        lang.pick("余款", "Remaining payment").into(),
        match &y.payment {
            Some(p) => payment_line(p, lang),
            None => vec![t(lang.pick("待末期评估", "awaiting the final evaluation"))],
        },
    ));
    facts.push((
        lang.pick("续签", "Renewal").into(),
        renewal_line(&y.renewal, lang),
    ));
    let g = &y.evaluation_count_gate;
    facts.push((
        lang.pick("年度评估次数", "Evaluations this year").into(),
        vec![
            code(g.id.as_str()),
            t(" "),
            badge(outcome_tone(g.outcome, g.severity), lang.outcome(g.outcome)),
            t(" "),
            t(lang.text(&g.message)),
        ],
    ));
    let mut blocks = vec![
        Block::Heading(2, lang.pick("年度决定", "Project year decision").into()),
        Block::Facts(facts),
        Block::Heading(3, lang.pick("处理措施", "Actions").into()),
        actions_block(&y.actions, lang),
    ];
    if let Some(w) = warnings_block(&y.warnings, lang) {
        blocks.push(Block::Heading(3, lang.pick("提示", "Warnings").into()));
        blocks.push(w);
    }
    for (i, d) in y.evaluations.iter().enumerate() {
        blocks.push(Block::Heading(
            2,
            format!(
                "{} {} · {} {}",
                lang.pick("评估", "Evaluation"),
                i + 1,
                lang.kind(d.receipt.evaluation_kind),
                d.receipt.evaluation_date
            ),
        ));
        blocks.extend(decision_blocks(d, lang, 3));
    }
    Doc {
        lang_tag: lang.tag(),
        title,
        blocks,
    }
}
