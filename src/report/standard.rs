//! The standard and the fact catalogue as readable tables.

use super::Lang;
use super::doc::{Block, Doc, Line, code, strong, t};
use super::labels::pts;
use crate::facts::{FactKind, catalogue};
use crate::standard::{
    Combine, Condition, IndicatorKind, Node, NotApplicableMode, Provenance, Rule, Standard,
    VetoEffect,
};

fn condition(c: &Condition) -> String {
    let mut s = c.fact.clone();
    if !c.params.is_empty() {
        let ps: Vec<String> = c.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
        s.push_str(&format!("({})", ps.join(", ")));
    }
    if let Some(x) = c.at_least {
        s.push_str(&format!(" ≥ {x}"));
    }
    if let Some(x) = c.at_most {
        s.push_str(&format!(" ≤ {x}"));
    }
    s
}

fn rule(r: &Rule, lang: Lang) -> Line {
    let steps = |steps: &[crate::standard::Step]| {
        steps
            .iter()
            .map(|s| format!("≥ {} → {}", s.at_least, s.points))
            .collect::<Vec<_>>()
            .join("; ")
    };
    match r {
        Rule::Check { when } => vec![strong("check"), t(": "), code(condition(when))],
        Rule::Checklist { items } => {
            let mut line = vec![strong("checklist"), t(": ")];
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    line.push(t("; "));
                }
                line.push(t(format!("{} {}", lang.text(&item.title), item.points)));
                line.push(t(" "));
                line.push(code(condition(&item.when)));
            }
            line
        }
        Rule::RatioSteps { fact, steps: s } => vec![
            strong("ratio_steps"),
            t(" "),
            code(fact),
            t(format!(": {}", steps(s))),
        ],
        Rule::RateSteps {
            fact,
            min_sample,
            steps: s,
        } => {
            let sample = min_sample
                .map(|n| format!(" ({} {n})", lang.pick("最小样本", "at least")))
                .unwrap_or_default();
            vec![
                strong("rate_steps"),
                t(" "),
                code(fact),
                t(format!("{sample}: {}", steps(s))),
            ]
        }
        Rule::Levels { fact, levels } => vec![
            strong("levels"),
            t(" "),
            code(fact),
            t(format!(
                ": {}",
                levels
                    .iter()
                    .map(|l| format!("{} {}", l.level, l.points))
                    .collect::<Vec<_>>()
                    .join(" / ")
            )),
        ],
        Rule::Deduct { deficiencies } => {
            let mut line = vec![strong("deduct"), t(": ")];
            for (i, d) in deficiencies.iter().enumerate() {
                if i > 0 {
                    line.push(t("; "));
                }
                line.push(t(format!(
                    "{} −{} {} ",
                    lang.text(&d.title),
                    d.points_each,
                    lang.pick("每项", "each")
                )));
                let mut fact = d.fact.clone();
                if !d.params.is_empty() {
                    let ps: Vec<String> =
                        d.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
                    fact.push_str(&format!("({})", ps.join(", ")));
                }
                line.push(code(fact));
            }
            line
        }
        Rule::Mark { fact } => vec![
            strong("mark"),
            t(" "),
            code(fact),
            t(format!(
                ": {}",
                lang.pick("评估员直接评分", "the evaluator's mark")
            )),
        ],
    }
}

/// A node's maximum with its weight, cap and bonus mark: `100 × 1.15 = 115`.
fn max_cell(node: &Node, lang: Lang) -> String {
    let max = node.max.get();
    let mut cell = pts(max);
    if let Some(w) = node.weight {
        let weighted = max.checked_mul(w.get()).map(pts).unwrap_or_default();
        cell = format!("{cell} × {} = {weighted}", pts(w.get()));
    }
    if let Some(c) = node.cap {
        cell.push_str(&format!(" ({} {})", lang.pick("上限", "cap"), pts(c.get())));
    }
    if node.bonus {
        cell.push_str(&format!(" ({})", lang.pick("加分项", "bonus")));
    }
    cell
}

fn kind_name(k: IndicatorKind, lang: Lang) -> &'static str {
    match k {
        IndicatorKind::Flag => lang.pick("是/否", "flag"),
        IndicatorKind::Count => lang.pick("计数", "count"),
        IndicatorKind::Amount => lang.pick("金额", "amount"),
        IndicatorKind::Hours => lang.pick("小时数", "hours"),
        IndicatorKind::Pair => lang.pick("分子/分母", "pair"),
        IndicatorKind::Level => lang.pick("等级", "level"),
        IndicatorKind::Mark => lang.pick("评分", "mark"),
    }
}

fn combine_text(c: &Combine, lang: Lang) -> String {
    match c {
        Combine::Mean => lang.pick("算术平均", "mean").into(),
        Combine::Median => lang.pick("中位数", "median").into(),
        Combine::TrimmedMean => lang
            .pick(
                "去掉一个最高分和一个最低分后平均（至少3人）",
                "trimmed mean: highest and lowest dropped (at least 3 marks)",
            )
            .into(),
        Combine::Minimum => lang.pick("取最低分", "lowest mark").into(),
        Combine::Prefer(order) => format!(
            "{} {}",
            lang.pick("按来源优先：", "prefer, in order:"),
            order.join(" → ")
        ),
    }
}

/// The declared indicators: kind, range or levels, unit, panel.
fn indicator_rows(s: &Standard, lang: Lang) -> Vec<Vec<Line>> {
    s.indicators
        .iter()
        .map(|i| {
            let values = match i.kind {
                IndicatorKind::Level => i.levels.join(" / "),
                IndicatorKind::Mark => {
                    let lo = i.min.map_or_else(|| "0".to_owned(), |m| pts(m.get()));
                    let hi = i.max.map(|m| pts(m.get())).unwrap_or_default();
                    match i.step {
                        Some(st) => format!(
                            "{lo}–{hi}{}{} {}",
                            lang.pick("，", ", "),
                            lang.pick("步长", "step"),
                            pts(st.get())
                        ),
                        None => format!("{lo}–{hi}"),
                    }
                }
                _ => i.unit.clone().unwrap_or_default(),
            };
            let panel = match &i.panel {
                None => "—".to_owned(),
                Some(p) => {
                    let mut text = combine_text(&p.combine, lang);
                    if let Some(l) = p.spread_limit {
                        text.push_str(&format!(
                            "; {} {}",
                            lang.pick("极差上限", "spread limit"),
                            pts(l.get())
                        ));
                    }
                    text
                }
            };
            vec![
                vec![code(&i.id)],
                vec![t(lang.text(&i.title))],
                vec![t(kind_name(i.kind, lang))],
                vec![t(values)],
                vec![t(panel)],
                vec![t(if i.assumed {
                    lang.pick("假设", "assumed")
                } else {
                    ""
                })],
            ]
        })
        .collect()
}

/// The deductions after the tree, the vetoes, and the declared indicators, each a
/// heading and a table where the standard has any.
fn language_blocks(s: &Standard, lang: Lang) -> Vec<Block> {
    let mut out = Vec::new();
    if !s.deductions.is_empty() {
        out.push(Block::Heading(
            2,
            lang.pick(
                "扣分项（总分中扣除，最低0分）",
                "Deductions from the total (never below 0)",
            )
            .into(),
        ));
        out.push(Block::Table {
            head: vec![
                lang.pick("编号", "Id").into(),
                lang.pick("扣分项", "Deduction").into(),
                lang.pick("计数", "Counted by").into(),
                lang.pick("每项扣分", "Each").into(),
                lang.pick("扣分上限", "Cap").into(),
                lang.pick("扣分", "Deducted").into(),
            ],
            rows: s
                .deductions
                .iter()
                .map(|d| {
                    vec![
                        vec![t(&d.id)],
                        vec![t(lang.text(&d.title))],
                        vec![code(&d.fact)],
                        vec![t(pts(d.points_each.get()))],
                        vec![t(d.cap.map_or_else(|| "—".to_owned(), |c| pts(c.get())))],
                        vec![t("______")],
                    ]
                })
                .collect(),
            right: vec![3, 4],
        });
    }
    if !s.vetoes.is_empty() {
        out.push(Block::Heading(2, lang.pick("一票否决项", "Vetoes").into()));
        out.push(Block::Table {
            head: vec![
                lang.pick("编号", "Id").into(),
                lang.pick("否决项", "Veto").into(),
                lang.pick("条款", "Articles").into(),
                lang.pick("触发条件", "When").into(),
                lang.pick("后果", "Effect").into(),
                lang.pick("是否触发", "Triggered").into(),
            ],
            rows: s
                .vetoes
                .iter()
                .map(|v| {
                    let effect = match &v.effect {
                        VetoEffect::Fail => lang.pick("结论为不合格", "the verdict fails").into(),
                        VetoEffect::ZeroTotal => lang.pick("总分计0", "the total is 0").into(),
                        VetoEffect::Band(b) => {
                            let label = s
                                .grades
                                .iter()
                                .find(|g| g.id.as_deref() == Some(b.as_str()))
                                .and_then(|g| g.label.as_ref())
                                .map_or(b.as_str(), |l| lang.text(l));
                            format!("{} {label}", lang.pick("等级定为", "the band is"))
                        }
                    };
                    vec![
                        vec![t(&v.id)],
                        vec![t(lang.text(&v.title))],
                        vec![t(if v.articles.is_empty() {
                            "—".to_owned()
                        } else {
                            v.articles.join(", ")
                        })],
                        vec![code(condition(&v.when))],
                        vec![t(effect)],
                        vec![t(lang.pick("□ 是  □ 否", "□ yes  □ no"))],
                    ]
                })
                .collect(),
            right: Vec::new(),
        });
    }
    if !s.indicators.is_empty() {
        out.push(Block::Heading(
            2,
            lang.pick("自定义指标", "Declared indicators").into(),
        ));
        out.push(Block::Table {
            head: vec![
                lang.pick("编号", "Id").into(),
                lang.pick("名称", "Title").into(),
                lang.pick("类别", "Kind").into(),
                lang.pick("取值", "Values").into(),
                lang.pick("评分小组", "Panel").into(),
                lang.pick("假设", "Assumed").into(),
            ],
            rows: indicator_rows(s, lang),
            right: Vec::new(),
        });
    }
    out
}

fn rows(node: &Node, depth: usize, lang: Lang, out: &mut Vec<Vec<Line>>) {
    let title = lang.text(&node.title).to_owned();
    let (id, title) = if depth == 0 {
        (vec![strong(&node.id)], vec![strong(title)])
    } else {
        (vec![t(&node.id)], vec![t(title)])
    };
    let rule = match &node.rule {
        Some(r) => rule(r, lang),
        None => vec![t(lang.pick("分组", "group"))],
    };
    let mut assumed = if node.assumed {
        vec![strong(lang.pick("假设", "assumed"))]
    } else {
        Vec::new()
    };
    if let Some(note) = &node.note {
        if !assumed.is_empty() {
            assumed.push(t(" — "));
        }
        assumed.push(t(note));
    }
    out.push(vec![
        id,
        title,
        vec![t(if node.articles.is_empty() {
            "—".to_owned()
        } else {
            node.articles.join(", ")
        })],
        vec![t(max_cell(node, lang))],
        rule,
        vec![t(if node.rule.is_some() { "______" } else { "" })],
        assumed,
    ]);
    for child in &node.children {
        rows(child, depth + 1, lang, out);
    }
}

pub(crate) fn doc(s: &Standard, lang: Lang) -> Doc {
    let provenance = match s.provenance.kind {
        Provenance::Official => lang.pick("官方标准", "official"),
        Provenance::Reconstruction => lang.pick(
            "重构（部分数值为假设）",
            "reconstruction (some numbers are assumptions)",
        ),
    };
    let mut table = Vec::new();
    for d in &s.dimensions {
        rows(d, 0, lang, &mut table);
    }
    let assumed = count_assumed(&s.dimensions);
    let mut doc = Doc {
        lang_tag: lang.tag(),
        title: format!("{} ({} {})", lang.text(&s.title), s.id, s.version),
        blocks: vec![
            Block::Facts(vec![
                (lang.pick("编号", "Id").into(), vec![code(&s.id)]),
                (lang.pick("版本", "Version").into(), vec![t(&s.version)]),
                (
                    lang.pick("来源", "Provenance").into(),
                    vec![strong(provenance), t(" — "), t(&s.provenance.note)],
                ),
                (
                    lang.pick("适用期间", "Effective").into(),
                    vec![t(format!(
                        "{} — {}",
                        s.effective.from,
                        s.effective
                            .until
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| lang.pick("无截止", "open-ended").into())
                    ))],
                ),
                (
                    lang.pick("满分", "Maximum").into(),
                    vec![t(maximum(s, lang))],
                ),
                (
                    lang.pick("不适用项", "Not applicable items").into(),
                    vec![t(match s.not_applicable {
                        None => lang.pick("不允许", "not allowed"),
                        Some(NotApplicableMode::Rescale) => lang.pick(
                            "剔除并按比例折算",
                            "removed, the total rescaled to the full scale",
                        ),
                        Some(NotApplicableMode::Zero) => lang.pick("计0分", "scored 0"),
                    })],
                ),
                (
                    lang.pick("假设数值的指标", "Nodes with assumed numbers")
                        .into(),
                    vec![t(assumed.to_string())],
                ),
            ]),
            Block::Heading(2, lang.pick("等级", "Grades").into()),
            Block::Table {
                head: vec![
                    lang.pick("等级", "Grade").into(),
                    lang.pick("下限（含）", "From (inclusive)").into(),
                    lang.pick("上限（不含）", "Below").into(),
                    lang.pick("是否合格", "Passes").into(),
                ],
                rows: s
                    .grades
                    .iter()
                    .rev()
                    .map(|b| {
                        vec![
                            vec![t(match (&b.grade, &b.label) {
                                (Some(g), _) => lang.grade(g),
                                (None, Some(l)) => lang.text(l).to_owned(),
                                (None, None) => b.id.clone().unwrap_or_default(),
                            })],
                            vec![t(pts(b.from.get()))],
                            vec![t(b
                                .below
                                .map(|x| pts(x.get()))
                                .unwrap_or_else(|| format!("≤ {}", pts(scale(s)))))],
                            vec![t(
                                if b.passes.unwrap_or(
                                    b.grade
                                        .is_some_and(|g| g >= crate::standard::Grade::Qualified),
                                ) {
                                    lang.pick("合格", "passes")
                                } else {
                                    lang.pick("不合格", "fails")
                                },
                            )],
                        ]
                    })
                    .collect(),
                right: vec![1, 2],
            },
            Block::Heading(2, lang.pick("指标", "Indicators").into()),
            Block::Table {
                head: vec![
                    lang.pick("编号", "Id").into(),
                    lang.pick("指标", "Indicator").into(),
                    lang.pick("条款", "Articles").into(),
                    lang.pick("分值", "Max").into(),
                    lang.pick("评分规则", "Rule").into(),
                    lang.pick("得分", "Score").into(),
                    lang.pick("假设", "Assumed").into(),
                ],
                rows: table,
                right: vec![3],
            },
        ],
    };
    doc.blocks.extend(language_blocks(s, lang));
    doc
}

/// The top of the scale: `total_cap`, else `max_points` plus the bonus dimensions.
fn scale(s: &Standard) -> rust_decimal::Decimal {
    if let Some(c) = s.total_cap {
        return c.get();
    }
    s.dimensions
        .iter()
        .filter(|d| d.bonus)
        .try_fold(s.max_points.get(), |acc, d| acc.checked_add(d.max.get()))
        .unwrap_or_else(|| s.max_points.get())
}

/// `130 (+ 20 bonus; total at most 150)`.
fn maximum(s: &Standard, lang: Lang) -> String {
    let mut text = pts(s.max_points.get());
    let bonus: Vec<String> = s
        .dimensions
        .iter()
        .filter(|d| d.bonus)
        .map(|d| pts(d.max.get()))
        .collect();
    if !bonus.is_empty() {
        text.push_str(&format!(
            " (+ {} {})",
            bonus.join(" + "),
            lang.pick("加分", "bonus")
        ));
    }
    if let Some(c) = s.total_cap {
        text.push_str(&format!(
            "; {} {}",
            lang.pick("总分上限", "total at most"),
            pts(c.get())
        ));
    }
    text
}

fn count_assumed(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|n| usize::from(n.assumed) + count_assumed(&n.children))
        .sum()
}

pub(crate) fn facts_doc(lang: Lang) -> Doc {
    Doc {
        lang_tag: lang.tag(),
        title: lang
            .pick(
                "事实目录（评分标准可读取的事实）",
                "Fact catalogue (what a standard's leaves may read)",
            )
            .into(),
        blocks: vec![Block::Table {
            head: vec![
                lang.pick("名称", "Name").into(),
                lang.pick("类型", "Kind").into(),
                lang.pick("参数", "Parameters").into(),
                lang.pick("条款", "Articles").into(),
                lang.pick("含义", "Meaning").into(),
            ],
            rows: catalogue()
                .iter()
                .map(|f| {
                    let kind = match f.kind {
                        FactKind::Flag => "flag",
                        FactKind::Number => "number",
                        FactKind::Pair => "pair",
                        FactKind::Level => "level",
                    };
                    vec![
                        vec![code(f.name)],
                        vec![t(kind)],
                        vec![t(if f.params.is_empty() {
                            "—".to_owned()
                        } else {
                            f.params.join(", ")
                        })],
                        vec![t(if f.articles.is_empty() {
                            "—".to_owned()
                        } else {
                            f.articles.join(", ")
                        })],
                        vec![t(f.meaning)],
                    ]
                })
                .collect(),
            right: Vec::new(),
        }],
    }
}
