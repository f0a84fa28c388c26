//! The county report as a document.

use rust_decimal::Decimal;

use super::Lang;
use super::doc::{Bar, Block, Chart, Doc, Line, Span, Tone, badge, code, strong, t};
use super::labels::{grade_tone, outcome_tone, payment_tone, renewal_tone, verdict_tone};
use super::station::{gate_cell, section, sign_off, warnings_block};
use crate::county::BandCount;
use crate::county::{CountyAction, CountyDecision, CountyGateResult, StationRow};
use crate::evidence::EvaluationKind;
use crate::standard::GradeId;

/// The county's bands as a report shows them: the best first (the summary lists them
/// in the standard's order, lowest first).
fn bands_best_first(c: &CountyDecision) -> impl Iterator<Item = &BandCount> {
    c.summary.bands.iter().rev()
}

/// A band's tone: failing bands bad, the lowest passing band a warning, higher ones
/// good (for the default standard: 不合格, 合格, 良好 and 优秀 as before).
fn band_tone(c: &CountyDecision, id: &GradeId) -> Tone {
    let bands = &c.summary.bands;
    let Some(at) = bands.iter().position(|b| &b.id == id) else {
        return grade_tone(id);
    };
    let lowest_pass = bands.iter().position(|b| b.passes);
    match bands.get(at) {
        Some(b) if !b.passes => Tone::Bad,
        _ if Some(at) == lowest_pass => Tone::Warn,
        _ => Tone::Good,
    }
}

/// A band's label in the report's language, from the county's band list (the id for
/// a grade the list does not hold).
fn band_label(c: &CountyDecision, id: &GradeId, lang: Lang) -> String {
    c.summary
        .band(id)
        .map_or_else(|| lang.grade(id), |b| lang.text(&b.label).to_owned())
}

pub(crate) fn title(c: &CountyDecision, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}社工站项目评估汇总报告（{}年度）", c.county, c.year),
        Lang::En => format!(
            "County evaluation summary report: {} station projects ({})",
            c.county, c.year
        ),
    }
}

fn grade_chart(c: &CountyDecision, lang: Lang) -> Chart {
    let total = Decimal::from(c.summary.decided);
    Chart {
        title: lang
            .pick(
                "等级分布（已作出决定的评估）",
                "Grade distribution (decided evaluations)",
            )
            .into(),
        bars: bands_best_first(c)
            .map(|b| Bar {
                label: lang.text(&b.label).to_owned(),
                value: Decimal::from(b.count),
                max: total,
                value_text: format!("{} / {}", b.count, c.summary.decided),
                tone: band_tone(c, &b.id),
            })
            .collect(),
        tracks_to_max: false,
    }
}

fn summary_blocks(c: &CountyDecision, lang: Lang) -> Vec<Block> {
    let s = &c.summary;
    let rate = s
        .pass_rate_percent
        .map(|r| format!("{}%", crate::num::fixed2(r)))
        .unwrap_or_else(|| "—".into());
    let unmet = c
        .gates
        .iter()
        .filter(|g| g.outcome == crate::gates::GateOutcome::NotMet)
        .count();
    let tone = if s.undecided > 0 || unmet > 0 || s.failed > 0 {
        Tone::Warn
    } else {
        Tone::Good
    };
    let head: Line = vec![t(match lang {
        Lang::Zh => format!(
            "合格率 {rate}（{} / {}）· 本次拨付 {} · 不予拨付 {}",
            s.passed,
            s.decided,
            lang.money(s.released),
            lang.money(s.withheld)
        ),
        Lang::En => format!(
            "pass rate {rate} ({} of {}) · released {} · withheld {}",
            s.passed,
            s.decided,
            lang.money(s.released),
            lang.money(s.withheld)
        ),
    })];
    let lines = vec![vec![t(match lang {
        Lang::Zh => format!(
            "县区级规则不符合 {unmet} 项；{} 个站点、{} 份评估，{} 份未能作出决定。",
            s.stations, s.evaluations, s.undecided
        ),
        Lang::En => format!(
            "{unmet} county gate(s) not met; {} stations, {} evaluations, {} not decided.",
            s.stations, s.evaluations, s.undecided
        ),
    })]];
    let mut grades: Line = Vec::new();
    for (i, b) in bands_best_first(c).enumerate() {
        if i > 0 {
            grades.push(t(" · "));
        }
        grades.push(badge(band_tone(c, &b.id), lang.text(&b.label)));
        grades.push(t(format!(" {}", b.count)));
    }
    let mut facts = vec![
        (
            lang.pick("站点数", "Stations").into(),
            vec![t(s.stations.to_string())],
        ),
        (
            lang.pick("评估份数", "Evaluations").into(),
            vec![t(match lang {
                Lang::Zh => format!(
                    "{}（已决定 {}，未决定 {}）",
                    s.evaluations, s.decided, s.undecided
                ),
                Lang::En => format!(
                    "{} ({} decided, {} not decided)",
                    s.evaluations, s.decided, s.undecided
                ),
            })],
        ),
        (
            lang.pick("合格 / 不合格", "Passed / failed").into(),
            vec![t(format!("{} / {}", s.passed, s.failed))],
        ),
        (lang.pick("合格率", "Pass rate").into(), vec![strong(rate)]),
        (
            lang.pick("本次拨付合计", "Released now").into(),
            vec![t(lang.money(s.released))],
        ),
        (
            lang.pick("不予拨付合计", "Withheld").into(),
            vec![t(lang.money(s.withheld))],
        ),
        (
            lang.pick("待末期评估", "Awaiting a final evaluation")
                .into(),
            vec![t(lang.money(s.deferred))],
        ),
        (
            lang.pick("续签", "Renewal").into(),
            vec![t(format!(
                "{} {} · {} {} · {} {}",
                lang.pick("可续签", "eligible"),
                s.renewal.eligible,
                lang.pick("不得续签", "ineligible"),
                s.renewal.ineligible,
                lang.pick("暂无法确定", "undetermined"),
                s.renewal.undetermined
            ))],
        ),
    ];
    facts.push((lang.pick("等级分布", "Grades").into(), grades));
    vec![
        Block::Banner(tone, head, lines),
        Block::Facts(facts),
        Block::Chart(grade_chart(c, lang)),
    ]
}

fn gates_table(gates: &[CountyGateResult], lang: Lang) -> Block {
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

fn actions_block(actions: &[CountyAction], lang: Lang) -> Block {
    if actions.is_empty() {
        return Block::Para(vec![t(
            lang.pick("县区无须整改。", "The county owes no correction.")
        )]);
    }
    Block::Table {
        head: vec![
            lang.pick("规则", "Gate").into(),
            lang.pick("条款", "Articles").into(),
            lang.pick("期限", "Deadline").into(),
            lang.pick("说明", "Details").into(),
        ],
        rows: actions
            .iter()
            .map(|a| {
                vec![
                    gate_cell(a.gate.as_str(), lang),
                    vec![t(lang.articles(&a.articles))],
                    vec![t(a
                        .deadline
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "—".into()))],
                    vec![t(lang.text(&a.message))],
                ]
            })
            .collect(),
        right: Vec::new(),
    }
}

fn notes(r: &StationRow, lang: Lang) -> Line {
    let mut line: Line = Vec::new();
    let sep = |line: &mut Line| {
        if !line.is_empty() {
            line.push(t(lang.pick("；", "; ")));
        }
    };
    if let Some(res) = &r.result {
        if !res.veto_not_met.is_empty() {
            sep(&mut line);
            line.push(t(lang.pick("一票否决：", "veto: ")));
            for (i, g) in res.veto_not_met.iter().enumerate() {
                if i > 0 {
                    line.push(t(lang.pick("、", ", ")));
                }
                line.push(t(lang.gate_short(g.as_str())));
                line.push(t(" "));
                line.push(code(g.as_str()));
            }
        }
        if !res.rectify_not_met.is_empty() {
            sep(&mut line);
            line.push(t(format!(
                "{}{}",
                lang.pick("整改项 ", "to rectify: "),
                res.rectify_not_met.len()
            )));
        }
        if res.policy_ended {
            sep(&mut line);
            line.push(t(
                lang.pick("评估时政策已失效", "evaluated after the policy ended")
            ));
        }
    }
    if r.contractor_left {
        sep(&mut line);
        line.push(t(lang.pick("承接机构已退出", "contractor has left")));
    }
    for e in &r.errors {
        sep(&mut line);
        line.push(code(&e.pointer));
        line.push(t(format!(" {}", e.message)));
    }
    line
}

fn stations_table(c: &CountyDecision, lang: Lang) -> Block {
    Block::Table {
        head: vec![
            lang.pick("站点", "Station").into(),
            lang.pick("承接机构", "Contractor").into(),
            lang.pick("评估", "Evaluation").into(),
            lang.pick("总分", "Score").into(),
            lang.pick("等级", "Grade").into(),
            lang.pick("评估结论", "Conclusion").into(),
            lang.pick("余款", "Payment").into(),
            lang.pick("本次拨付", "Released").into(),
            lang.pick("续签", "Renewal").into(),
            lang.pick("备注", "Notes").into(),
        ],
        rows: c
            .stations
            .iter()
            .map(|r| {
                let station = vec![code(&r.station_id), Span::Break, t(&r.station_name)];
                let kind = match r.evaluation_kind {
                    EvaluationKind::MidTerm => lang.pick("中期", "mid-term"),
                    EvaluationKind::Final => lang.pick("末期", "final"),
                };
                let eval = vec![t(kind), Span::Break, t(r.evaluation_date.to_string())];
                match &r.result {
                    Some(res) => vec![
                        station,
                        vec![t(&r.contractor)],
                        eval,
                        vec![t(crate::num::fixed2(res.total))],
                        vec![badge(
                            band_tone(c, &res.grade),
                            band_label(c, &res.grade, lang),
                        )],
                        vec![badge(verdict_tone(res.verdict), lang.verdict(res.verdict))],
                        vec![badge(
                            payment_tone(res.payment),
                            lang.payment_short(res.payment),
                        )],
                        vec![t(super::labels::money(res.release))],
                        vec![badge(renewal_tone(res.renewal), lang.renewal(res.renewal))],
                        notes(r, lang),
                    ],
                    None => vec![
                        station,
                        vec![t(&r.contractor)],
                        eval,
                        vec![t("—")],
                        vec![t("—")],
                        vec![badge(Tone::Bad, lang.pick("未能决定", "not decided"))],
                        vec![t("—")],
                        vec![t("—")],
                        vec![t("—")],
                        notes(r, lang),
                    ],
                }
            })
            .collect(),
        right: vec![3, 7],
    }
}

/// The stations whose evaluation calls for action: failed, a gate to rectify, not
/// decided, evaluated after the policy ended, or the contractor has left.
fn needing_action(c: &CountyDecision, lang: Lang) -> Block {
    let rows: Vec<Vec<Line>> = c
        .stations
        .iter()
        .filter(|r| {
            r.contractor_left
                || match &r.result {
                    Some(res) => {
                        res.verdict == crate::decision::Verdict::Fail
                            || !res.rectify_not_met.is_empty()
                            || res.policy_ended
                    }
                    None => true,
                }
        })
        .map(|r| {
            let (conclusion, measure) = match &r.result {
                Some(res) if res.verdict == crate::decision::Verdict::Fail => (
                    vec![badge(verdict_tone(res.verdict), lang.verdict(res.verdict))],
                    lang.pick(
                        "不予拨付余款、不再续签、重新采购承接机构",
                        "withhold the remaining payment, no renewal, re-procure",
                    )
                    .to_owned(),
                ),
                Some(res) => {
                    let mut owed = Vec::new();
                    if !res.rectify_not_met.is_empty() {
                        owed.push(lang.pick(
                            "限期整改，见该站点报告",
                            "rectify: see the station's report",
                        ));
                    }
                    if r.contractor_left {
                        owed.push(lang.pick(
                            "承接机构按期移交档案",
                            "the leaving contractor hands over the archives",
                        ));
                    }
                    if res.policy_ended {
                        owed.push(lang.pick(
                            "续签待新政策版本确定",
                            "renewal waits for the policy version in force",
                        ));
                    }
                    (
                        vec![badge(verdict_tone(res.verdict), lang.verdict(res.verdict))],
                        owed.join(lang.pick("；", "; ")),
                    )
                }
                None => (
                    vec![badge(Tone::Bad, lang.pick("未能决定", "not decided"))],
                    lang.pick(
                        "补正证据后重新评估",
                        "correct the evidence and decide again",
                    )
                    .to_owned(),
                ),
            };
            vec![
                vec![code(&r.station_id), Span::Break, t(&r.station_name)],
                conclusion,
                notes(r, lang),
                vec![t(measure)],
            ]
        })
        .collect();
    if rows.is_empty() {
        return Block::Para(vec![t(
            lang.pick("各站点均无须采取措施。", "No station calls for action.")
        )]);
    }
    Block::Table {
        head: vec![
            lang.pick("站点", "Station").into(),
            lang.pick("评估结论", "Conclusion").into(),
            lang.pick("存在问题", "Problems").into(),
            lang.pick("处理措施", "Action").into(),
        ],
        rows,
        right: Vec::new(),
    }
}

pub(crate) fn doc(c: &CountyDecision, lang: Lang) -> Doc {
    let r = &c.receipt;
    let mut n = 0;
    let mut next = |zh: &str, en: &str| {
        n += 1;
        section(lang, 2, n, zh, en)
    };
    let mut blocks = vec![
        next("基本情况", "Basic information"),
        Block::Facts(vec![
            (lang.pick("县区", "County").into(), vec![t(&c.county)]),
            (
                lang.pick("年度", "Year").into(),
                vec![t(c.year.to_string())],
            ),
            (
                lang.pick("检查日期", "Checked on").into(),
                vec![t(r.as_of.to_string())],
            ),
            (
                lang.pick("评分标准", "Standard").into(),
                vec![code(&r.standard_id), t(format!(" {}", r.standard_version))],
            ),
            (
                lang.pick("县区规则适用政策版本", "Policy version of the county gates")
                    .into(),
                vec![
                    code(&r.policy_version),
                    t(format!(
                        " {} — {}",
                        r.policy_in_force_from, r.policy_in_force_until
                    )),
                ],
            ),
        ]),
        next("汇总", "Summary"),
    ];
    blocks.extend(summary_blocks(c, lang));
    blocks.push(Block::PageBreak);
    blocks.push(next("各站点评估结果", "Station evaluations"));
    blocks.push(stations_table(c, lang));
    blocks.push(next("需采取措施的站点", "Stations needing action"));
    blocks.push(needing_action(c, lang));
    blocks.push(next("县区级规则检查", "County gates"));
    blocks.push(gates_table(&c.gates, lang));
    blocks.push(next("县区整改要求", "Corrections owed by the county"));
    blocks.push(actions_block(&c.actions, lang));
    if let Some(w) = warnings_block(&c.warnings, lang) {
        blocks.push(next("提示", "Warnings"));
        blocks.push(w);
    }
    blocks.push(Block::Heading(2, lang.pick("签署", "Sign-off").into()));
    blocks.push(sign_off(lang));
    blocks.push(Block::Small(vec![
        Block::Heading(2, lang.pick("附：凭据", "Receipt").into()),
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
                        if r.policy_ended_before_check {
                            lang.pick("（检查时已失效）", " (ended before the check)")
                        } else {
                            ""
                        }
                    )),
                ],
            ),
            (
                lang.pick("输入哈希", "Input hash").into(),
                vec![code(&r.input_hash)],
            ),
        ]),
    ]));
    Doc {
        lang_tag: lang.tag(),
        title: title(c, lang),
        blocks,
    }
}

/// A block with its headings one level down.
fn demote(b: Block) -> Block {
    match b {
        Block::Heading(l, text) => Block::Heading(l + 1, text),
        Block::Small(inner) => Block::Small(inner.into_iter().map(demote).collect()),
        other => other,
    }
}

/// Several counties in one document: each county's report under its own heading.
pub(crate) fn doc_many(many: &[CountyDecision], lang: Lang) -> Doc {
    let mut blocks = Vec::new();
    for c in many {
        blocks.push(Block::Heading(2, title(c, lang)));
        blocks.extend(doc(c, lang).blocks.into_iter().map(demote));
    }
    Doc {
        lang_tag: lang.tag(),
        title: lang
            .pick("社工站项目评估汇总报告", "County evaluation summary report")
            .into(),
        blocks,
    }
}
