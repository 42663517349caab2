"""Repositories the synthetic agents work in: source files, bugs, and real-looking test-runner output.

Each language has a few repositories ("units") sharing one module template with three possible bugs.
A session picks a unit and a bug; the module text is rendered with the buggy line, the fix swaps
it for the correct one, and the runner output (pytest, jest, vitest, go test, cargo test) is built
from the same names so that reasoning, edits and outputs agree with each other.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from string import Template

LANGS = ("python", "typescript", "go", "rust")


@dataclass(frozen=True)
class Bug:
    key: str
    slot: str  # template slot holding the buggy line
    old: str
    new: str
    test: str  # failing test name (templated with the unit's names)
    symptom: str  # how a user describes it
    fix_desc: str  # how the agent describes the fix


@dataclass(frozen=True)
class Unit:
    lang: str
    repo: str
    module_path: str
    test_path: str
    names: dict[str, str]
    runner: str  # pytest | jest | vitest | go | cargo
    extra_files: tuple[str, ...]
    tree: tuple[str, ...] = field(default=())

    def sub(self, text: str) -> str:
        return Template(text).substitute(self.names)


# --------------------------------------------------------------------------------------------
# Python
# --------------------------------------------------------------------------------------------

PY_MODULE = '''"""$Title helpers for the $pkg package."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
MAX_RATE = Decimal("0.25")


@dataclass(frozen=True)
class $Entity:
    id: str
    amount: Decimal | None
    currency: str = "USD"


def $func(item: $Entity, rate: Decimal) -> Decimal:
    """Return the $noun for one $entity_l, rounded to the cent."""
$RANGE
        raise ValueError(f"rate out of range: {rate}")
$RAW
$RETURN


def total_${noun}s(items: list[$Entity], rate: Decimal) -> Decimal:
    """Sum of ${noun}s over a batch; an empty batch is zero."""
    return sum(($func(i, rate) for i in items), Decimal(0))
'''

PY_FEATURE = '''

def ${noun}s_by_currency(items: list[$Entity], rate: Decimal) -> dict[str, Decimal]:
    """Total $noun per currency code."""
    out: dict[str, Decimal] = {}
    for item in items:
        out[item.currency] = out.get(item.currency, Decimal(0)) + $func(item, rate)
    return out
'''

PY_FEATURE_TEST = """

def test_${noun}s_by_currency_groups_codes():
    items = [$Entity(id="a", amount=Decimal("10.00")), $Entity(id="b", amount=Decimal("10.00"), currency="EUR")]
    assert ${noun}s_by_currency(items, Decimal("0.10")) == {"USD": Decimal("1.00"), "EUR": Decimal("1.00")}
"""

PY_TEST = """from decimal import Decimal

import pytest

from $pkg.$mod import $Entity, $func, total_${noun}s


def test_${func}_rounds_half_up():
    item = $Entity(id="c1", amount=Decimal("10.00"))
    assert $func(item, Decimal("0.0025")) == Decimal("0.03")


def test_${func}_accepts_max_rate():
    item = $Entity(id="c2", amount=Decimal("100.00"))
    assert $func(item, Decimal("0.25")) == Decimal("25.00")


def test_${func}_treats_missing_amount_as_zero():
    item = $Entity(id="c3", amount=None)
    assert $func(item, Decimal("0.10")) == Decimal("0.00")


def test_total_${noun}s_sums_batch():
    items = [$Entity(id=str(i), amount=Decimal("1.00")) for i in range(4)]
    assert total_${noun}s(items, Decimal("0.10")) == Decimal("0.40")


def test_${func}_rejects_negative_rate():
    with pytest.raises(ValueError):
        $func($Entity(id="c4", amount=Decimal("1.00")), Decimal("-0.01"))
"""

PY_SLOTS = {
    "RANGE": "    if rate < 0 or rate > MAX_RATE:",
    "RAW": "    raw = (item.amount or Decimal(0)) * rate",
    "RETURN": "    return raw.quantize(CENT, rounding=ROUND_HALF_UP)",
}

PY_BUGS = (
    Bug(
        "rounding",
        "RETURN",
        "    return raw.quantize(CENT)",
        PY_SLOTS["RETURN"],
        "test_${func}_rounds_half_up",
        "${noun}s come out a cent low on exact half-cent amounts",
        "`quantize` used the default banker's rounding; it now rounds half-up",
    ),
    Bug(
        "boundary",
        "RANGE",
        "    if rate < 0 or rate >= MAX_RATE:",
        PY_SLOTS["RANGE"],
        "test_${func}_accepts_max_rate",
        "the maximum rate of 0.25 is rejected with a ValueError",
        "the range check used `>=`, so the documented maximum rate was rejected; it is now inclusive",
    ),
    Bug(
        "none",
        "RAW",
        "    raw = item.amount * rate",
        PY_SLOTS["RAW"],
        "test_${func}_treats_missing_amount_as_zero",
        "${entity_l}s without an amount crash the batch job with a TypeError",
        "a missing amount is now treated as zero instead of raising a TypeError",
    ),
)

PY_CONFTEST = """import os

import pytest


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    monkeypatch.setenv("${PKG}_ENV", "test")
    monkeypatch.delenv("HTTP_PROXY", raising=False)
    yield


@pytest.fixture
def db_url():
    return os.environ.get("TEST_DATABASE_URL", "sqlite:///:memory:")
"""

PY_API = """from decimal import Decimal

from fastapi import APIRouter, HTTPException

from $pkg.$mod import $Entity, $func, total_${noun}s
from $pkg.settings import settings

router = APIRouter(prefix="/${noun}s")


@router.post("/quote")
def quote(item: $Entity) -> dict[str, str]:
    try:
        value = $func(item, settings.default_rate)
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return {"id": item.id, "$noun": str(value)}


@router.post("/batch")
def batch(items: list[$Entity]) -> dict[str, str]:
    return {"total": str(total_${noun}s(items, settings.default_rate)), "count": str(len(items))}
"""

PY_PYPROJECT = """[project]
name = "$repo"
version = "$version"
requires-python = ">=3.11"
dependencies = [
    "fastapi>=0.115",
    "pydantic>=2.9",
    "sqlalchemy>=2.0",
    "httpx>=0.27",
]

[dependency-groups]
dev = ["pytest>=8.3", "pytest-cov>=5", "ruff>=0.7", "mypy>=1.13"]

[tool.pytest.ini_options]
testpaths = ["tests"]
addopts = "-ra"

[tool.ruff]
line-length = 100
"""

# --------------------------------------------------------------------------------------------
# TypeScript
# --------------------------------------------------------------------------------------------

TS_MODULE = """export interface $Entity {
  id: string;
  quantity: number;
  unitPriceCents: number;
  discountPct?: number;
}

export const MAX_ITEMS = 500;

export function $func(items: $Entity[]): number {
$LIMIT
    throw new RangeError(`too many items: $${items.length}`);
  }
  let total = 0;
  for (const item of items) {
    const gross = item.quantity * item.unitPriceCents;
$DISCOUNT
$ACC
  }
  return total;
}

export function format$Func(items: $Entity[], currency = "USD"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format($func(items) / 100);
}
"""

TS_FEATURE = """
export function ${func}WithTax(items: $Entity[], taxRatePct: number): number {
  const net = $func(items);
  return net + Math.round((net * taxRatePct) / 100);
}
"""

TS_FEATURE_TEST = """
describe("${func}WithTax", () => {
  it("adds rounded tax on top of the net total", () => {
    expect(${func}WithTax([{ id: "t", quantity: 1, unitPriceCents: 1000 }], 8.25)).toBe(1083);
  });
});
"""

TS_TEST = """import { describe, expect, it } from "$testlib";
import { $func } from "./$modbase";

describe("$func", () => {
  it("rounds discounts to the nearest cent", () => {
    expect($func([{ id: "a", quantity: 3, unitPriceCents: 333, discountPct: 15 }])).toBe(849);
  });

  it("accepts exactly MAX_ITEMS items", () => {
    const items = Array.from({ length: 500 }, (_, i) => ({ id: String(i), quantity: 1, unitPriceCents: 100 }));
    expect($func(items)).toBe(50000);
  });

  it("never returns a negative total", () => {
    expect($func([{ id: "b", quantity: 1, unitPriceCents: 1000, discountPct: 120 }])).toBe(0);
  });

  it("returns 0 for an empty cart", () => {
    expect($func([])).toBe(0);
  });
});
"""

TS_SLOTS = {
    "LIMIT": "  if (items.length > MAX_ITEMS) {",
    "DISCOUNT": "    const discount = Math.round((gross * (item.discountPct ?? 0)) / 100);",
    "ACC": "    total += Math.max(0, gross - discount);",
}

TS_BUGS = (
    Bug(
        "rounding",
        "DISCOUNT",
        "    const discount = Math.floor((gross * (item.discountPct ?? 0)) / 100);",
        TS_SLOTS["DISCOUNT"],
        "rounds discounts to the nearest cent",
        "discounted totals are a cent too high",
        "discounts were truncated with `Math.floor`; they are now rounded to the nearest cent",
    ),
    Bug(
        "boundary",
        "LIMIT",
        "  if (items.length >= MAX_ITEMS) {",
        TS_SLOTS["LIMIT"],
        "accepts exactly MAX_ITEMS items",
        "a cart with exactly 500 items throws a RangeError",
        "the item limit check was off by one (`>=`); a cart of exactly MAX_ITEMS is accepted now",
    ),
    Bug(
        "negative",
        "ACC",
        "    total += gross - discount;",
        TS_SLOTS["ACC"],
        "never returns a negative total",
        "discounts over 100% produce a negative total at checkout",
        "each line is clamped at zero so an over-100% discount can no longer make the total negative",
    ),
)

TS_PACKAGE = """{
  "name": "$repo",
  "version": "$version",
  "private": true,
  "type": "module",
  "scripts": {
    "build": "tsc -p tsconfig.build.json",
    "lint": "eslint src --max-warnings 0",
    "test": "$testscript",
    "typecheck": "tsc --noEmit"
  },
  "devDependencies": {
    "@types/node": "^22.9.0",
    "eslint": "^9.14.0",
    "typescript": "^5.6.3",
    "$testlib": "$testver"
  }
}
"""

TS_CLIENT = """import { $func } from "$relmod";
import type { $Entity } from "$relmod";

const API_BASE = process.env.API_BASE_URL ?? "http://localhost:8080";

export async function fetchCart(cartId: string): Promise<$Entity[]> {
  const res = await fetch(`$${API_BASE}/carts/$${encodeURIComponent(cartId)}`);
  if (!res.ok) {
    throw new Error(`cart $${cartId}: HTTP $${res.status}`);
  }
  return (await res.json()) as $Entity[];
}

export async function cartTotal(cartId: string): Promise<number> {
  return $func(await fetchCart(cartId));
}
"""

# --------------------------------------------------------------------------------------------
# Go
# --------------------------------------------------------------------------------------------

GO_MODULE = """package $gopkg

import (
	"errors"
	"sync"
	"time"
)

// ErrInvalidLimit is returned by New$Entity for a non-positive limit.
var ErrInvalidLimit = errors.New("$gopkg: limit must be positive")

// $Entity allows at most Limit events per key within Window.
type $Entity struct {
	Limit  int
	Window time.Duration

	mu   sync.Mutex
	hits map[string][]time.Time
}

// New$Entity returns a $Entity with the given limit and window.
func New$Entity(limit int, window time.Duration) (*$Entity, error) {
	if limit <= 0 {
		return nil, ErrInvalidLimit
	}
$CTOR
}

// $func reports whether key may proceed at now, and records the event if so.
func (l *$Entity) $func(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	cutoff := now.Add(-l.Window)
	kept := l.hits[key][:0]
	for _, t := range l.hits[key] {
$WINDOW
			kept = append(kept, t)
		}
	}
$LIMIT
		l.hits[key] = kept
		return false
	}
	l.hits[key] = append(kept, now)
	return true
}
"""

GO_FEATURE = """
// Reset forgets every recorded event for key.
func (l *$Entity) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.hits, key)
}
"""

GO_FEATURE_TEST = """
func TestResetForgetsKey(t *testing.T) {
	l, _ := New$Entity(1, time.Minute)
	now := time.Unix(1700000000, 0)
	l.$func("k", now)
	l.Reset("k")
	if !l.$func("k", now) {
		t.Fatal("$func after Reset = false, want true")
	}
}
"""

GO_TEST = """package $gopkg

import (
	"testing"
	"time"
)

func Test${func}BlocksAtLimit(t *testing.T) {
	l, _ := New$Entity(3, time.Minute)
	now := time.Unix(1700000000, 0)
	for i := 1; i <= 4; i++ {
		got := l.$func("client-a", now)
		if want := i <= 3; got != want {
			t.Fatalf("request %d: $func() = %v, want %v", i, got, want)
		}
	}
}

func Test${func}ExpiresAtWindowEdge(t *testing.T) {
	l, _ := New$Entity(1, time.Minute)
	start := time.Unix(1700000000, 0)
	l.$func("client-b", start)
	if !l.$func("client-b", start.Add(time.Minute)) {
		t.Errorf("event exactly one window old still counted")
	}
}

func Test${func}IsolatesKeys(t *testing.T) {
	l, _ := New$Entity(1, time.Minute)
	now := time.Unix(1700000000, 0)
	if !l.$func("a", now) || !l.$func("b", now) {
		t.Fatal("keys share a budget")
	}
}

func TestNew${Entity}RejectsZeroLimit(t *testing.T) {
	if _, err := New$Entity(0, time.Second); err != ErrInvalidLimit {
		t.Fatalf("err = %v, want ErrInvalidLimit", err)
	}
}
"""

GO_SLOTS = {
    "CTOR": "\treturn &$Entity{Limit: limit, Window: window, hits: map[string][]time.Time{}}, nil",
    "WINDOW": "\t\tif t.After(cutoff) {",
    "LIMIT": "\tif len(kept) >= l.Limit {",
}

GO_BUGS = (
    Bug(
        "boundary",
        "LIMIT",
        "\tif len(kept) > l.Limit {",
        GO_SLOTS["LIMIT"],
        "Test${func}BlocksAtLimit",
        "the limiter lets one extra request through per window",
        "the limit comparison was `>`, letting Limit+1 requests through; it is `>=` now",
    ),
    Bug(
        "window",
        "WINDOW",
        "\t\tif !t.Before(cutoff) {",
        GO_SLOTS["WINDOW"],
        "Test${func}ExpiresAtWindowEdge",
        "events exactly one window old are still counted against the limit",
        "events exactly one window old were still counted; the window is now half-open",
    ),
    Bug(
        "nilmap",
        "CTOR",
        "\treturn &$Entity{Limit: limit, Window: window}, nil",
        GO_SLOTS["CTOR"],
        "Test${func}BlocksAtLimit",
        "the service panics with `assignment to entry in nil map` on the first request",
        "the constructor never initialised the `hits` map, so the first request panicked",
    ),
)

GO_MOD = """module github.com/acme/$repo

go 1.23

require (
	github.com/go-chi/chi/v5 v5.1.0
	github.com/prometheus/client_golang v1.20.5
	go.uber.org/zap v1.27.0
)
"""

GO_HANDLER = """package httpapi

import (
	"net/http"
	"time"

	"github.com/acme/$repo/$gopkgpath"
)

// Middleware rejects requests over the per-client budget with 429.
func Middleware(l *$gopkg.$Entity, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("X-Client-ID")
		if key == "" {
			key = r.RemoteAddr
		}
		if !l.$func(key, time.Now()) {
			http.Error(w, "rate limit exceeded", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}
"""

# --------------------------------------------------------------------------------------------
# Rust
# --------------------------------------------------------------------------------------------

RS_MODULE = """use std::collections::HashMap;

#[derive(Debug, PartialEq)]
pub struct $Entity {
    pub name: String,
    pub fields: HashMap<String, String>,
}

#[derive(Debug, PartialEq)]
pub enum ParseError {
    Empty,
    MissingSeparator(usize),
}

/// Parses a name line followed by `key: value` lines. Blank lines are ignored.
pub fn $func(input: &str) -> Result<$Entity, ParseError> {
    let mut lines = input.lines();
    let name = lines.next().ok_or(ParseError::Empty)?.trim().to_string();
    if name.is_empty() {
        return Err(ParseError::Empty);
    }
    let mut fields = HashMap::new();
    for (i, line) in lines.enumerate() {
$BLANK
            continue;
        }
        let (k, v) = line
            .split_once(':')
$ERR
$INSERT
    }
    Ok($Entity { name, fields })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_line_of_missing_separator() {
        assert_eq!($func("h\\na: 1\\nbroken"), Err(ParseError::MissingSeparator(3)));
    }

    #[test]
    fn lowercases_keys() {
        let rec = $func("h\\nContent-Type: text").unwrap();
        assert_eq!(rec.fields.get("content-type").map(String::as_str), Some("text"));
    }

    #[test]
    fn skips_blank_lines() {
        assert!($func("h\\n  \\na: 1\\n").is_ok());
    }

    #[test]
    fn rejects_empty_input() {
        assert_eq!($func(""), Err(ParseError::Empty));
    }
}
"""

RS_FEATURE = """
/// Parses records separated by a line holding only `---`.
pub fn ${func}s(input: &str) -> Result<Vec<$Entity>, ParseError> {
    input.split("\\n---\\n").map($func).collect()
}
"""

RS_SLOTS = {
    "BLANK": "        if line.trim().is_empty() {",
    "ERR": "            .ok_or(ParseError::MissingSeparator(i + 2))?;",
    "INSERT": "        fields.insert(k.trim().to_lowercase(), v.trim().to_string());",
}

RS_BUGS = (
    Bug(
        "lineno",
        "ERR",
        "            .ok_or(ParseError::MissingSeparator(i + 1))?;",
        RS_SLOTS["ERR"],
        "reports_line_of_missing_separator",
        "parse errors point at the wrong line number (one too low)",
        "the line number in `MissingSeparator` ignored the header line; it is 1-based over the whole input now",
    ),
    Bug(
        "case",
        "INSERT",
        "        fields.insert(k.trim().to_string(), v.trim().to_string());",
        RS_SLOTS["INSERT"],
        "lowercases_keys",
        "header lookups fail for mixed-case keys like Content-Type",
        "keys are lowercased on insert so lookups are case-insensitive as documented",
    ),
    Bug(
        "blank",
        "BLANK",
        "        if line.is_empty() {",
        RS_SLOTS["BLANK"],
        "skips_blank_lines",
        "inputs with whitespace-only lines fail with MissingSeparator",
        "whitespace-only lines are skipped now, not only empty ones",
    ),
)

RS_CARGO = """[package]
name = "$crate"
version = "$version"
edition = "2021"

[dependencies]
serde = { version = "1.0", features = ["derive"] }
thiserror = "1.0"
tokio = { version = "1.41", features = ["rt-multi-thread", "macros"] }

[dev-dependencies]
proptest = "1.5"
"""

RS_LIB = """pub mod $modname;

pub use $modname::{$func, ParseError, $Entity};

/// Crate version, reported by the `--version` flag of the binary.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
"""


def _py_units() -> list[Unit]:
    rows = [
        ("ledger-service", "ledger", "fees", "Charge", "compute_fee", "fee", "Fee"),
        ("billing-api", "billing", "discounts", "Invoice", "apply_discount", "discount", "Discount"),
        (
            "payouts-worker",
            "payouts",
            "withholding",
            "Payout",
            "withholding_for",
            "withholding",
            "Withholding",
        ),
        (
            "marketplace-api",
            "marketplace",
            "commission",
            "Order",
            "commission_for",
            "commission",
            "Commission",
        ),
    ]
    out = []
    for repo, pkg, mod, ent, func, noun, title in rows:
        names = {
            "repo": repo, "pkg": pkg, "PKG": pkg.upper(), "mod": mod, "Entity": ent,
            "entity_l": ent.lower(), "func": func, "noun": noun, "Title": title,
        }  # fmt: skip
        module = f"src/{pkg}/{mod}.py"
        test = f"tests/test_{mod}.py"
        extra = (
            "pyproject.toml", "README.md", f"src/{pkg}/__init__.py", f"src/{pkg}/api.py",
            f"src/{pkg}/models.py", f"src/{pkg}/settings.py", module, "tests/__init__.py",
            "tests/conftest.py", test, "tests/test_api.py", "tests/test_models.py",
            ".github/workflows/ci.yml", ".env.example", "uv.lock", "Makefile",
        )  # fmt: skip
        out.append(Unit("python", repo, module, test, names, "pytest", extra))
    return out


def _ts_units() -> list[Unit]:
    rows = [
        ("checkout-web", "src/cart", "totals", "LineItem", "calculateTotal", "jest"),
        ("mobile-app", "src/features/basket", "basketTotal", "BasketLine", "basketTotal", "jest"),
        ("admin-dashboard", "src/lib", "orderSummary", "OrderLine", "summarizeOrder", "vitest"),
        ("storefront", "src/pricing", "subtotal", "CartEntry", "computeSubtotal", "vitest"),
    ]
    out = []
    for repo, d, mod, ent, func, runner in rows:
        names = {
            "repo": repo, "Entity": ent, "func": func, "Func": func[0].upper() + func[1:],
            "modbase": mod, "testlib": "vitest" if runner == "vitest" else "@jest/globals",
        }  # fmt: skip
        module = f"{d}/{mod}.ts"
        test = f"{d}/{mod}.test.ts"
        extra = (
            "package.json", "tsconfig.json", "README.md", "src/index.ts", "src/api/client.ts",
            "src/api/client.test.ts", module, test, f"{d}/index.ts", "src/components/Cart.tsx",
            "src/components/Cart.test.tsx", "src/components/__snapshots__/Cart.test.tsx.snap",
            ".github/workflows/ci.yml", ".env.example", "package-lock.json",
            "jest.config.ts" if runner == "jest" else "vitest.config.ts",
        )  # fmt: skip
        out.append(Unit("typescript", repo, module, test, names, runner, extra))
    return out


def _go_units() -> list[Unit]:
    rows = [
        ("gateway", "internal/ratelimit", "limiter", "ratelimit", "Limiter", "Allow"),
        ("infra-operator", "internal/throttle", "throttle", "throttle", "Throttle", "Admit"),
        ("webhook-relay", "pkg/quota", "quota", "quota", "Quota", "Take"),
    ]
    out = []
    for repo, d, mod, gopkg, ent, func in rows:
        names = {"repo": repo, "gopkg": gopkg, "gopkgpath": d, "Entity": ent, "func": func}
        module = f"{d}/{mod}.go"
        test = f"{d}/{mod}_test.go"
        extra = (
            "go.mod", "go.sum", "README.md", "Makefile", f"cmd/{repo}/main.go", module, test,
            "internal/httpapi/middleware.go", "internal/httpapi/middleware_test.go",
            "internal/config/config.go", ".github/workflows/ci.yml", ".env.example",
        )  # fmt: skip
        out.append(Unit("go", repo, module, test, names, "go", extra))
    return out


def _rs_units() -> list[Unit]:
    rows = [
        ("ingest-rs", "ingest", "record", "Record", "parse_record"),
        ("log-shipper", "shipper", "header", "Header", "parse_header"),
        ("edge-cache", "edge_cache", "manifest", "Manifest", "parse_manifest"),
    ]
    out = []
    for repo, crate, mod, ent, func in rows:
        names = {"repo": repo, "crate": crate, "modname": mod, "Entity": ent, "func": func}
        module = f"src/{mod}.rs"
        extra = (
            "Cargo.toml", "Cargo.lock", "README.md", "src/lib.rs", "src/main.rs", module,
            "src/config.rs", "tests/integration.rs", ".github/workflows/ci.yml", ".env.example",
        )  # fmt: skip
        out.append(Unit("rust", repo, module, module, names, "cargo", extra))
    return out


UNITS: dict[str, list[Unit]] = {
    "python": _py_units(),
    "typescript": _ts_units(),
    "go": _go_units(),
    "rust": _rs_units(),
}
BUGS: dict[str, tuple[Bug, ...]] = {"python": PY_BUGS, "typescript": TS_BUGS, "go": GO_BUGS, "rust": RS_BUGS}
_MODULES = {"python": PY_MODULE, "typescript": TS_MODULE, "go": GO_MODULE, "rust": RS_MODULE}
_SLOTS = {"python": PY_SLOTS, "typescript": TS_SLOTS, "go": GO_SLOTS, "rust": RS_SLOTS}
_FEATURES = {"python": PY_FEATURE, "typescript": TS_FEATURE, "go": GO_FEATURE, "rust": RS_FEATURE}
_FEATURE_TESTS = {"python": PY_FEATURE_TEST, "typescript": TS_FEATURE_TEST, "go": GO_FEATURE_TEST}
FEATURE_NAMES = {
    "python": "${noun}s_by_currency",
    "typescript": "${func}WithTax",
    "go": "Reset",
    "rust": "${func}s",
}
FEATURE_DESCS = {
    "python": "returns the total ${noun} per currency code",
    "typescript": "adds tax (a percentage, rounded to the cent) on top of the net total",
    "go": "forgets every recorded event for a key",
    "rust": "parses several records separated by `---` lines",
}


def bug_line(unit: Unit, bug: Bug, fixed: bool) -> str:
    return unit.sub(bug.new if fixed else bug.old)


def module_text(unit: Unit, bug: Bug | None, fixed: bool = False) -> str:
    slots = {k: unit.sub(v) for k, v in _SLOTS[unit.lang].items()}
    if bug is not None and not fixed:
        slots[bug.slot] = unit.sub(bug.old)
    text = Template(_MODULES[unit.lang]).substitute({**unit.names, **slots})
    return text


def feature_code(unit: Unit) -> str:
    return unit.sub(_FEATURES[unit.lang])


def feature_test_code(unit: Unit) -> str:
    return unit.sub(_FEATURE_TESTS.get(unit.lang, ""))


def test_text(unit: Unit) -> str:
    if unit.lang == "python":
        return unit.sub(PY_TEST)
    if unit.lang == "typescript":
        return unit.sub(TS_TEST)
    if unit.lang == "go":
        return unit.sub(GO_TEST)
    return module_text(unit, None, True)  # Rust keeps its tests inline


def other_file_text(unit: Unit, path: str, version: str) -> str:
    """Content for the non-module files an agent may open."""
    n = {**unit.names, "version": version}
    if path == "pyproject.toml":
        return Template(PY_PYPROJECT).substitute(n)
    if path.endswith("/api.py") and unit.lang == "python":
        return Template(PY_API).substitute(n)
    if path == "tests/conftest.py":
        return Template(PY_CONFTEST).substitute(n)
    if path == "package.json":
        runner = unit.runner
        n["testscript"] = "vitest run" if runner == "vitest" else "jest"
        n["testver"] = "^2.1.8" if runner == "vitest" else "^29.7.0"
        if runner == "jest":
            n["testlib"] = "jest"
        return Template(TS_PACKAGE).substitute(n)
    if path == "src/api/client.ts":
        rel = "../" + unit.module_path.removeprefix("src/").removesuffix(".ts")
        return Template(TS_CLIENT).substitute({**n, "relmod": rel})
    if path == "go.mod":
        return Template(GO_MOD).substitute(n)
    if path == "internal/httpapi/middleware.go":
        return Template(GO_HANDLER).substitute(n)
    if path == "Cargo.toml":
        return Template(RS_CARGO).substitute(n)
    if path == "src/lib.rs":
        return Template(RS_LIB).substitute(n)
    if path == ".env.example":
        return ENV_EXAMPLE
    if path == ".github/workflows/ci.yml":
        return Template(CI_YAML).substitute({"test_cmd": full_test_cmd(unit)})
    return _generic_file(unit, path)


_GENERIC: dict[str, str] = {
    "py_settings": """from decimal import Decimal
from os import environ


class Settings:
    env: str = environ.get("APP_ENV", "development")
    database_url: str = environ.get("DATABASE_URL", "sqlite:///./dev.db")
    default_rate: Decimal = Decimal(environ.get("DEFAULT_RATE", "0.029"))
    request_timeout_s: float = float(environ.get("REQUEST_TIMEOUT_S", "5"))


settings = Settings()
""",
    "py_models": """from datetime import datetime

from sqlalchemy import DateTime, Numeric, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ${Entity}Row(Base):
    __tablename__ = "${entity_l}s"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    amount: Mapped[float | None] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
""",
    "py_init": '''"""${Title} service."""

__version__ = "0.9.2"
''',
    "py_test": """from fastapi.testclient import TestClient

from ${pkg}.main import app

client = TestClient(app)


def test_health():
    assert client.get("/health").json() == {"status": "ok"}


def test_quote_rejects_bad_rate():
    res = client.post("/${noun}s/quote", json={"id": "x", "amount": "1.00", "rate": "2"})
    assert res.status_code == 422
""",
    "ts": """import { useMemo } from "react";

export interface Props {
  title: string;
  items: { id: string; label: string }[];
}

export function List({ title, items }: Props) {
  const sorted = useMemo(() => [...items].sort((a, b) => a.label.localeCompare(b.label)), [items]);
  return (
    <section aria-label={title}>
      {sorted.map((i) => (
        <div key={i.id}>{i.label}</div>
      ))}
    </section>
  );
}
""",
    "ts_test": """import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { List } from "./List";

describe("List", () => {
  it("renders items sorted by label", () => {
    render(<List title="t" items={[{ id: "2", label: "b" }, { id: "1", label: "a" }]} />);
    expect(screen.getAllByText(/a|b/).map((n) => n.textContent)).toEqual(["a", "b"]);
  });
});
""",
    "go": """package config

import (
	"os"
	"strconv"
	"time"
)

// Config holds the process settings read from the environment.
type Config struct {
	Addr        string
	Limit       int
	Window      time.Duration
	DatabaseURL string
}

// FromEnv reads Config with defaults for local development.
func FromEnv() Config {
	limit, err := strconv.Atoi(os.Getenv("RATE_LIMIT"))
	if err != nil || limit <= 0 {
		limit = 100
	}
	return Config{Addr: getenv("ADDR", ":8080"), Limit: limit, Window: time.Minute, DatabaseURL: os.Getenv("DATABASE_URL")}
}

func getenv(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
""",
    "rs": """use std::env;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Config {
    pub listen: String,
    pub batch_size: usize,
    pub flush_every: Duration,
}

impl Config {
    pub fn from_env() -> Self {
        Self {
            listen: env::var("LISTEN").unwrap_or_else(|_| "0.0.0.0:9000".into()),
            batch_size: env::var("BATCH_SIZE").ok().and_then(|v| v.parse().ok()).unwrap_or(512),
            flush_every: Duration::from_millis(250),
        }
    }
}
""",
    "make": """.PHONY: setup test lint

setup:
\t@echo "installing toolchain"

test:
\t${test_cmd}

lint:
\t@echo "running linters"
""",
    "md": """# ${repo}

Internal service. See `docs/` for the architecture notes.

## Development

```
make setup
make test
```

CI runs `${test_cmd}` on every pull request; keep it green.
""",
    "json": """{
  "compilerOptions": {
    "target": "ES2022",
    "module": "ESNext",
    "moduleResolution": "Bundler",
    "strict": true,
    "jsx": "react-jsx",
    "skipLibCheck": true
  },
  "include": ["src"]
}
""",
}


def _generic_file(unit: Unit, path: str) -> str:
    names = {"test_cmd": full_test_cmd(unit), **unit.names}
    name = path.rsplit("/", 1)[-1]
    if path.endswith(".py"):
        key = {"settings.py": "py_settings", "models.py": "py_models", "__init__.py": "py_init"}.get(
            name, "py_test"
        )
        if key == "py_test" and not name.startswith("test_"):
            key = "py_settings"
    elif path.endswith((".test.ts", ".test.tsx")):
        key = "ts_test"
    elif path.endswith((".ts", ".tsx")):
        key = "ts"
    elif path.endswith(".go"):
        key = "go"
    elif path.endswith(".rs"):
        key = "rs"
    elif name == "Makefile":
        key = "make"
    elif path.endswith(".json"):
        key = "json"
    else:
        key = "md"
    return Template(_GENERIC[key]).safe_substitute(names)


ENV_EXAMPLE = """# Copy to .env and fill in. Never commit the real file.
APP_ENV=development
DATABASE_URL=postgres://app:app@localhost:5432/app_dev
STRIPE_SECRET_KEY=sk_test_replace_me
SENTRY_DSN=
LOG_LEVEL=info
"""

CI_YAML = """name: ci
on:
  pull_request:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Set up toolchain
        run: make setup
      - name: Test
        run: $test_cmd
"""


def full_test_cmd(unit: Unit) -> str:
    return {
        "pytest": "pytest -q",
        "jest": "npm test",
        "vitest": "npx vitest run",
        "go": "go test ./...",
        "cargo": "cargo test",
    }[unit.runner]


def targeted_test_cmd(unit: Unit, rng: random.Random) -> str:
    r = unit.runner
    if r == "pytest":
        return rng.choice(
            [
                f"pytest {unit.test_path} -q",
                f"python -m pytest {unit.test_path} -q",
                f"uv run pytest {unit.test_path}",
                f"pytest {unit.test_path} -x",
            ]
        )
    if r == "jest":
        return rng.choice([f"npx jest {unit.test_path}", f"npm test -- {unit.test_path}"])
    if r == "vitest":
        return rng.choice([f"npx vitest run {unit.test_path}", f"pnpm vitest run {unit.test_path}"])
    if r == "go":
        d = unit.module_path.rsplit("/", 1)[0]
        return rng.choice([f"go test ./{d}/...", f"go test ./{d}/ -count=1", f"go test -v ./{d}/"])
    mod = unit.names["modname"]
    return rng.choice([f"cargo test {mod}::tests", "cargo test --lib"])


# --------------------------------------------------------------------------------------------
# Runner output
# --------------------------------------------------------------------------------------------


def _banner(text: str, ch: str = "=", width: int = 80) -> str:
    text = f" {text} "
    left = (width - len(text)) // 2
    right = width - len(text) - left
    return ch * left + text + ch * right


def _split(n: int, parts: int, rng: random.Random) -> list[int]:
    if parts <= 1:
        return [n]
    cuts = sorted(rng.sample(range(1, max(n, parts + 1)), parts - 1))
    out, prev = [], 0
    for c in [*cuts, n]:
        out.append(max(1, c - prev))
        prev = c
    return out


@dataclass
class TestRun:
    cmd: str
    output: str
    exit_code: int
    passed: bool  # whether the output shows a passing suite (what a reader would conclude)


def run_tests(
    unit: Unit, bug: Bug | None, outcome: str, rng: random.Random, cwd: str, cmd: str | None = None
) -> TestRun:
    """outcome: pass | fail | skipped | deselected | silent."""
    cmd = cmd or full_test_cmd(unit)
    targeted = cmd != full_test_cmd(unit) and unit.test_path in cmd
    n = rng.randint(4, 9) if targeted else rng.randint(24, 260)
    failing = unit.sub(bug.test) if bug is not None else _first_test_name(unit)
    if outcome == "silent":
        return TestRun(cmd, "", 0, True)
    fn = {"pytest": _pytest, "jest": _jest, "vitest": _vitest, "go": _gotest, "cargo": _cargo}[unit.runner]
    out, code = fn(unit, bug, outcome, n, failing, rng, cwd, targeted)
    if unit.runner == "jest" and cmd.startswith("npm"):
        out = (
            f"\n> {unit.repo}@{rng.randint(0, 3)}.{rng.randint(0, 19)}.{rng.randint(0, 9)} test\n> jest\n\n"
            + out
        )
    return TestRun(cmd, out, code, code == 0)


def _first_test_name(unit: Unit) -> str:
    return unit.sub(BUGS[unit.lang][0].test)


def _pytest(unit, bug, outcome, n, failing, rng, cwd, targeted):
    secs = f"{rng.uniform(0.4, 9.5):.2f}s"
    quiet = not targeted and rng.random() < 0.5
    files = [unit.test_path] if targeted else [unit.test_path, "tests/test_api.py", "tests/test_models.py"]
    counts = _split(n, len(files), rng)
    fail = outcome == "fail"
    skipped = outcome == "skipped"
    deselected = outcome == "deselected"
    n_run = n - (1 if deselected else 0)
    lines = []
    if not quiet:
        lines += [
            _banner("test session starts"),
            f"platform linux -- Python 3.11.{rng.choice([7, 9, 10])}, pytest-8.3.{rng.choice([3, 4])}, pluggy-1.5.0",
            f"rootdir: {cwd}",
            "configfile: pyproject.toml",
            "plugins: cov-5.0.0, anyio-4.6.2",
            f"collected {n} items" + (" / 1 deselected / " + f"{n_run} selected" if deselected else ""),
            "",
        ]
    done = 0
    dots_all = []
    for i, (f, c) in enumerate(zip(files, counts, strict=True)):
        c = c - (1 if deselected and i == 0 else 0)
        marks = ["."] * c
        if i == 0 and c:
            pos = min(c - 1, rng.randint(0, 3))
            if fail:
                marks[pos] = "F"
            elif skipped:
                marks[pos] = "s"
        done += c
        pct = round(100 * done / max(n_run, 1))
        if quiet:
            dots_all.extend(marks)
        else:
            body = f"{f} {''.join(marks)}"
            lines.append(f"{body:<75}[{pct:>3}%]")
    if quiet:
        # pytest -q wraps the progress dots at the terminal width, each row ending in its percentage
        for i in range(0, len(dots_all), 74):
            chunk = "".join(dots_all[i : i + 74])
            pct = round(100 * min(i + 74, len(dots_all)) / max(len(dots_all), 1))
            lines.append(f"{chunk:<74}[{pct:>3}%]")
    if fail:
        lines.append(_banner("FAILURES"))
        lines.append(_banner(failing, "_"))
        lines.append("")
        lines += _py_failure(unit, bug, failing)
        lines.append(_banner("short test summary info"))
        lines.append(f"FAILED {unit.test_path}::{failing} - {_py_error_line(unit, bug)}")
    summary = []
    if fail:
        summary.append("1 failed")
        summary.append(f"{n_run - 1} passed")
    else:
        summary.append(f"{n_run - (1 if skipped else 0)} passed")
    if skipped:
        summary.append("1 skipped")
    if deselected:
        summary.append("1 deselected")
    tail = f"{', '.join(summary)} in {secs}"
    lines.append(tail if quiet else _banner(tail))
    return "\n".join(lines), 1 if fail else 0


def _py_error_line(unit: Unit, bug: Bug | None) -> str:
    key = bug.key if bug else "rounding"
    if key == "rounding":
        return "AssertionError: assert Decimal('0.02') == Decimal('0.03')"
    if key == "boundary":
        return "ValueError: rate out of range: 0.25"
    return "TypeError: unsupported operand type(s) for *: 'NoneType' and 'decimal.Decimal'"


def _py_failure(unit: Unit, bug: Bug | None, failing: str) -> list[str]:
    key = bug.key if bug else "rounding"
    src = test_text(unit).splitlines()
    start = next((i for i, ln in enumerate(src) if ln.startswith(f"def {failing}(")), 0)
    body = src[start : start + 3]
    lineno = start + 3
    e, f = unit.names["Entity"], unit.names["func"]
    out = ["    " + body[0], "    " + body[1], ">   " + body[2]]
    if key == "rounding":
        out += [
            "E       AssertionError: assert Decimal('0.02') == Decimal('0.03')",
            f"E        +  where Decimal('0.02') = {f}({e}(id='c1', amount=Decimal('10.00'), currency='USD'), Decimal('0.0025'))",
            "",
            f"{unit.test_path}:{lineno}: AssertionError",
        ]
        return out
    mod = module_text(unit, bug).splitlines()
    if key == "boundary":
        at = next(i for i, ln in enumerate(mod) if "raise ValueError" in ln)
        args = f"item = {e}(id='c2', amount=Decimal('100.00'), currency='USD'), rate = Decimal('0.25')"
        frame = [
            f"    def {f}(item: {e}, rate: Decimal) -> Decimal:",
            f'        """Return the {unit.names["noun"]} for one {unit.names["entity_l"]}, rounded to the cent."""',
            "        if rate < 0 or rate >= MAX_RATE:",
            '>           raise ValueError(f"rate out of range: {rate}")',
            "E           ValueError: rate out of range: 0.25",
        ]
        err = "ValueError"
    else:
        at = next(i for i, ln in enumerate(mod) if ln.strip().startswith("raw = "))
        args = f"item = {e}(id='c3', amount=None, currency='USD'), rate = Decimal('0.10')"
        frame = [
            "        if rate < 0 or rate > MAX_RATE:",
            '            raise ValueError(f"rate out of range: {rate}")',
            ">       raw = item.amount * rate",
            "E       TypeError: unsupported operand type(s) for *: 'NoneType' and 'decimal.Decimal'",
        ]
        err = "TypeError"
    out += ["", f"{unit.test_path}:{lineno}: ", "_ " * 39 + "_", "", args, "", *frame, "",
            f"{unit.module_path}:{at + 1}: {err}"]  # fmt: skip
    return out


def _jest(unit, bug, outcome, n, failing, rng, cwd, targeted):
    suites = 1 if targeted else rng.randint(4, 14)
    f = unit.names["func"]
    out = []
    fail = outcome == "fail"
    if fail:
        out.append(f"FAIL {unit.test_path}")
        out += _ts_failure_jest(unit, bug, f, failing)
    else:
        out.append(f"PASS {unit.test_path}")
    others = [
        "src/api/client.test.ts", "src/components/Cart.test.tsx", "src/utils/format.test.ts",
        "src/hooks/useCart.test.ts", "src/store/session.test.ts", "src/components/Header.test.tsx",
        "src/utils/dates.test.ts", "src/api/retry.test.ts", "src/store/checkout.test.ts",
        "src/components/PriceTag.test.tsx", "src/features/search/query.test.ts",
    ]  # fmt: skip
    suites = min(suites, len(others) + 1)
    for o in others[: suites - 1]:
        out.append(f"PASS {o}")
    skipped = 1 if outcome == "skipped" else 0
    failed = 1 if fail else 0
    passed = n - skipped - failed
    parts_t = [p for p in (f"{failed} failed" if failed else "", f"{skipped} skipped" if skipped else "",
                           f"{passed} passed") if p]  # fmt: skip
    suite_parts = [f"1 failed, {suites - 1} passed" if fail else f"{suites} passed"]
    snaps = rng.choice([0, 0, 2, 4, 7])
    out += [
        "",
        f"Test Suites: {suite_parts[0]}, {suites} total",
        f"Tests:       {', '.join(parts_t)}, {n} total",
        f"Snapshots:   {snaps} passed, {snaps} total" if snaps else "Snapshots:   0 total",
        f"Time:        {rng.uniform(1.2, 14.0):.3f} s",
        "Ran all test suites."
        if not targeted
        else f"Ran all test suites matching /{_re_escape_slash(unit.test_path)}/i.",
    ]
    return "\n".join(out), 1 if fail else 0


def _re_escape_slash(path: str) -> str:
    return path.replace("/", "\\/")


def _ts_expect(bug: Bug | None) -> tuple[str, str, str, int]:
    key = bug.key if bug else "rounding"
    if key == "rounding":
        return "849", "850", "toBe(849)", 6
    if key == "negative":
        return "0", "-200", "toBe(0)", 15
    return "", "", "", 11


def _ts_failure_jest(unit: Unit, bug: Bug | None, f: str, failing: str) -> list[str]:
    exp, rec, _, line = _ts_expect(bug)
    src = test_text(unit).splitlines()
    if bug is not None and bug.key == "boundary":
        mod = module_text(unit, bug).splitlines()
        at = next(i for i, ln in enumerate(mod) if "RangeError" in ln) + 1
        return [
            f"  ● {f} › {failing}",
            "",
            "    RangeError: too many items: 500",
            "",
            f"      {at - 1} | " + mod[at - 2],
            f"    > {at} | " + mod[at - 1],
            "         |           ^",
            f"      {at + 1} |   }}",
            "",
            f"      at {f} ({unit.module_path}:{at}:11)",
            f"      at Object.<anonymous> ({unit.test_path}:{line}:12)",
            "",
        ]
    col = src[line - 1].index(".toBe(") + 2
    return [
        f"  ● {f} › {failing}",
        "",
        "    expect(received).toBe(expected) // Object.is equality",
        "",
        f"    Expected: {exp}",
        f"    Received: {rec}",
        "",
        f"      {line - 1} | " + src[line - 2],
        f"    > {line} | " + src[line - 1],
        "         | " + " " * col + "^",
        f"      {line + 1} | " + src[line],
        "",
        f"      at Object.<anonymous> ({unit.test_path}:{line}:{col})",
        "",
    ]


def _vitest(unit, bug, outcome, n, failing, rng, cwd, targeted):
    f = unit.names["func"]
    files = 1 if targeted else rng.randint(3, 12)
    fail = outcome == "fail"
    skipped = outcome == "skipped"
    own = 4
    out = [f" RUN  v2.1.{rng.choice([4, 5, 8])} {cwd}", ""]
    if fail:
        out.append(f" ❯ {unit.test_path} ({own} tests | 1 failed) {rng.randint(4, 40)}ms")
        out.append(f"   × {f} > {failing} {rng.randint(1, 9)}ms")
        exp, rec, _, line = _ts_expect(bug)
        if bug is not None and bug.key == "boundary":
            out.append("     → too many items: 500")
        else:
            out.append(f"     → expected {rec} to be {exp} // Object.is equality")
    else:
        extra = " | 1 skipped" if skipped else ""
        out.append(f" ✓ {unit.test_path} ({own} tests{extra}) {rng.randint(3, 40)}ms")
    others = ["src/api/client.test.ts", "src/utils/format.test.ts", "src/components/Cart.test.tsx",
              "src/hooks/useOrders.test.ts", "src/lib/dates.test.ts", "src/store/filters.test.ts"]  # fmt: skip
    rest = max(n - own, files - 1)
    split = _split(rest, max(files - 1, 1), rng) if files > 1 else []
    for o, c in zip(others, split, strict=False):
        out.append(f" ✓ {o} ({c} tests) {rng.randint(2, 90)}ms")
    total = own + sum(split)
    if fail:
        exp, rec, _, line = _ts_expect(bug)
        bar = "⎯" * 7
        out += ["", f"{bar} Failed Tests 1 {bar}", "", f" FAIL  {unit.test_path} > {f} > {failing}"]
        if bug is not None and bug.key == "boundary":
            out += ["RangeError: too many items: 500", f" ❯ {f} {unit.module_path}:11:11"]
        else:
            out += [f"AssertionError: expected {rec} to be {exp} // Object.is equality", "",
                    "- Expected", "+ Received", "", f"- {exp}", f"+ {rec}", "",
                    f" ❯ {unit.test_path}:{line}:{rng.randint(60, 90)}"]  # fmt: skip
        out += ["", "⎯" * 52 + "[1/1]⎯", ""]
    files_n = 1 + len(split)
    if fail:
        out.append(f" Test Files  1 failed | {files_n - 1} passed ({files_n})")
        out.append(f"      Tests  1 failed | {total - 1} passed ({total})")
    else:
        sk = " | 1 skipped" if skipped else ""
        out.append(f" Test Files  {files_n} passed ({files_n})")
        out.append(f"      Tests  {total - (1 if skipped else 0)} passed{sk} ({total})")
    h, m, s = rng.randint(8, 19), rng.randint(0, 59), rng.randint(0, 59)
    out.append(f"   Start at  {h:02d}:{m:02d}:{s:02d}")
    out.append(f"   Duration  {rng.uniform(0.6, 9.0):.2f}s (transform {rng.randint(40, 900)}ms, setup 0ms, "
               f"collect {rng.uniform(0.1, 3.0):.2f}s, tests {rng.randint(5, 400)}ms, environment {rng.randint(0, 9)}ms, "
               f"prepare {rng.randint(80, 900)}ms)")  # fmt: skip
    return "\n".join(out), 1 if fail else 0


def _gotest(unit, bug, outcome, n, failing, rng, cwd, targeted):
    mod = f"github.com/acme/{unit.repo}"
    d = unit.module_path.rsplit("/", 1)[0]
    pkgs = (
        [d] if targeted else [f"cmd/{unit.repo}", "internal/config", d, "internal/httpapi", "internal/store"]
    )
    out = []
    fail = outcome == "fail"
    verbose = targeted and rng.random() < 0.4
    for p in pkgs:
        if p == f"cmd/{unit.repo}":
            out.append(f"?   \t{mod}/{p}\t[no test files]")
            continue
        t = f"{rng.uniform(0.004, 1.9):.3f}s"
        if p == d and fail:
            if bug is not None and bug.key == "nilmap":
                out += [
                    f"--- FAIL: {failing} (0.00s)",
                    "panic: assignment to entry in nil map [recovered]",
                    "\tpanic: assignment to entry in nil map",
                    "",
                    "goroutine 7 [running]:",
                    "testing.tRunner.func1.2({0x5a1f20, 0x62b0e8})",
                    "\t/usr/local/go/src/testing/testing.go:1632 +0x230",
                    f"{mod}/{d}.(*{unit.names['Entity']}).{unit.names['func']}(0xc0000b4000, {{0x5d3c1a, 0x8}}, {{0x0, 0x0, 0x0}})",
                    f"\t{cwd}/{unit.module_path}:47 +0x1c5",
                    f"{mod}/{d}.{failing}(0xc0000a2b60)",
                    f"\t{cwd}/{unit.test_path}:12 +0x85",
                    f"FAIL\t{mod}/{d}\t{t}",
                ]
            else:
                msg = (
                    f"request 4: {unit.names['func']}() = true, want false"
                    if bug is None or bug.key == "boundary"
                    else "event exactly one window old still counted"
                )
                line = 14 if bug is None or bug.key == "boundary" else 24
                if verbose:
                    out.append(f"=== RUN   {failing}")
                out += [f"--- FAIL: {failing} (0.00s)", f"    {unit.test_path.rsplit('/', 1)[1]}:{line}: {msg}",
                        "FAIL", f"FAIL\t{mod}/{d}\t{t}"]  # fmt: skip
            continue
        if p == d and outcome == "skipped":
            if verbose:
                out.append(f"=== RUN   {failing}")
            out.append(f"--- SKIP: {failing} (0.00s)")
        if verbose and p == d:
            for name in ("BlocksAtLimit", "ExpiresAtWindowEdge", "IsolatesKeys"):
                tn = f"Test{unit.names['func']}{name}"
                if outcome == "skipped" and tn == failing:
                    continue
                out += [f"=== RUN   {tn}", f"--- PASS: {tn} (0.00s)"]
            out.append("PASS")
        out.append(f"ok  \t{mod}/{p}\t{t}")
    if fail:
        out.append("FAIL")
    return "\n".join(out), 1 if fail else 0


_RS_OTHER_MODS = ("config", "cache", "codec", "io", "sink", "retry", "batch", "metrics")
_RS_OTHER_TESTS = (
    "roundtrip_default", "rejects_unknown_field", "env_override_wins", "evicts_least_recent",
    "handles_partial_read", "flushes_on_drop", "backoff_is_capped", "splits_at_limit",
    "empty_input_is_ok", "preserves_order", "counts_dropped_records", "utf8_boundary",
)  # fmt: skip


def _cargo(unit, bug, outcome, n, failing, rng, cwd, targeted):
    crate = unit.names["crate"]
    mod = unit.names["modname"]
    fail = outcome == "fail"
    pool = [f"{m}::tests::{t}" for m in _RS_OTHER_MODS for t in _RS_OTHER_TESTS]
    others = [] if targeted else sorted(rng.sample(pool, min(max(0, n - 4), len(pool))))
    total = 4 + len(others)
    running = total - (1 if outcome == "deselected" else 0)
    out = [
        f"   Compiling {crate} v0.{rng.randint(1, 9)}.{rng.randint(0, 9)} ({cwd})",
        f"    Finished `test` profile [unoptimized + debuginfo] target(s) in {rng.uniform(0.8, 40.0):.2f}s",
        f"     Running unittests src/lib.rs (target/debug/deps/{crate}-{rng.getrandbits(64):016x})",
        "",
        f"running {running} test{'s' if running != 1 else ''}",
    ]
    names = [
        "reports_line_of_missing_separator",
        "lowercases_keys",
        "skips_blank_lines",
        "rejects_empty_input",
    ]
    if outcome == "deselected" and failing in names:
        names.remove(failing)
    for nm in names:
        status = "ok"
        if nm == failing and fail:
            status = "FAILED"
        elif nm == failing and outcome == "skipped":
            status = "ignored"
        out.append(f"test {mod}::tests::{nm} ... {status}")
    for name in others:
        out.append(f"test {name} ... ok")
    ign = 1 if outcome == "skipped" else 0
    filt = 1 if outcome == "deselected" else 0
    if fail:
        src = module_text(unit, bug).splitlines()
        at = next(i for i, ln in enumerate(src) if f"fn {failing}()" in ln) + 2
        if failing == "skips_blank_lines":
            detail = [f'assertion failed: {unit.names["func"]}("h\\n  \\na: 1\\n").is_ok()']
        elif failing == "lowercases_keys":
            detail = ["assertion `left == right` failed", "  left: None", ' right: Some("text")']
        else:
            detail = ["assertion `left == right` failed", "  left: Err(MissingSeparator(2))",
                      " right: Err(MissingSeparator(3))"]  # fmt: skip
        out += [
            "",
            "failures:",
            "",
            f"---- {mod}::tests::{failing} stdout ----",
            f"thread '{mod}::tests::{failing}' panicked at {unit.module_path}:{at}:9:",
            *detail,
            "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace",
            "",
            "",
            "failures:",
            f"    {mod}::tests::{failing}",
            "",
            f"test result: FAILED. {total - 1} passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; "
            f"finished in {rng.uniform(0.0, 0.4):.2f}s",
            "",
            "error: test failed, to rerun pass `--lib`",
        ]
        return "\n".join(out), 101
    out += [
        "",
        f"test result: ok. {running - ign} passed; 0 failed; {ign} ignored; 0 measured; {filt} filtered out; "
        f"finished in {rng.uniform(0.0, 0.4):.2f}s",
        "",
    ]
    if not targeted:
        out += [
            "   Doc-tests " + crate,
            "",
            "running 0 tests",
            "",
            "test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s",
            "",
        ]
    return "\n".join(out), 0


# --------------------------------------------------------------------------------------------
# Other commands
# --------------------------------------------------------------------------------------------


def lint_run(unit: Unit, rng: random.Random, cwd: str) -> tuple[str, str, int]:
    if unit.lang == "python":
        return rng.choice(
            [
                ("ruff check src tests", "All checks passed!", 0),
                ("uv run mypy src", "Success: no issues found in 9 source files", 0),
            ]
        )
    if unit.lang == "typescript":
        return rng.choice(
            [
                ("npx tsc --noEmit", "", 0),
                ("npm run lint", f"\n> {unit.repo}@1.0.0 lint\n> eslint src --max-warnings 0\n", 0),
            ]
        )
    if unit.lang == "go":
        return rng.choice([("go vet ./...", "", 0), ("gofmt -l .", "", 0)])
    return (
        "cargo clippy --all-targets -- -D warnings",
        f"    Checking {unit.names['crate']} v0.4.0 ({cwd})\n    Finished `dev` profile [unoptimized + debuginfo] target(s) in {rng.uniform(1, 9):.2f}s",
        0,
    )


def ls_output(unit: Unit, rng: random.Random) -> str:
    tops = sorted({p.split("/")[0] for p in unit.extra_files} | {".git"})
    lines = [
        f"total {rng.randint(40, 400)}",
        "drwxr-xr-x 12 dev dev   4096 .",
        "drwxr-xr-x  8 dev dev   4096 ..",
    ]
    for t in tops:
        is_dir = any(p.startswith(t + "/") for p in unit.extra_files) or t == ".git"
        size = 4096 if is_dir else rng.randint(120, 9000)
        mode = "drwxr-xr-x" if is_dir else "-rw-r--r--"
        links = rng.randint(2, 9) if is_dir else 1
        lines.append(f"{mode} {links:>2} dev dev {size:>6} {t}")
    return "\n".join(lines)
