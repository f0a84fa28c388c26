//! Finds where a JSON pointer points in JSON text, so that an error names its line.
//!
//! A small scanner over the bytes: it walks the pointer's tokens through objects and
//! arrays, skipping every other value, and returns the line and column (both 1-based)
//! of the deepest value that exists. A pointer to a missing key (a required field left
//! out) therefore lands on the object that lacks it. Text that is not JSON stops the
//! walk where the scan fails.

use std::collections::{HashMap, HashSet};

/// Line and column (1-based, columns in characters) of the value `pointer` names, or
/// of its deepest existing ancestor.
pub(crate) fn locate(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut s = Scanner { b: bytes, i: 0 };
    s.ws();
    let mut at = s.i;
    if at >= bytes.len() {
        return None;
    }
    for token in sws_eval::json::pointer::tokens(pointer) {
        match s.peek() {
            Some(b'{') => match s.find_key(&token) {
                Some(pos) => at = pos,
                None => break,
            },
            Some(b'[') => match token.parse::<usize>().ok().and_then(|n| s.find_index(n)) {
                Some(pos) => at = pos,
                None => break,
            },
            _ => break,
        }
        s.i = at;
    }
    Some(line_col(text, at))
}

/// Line and column of every pointer (as [`locate`]), in one pass over the text
/// whatever the number of pointers: a hostile file with thousands of errors costs one
/// scan, not one per error.
pub(crate) fn locate_all(text: &str, pointers: &[&str]) -> Vec<Option<(usize, usize)>> {
    if pointers.is_empty() {
        return Vec::new();
    }
    // Every pointer and each of its ancestors: a missing key lands on the deepest
    // ancestor that exists.
    let mut wanted: HashSet<&str> = HashSet::new();
    for p in pointers {
        let mut q: &str = p;
        loop {
            if !wanted.insert(q) {
                break;
            }
            match q.rfind('/') {
                Some(i) => q = q.get(..i).unwrap_or(""),
                None => break,
            }
        }
    }
    let mut w = Walker {
        s: Scanner {
            b: text.as_bytes(),
            i: 0,
        },
        path: String::new(),
        wanted: &wanted,
        found: HashMap::new(),
    };
    w.value(0);
    let found = w.found;
    let offsets: Vec<Option<usize>> = pointers
        .iter()
        .map(|p| {
            let mut q: &str = p;
            loop {
                if let Some(at) = found.get(q) {
                    return Some(*at);
                }
                q = q.get(..q.rfind('/')?)?;
            }
        })
        .collect();
    // Offsets to lines and columns in one pass.
    let mut order: Vec<(usize, usize)> = offsets
        .iter()
        .enumerate()
        .filter_map(|(i, o)| o.map(|o| (o, i)))
        .collect();
    order.sort_unstable();
    let mut out = vec![None; pointers.len()];
    let (mut line, mut col) = (1usize, 1usize);
    let mut chars = text.char_indices().peekable();
    for (offset, i) in order {
        while let Some((pos, c)) = chars.peek().copied() {
            if pos >= offset {
                break;
            }
            if c == '\n' {
                line = line.saturating_add(1);
                col = 1;
            } else {
                col = col.saturating_add(1);
            }
            chars.next();
        }
        if let Some(slot) = out.get_mut(i) {
            *slot = Some((line, col));
        }
    }
    out
}

/// Walks a JSON text once, recording where each wanted pointer's value starts.
struct Walker<'a, 'w> {
    s: Scanner<'a>,
    path: String,
    wanted: &'w HashSet<&'w str>,
    found: HashMap<String, usize>,
}

/// Deepest nesting walked (input deeper than the contract's 64 levels is refused
/// before anything is located).
const MAX_WALK_DEPTH: usize = 128;

impl Walker<'_, '_> {
    fn value(&mut self, depth: usize) -> Option<()> {
        self.s.ws();
        if !self.wanted.contains(self.path.as_str()) {
            return self.s.skip_flat();
        }
        self.found.insert(self.path.clone(), self.s.i);
        if depth > MAX_WALK_DEPTH {
            return None;
        }
        let depth = depth.saturating_add(1);
        match self.s.peek()? {
            b'{' => {
                self.s.i = self.s.i.saturating_add(1);
                if self.s.eat(b'}') {
                    return Some(());
                }
                loop {
                    let key = self.s.string()?;
                    if !self.s.eat(b':') {
                        return None;
                    }
                    let len = self.path.len();
                    self.path.push('/');
                    self.path
                        .push_str(&key.replace('~', "~0").replace('/', "~1"));
                    let r = self.value(depth);
                    self.path.truncate(len);
                    r?;
                    if self.s.eat(b'}') {
                        return Some(());
                    }
                    if !self.s.eat(b',') {
                        return None;
                    }
                }
            }
            b'[' => {
                self.s.i = self.s.i.saturating_add(1);
                if self.s.eat(b']') {
                    return Some(());
                }
                let mut k = 0usize;
                loop {
                    let len = self.path.len();
                    self.path.push('/');
                    self.path.push_str(&k.to_string());
                    let r = self.value(depth);
                    self.path.truncate(len);
                    r?;
                    if self.s.eat(b']') {
                        return Some(());
                    }
                    if !self.s.eat(b',') {
                        return None;
                    }
                    k = k.saturating_add(1);
                }
            }
            _ => self.s.skip_flat(),
        }
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Reads a string at the cursor and returns it unescaped (simple escapes only;
    /// `\u` escapes are kept as written, which only matters for exotic keys).
    fn string(&mut self) -> Option<String> {
        self.ws();
        if self.peek() != Some(b'"') {
            return None;
        }
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let c = self.peek()?;
            self.i += 1;
            match c {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let e = self.peek()?;
                    self.i += 1;
                    out.push(match e {
                        b'n' => b'\n',
                        b't' => b'\t',
                        b'r' => b'\r',
                        b'b' => 8,
                        b'f' => 12,
                        b'u' => {
                            out.extend_from_slice(b"\\u");
                            continue;
                        }
                        other => other,
                    });
                }
                other => out.push(other),
            }
        }
    }

    /// Skips one value of any kind without recursion (brackets counted, strings
    /// stepped over), so that no nesting depth can exhaust the stack.
    fn skip_flat(&mut self) -> Option<()> {
        self.ws();
        let mut depth = 0usize;
        loop {
            match self.peek()? {
                b'"' => {
                    self.i = self.i.saturating_add(1);
                    loop {
                        match self.peek()? {
                            b'\\' => self.i = self.i.saturating_add(2),
                            b'"' => {
                                self.i = self.i.saturating_add(1);
                                break;
                            }
                            _ => self.i = self.i.saturating_add(1),
                        }
                    }
                }
                b'{' | b'[' => {
                    depth = depth.saturating_add(1);
                    self.i = self.i.saturating_add(1);
                }
                b'}' | b']' if depth > 0 => {
                    depth = depth.saturating_sub(1);
                    self.i = self.i.saturating_add(1);
                }
                b',' | b'}' | b']' if depth == 0 => return Some(()),
                _ => self.i = self.i.saturating_add(1),
            }
            if depth == 0 {
                // A scalar ends at the next separator; a container just closed.
                let last = self.i.checked_sub(1).and_then(|j| self.b.get(j)).copied();
                if matches!(last, Some(b'}' | b']' | b'"')) {
                    return Some(());
                }
                if matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    return Some(());
                }
            }
        }
    }

    /// Skips one value of any kind.
    fn skip(&mut self) -> Option<()> {
        self.ws();
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            b'{' => {
                self.i += 1;
                if self.eat(b'}') {
                    return Some(());
                }
                loop {
                    self.string()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    self.skip()?;
                    if self.eat(b'}') {
                        return Some(());
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'[' => {
                self.i += 1;
                if self.eat(b']') {
                    return Some(());
                }
                loop {
                    self.skip()?;
                    if self.eat(b']') {
                        return Some(());
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            _ => {
                let start = self.i;
                while matches!(self.peek(), Some(c) if !matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                {
                    self.i += 1;
                }
                (self.i > start).then_some(())
            }
        }
    }

    /// With the cursor on `{`: the offset of the value of `key`.
    fn find_key(&mut self, key: &str) -> Option<usize> {
        self.i += 1;
        if self.eat(b'}') {
            return None;
        }
        loop {
            let k = self.string()?;
            if !self.eat(b':') {
                return None;
            }
            self.ws();
            if k == key {
                return Some(self.i);
            }
            self.skip()?;
            if !self.eat(b',') {
                return None;
            }
        }
    }

    /// With the cursor on `[`: the offset of element `n`.
    fn find_index(&mut self, n: usize) -> Option<usize> {
        self.i += 1;
        if self.eat(b']') {
            return None;
        }
        let mut k = 0;
        loop {
            self.ws();
            if k == n {
                return Some(self.i);
            }
            self.skip()?;
            if !self.eat(b',') {
                return None;
            }
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str =
        "{\n  \"a\": 1,\n  \"b\": {\"c\": [10, {\"d\": \"x\\\"y\"}, 30]},\n  \"e/f\": true\n}\n";

    #[test]
    fn finds_values_and_ancestors() {
        assert_eq!(locate(DOC, ""), Some((1, 1)));
        assert_eq!(locate(DOC, "/a"), Some((2, 8)));
        assert_eq!(locate(DOC, "/b/c/1/d"), Some((3, 25)));
        assert_eq!(locate(DOC, "/b/c/2"), Some((3, 34)));
        assert_eq!(locate(DOC, "/e~1f"), Some((4, 10)));
        // A missing key lands on the object that lacks it.
        assert_eq!(locate(DOC, "/b/zzz"), Some((3, 8)));
        assert_eq!(locate(DOC, "/b/c/9"), Some((3, 14)));
        assert_eq!(locate("", "/a"), None);
        assert_eq!(locate("{\"a\": [1, 2", "/a/5"), Some((1, 7)));
    }

    #[test]
    fn all_at_once_agrees_with_one_by_one() {
        let pointers = [
            "", "/a", "/b/c/1/d", "/b/c/2", "/e~1f", "/b/zzz", "/b/c/9", "/b/c/1", "/q/r",
        ];
        let all = locate_all(DOC, &pointers);
        for (p, got) in pointers.iter().zip(all) {
            assert_eq!(got, locate(DOC, p), "{p}");
        }
        let odd = "{\"a\": [1, 2";
        assert_eq!(locate_all(odd, &["/a/5"]), vec![locate(odd, "/a/5")]);
        let nested = "{\"x\": [[[{\"y\": \"}]\\\"\"}]], 7], \"z\": {\"w\": 1}}";
        for p in ["/x/1", "/z/w", "/x/0/0/0/y"] {
            assert_eq!(locate_all(nested, &[p]), vec![locate(nested, p)], "{p}");
        }
    }
}
