//! The workbook layout, derived from the evidence's JSON Schema.
//!
//! Nothing here names an evidence field: the sheets and columns follow the schema that
//! [`crate::schema`] generates from the types, so a field added to
//! [`crate::evidence::Evidence`] appears in the template without a change here. The only
//! hand-written data is [`PLACES`]: which top-level section goes on which sheet, and
//! the sheets' bilingual titles.
//!
//! Two kinds of sheet:
//! - **key/value** ([`SheetKind::KeyValue`]): one row per field path, e.g.
//!   `contract.price`; nested objects add path segments, lists of objects add a number
//!   (`staff.supervisor.qualifications.1.kind`);
//! - **table** ([`SheetKind::Table`]): a list of objects (`staff.workers`, `training`),
//!   one row per element and one column per field; a list inside an element gets
//!   numbered column groups (`qualifications.1.kind`, `qualifications.2.kind`, …).

use serde_json::{Map, Value};

/// Where a top-level section of the evidence goes: `(section or pointer, sheet)`.
/// A section not listed goes on [`OTHER`] (objects) or on a table sheet of its own
/// (lists of objects), so a new optional section still appears in the template.
pub const PLACES: &[(&str, &str)] = &[
    ("station", "Station"),
    ("contractor", "Station"),
    ("contract", "Station"),
    ("evaluation", "Station"),
    ("structure", "Station"),
    ("staff/supervisor", "Station"),
    ("departure", "Station"),
    ("renewal", "Station"),
    ("premises", "Site"),
    ("signage", "Site"),
    ("written_rules", "Site"),
    ("records", "Site"),
    ("finance", "Finance"),
    ("reports", "Finance"),
    ("staff/workers", "Roster"),
    ("training", "Training"),
    ("supervision", "Supervision"),
    ("services", "Services"),
    ("surveys", "Surveys"),
    ("levels", "Levels"),
    ("findings", "Findings"),
    ("indicators", "Indicators"),
];

/// The key/value sheet of sections [`PLACES`] does not list.
pub const OTHER: &str = "Other";

/// Sheet titles: `(sheet, zh, en)`, in the order the sheets are written.
pub const TITLES: &[(&str, &str, &str)] = &[
    ("ReadMe", "填写说明", "How to fill in this workbook"),
    (
        "Station",
        "站点、合同与评估",
        "Station, contract and evaluation",
    ),
    ("Roster", "驻站社工名册", "Roster of resident workers"),
    ("Training", "培训记录", "Training records"),
    ("Supervision", "督导记录", "Supervision records"),
    (
        "Services",
        "服务计划与完成",
        "Services planned and delivered",
    ),
    ("Surveys", "问卷调查", "Surveys"),
    ("Levels", "评定等级", "Levels the evaluator picks"),
    ("Findings", "严重问题", "Serious findings"),
    (
        "Indicators",
        "自定义指标",
        "Indicators the standard declares",
    ),
    (
        "Site",
        "场地、标识、制度与档案",
        "Premises, signage, rules and records",
    ),
    ("Finance", "财务与报告", "Finance and reports"),
    ("Other", "其他", "Other sections"),
];

/// The sheet that explains every field; it is written, never read.
pub const README: &str = "ReadMe";

/// What a cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Free text.
    Text,
    /// Yes or no (`TRUE`/`FALSE`, 是/否, yes/no).
    Bool,
    /// A whole number.
    Int,
    /// An exact decimal with at most this many places (written as text).
    Decimal(Option<u32>),
    /// A calendar date (a date cell or `YYYY-MM-DD` text).
    Date,
    /// One of these values.
    Choice(Vec<String>),
    /// A list of scalars in one cell, separated by `;`.
    List(Box<Kind>),
    /// Any scalar, by the cell's type: a boolean cell is `true`/`false`, a whole number
    /// a number, anything else text.
    Any,
    /// A family of columns, one per name the evidence chooses (an evaluator or a
    /// source), each headed by the field's key, a `.` and the name (`by.张三`), each
    /// cell holding this kind: a panel's marks or levels.
    Named(Box<Kind>),
}

/// One step of a field's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// An object key.
    Key(String),
    /// A position in a list (written from 1 in the workbook).
    Index,
}

/// One field: a cell per key/value row or per table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The path from the sheet's root (the document for key/value sheets, the element
    /// for table sheets).
    pub path: Vec<Seg>,
    /// What the cell holds.
    pub kind: Kind,
    /// Required whenever its section (or row) is filled.
    pub required: bool,
    /// The label in Chinese.
    pub zh: String,
    /// The label in English.
    pub en: String,
    /// The schema's description (English and Chinese).
    pub doc: String,
}

impl Field {
    /// The key as written in the workbook, numbering list positions from `indices`
    /// (from 1): `staff.supervisor.qualifications.1.kind`.
    pub fn key(&self, indices: &[usize]) -> String {
        let mut out = Vec::with_capacity(self.path.len());
        let mut n = indices.iter();
        for s in &self.path {
            match s {
                Seg::Key(k) => out.push(k.clone()),
                Seg::Index => out.push(n.next().map_or(1, |i| i + 1).to_string()),
            }
        }
        out.join(".")
    }

    /// The number of list positions in the path.
    pub fn depth(&self) -> usize {
        self.path.iter().filter(|s| **s == Seg::Index).count()
    }

    /// The JSON pointer of the field below `base`, with list positions from `indices`
    /// (from 0).
    pub fn pointer(&self, base: &str, indices: &[usize]) -> String {
        let mut out = base.to_owned();
        let mut n = indices.iter();
        for s in &self.path {
            out.push('/');
            match s {
                Seg::Key(k) => out.push_str(&k.replace('~', "~0").replace('/', "~1")),
                Seg::Index => out.push_str(&n.next().copied().unwrap_or(0).to_string()),
            }
        }
        out
    }

    /// Matches a written key against this field; the list positions (from 0) if it fits.
    pub fn matches(&self, key: &str) -> Option<Vec<usize>> {
        let parts: Vec<&str> = key.split('.').collect();
        if parts.len() != self.path.len() {
            return None;
        }
        let mut indices = Vec::new();
        for (s, p) in self.path.iter().zip(parts) {
            match s {
                Seg::Key(k) if k == p => {}
                Seg::Index => {
                    let n: usize = p.parse().ok()?;
                    indices.push(n.checked_sub(1)?);
                }
                Seg::Key(_) => return None,
            }
        }
        Some(indices)
    }
}

/// Whether a sheet lists fields by row or objects by row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind {
    /// One row per field: key, label, value, notes.
    KeyValue,
    /// One row per list element, one column per field.
    Table,
    /// One row per entry of a map keyed by id (`indicators`): column `id` holds the key.
    Map,
}

/// An indicator the loaded standard declares: a row of the `Indicators` sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    /// Its id (`x.party_building`).
    pub id: String,
    /// What its value cell holds (for a panel: each evaluator's cell).
    pub kind: Kind,
    /// Whether it is a pair (numerator and denominator columns).
    pub pair: bool,
    /// Whether it is given once per evaluator or source (a panel): its row fills the
    /// `by.NAME` columns, one per evaluator, instead of `value`.
    pub panel: bool,
    /// The sources a panel prefers, in order (`purchaser`, `self`): the only names its
    /// row may use, each given a column of its own in the template.
    pub sources: Vec<String>,
    /// Title in Chinese.
    pub zh: String,
    /// Title in English.
    pub en: String,
    /// The kind's name and range, for people.
    pub note: String,
}

/// One sheet of the workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The sheet's name (a stable identifier, as a JSON key is).
    pub name: String,
    /// Title in Chinese.
    pub zh: String,
    /// Title in English.
    pub en: String,
    /// Key/value or table.
    pub kind: SheetKind,
    /// For a table: the JSON pointer of the list (`/staff/workers`).
    pub list: String,
    /// For a table: the list is required when its parent is present (`staff.workers`).
    pub list_required: bool,
    /// The fields, in order.
    pub fields: Vec<Field>,
}

impl Sheet {
    /// A sheet with its titles from [`TITLES`] (its name for both when not listed).
    fn titled(
        name: String,
        kind: SheetKind,
        list: String,
        list_required: bool,
        fields: Vec<Field>,
    ) -> Sheet {
        let (zh, en) = title_of(&name);
        Sheet {
            name,
            zh,
            en,
            kind,
            list,
            list_required,
            fields,
        }
    }
}

/// The layout of an evidence workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The sheets to fill, in order (the read-me is not one of them).
    pub sheets: Vec<Sheet>,
    /// The indicators the standard declares (see [`Layout::with_standard`]).
    pub declared: Vec<Declared>,
}

/// The shape of a schema, simplified for a workbook.
#[derive(Debug, Clone)]
enum Shape {
    Scalar(Kind),
    Object(Vec<Prop>),
    Array(Box<Shape>),
    /// An object keyed by ids, each value of this shape.
    Map(Box<Shape>),
    /// One of several shapes.
    Union(Vec<Shape>),
    Other,
}

#[derive(Debug, Clone)]
struct Prop {
    key: String,
    shape: Shape,
    required: bool,
    doc: String,
}

/// Splits a schema description `English. 中文。` into its Chinese and English labels.
fn labels(doc: &str) -> (String, String) {
    let trimmed = doc.trim().trim_end_matches('。');
    let is_cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    if let Some(at) = trimmed.rfind(". ") {
        let (en, zh) = trimmed.split_at(at);
        let zh = zh.trim_start_matches(". ").trim();
        if zh
            .chars()
            .next()
            .is_some_and(|c| is_cjk(c) || c == '"' || c == '“')
        {
            let en = en.split(" (").next().unwrap_or(en);
            let en = en.split(';').next().unwrap_or(en).trim_end_matches('.');
            return (zh.to_owned(), en.trim().to_owned());
        }
    }
    (trimmed.to_owned(), trimmed.trim_end_matches('.').to_owned())
}

fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    let mut s = schema;
    for _ in 0..16 {
        let Some(r) = s.get("$ref").and_then(Value::as_str) else {
            return s;
        };
        let Some(name) = r.strip_prefix("#/$defs/") else {
            return s;
        };
        match root.get("$defs").and_then(|d| d.get(name)) {
            Some(next) => s = next,
            None => return s,
        }
    }
    s
}

/// The schema without its `null` alternative (`anyOf: [X, null]`, `type: [T, "null"]`).
fn non_null<'a>(root: &'a Value, schema: &'a Value) -> Value {
    let s = resolve(root, schema);
    if let Some(alts) = s.get("anyOf").and_then(Value::as_array) {
        let rest: Vec<&Value> = alts
            .iter()
            .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        if let [one] = rest.as_slice() {
            return resolve(root, one).clone();
        }
    }
    let mut out = s.clone();
    if let Some(types) = s.get("type").and_then(Value::as_array) {
        let rest: Vec<&Value> = types
            .iter()
            .filter(|t| t.as_str() != Some("null"))
            .collect();
        if let (Some(obj), [one]) = (out.as_object_mut(), rest.as_slice()) {
            obj.insert("type".into(), (*one).clone());
        }
    }
    out
}

fn choices(s: &Value) -> Option<Vec<String>> {
    if let Some(vs) = s.get("enum").and_then(Value::as_array) {
        return Some(
            vs.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
        );
    }
    let alts = s.get("oneOf").and_then(Value::as_array)?;
    alts.iter()
        .map(|a| {
            a.get("const")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .or_else(|| {
                    a.get("enum")
                        .and_then(Value::as_array)
                        .and_then(|v| v.first())
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                })
        })
        .collect()
}

/// The decimal places a pattern allows: the bound of its fraction part, the last
/// `{1,n}` (the integer part has its own bound before it).
fn places(pattern: &str) -> Option<u32> {
    let start = pattern.rfind("{1,")? + 3;
    let end = pattern.get(start..)?.find('}')? + start;
    pattern.get(start..end)?.parse().ok()
}

fn shape(root: &Value, schema: &Value, depth: usize) -> Shape {
    if depth > 12 {
        return Shape::Other;
    }
    let s = non_null(root, schema);
    if let Some(c) = choices(&s) {
        return Shape::Scalar(Kind::Choice(c));
    }
    if let Some(alts) = s.get("anyOf").and_then(Value::as_array) {
        return Shape::Union(alts.iter().map(|a| shape(root, a, depth + 1)).collect());
    }
    match s.get("type").and_then(Value::as_str) {
        Some("boolean") => Shape::Scalar(Kind::Bool),
        Some("integer") => Shape::Scalar(Kind::Int),
        Some("string") => {
            if s.get("format").and_then(Value::as_str) == Some("date") {
                Shape::Scalar(Kind::Date)
            } else if let Some(p) = s.get("pattern").and_then(Value::as_str) {
                if ["^[0-9]+", "^-?[0-9]+", "^0*[0-9]"]
                    .iter()
                    .any(|d| p.starts_with(d))
                {
                    Shape::Scalar(Kind::Decimal(places(p)))
                } else {
                    Shape::Scalar(Kind::Text)
                }
            } else {
                Shape::Scalar(Kind::Text)
            }
        }
        Some("array") => match s.get("items") {
            Some(items) => Shape::Array(Box::new(shape(root, items, depth + 1))),
            None => Shape::Other,
        },
        Some("object") => {
            let Some(props) = s.get("properties").and_then(Value::as_object) else {
                return match s.get("additionalProperties") {
                    Some(v) if v.is_object() => Shape::Map(Box::new(shape(root, v, depth + 1))),
                    _ => Shape::Other,
                };
            };
            let required: Vec<&str> = s
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            // Required fields in declaration order (schemars keeps it in `required`),
            // then the optional ones by name.
            let mut keys: Vec<&String> = required
                .iter()
                .filter_map(|r| props.keys().find(|k| k.as_str() == *r))
                .collect();
            keys.extend(props.keys().filter(|k| !required.contains(&k.as_str())));
            let out = keys
                .into_iter()
                .filter_map(|k| {
                    let sub = props.get(k)?;
                    let doc = sub
                        .get("description")
                        .or_else(|| resolve(root, sub).get("description"))
                        .and_then(Value::as_str)
                        .unwrap_or(k)
                        .to_owned();
                    Some(Prop {
                        key: k.clone(),
                        shape: shape(root, sub, depth + 1),
                        required: required.contains(&k.as_str()),
                        doc,
                    })
                })
                .collect();
            Shape::Object(out)
        }
        _ => Shape::Other,
    }
}

/// Flattens an object's properties into fields (paths below `prefix`).
fn flatten(props: &[Prop], prefix: &[Seg], required: bool, out: &mut Vec<Field>) {
    for p in props {
        let mut path = prefix.to_vec();
        path.push(Seg::Key(p.key.clone()));
        let req = required && p.required;
        match &p.shape {
            Shape::Scalar(k) => {
                let (zh, en) = labels(&p.doc);
                out.push(Field {
                    path,
                    kind: k.clone(),
                    required: req,
                    zh,
                    en,
                    doc: p.doc.clone(),
                });
            }
            Shape::Object(inner) => flatten(inner, &path, req, out),
            Shape::Array(item) => match item.as_ref() {
                Shape::Object(inner) => {
                    path.push(Seg::Index);
                    flatten(inner, &path, true, out);
                }
                Shape::Scalar(k) => {
                    let (zh, en) = labels(&p.doc);
                    out.push(Field {
                        path,
                        kind: Kind::List(Box::new(k.clone())),
                        required: req,
                        zh,
                        en,
                        doc: p.doc.clone(),
                    });
                }
                _ => {}
            },
            Shape::Map(_) | Shape::Union(_) | Shape::Other => {}
        }
    }
}

/// The fields of a map's entry: `id`, then `value` for scalar forms, then the fields of
/// object forms (`numerator`, `denominator`).
fn map_fields(value: &Shape) -> Vec<Field> {
    let plain = |key: &str, kind: Kind, zh: &str, en: &str| Field {
        path: vec![Seg::Key(key.to_owned())],
        kind,
        required: false,
        zh: zh.to_owned(),
        en: en.to_owned(),
        doc: format!("{en}. {zh}。"),
    };
    let mut out = vec![Field {
        required: true,
        ..plain("id", Kind::Text, "编号", "Id")
    }];
    let forms: Vec<&Shape> = match value {
        Shape::Union(forms) => forms.iter().collect(),
        other => vec![other],
    };
    if forms.iter().any(|f| matches!(f, Shape::Scalar(_))) {
        out.push(plain("value", Kind::Any, "取值", "Value"));
    }
    for f in forms {
        if let Shape::Object(props) = f {
            flatten(props, &[], false, &mut out);
            // A map of scalars inside an entry (a panel's `by`): a column per name.
            for p in props {
                if let Shape::Map(inner) = &p.shape
                    && let Shape::Scalar(k) = inner.as_ref()
                {
                    let (zh, en) = labels(&p.doc);
                    out.push(Field {
                        path: vec![Seg::Key(p.key.clone())],
                        kind: Kind::Named(Box::new(k.clone())),
                        required: false,
                        zh,
                        en,
                        doc: p.doc.clone(),
                    });
                }
            }
        }
    }
    out
}

fn place_of(pointer: &str) -> Option<&'static str> {
    PLACES.iter().find(|(p, _)| *p == pointer).map(|(_, s)| *s)
}

fn title_of(sheet: &str) -> (String, String) {
    TITLES
        .iter()
        .find(|(s, _, _)| *s == sheet)
        .map(|(_, zh, en)| ((*zh).to_owned(), (*en).to_owned()))
        .unwrap_or_else(|| (sheet.to_owned(), sheet.to_owned()))
}

/// A sheet name for a section [`PLACES`] does not list: its key in title case, cut to
/// Excel's 31 characters.
fn sheet_name_for(key: &str) -> String {
    let mut out = String::new();
    let mut up = true;
    for c in key.chars() {
        if c == '_' || c == '/' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out.chars().take(31).collect()
}

impl Layout {
    /// The layout of the evidence workbook, from the generated `evidence` schema.
    ///
    /// ```
    /// use sws_eval::sheet::{Layout, SheetKind};
    /// let layout = Layout::evidence();
    /// let roster = layout.sheet("Roster").unwrap();
    /// assert_eq!(roster.kind, SheetKind::Table);
    /// assert_eq!(roster.list, "/staff/workers");
    /// assert!(roster.fields.iter().any(|f| f.key(&[]) == "birth_date"));
    /// let station = layout.sheet("Station").unwrap();
    /// assert!(station.fields.iter().any(|f| f.key(&[]) == "contract.price"));
    /// ```
    pub fn evidence() -> Layout {
        let schema = crate::schema::schema("evidence").unwrap_or(Value::Null);
        Layout::from_schema(&schema)
    }

    /// The layout for any object schema shaped like the evidence's.
    pub fn from_schema(schema: &Value) -> Layout {
        let mut sheets: Vec<Sheet> = Vec::new();
        let Shape::Object(props) = shape(schema, schema, 0) else {
            return Layout {
                sheets,
                declared: Vec::new(),
            };
        };
        let kv = |name: &str, fields: Vec<Field>, sheets: &mut Vec<Sheet>| {
            if let Some(s) = sheets.iter_mut().find(|s| s.name == name) {
                s.fields.extend(fields);
            } else {
                sheets.push(Sheet::titled(
                    name.to_owned(),
                    SheetKind::KeyValue,
                    String::new(),
                    false,
                    fields,
                ));
            }
        };
        let table =
            |name: String, list: String, req: bool, item: &Shape, sheets: &mut Vec<Sheet>| {
                let mut fields = Vec::new();
                if let Shape::Object(inner) = item {
                    flatten(inner, &[], true, &mut fields);
                }
                sheets.push(Sheet::titled(name, SheetKind::Table, list, req, fields));
            };
        for p in &props {
            let key = Seg::Key(p.key.clone());
            match &p.shape {
                Shape::Map(value) => {
                    let name =
                        place_of(&p.key).map_or_else(|| sheet_name_for(&p.key), str::to_owned);
                    sheets.push(Sheet::titled(
                        name,
                        SheetKind::Map,
                        format!("/{}", p.key),
                        p.required,
                        map_fields(value),
                    ));
                }
                Shape::Array(item) if matches!(item.as_ref(), Shape::Object(_)) => {
                    let name =
                        place_of(&p.key).map_or_else(|| sheet_name_for(&p.key), str::to_owned);
                    table(name, format!("/{}", p.key), p.required, item, &mut sheets);
                }
                Shape::Object(inner) => {
                    // A section split over sheets by its sub-keys (staff/supervisor, staff/workers).
                    let split = inner
                        .iter()
                        .any(|c| place_of(&format!("{}/{}", p.key, c.key)).is_some());
                    if split {
                        for c in inner {
                            let ptr = format!("{}/{}", p.key, c.key);
                            match (&c.shape, place_of(&ptr)) {
                                (Shape::Array(item), Some(name))
                                    if matches!(item.as_ref(), Shape::Object(_)) =>
                                {
                                    table(
                                        name.to_owned(),
                                        format!("/{ptr}"),
                                        c.required,
                                        item,
                                        &mut sheets,
                                    );
                                }
                                (_, place) => {
                                    let mut fields = Vec::new();
                                    flatten(
                                        std::slice::from_ref(c),
                                        std::slice::from_ref(&key),
                                        true,
                                        &mut fields,
                                    );
                                    kv(place.unwrap_or(OTHER), fields, &mut sheets);
                                }
                            }
                        }
                    } else {
                        let mut fields = Vec::new();
                        flatten(inner, std::slice::from_ref(&key), true, &mut fields);
                        kv(place_of(&p.key).unwrap_or(OTHER), fields, &mut sheets);
                    }
                }
                _ => {
                    let mut fields = Vec::new();
                    flatten(std::slice::from_ref(p), &[], true, &mut fields);
                    kv(place_of(&p.key).unwrap_or(OTHER), fields, &mut sheets);
                }
            }
        }
        // Sheets in the order of TITLES, unknown ones after.
        let rank = |name: &str| {
            TITLES
                .iter()
                .position(|(s, _, _)| *s == name)
                .unwrap_or(usize::MAX)
        };
        sheets.sort_by_key(|s| rank(&s.name));
        Layout {
            sheets,
            declared: Vec::new(),
        }
    }

    /// The evidence layout with the indicators `standard` declares: each gets a row of
    /// the `Indicators` sheet in the template, and its value cell is read by its kind
    /// (a mark typed as `8` is the decimal `"8"`, a count typed as `3` the number `3`).
    ///
    /// ```
    /// use sws_eval::sheet::Layout;
    /// let layout = Layout::with_standard(sws_eval::CompiledStandard::dongying_2022().standard());
    /// assert!(layout.sheet("Indicators").is_some());
    /// ```
    pub fn with_standard(standard: &crate::standard::Standard) -> Layout {
        use crate::standard::IndicatorKind as K;
        let mut layout = Layout::evidence();
        layout.declared = standard
            .indicators
            .iter()
            .map(|i| {
                let (kind, mut note) = match i.kind {
                    K::Flag => (Kind::Bool, "flag 是/否".to_owned()),
                    K::Count => (Kind::Int, "count 计数".to_owned()),
                    K::Amount => (Kind::Decimal(Some(2)), "amount 金额（元）".to_owned()),
                    K::Hours => (Kind::Decimal(Some(2)), "hours 小时".to_owned()),
                    K::Pair => (
                        Kind::Decimal(None),
                        "pair: numerator, denominator 分子、分母".to_owned(),
                    ),
                    K::Level => (
                        Kind::Choice(i.levels.clone()),
                        format!("level 等级: {}", i.levels.join(", ")),
                    ),
                    K::Mark => {
                        let range = match (&i.min, &i.max) {
                            (Some(lo), Some(hi)) => format!(" {lo}–{hi}"),
                            (None, Some(hi)) => format!(" 0–{hi}"),
                            _ => String::new(),
                        };
                        (Kind::Decimal(None), format!("mark 评分{range}"))
                    }
                };
                let sources = match i.panel.as_ref().map(|p| &p.combine) {
                    Some(crate::standard::Combine::Prefer(order)) => order.clone(),
                    _ => Vec::new(),
                };
                if let Some(p) = &i.panel {
                    note.push_str(&panel_note(&p.combine));
                }
                Declared {
                    id: i.id.clone(),
                    pair: i.kind == K::Pair,
                    panel: i.panel.is_some(),
                    sources,
                    kind,
                    zh: i.title.zh.clone(),
                    en: i.title.en.clone(),
                    note,
                }
            })
            .collect();
        layout
    }

    /// The sheet called `name`.
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

/// How a panel's row is filled, for the `_kind` note: one column per evaluator and
/// the combination.
fn panel_note(c: &crate::standard::Combine) -> String {
    use crate::standard::Combine as C;
    let how = match c {
        C::Mean => "平均 mean".to_owned(),
        C::Median => "中位数 median".to_owned(),
        C::TrimmedMean => {
            "去掉最高最低后平均 trimmed mean (drop the highest and the lowest; at least 3)"
                .to_owned()
        }
        C::Minimum => "最低分 minimum".to_owned(),
        C::Prefer(order) => format!("按来源优先 first given of: {}", order.join(" > ")),
    };
    format!(
        "; 评分小组：每名评估员（来源）一列 panel: one by.NAME column per evaluator or source; {how}"
    )
}

/// Sets `value` at `pointer` (RFC 6901, list positions as numbers) in `doc`, creating
/// objects and lists on the way; lists are padded with `null` (never left so: a list's
/// positions are filled in order).
pub(crate) fn set_at(doc: &mut Value, pointer: &str, value: Value) {
    let mut cur = doc;
    let parts: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|p| p.replace("~1", "/").replace("~0", "~"))
        .collect();
    let n = parts.len();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == n;
        let next_is_index = parts
            .get(i + 1)
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        let fresh = || {
            if next_is_index {
                Value::Array(Vec::new())
            } else {
                Value::Object(Map::new())
            }
        };
        match cur {
            Value::Object(map) => {
                if last {
                    map.insert(part.clone(), value);
                    return;
                }
                cur = map.entry(part.clone()).or_insert_with(fresh);
            }
            Value::Array(list) => {
                let Ok(at) = part.parse::<usize>() else {
                    return;
                };
                while list.len() <= at {
                    list.push(if last { Value::Null } else { fresh() });
                }
                let Some(slot) = list.get_mut(at) else {
                    return;
                };
                if last {
                    *slot = value;
                    return;
                }
                if slot.is_null() {
                    *slot = fresh();
                }
                cur = slot;
            }
            _ => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_split_english_and_chinese() {
        assert_eq!(
            labels("Date of the award notice (中标/成交通知书). 中标通知书日期。"),
            (
                "中标通知书日期".to_owned(),
                "Date of the award notice".to_owned()
            )
        );
        assert_eq!(
            labels("Name. 姓名。"),
            ("姓名".to_owned(), "Name".to_owned())
        );
        assert_eq!(labels("plain"), ("plain".to_owned(), "plain".to_owned()));
    }

    #[test]
    fn every_top_level_section_has_a_place() {
        let layout = Layout::evidence();
        let schema = crate::schema::schema("evidence").unwrap_or(Value::Null);
        let props = schema["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        for key in props.keys() {
            let found = layout.sheets.iter().any(|s| {
                s.list.trim_start_matches('/').split('/').next() == Some(key)
                    || s.fields
                        .iter()
                        .any(|f| f.path.first() == Some(&Seg::Key(key.clone())))
            });
            assert!(found, "section `{key}` has no sheet");
        }
        // No section falls through to "Other" today: every one is placed on purpose.
        assert!(layout.sheet(OTHER).is_none());
    }

    #[test]
    fn the_roster_follows_the_worker_type() {
        let layout = Layout::evidence();
        let roster = layout
            .sheet("Roster")
            .map(|s| s.fields.clone())
            .unwrap_or_default();
        let keys: Vec<String> = roster.iter().map(|f| f.key(&[])).collect();
        assert_eq!(
            keys,
            [
                "id",
                "name",
                "provided_by",
                "full_time",
                "birth_date",
                "entry_date",
                "education",
                "left_on",
                "qualifications.1.kind",
                "qualifications.1.obtained_on"
            ]
        );
        assert_eq!(roster.get(4).map(|f| f.kind.clone()), Some(Kind::Date));
        assert!(
            matches!(roster.get(6).map(|f| &f.kind), Some(Kind::Choice(c)) if c.contains(&"bachelor".to_owned()))
        );
    }

    #[test]
    fn keys_match_with_positions() {
        let layout = Layout::evidence();
        let station = layout
            .sheet("Station")
            .map(|s| s.fields.clone())
            .unwrap_or_default();
        let q = station
            .iter()
            .find(|f| f.key(&[]) == "staff.supervisor.qualifications.1.kind");
        let q = q.cloned().unwrap_or_else(|| Field {
            path: vec![],
            kind: Kind::Text,
            required: false,
            zh: String::new(),
            en: String::new(),
            doc: String::new(),
        });
        assert_eq!(
            q.matches("staff.supervisor.qualifications.3.kind"),
            Some(vec![2])
        );
        assert_eq!(q.matches("staff.supervisor.qualifications.0.kind"), None);
        assert_eq!(
            q.pointer("", &[2]),
            "/staff/supervisor/qualifications/2/kind"
        );
        let price = station.iter().find(|f| f.key(&[]) == "contract.price");
        assert_eq!(price.map(|f| f.kind.clone()), Some(Kind::Decimal(Some(2))));
        assert_eq!(price.map(|f| f.required), Some(true));
    }

    #[test]
    fn set_at_builds_objects_and_lists() {
        let mut doc = Value::Object(Map::new());
        set_at(&mut doc, "/a/b", Value::from(1));
        set_at(&mut doc, "/a/list/0/x", Value::from("y"));
        set_at(&mut doc, "/a/list/1/x", Value::from("z"));
        assert_eq!(
            doc,
            serde_json::json!({"a": {"b": 1, "list": [{"x": "y"}, {"x": "z"}]}})
        );
    }
}
