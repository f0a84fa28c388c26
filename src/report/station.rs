//! The station report (and the project-year report) as a document.

use rust_decimal::Decimal;

use super::doc::{Bar, Block, Chart, Doc, Line, Span, Tone, badge, code, strong, t};
use super::labels::{grade_tone, outcome_tone, payment_tone, pts, renewal_tone, verdict_tone};
use super::{Lang, Subject};
use crate::decision::{Action, Decision, Payment, Renewal, Warning, YearDecision};
use crate::evidence::EvaluationKind;
use crate::gates::{GateOutcome, GateResult, Severity};
use crate::score::{NodeScore, Scorecard};

/// "东城街道社会工作服务站项目末期评估报告" / "Final evaluation report: 东城街道社会工作服务站 project".
pub(crate) fn title(subject: Option<&Subject>, kind: EvaluationKind, lang: Lang) -> String {
    match (subject, lang) {
        (Some(s), Lang::Zh) => format!("{}项目{}报告", s.station_name, lang.kind(kind)),
        (Some(s), Lang::En) => format!(
            "{} report: {} project",
            capitalised(lang.kind(kind)),
            s.station_name
        ),
        (None, Lang::Zh) => format!("社工站项目{}报告", lang.kind(kind)),
        (None, Lang::En) => format!("Station project {} report", lang.kind(kind)),
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A numbered section heading: "一、基本情况" at level 2, "（一）基本情况" below;
/// "1. Basic information" in English.
pub(crate) fn section(lang: Lang, level: u8, n: usize, zh: &str, en: &str) -> Block {
    const NUMS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let text = match lang {
        Lang::Zh => {
            let num = NUMS.get(n.saturating_sub(1)).copied().unwrap_or("");
            if level <= 2 {
                format!("{num}、{zh}")
            } else {
                format!("（{num}）{zh}")
            }
        }
        Lang::En => format!("{n}. {en}"),
    };
    Block::Heading(level, text)
}

fn basic_facts(d: &Decision, subject: Option<&Subject>, lang: Lang) -> Block {
    let r = &d.receipt;
    let mut facts: Vec<(String, Line)> = Vec::new();
    if let Some(s) = subject {
        facts.push((
            lang.pick("站点名称", "Station").into(),
            vec![t(&s.station_name), t(" "), code(&s.station_id)],
        ));
        facts.push((
            lang.pick("所在县区、乡镇（街道）", "County, township")
                .into(),
            vec![t(match &s.township {
                Some(tw) => format!("{} {tw}", s.county),
                None => s.county.clone(),
            })],
        ));
        let mut contractor = vec![t(&s.contractor)];
        if let Some(c) = &s.contractor_credit_code {
            contractor.push(t(lang.pick("（统一社会信用代码 ", " (credit code ")));
            contractor.push(code(c));
            contractor.push(t(lang.pick("）", ")")));
        }
        facts.push((lang.pick("承接机构", "Contractor").into(), contractor));
        if let (Some(from), Some(until)) = (s.project_start, s.term_end) {
            let signed = s
                .signed_on
                .map(|d| match lang {
                    Lang::Zh => format!("，{d} 签订"),
                    Lang::En => format!(", signed {d}"),
                })
                .unwrap_or_default();
            facts.push((
                lang.pick("合同期限", "Contract term").into(),
                vec![t(format!(
                    "{from} {} {until}{signed}",
                    lang.pick("至", "to")
                ))],
            ));
        }
    }
    facts.push((
        lang.pick("合同金额", "Contract price").into(),
        vec![t(match lang {
            Lang::Zh => format!(
                "{}（已付 {}）",
                lang.money(d.payment.price),
                lang.money(d.payment.paid)
            ),
            Lang::En => format!(
                "{} ({} paid)",
                lang.money(d.payment.price),
                lang.money(d.payment.paid)
            ),
        })],
    ));
    facts.push((
        lang.pick("评估类型与日期", "Evaluation").into(),
        vec![t(format!(
            "{} {}",
            lang.kind(r.evaluation_kind),
            r.evaluation_date
        ))],
    ));
    facts.push((
        lang.pick("评估机构", "Evaluator").into(),
        vec![t(subject
            .and_then(|s| s.evaluator.clone())
            .unwrap_or_else(|| "—".into()))],
    ));
    facts.push((
        lang.pick("评分标准", "Standard").into(),
        vec![code(&r.standard_id), t(format!(" {}", r.standard_version))],
    ));
    facts.push((
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
    ));
    Block::Facts(facts)
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
            .map(|w| vec![code(w.code.as_str()), t(" "), t(lang.text(&w.message))])
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
                    gate_cell(g.id.as_str(), lang),
                    vec![t(lang.articles(&g.articles))],
                    vec![t(lang.severity(g.severity))],
                    vec![badge(
                        outcome_tone(g.outcome, g.severity),
                        lang.outcome(g.outcome),
                    )],
                    vec![t(lang.plain(&g.required))],
                    vec![t(lang.plain(&g.actual))],
                ]
            })
            .collect(),
        right: Vec::new(),
    }
}

/// A gate's short name over its id.
pub(crate) fn gate_cell(id: &str, lang: Lang) -> Line {
    let name = lang.gate_short(id);
    if name == id {
        vec![code(id)]
    } else {
        vec![t(name), Span::Break, code(id)]
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
            Lang::Zh => format!(
                "{}：要求 {}，实际 {}",
                i.fact,
                zh_value(&i.required),
                zh_value(&i.actual)
            ),
            Lang::En => format!("{}: required {}, actual {}", i.fact, i.required, i.actual),
        })
        .collect::<Vec<_>>()
        .join(lang.pick("；", "; "))
}

/// A scorecard input's required or actual value in Chinese: the engine writes flags
/// as `yes`/`no`, an absent fact as `missing` and a range as `≥ a and ≤ b`.
fn zh_value(v: &str) -> String {
    match v {
        "yes" => "是".to_owned(),
        "no" => "否".to_owned(),
        "missing" => "缺少".to_owned(),
        _ => v.replace(" and ", " 且 "),
    }
}

fn scorecard_blocks(card: &Scorecard, lang: Lang, level: u8) -> Vec<Block> {
    let mut blocks = vec![
        Block::Para(vec![t(format!(
            "{} {} {} · {} {} / {} · {} {}",
            lang.pick("标准", "Standard"),
            card.standard,
            card.standard_version,
            lang.pick("总分", "total"),
            crate::num::fixed2(card.total),
            pts(card.max),
            lang.pick("等级", "grade"),
            lang.grade(&card.grade)
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
                    (vec![strong(n.id.as_str())], vec![strong(title)])
                } else {
                    (vec![t(n.id.as_str())], vec![t(title)])
                };
                let lost = if n.lost.is_zero() {
                    vec![t("0")]
                } else {
                    vec![strong(format!("−{}", pts(n.lost)))]
                };
                let status = match n.outcome {
                    crate::score::NodeOutcome::Scored
                    | crate::score::NodeOutcome::NotApplicable => {
                        vec![t(lang.node_outcome(n.outcome))]
                    }
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
        level,
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
                        vec![code(r.node.as_str()), t(" "), t(lang.text(&r.title))],
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

fn conclusion_blocks(d: &Decision, lang: Lang) -> Vec<Block> {
    let head: Line = vec![
        strong(lang.pick("评估结论：", "Conclusion:")),
        t(" "),
        badge(verdict_tone(d.verdict), lang.verdict(d.verdict)),
    ];
    let lines = vec![vec![
        strong(lang.pick("理由：", "Reason:")),
        t(" "),
        t(lang.verdict_reasons(&d.verdict_reasons)),
    ]];
    vec![
        Block::Banner(verdict_tone(d.verdict), head, lines),
        Block::Facts(vec![
            (
                lang.pick("评估结论", "Conclusion").into(),
                vec![badge(verdict_tone(d.verdict), lang.verdict(d.verdict))],
            ),
            (
                lang.pick("等级", "Grade").into(),
                vec![badge(grade_tone(&d.grade), lang.grade(&d.grade))],
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
    ]
}

/// 存在问题及整改要求: every gate not met or short of evidence, with the actions it
/// owes and their deadlines, then the actions owed by the verdict itself.
fn problems_block(d: &Decision, lang: Lang) -> Block {
    let mut rows: Vec<Vec<Line>> = Vec::new();
    let deadline = |a: &Action| {
        a.deadline
            .map(|d| d.to_string())
            .unwrap_or_else(|| "—".into())
    };
    for g in d.gates.iter().filter(|g| {
        matches!(
            g.outcome,
            GateOutcome::NotMet | GateOutcome::InsufficientEvidence
        )
    }) {
        let owed: Vec<&Action> = d.actions.iter().filter(|a| a.gate == Some(g.id)).collect();
        let mut problem = gate_cell(g.id.as_str(), lang);
        problem.push(Span::Break);
        problem.push(badge(
            outcome_tone(g.outcome, g.severity),
            lang.outcome(g.outcome),
        ));
        problem.push(t(format!(
            "{}{}",
            lang.pick("：", ": "),
            lang.plain(&g.actual)
        )));
        let (requirement, by) = if owed.is_empty() {
            (
                vec![t(match g.severity {
                    Severity::Advisory => {
                        lang.pick("仅提示，无须整改", "advisory: no correction owed")
                    }
                    _ => lang.pick("补充证据后复核", "supply the evidence for review"),
                })],
                "—".to_owned(),
            )
        } else {
            let mut line = Vec::new();
            for (i, a) in owed.iter().enumerate() {
                if i > 0 {
                    line.push(Span::Break);
                }
                line.push(strong(lang.action(a.kind)));
                line.push(t(format!(
                    "{}{}",
                    lang.pick("：", ": "),
                    lang.text(&a.message)
                )));
            }
            let by = owed
                .iter()
                .map(|a| deadline(a))
                .collect::<Vec<_>>()
                .join(" / ");
            (line, by)
        };
        rows.push(vec![
            problem,
            vec![t(lang.articles(&g.articles))],
            requirement,
            vec![t(by)],
        ]);
    }
    for a in d.actions.iter().filter(|a| a.gate.is_none()) {
        rows.push(vec![
            vec![t(lang.pick("评估结论不合格", "the evaluation failed"))],
            vec![t(lang.articles(&a.articles))],
            vec![
                strong(lang.action(a.kind)),
                t(format!(
                    "{}{}",
                    lang.pick("：", ": "),
                    lang.text(&a.message)
                )),
            ],
            vec![t(deadline(a))],
        ]);
    }
    if rows.is_empty() {
        return Block::Para(vec![t(lang.pick(
            "未发现须整改的问题，无须采取措施。",
            "No problem found; no action is owed.",
        ))]);
    }
    for (i, r) in rows.iter_mut().enumerate() {
        r.insert(0, vec![t((i + 1).to_string())]);
    }
    Block::Table {
        head: vec![
            lang.pick("序号", "#").into(),
            lang.pick("存在问题", "Problem").into(),
            lang.pick("依据", "Articles").into(),
            lang.pick("整改要求及处理措施", "Rectification and actions")
                .into(),
            lang.pick("期限", "Deadline").into(),
        ],
        rows,
        right: vec![0],
    }
}

pub(crate) fn sign_off(lang: Lang) -> Block {
    Block::SignOff(vec![
        lang.pick("评估机构（盖章）", "Evaluation agency (seal)")
            .into(),
        lang.pick("评估人员签字", "Evaluators' signatures").into(),
        lang.pick("日期", "Date").into(),
    ])
}

/// The sections of one evaluation's report, numbered from `first`.
fn decision_blocks(d: &Decision, subject: Option<&Subject>, lang: Lang, level: u8) -> Vec<Block> {
    let mut n = 0;
    let mut next = |zh: &str, en: &str| {
        n += 1;
        section(lang, level, n, zh, en)
    };
    let mut blocks = vec![
        next("基本情况", "Basic information"),
        basic_facts(d, subject, lang),
        next("评估结论", "Conclusion"),
    ];
    blocks.extend(conclusion_blocks(d, lang));
    blocks.push(next("评分情况", "Scores"));
    blocks.extend(scorecard_blocks(&d.scorecard, lang, level + 1));
    blocks.push(Block::PageBreak);
    blocks.push(next("硬性规则检查", "Hard rules"));
    blocks.push(Block::Para(vec![t(gate_counts(&d.gates, lang))]));
    blocks.push(gates_table(&d.gates, lang));
    blocks.push(next(
        "存在问题及整改要求",
        "Problems found and rectification requirements",
    ));
    blocks.push(problems_block(d, lang));
    if let Some(w) = warnings_block(&d.warnings, lang) {
        blocks.push(next("提示", "Warnings"));
        blocks.push(w);
    }
    blocks
}

fn receipt_small(d: &Decision, lang: Lang, level: u8) -> Block {
    Block::Small(vec![
        Block::Heading(level, lang.pick("附：凭据", "Receipt").into()),
        Block::Para(vec![t(lang.pick(
            "以下哈希可复现本报告的决定：同一引擎、标准与输入得出同一结果。",
            "These hashes reproduce this report's decision: the same engine, standard and input give the same result.",
        ))]),
        receipt_block(d, lang),
    ])
}

pub(crate) fn doc(d: &Decision, subject: Option<&Subject>, lang: Lang) -> Doc {
    let mut blocks = Vec::new();
    if let Some(s) = subject {
        blocks.push(Block::Para(subtitle(s, lang)));
    }
    blocks.extend(decision_blocks(d, subject, lang, 2));
    blocks.push(Block::Heading(2, lang.pick("签署", "Sign-off").into()));
    blocks.push(sign_off(lang));
    blocks.push(receipt_small(d, lang, 2));
    Doc {
        lang_tag: lang.tag(),
        title: title(subject, d.receipt.evaluation_kind, lang),
        blocks,
    }
}

fn subtitle(s: &Subject, lang: Lang) -> Line {
    let place = match &s.township {
        Some(tw) => format!("{} · {tw}", s.county),
        None => s.county.clone(),
    };
    vec![
        code(&s.station_id),
        t(format!(
            " · {place} · {}{}",
            lang.pick("承接机构：", "contractor: "),
            s.contractor
        )),
    ]
}

pub(crate) fn year_doc(y: &YearDecision, subject: Option<&Subject>, lang: Lang) -> Doc {
    let title = match (subject, lang) {
        (Some(s), Lang::Zh) => format!("{}项目年度评估报告", s.station_name),
        (Some(s), Lang::En) => {
            format!("Project year evaluation report: {} project", s.station_name)
        }
        (None, Lang::Zh) => "社工站项目年度评估报告".to_owned(),
        (None, Lang::En) => "Station project year evaluation report".to_owned(),
    };
    let mut facts = vec![
        (
            lang.pick("年度评估结论", "Year conclusion").into(),
            match y.verdict {
                Some(v) => vec![badge(verdict_tone(v), lang.verdict(v))],
                None => vec![t(lang.pick("待末期评估", "awaiting the final evaluation"))],
            },
        ),
        (
            lang.pick("年度等级", "Year grade").into(),
            match &y.grade {
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
    let mut count = gate_cell(g.id.as_str(), lang);
    count.extend([
        t(" "),
        badge(outcome_tone(g.outcome, g.severity), lang.outcome(g.outcome)),
        t(" "),
        t(lang.text(&g.message)),
    ]);
    facts.push((
        lang.pick("年度评估次数", "Evaluations this year").into(),
        count,
    ));
    let mut blocks = Vec::new();
    if let Some(s) = subject {
        blocks.push(Block::Para(subtitle(s, lang)));
    }
    blocks.extend([
        Block::Heading(2, lang.pick("年度结论", "Project year decision").into()),
        Block::Facts(facts),
        Block::Heading(3, lang.pick("处理措施", "Actions").into()),
        actions_block(&y.actions, lang),
    ]);
    if let Some(w) = warnings_block(&y.warnings, lang) {
        blocks.push(Block::Heading(3, lang.pick("提示", "Warnings").into()));
        blocks.push(w);
    }
    for (i, d) in y.evaluations.iter().enumerate() {
        blocks.push(Block::PageBreak);
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
        blocks.extend(decision_blocks(d, subject, lang, 3));
    }
    blocks.push(Block::Heading(2, lang.pick("签署", "Sign-off").into()));
    blocks.push(sign_off(lang));
    for d in &y.evaluations {
        blocks.push(receipt_small(d, lang, 3));
    }
    Doc {
        lang_tag: lang.tag(),
        title,
        blocks,
    }
}
