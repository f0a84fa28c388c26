#!/usr/bin/env python3
"""Generates the typed bindings from the bundled JSON Schema (schemas/v1/sws-eval.json).

    python3 tools/gen_bindings.py           # rewrite bindings/*/ generated files
    python3 tools/gen_bindings.py --check   # exit 1 if they differ from the schema

Writes
  bindings/python/sws_eval/models.py          pydantic v2 models
  bindings/typescript/types.d.ts              TypeScript declarations

Standard library only, so that CI needs nothing to run it. The mapping (the whole
generator is this file; its version is GENERATOR_VERSION):

  schema                                   Python (pydantic v2)            TypeScript
  string, "format": "decimal"              decimal.Decimal (+ ge, places)  string
  string, "format": "date"                 datetime.date                   string
  oneOf/enum of string consts              Literal["a", "b"]               "a" | "b"
  object with properties                   class (BaseModel)               interface
  object with only additionalProperties    dict[str, T]                    { [key: string]: T }
  anyOf [T, null] / type [T, "null"]       T | None                        T | null
  oneOf of objects tagged by a const       discriminated union             union
  property not in `required`               `= None` / its default          `name?:`

Each `$defs` entry becomes one named type, so a definition shared by several schemas is
written once. Inline objects are named after where they sit (`RuleCheck` for the body of
the `check` variant of `Rule`, `DecisionEnvelopeOk` for the `status: ok` branch).
"""

from __future__ import annotations

import json
import keyword
import re
import sys
from pathlib import Path

GENERATOR_VERSION = "1.0.0"

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "schemas" / "v1" / "sws-eval.json"
PY_OUT = ROOT / "bindings" / "python" / "sws_eval" / "models.py"
TS_OUT = ROOT / "bindings" / "typescript" / "types.d.ts"

# Names pydantic's BaseModel uses for itself: a field called so is renamed, with an alias.
PYDANTIC_RESERVED = {
    "model_config", "model_fields", "schema", "json", "dict", "copy", "construct",
    "validate", "fields", "parse_obj", "parse_raw", "from_orm", "update_forward_refs",
}


def pascal(s: str) -> str:
    parts = re.split(r"[^0-9A-Za-z]+", s)
    return "".join(p[:1].upper() + p[1:] for p in parts if p)


def ref_name(ref: str) -> str:
    prefix = "#/$defs/"
    if not ref.startswith(prefix):
        raise SystemExit(f"gen_bindings: unsupported $ref {ref!r}")
    return ref[len(prefix):]


def consts(node: dict) -> list | None:
    """The closed set of values of a schema, if it is one."""
    if "const" in node:
        return [node["const"]]
    if "enum" in node:
        return list(node["enum"])
    branches = node.get("oneOf") or node.get("anyOf")
    if branches and all("const" in b for b in branches):
        return [b["const"] for b in branches]
    return None


def types_of(node: dict) -> list[str]:
    t = node.get("type")
    if isinstance(t, list):
        return t
    return [t] if t else []


def decimal_places(pattern: str | None) -> int | None:
    m = re.search(r"\{1,(\d+)\}\)\?\$$", pattern or "")
    return int(m.group(1)) if m else None


class Model:
    """The bundle read into named types: objects, aliases and unions, in order."""

    def __init__(self, bundle: dict):
        self.defs: dict = bundle["$defs"]
        # name -> ("object", schema) | ("alias", schema)
        self.named: dict[str, tuple[str, dict]] = {}
        self.order: list[str] = []
        for name, node in self.defs.items():
            self.add(name, node)

    def add(self, name: str, node: dict) -> str:
        if name in self.named:
            if self.named[name][1] is not node:
                raise SystemExit(f"gen_bindings: two types would be called {name}")
            return name
        kind = "object" if node.get("properties") is not None and not (
            node.get("oneOf") or node.get("anyOf")) else "alias"
        self.named[name] = (kind, node)
        self.order.append(name)
        return name


# ---------------------------------------------------------------- Python

class Py:
    def __init__(self, model: Model):
        self.m = model
        self.classes: list[str] = []
        self.aliases: list[tuple[str, str, str]] = []  # (name, expr, doc)
        self.done: set[str] = set()

    def doc(self, node: dict) -> str:
        return (node.get("description") or "").strip()

    def ann(self, node: dict, ctx: str) -> str:
        """The Python annotation of a schema, naming inline objects after `ctx`."""
        if "$ref" in node:
            return ref_name(node["$ref"])
        values = consts(node)
        if values is not None:
            return "Literal[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"
        branches = node.get("oneOf") or node.get("anyOf")
        if branches:
            non_null = [b for b in branches if b.get("type") != "null"]
            nullable = len(non_null) < len(branches)
            inner = self.union(non_null, ctx)
            return f"{inner} | None" if nullable else inner
        ts = types_of(node)
        nullable = "null" in ts
        ts = [t for t in ts if t != "null"]
        if len(ts) > 1:
            inner = " | ".join(self.scalar(dict(node, type=t), ctx) for t in ts)
        elif ts:
            inner = self.scalar(dict(node, type=ts[0]), ctx)
        else:
            inner = "Any"
        return f"{inner} | None" if nullable else inner

    def union(self, branches: list[dict], ctx: str) -> str:
        parts = []
        literals = []
        tag = self.tag_of(branches)
        for b in branches:
            if "const" in b:
                literals.append(b["const"])
                continue
            name = self.branch_name(b, ctx, tag)
            if name is not None:
                parts.append(self.class_for(name, b))
            else:
                parts.append(self.ann(b, ctx))
        if literals:
            parts.insert(0, "Literal[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in literals) + "]")
        expr = " | ".join(parts) if len(parts) > 1 else parts[0]
        if tag and len(parts) > 1:
            expr = f'Annotated[{expr}, Field(discriminator="{tag}")]'
        return expr

    @staticmethod
    def tag_of(branches: list[dict]) -> str | None:
        """The property every object branch fixes with a `const`, if there is one."""
        if not branches or not all(b.get("type") == "object" for b in branches):
            return None
        common = None
        for b in branches:
            keys = {k for k, v in b.get("properties", {}).items() if "const" in v}
            common = keys if common is None else common & keys
        return sorted(common)[0] if common else None

    @staticmethod
    def branch_name(b: dict, ctx: str, tag: str | None) -> str | None:
        if b.get("type") != "object" or "properties" not in b:
            return None
        props = b["properties"]
        if tag:
            return ctx + pascal(str(props[tag]["const"]))
        if len(props) == 1:
            return ctx + pascal(next(iter(props)))
        return ctx + "Variant"

    def scalar(self, node: dict, ctx: str) -> str:
        t = node["type"]
        if t == "string":
            fmt = node.get("format")
            if fmt == "decimal":
                return "Decimal"
            if fmt == "date":
                return "_dt.date"
            return "str"
        if t == "integer":
            return "int"
        if t == "number":
            return "float"
        if t == "boolean":
            return "bool"
        if t == "array":
            return f"list[{self.ann(node.get('items', {}), ctx + 'Item')}]"
        if t == "object":
            if "properties" in node:
                return self.class_for(ctx, node)
            extra = node.get("additionalProperties")
            if isinstance(extra, dict):
                return f"dict[str, {self.ann(extra, ctx + 'Value')}]"
            return "dict[str, Any]"
        raise SystemExit(f"gen_bindings: unsupported type {t!r} at {ctx}")

    def class_for(self, name: str, node: dict) -> str:
        if name in self.done:
            return name
        self.done.add(name)
        lines = [f"class {name}(BaseModel):"]
        doc = self.doc(node)
        if doc:
            lines.append(f"    {pydoc(doc)}")
            lines.append("")
        extra = "forbid" if node.get("additionalProperties") is False else "allow"
        lines.append(f'    model_config = ConfigDict(extra="{extra}", populate_by_name=True)')
        required = set(node.get("required", []))
        for prop, sub in node.get("properties", {}).items():
            field = prop
            alias = None
            if keyword.iskeyword(prop) or prop in PYDANTIC_RESERVED or prop.startswith("model_"):
                field = prop + "_"
                alias = prop
            ann = self.ann(sub, name + pascal(prop))
            args = []
            if prop not in required:
                if "default" in sub:
                    d = sub["default"]
                    if isinstance(d, (list, dict)) and d:
                        args.append(f"default_factory=lambda: {d!r}")
                    elif isinstance(d, list):
                        args.append("default_factory=list")
                    elif isinstance(d, dict):
                        args.append("default_factory=dict")
                    else:
                        args.append(f"default={d!r}")
                else:
                    args.append("default=None")
                    if not ann.endswith("| None") and ann != "Any":
                        ann = f"{ann} | None"
            if alias:
                args.append(f'alias="{alias}"')
            d = self.doc(sub)
            if d:
                args.append(f"description={d!r}")
            if args:
                lines.append(f"    {field}: {ann} = Field({', '.join(args)})")
            else:
                lines.append(f"    {field}: {ann}")
        self.classes.append("\n".join(lines))
        return name

    def named_alias(self, name: str, node: dict) -> None:
        doc = self.doc(node)
        t = types_of(node)
        if t == ["string"] and node.get("format") == "decimal":
            constraints = []
            if not str(node.get("pattern", "")).startswith("^-"):
                constraints.append("ge=0")
            places = decimal_places(node.get("pattern"))
            if places is not None:
                constraints.append(f"decimal_places={places}")
            expr = f"Annotated[Decimal, Field({', '.join(constraints)})]" if constraints else "Decimal"
        elif t == ["string"] and node.get("format") == "date":
            expr = "_dt.date"
        else:
            expr = self.ann(node, name)
        self.aliases.append((name, expr, doc))

    def render(self) -> str:
        for name in self.m.order:
            kind, node = self.m.named[name]
            if kind == "object":
                self.class_for(name, node)
            else:
                self.named_alias(name, node)
        # Aliases that only name scalars and literals first; unions of classes after the
        # classes (with `from __future__ import annotations`, class bodies may name any).
        class_names = set(self.done)
        early, late = [], []
        for a in self.aliases:
            uses = set(re.findall(r"\b[A-Z][A-Za-z0-9]*\b", a[1])) & class_names
            (late if uses else early).append(a)
        late = topo(late)
        out = [HEADER_PY.format(version=GENERATOR_VERSION)]
        for name, expr, doc in early:
            out.append(alias_py(name, expr, doc))
        for c in self.classes:
            out.append(c)
        for name, expr, doc in late:
            out.append(alias_py(name, expr, doc))
        out.append("for _model in list(globals().values()):\n"
                   "    if isinstance(_model, type) and issubclass(_model, BaseModel) and _model is not BaseModel:\n"
                   "        _model.model_rebuild()")
        names = sorted({n for n, _, _ in self.aliases} | class_names)
        out.append("__all__ = [\n" + "".join(f'    "{n}",\n' for n in names) + "]")
        return "\n\n\n".join(out) + "\n"


def topo(aliases: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Aliases ordered so that each comes after the aliases it names."""
    by_name = {a[0]: a for a in aliases}
    out: list = []
    seen: set = set()

    def visit(a):
        if a[0] in seen:
            return
        seen.add(a[0])
        for n in re.findall(r"\b[A-Z][A-Za-z0-9]*\b", a[1]):
            if n in by_name and n != a[0]:
                visit(by_name[n])
        out.append(a)

    for a in aliases:
        visit(a)
    return out


def pydoc(text: str) -> str:
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if text.endswith('"'):
        text += " "
    return '"""' + text.replace("\n", "\n    ") + '"""'


def alias_py(name: str, expr: str, doc: str) -> str:
    s = f"{name} = {expr}"
    if doc:
        s += "\n" + pydoc(doc)
    return s


HEADER_PY = '''"""Typed models of the sws-eval JSON contract (pydantic v2).

Generated by tools/gen_bindings.py {version} from schemas/v1/sws-eval.json. Do not edit:
run `python3 tools/gen_bindings.py`.

Decimals (money, points, hours, rates) are `decimal.Decimal`, never floats; on output
they are written back as strings, as the engine expects. Dates are `datetime.date`.
Closed sets of values are `Literal`s, so `decision.verdict == "pass"` compares values.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field'''


# ---------------------------------------------------------------- TypeScript

class Ts:
    def __init__(self, model: Model):
        self.m = model
        self.decls: list[str] = []
        self.done: set[str] = set()

    def ann(self, node: dict, ctx: str) -> str:
        if "$ref" in node:
            return ref_name(node["$ref"])
        values = consts(node)
        if values is not None:
            return " | ".join(json.dumps(v, ensure_ascii=False) for v in values)
        branches = node.get("oneOf") or node.get("anyOf")
        if branches:
            tag = Py.tag_of([b for b in branches if b.get("type") != "null"])
            parts = []
            for b in branches:
                if "const" in b:
                    parts.append(json.dumps(b["const"], ensure_ascii=False))
                elif b.get("type") == "null":
                    parts.append("null")
                else:
                    name = Py.branch_name(b, ctx, tag)
                    parts.append(self.interface(name, b) if name else self.ann(b, ctx))
            return " | ".join(parts)
        ts = types_of(node)
        if not ts:
            return "unknown"
        return " | ".join(self.scalar(dict(node, type=t), ctx) for t in ts)

    def scalar(self, node: dict, ctx: str) -> str:
        t = node["type"]
        if t == "null":
            return "null"
        if t == "string":
            return "string"
        if t in ("integer", "number"):
            return "number"
        if t == "boolean":
            return "boolean"
        if t == "array":
            inner = self.ann(node.get("items", {}), ctx + "Item")
            return f"({inner})[]" if "|" in inner else f"{inner}[]"
        if t == "object":
            if "properties" in node:
                return self.interface(ctx, node)
            extra = node.get("additionalProperties")
            if isinstance(extra, dict):
                return f"{{ [key: string]: {self.ann(extra, ctx + 'Value')} }}"
            return "{ [key: string]: unknown }"
        raise SystemExit(f"gen_bindings: unsupported type {t!r} at {ctx}")

    def interface(self, name: str, node: dict) -> str:
        if name in self.done:
            return name
        self.done.add(name)
        lines = [tsdoc(node.get("description"), ""), f"export interface {name} {{"]
        required = set(node.get("required", []))
        for prop, sub in node.get("properties", {}).items():
            ann = self.ann(sub, name + pascal(prop))
            opt = "" if prop in required else "?"
            key = prop if re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$]*", prop) else json.dumps(prop)
            d = tsdoc(sub.get("description"), "  ")
            if d:
                lines.append(d)
            lines.append(f"  {key}{opt}: {ann};")
        lines.append("}")
        self.decls.append("\n".join(l for l in lines if l))
        return name

    def render(self) -> str:
        for name in self.m.order:
            kind, node = self.m.named[name]
            if kind == "object":
                self.interface(name, node)
            else:
                t = types_of(node)
                if t == ["string"] and node.get("format") == "decimal":
                    expr = "string"
                    extra = "An exact decimal as a string, e.g. \"87.50\": compare with a decimal library, not as numbers or text."
                elif t == ["string"] and node.get("format") == "date":
                    expr = "string"
                    extra = "A civil date YYYY-MM-DD."
                else:
                    expr = self.ann(node, name)
                    extra = ""
                desc = (node.get("description") or "").strip()
                if extra:
                    desc = f"{desc}\n\n{extra}" if desc else extra
                d = tsdoc(desc, "")
                self.decls.append((d + "\n" if d else "") + f"export type {name} = {expr};")
        header = HEADER_TS.format(version=GENERATOR_VERSION)
        return header + "\n\n" + "\n\n".join(self.decls) + "\n"


def tsdoc(text: str | None, indent: str) -> str:
    text = (text or "").strip()
    if not text:
        return ""
    text = text.replace("*/", "*\\/")
    body = "\n".join(f"{indent} * {l}".rstrip() for l in text.split("\n"))
    return f"{indent}/**\n{body}\n{indent} */"


HEADER_TS = """/**
 * Types of the sws-eval JSON contract.
 *
 * Generated by tools/gen_bindings.py {version} from schemas/v1/sws-eval.json. Do not
 * edit: run `python3 tools/gen_bindings.py`.
 *
 * Decimals (money, points, hours, rates) are strings such as "87.50": exact, never
 * JavaScript numbers. Dates are strings YYYY-MM-DD.
 */"""


def main() -> int:
    check = "--check" in sys.argv[1:]
    bundle = json.loads(BUNDLE.read_text(encoding="utf-8"))
    outputs = {
        PY_OUT: Py(Model(bundle)).render(),
        TS_OUT: Ts(Model(bundle)).render(),
    }
    stale = []
    for path, text in outputs.items():
        have = path.read_text(encoding="utf-8") if path.exists() else None
        if have != text:
            stale.append(path.relative_to(ROOT))
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    if check and stale:
        print("gen_bindings: out of date (run `python3 tools/gen_bindings.py`): "
              + ", ".join(map(str, stale)), file=sys.stderr)
        return 1
    for p in stale:
        print(f"gen_bindings: wrote {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
