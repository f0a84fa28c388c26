//! Why a standard was refused.

/// A problem found while reading or checking a standard. Each names the node (and,
/// where it helps, the item) so that the author can find it in the file.
///
/// ```
/// use sws_eval::standard::StandardError;
/// let e = sws_eval::standard::Standard::from_json("{}").unwrap_err();
/// assert!(matches!(e, StandardError::Json { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StandardError {
    /// The file is not a standard in JSON.
    #[error("standard JSON is invalid at line {line}, column {column}: {message}")]
    Json {
        /// Line.
        line: usize,
        /// Column.
        column: usize,
        /// What serde found.
        message: String,
    },
    /// Too big to be a standard (a hostile or mistaken file).
    #[error("standard has too many {what}: {found} (at most {limit})")]
    TooLarge {
        /// What was counted.
        what: &'static str,
        /// How many.
        found: usize,
        /// The limit.
        limit: usize,
    },
    /// Nested too deeply.
    #[error("node `{id}` is at depth {depth}; a standard may nest at most {limit} levels")]
    TooDeep {
        /// The node.
        id: String,
        /// Its depth (dimensions are depth 1).
        depth: usize,
        /// The limit.
        limit: usize,
    },
    /// An id is empty or used twice.
    #[error("node id `{id}` is {problem}")]
    BadId {
        /// The id.
        id: String,
        /// `empty` or `used more than once`.
        problem: &'static str,
    },
    /// A node is neither a group nor a leaf, or both.
    #[error("node `{id}` must have either children (a group) or a rule (a leaf), not {found}")]
    Shape {
        /// The node.
        id: String,
        /// `both` or `neither`.
        found: &'static str,
    },
    /// Children's maxima do not add up to the parent's.
    #[error("node `{id}` has max {max} but its children add up to {sum}")]
    ChildrenSum {
        /// The parent (or `(root)` for the dimensions against `max_points`).
        id: String,
        /// The parent's max.
        max: String,
        /// The children's sum.
        sum: String,
    },
    /// Checklist items do not add up to the leaf's max.
    #[error("checklist `{id}` has max {max} but its items add up to {sum}")]
    ItemsSum {
        /// The leaf.
        id: String,
        /// The leaf's max.
        max: String,
        /// The items' sum.
        sum: String,
    },
    /// A step, level or deduction is out of order or out of range.
    #[error("node `{id}`: {message}")]
    Rule {
        /// The leaf.
        id: String,
        /// What is wrong.
        message: String,
    },
    /// A leaf names a fact that is not in the catalogue.
    #[error("node `{id}` names unknown fact `{fact}`{}", crate::suggest::did_you_mean(suggestion.as_deref()))]
    UnknownFact {
        /// The leaf.
        id: String,
        /// The name given.
        fact: String,
        /// The closest known name.
        suggestion: Option<String>,
    },
    /// A leaf's rule cannot read a fact of that kind.
    #[error("node `{id}`: rule `{rule}` cannot read fact `{fact}`, which is a {kind:?} fact")]
    FactKind {
        /// The leaf.
        id: String,
        /// The rule.
        rule: &'static str,
        /// The fact.
        fact: String,
        /// Its kind.
        kind: crate::facts::FactKind,
    },
    /// Grade bands overlap, leave a gap, or do not span 0..=max.
    #[error("grade bands: {message}")]
    Bands {
        /// What is wrong.
        message: String,
    },
    /// A declared indicator is malformed (id, levels, range or step).
    #[error("{message}")]
    Indicator {
        /// JSON pointer to the offending field, e.g. `/indicators/2/step`.
        pointer: String,
        /// What is wrong.
        message: String,
    },
    /// A leaf reads an `x.` indicator the standard does not declare.
    #[error(
        "node `{id}` reads indicator `{indicator}`, which the standard does not declare in `indicators`"
    )]
    UndeclaredIndicator {
        /// The leaf.
        id: String,
        /// The indicator named.
        indicator: String,
        /// The closest declared indicator.
        suggestion: Option<String>,
    },
    /// A problem outside the tree (a deduction, a veto, the total cap), located by the
    /// JSON pointer of the part at fault; `inner` says what is wrong.
    #[error("{inner}")]
    Located {
        /// JSON pointer, e.g. `/vetoes/0/when`.
        pointer: String,
        /// The problem.
        inner: Box<StandardError>,
    },
}
