//! The evidence's `indicators` and `not_applicable` sections as JSON Schema for one
//! standard, so that a host can build the evaluation form of that standard (its
//! indicators, kinds, ranges, steps, levels and panels). `schema::evidence_for` puts
//! them into the evidence schema.

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::{Combine, CompiledStandard, IndicatorKind, NotApplicableMode};

/// Most marks on a step listed as `examples` (beyond, the description only).
const MAX_ENUM: usize = 201;

const DECIMAL_2: &str = "^[0-9]+(\\.[0-9]{1,2})?$";
const DECIMAL_4: &str = "^[0-9]+(\\.[0-9]{1,4})?$";

fn fmt(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Every mark from `min` to `max` in `step`s, if there are few enough to list.
fn marks_on_step(min: Decimal, max: Decimal, step: Decimal) -> Option<Vec<Value>> {
    let mut out = Vec::new();
    let mut m = min;
    while m <= max {
        if out.len() >= MAX_ENUM {
            return None;
        }
        out.push(Value::String(fmt(m)));
        m = m.checked_add(step)?;
    }
    Some(out)
}

/// The schema of one value of a declared indicator (one evaluator's mark for a panel).
fn single(std: &CompiledStandard, i: usize) -> Value {
    let Some(ind) = std.indicators.get(i) else {
        return json!({});
    };
    match ind.kind {
        IndicatorKind::Flag => json!({"type": "boolean"}),
        IndicatorKind::Count => json!({"type": "integer", "minimum": 0}),
        IndicatorKind::Amount | IndicatorKind::Hours => {
            json!({"type": "string", "pattern": DECIMAL_2})
        }
        IndicatorKind::Pair => json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["numerator", "denominator"],
            "properties": {
                "numerator": {"type": "string", "pattern": DECIMAL_4},
                "denominator": {"type": "string", "pattern": DECIMAL_4},
            },
        }),
        IndicatorKind::Level => json!({"type": "string", "enum": ind.levels}),
        IndicatorKind::Mark => {
            let max = ind.max.unwrap_or(ind.min);
            let (lo, hi) = (fmt(ind.min), fmt(max));
            let description = match ind.step {
                Some(s) => format!(
                    "A mark from {lo} to {hi} in steps of {st}. 评分 {lo}～{hi}，步长 {st}。",
                    st = fmt(s)
                ),
                None => format!("A mark from {lo} to {hi}. 评分 {lo}～{hi}。"),
            };
            let mut v = json!({
                "type": "string",
                "pattern": DECIMAL_2,
                "description": description,
            });
            // The marks on the step as `examples` (an annotation: the engine also takes
            // "8.50" for "8.5"), for a host to offer as choices.
            if let (Some(step), Some(obj)) = (ind.step, v.as_object_mut())
                && let Some(list) = marks_on_step(ind.min, max, step)
            {
                obj.insert("examples".into(), Value::Array(list));
            }
            v
        }
    }
}

/// The schema of the evidence's `indicators` section for this standard: one property
/// per declared indicator, nothing else.
pub(crate) fn indicators_schema(std: &CompiledStandard) -> Value {
    let mut props = Map::new();
    for (i, (ind, c)) in std
        .standard()
        .indicators
        .iter()
        .zip(&std.indicators)
        .enumerate()
    {
        let one = single(std, i);
        let mut v = match &c.panel {
            None => one,
            Some(p) => {
                let mut by = json!({
                    "type": "object",
                    "additionalProperties": one,
                    "minProperties": if p.combine == Combine::TrimmedMean {
                        super::panel::TRIMMED_MEAN_MIN
                    } else {
                        1
                    },
                    "maxProperties": super::compile::MAX_PARTS,
                });
                if let (Combine::Prefer(order), Some(obj)) = (&p.combine, by.as_object_mut()) {
                    obj.insert("propertyNames".into(), json!({"enum": order}));
                }
                json!({
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["by"],
                    "properties": {"by": by},
                    "description": format!(
                        "Given once per evaluator or source, combined by {}. 按评估员（来源）分别评分。",
                        p.combine.name()
                    ),
                })
            }
        };
        if let Some(obj) = v.as_object_mut() {
            obj.insert(
                "title".into(),
                Value::String(format!("{} {}", ind.title.zh, ind.title.en)),
            );
        }
        props.insert(ind.id.clone(), v);
    }
    json!({
        "type": "object",
        "description": format!(
            "Values of the indicators the standard {} {} declares. 标准自定义指标的取值。",
            std.standard().id,
            std.standard().version
        ),
        "additionalProperties": false,
        "properties": props,
    })
}

/// The schema of the evidence's `not_applicable` section for this standard: node ids
/// with a reason where the standard allows it, else nothing.
pub(crate) fn not_applicable_schema(std: &CompiledStandard) -> Value {
    match std.standard().not_applicable {
        None => json!({
            "type": "object",
            "maxProperties": 0,
            "description": "The standard allows no not-applicable items. 本标准不允许不适用项。",
        }),
        Some(mode) => {
            let ids: Vec<&str> = std.nodes.iter().map(|n| n.id.as_str()).collect();
            json!({
                "type": "object",
                "propertyNames": {"enum": ids},
                "additionalProperties": {"type": "string", "minLength": 1},
                "description": match mode {
                    NotApplicableMode::Rescale => "Node → reason; the points are removed and the total rescaled. 不适用指标及理由（按比例折算）。",
                    NotApplicableMode::Zero => "Node → reason; the node scores 0. 不适用指标及理由（计0分）。",
                },
            })
        }
    }
}
