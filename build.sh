#!/usr/bin/env bash
# Talent Bridge — the one entry point.
#   ./build.sh setup    install what the other commands need (idempotent)
#   ./build.sh build    build the extension into dist/ and dist/talent-bridge-<version>.zip
#   ./build.sh test     setup + build + every test tier
#   ./build.sh demo     run the whole thing: CRM, fixture site, extension in Chromium
#   ./build.sh bench    performance table (see README "Performance")
#   ./build.sh package  signed CRX + update manifest for self-hosting (see README "Admins")
set -Eeuo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
DIST=$ROOT/dist
E2E=$ROOT/tests/e2e
WASM_BINDGEN_VERSION=0.2.130
WASM_TARGET=wasm32-unknown-unknown
WASM_CRATES=(content ui background pages pdf)
# Debian 12's PostgreSQL; the CRM's test harness reads the same path (or TB_PG_BIN).
PG_BIN=${TB_PG_BIN:-/usr/lib/postgresql/15/bin}
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
# A fresh clone builds once: incremental caches (1.6 GB) only cost disk there.
if [[ "${CI:-}" == "true" ]]; then export CARGO_INCREMENTAL=0; fi

STEP="startup"
step() {
  STEP="$*"
  printf '\n==> [%4ds] %s\n' "$SECONDS" "$*"
}
trap 'echo "build.sh: FAILED during step: ${STEP}" >&2' ERR

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "build.sh: '$*' needs root; run it as root or install the package yourself" >&2
    return 1
  fi
}

# Debian packages, with one `apt-get update` per run of this script.
APT_UPDATED=
apt_install() {
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y --no-install-recommends "$@"
}

version() {
  sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' manifest.json | head -n1
}

setup() {
  step "setup: Rust target $WASM_TARGET"
  rustup target add "$WASM_TARGET"

  step "setup: wasm-bindgen-cli $WASM_BINDGEN_VERSION (must equal the wasm-bindgen crate)"
  if wasm-bindgen --version 2>/dev/null | grep -qF "$WASM_BINDGEN_VERSION"; then
    echo "present: $(wasm-bindgen --version)"
  else
    # --locked has failed on a yanked transitive version before (DESIGN.md §7); retry without.
    cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --locked ||
      cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
  fi

  step "setup: Debian chromium"
  if [ -x /usr/bin/chromium ]; then
    echo "present: $(/usr/bin/chromium --version 2>/dev/null | head -n1)"
  else
    apt_install chromium
  fi

  # Chromium's own words in the seven languages (issue #21): without it `--lang=fr` gives a
  # French `chrome.i18n` but an English browser around it (menus, dialogs, `Accept-Language`).
  step "setup: Debian chromium-l10n"
  if dpkg-query -W -f='${Status}' chromium-l10n 2>/dev/null | grep -q "ok installed"; then
    echo "present: chromium-l10n $(dpkg-query -W -f='${Version}' chromium-l10n)"
  else
    apt_install chromium-l10n
  fi

  # The CRM's storage tests run on SQLite and on PostgreSQL (issue #23): the test harness
  # starts its own server from these binaries, on a temporary directory and a loopback port.
  step "setup: Debian postgresql (15, for the CRM's storage tests)"
  if [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ]; then
    echo "present: $("$PG_BIN/postgres" --version)"
  else
    apt_install postgresql
  fi

  step "setup: npm ci in tests/e2e (Playwright, binaryen's wasm-opt)"
  # Skipped when node_modules was installed from this very lock file.
  local stamp="$E2E/node_modules/.tb-lock-sha256" want
  want=$(sha256sum "$E2E/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "present: node_modules matches package-lock.json"
  else
    (cd "$E2E" && npm ci --no-audit --no-fund)
    echo "$want" >"$stamp"
  fi
}

wasm_opt() {
  # Debian's binaryen is too old for current rustc output; the npm package is not (DESIGN.md §7).
  "$E2E/node_modules/.bin/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-reference-types --enable-multivalue --enable-mutable-globals \
    --strip-debug --strip-producers "$@"
}

served_paths() {
  # The URL watcher wakes the reader on these paths only (issue #20); they are the core's
  # (`SERVED_PATHS`), never written a second time by hand.
  step "build: the URL watcher's paths, from the core (tb served-paths)"
  cargo build --locked --bin tb
  local paths
  paths=$(target/debug/tb served-paths)
  case "$paths" in \[*\]) ;; *) echo "tb served-paths printed no JSON array: $paths" >&2; return 1 ;; esac
  sed -i "s|/\* served-paths \*/ null|$paths|" "$1"
  grep -qF "const SERVED_PATHS = $paths;" "$1" || { echo "served-paths marker not found in $1" >&2; return 1; }
}

build() {
  [ -x "$E2E/node_modules/.bin/wasm-opt" ] || { echo "wasm-opt missing: run ./build.sh setup" >&2; return 1; }
  step "build: wasm crates (release, LTO): ${WASM_CRATES[*]}"
  local packages=()
  for crate in "${WASM_CRATES[@]}"; do packages+=(-p "talent-bridge-$crate"); done
  cargo build --locked --release --target "$WASM_TARGET" "${packages[@]}"

  step "build: assemble dist/"
  rm -rf "$DIST"
  mkdir -p "$DIST"
  cp manifest.json "$DIST/"
  cp -r static/. "$DIST/"
  cp extension/managed_schema.json "$DIST/"
  cp extension/js/background.js extension/js/pages.js "$DIST/"

  for crate in "${WASM_CRATES[@]}"; do
    step "build: wasm-bindgen --target web + wasm-opt -Oz ($crate)"
    local out="$DIST/$crate" name="talent_bridge_$crate"
    wasm-bindgen --target web --no-typescript --out-dir "$out" \
      "target/$WASM_TARGET/release/$name.wasm"
    wasm_opt "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
  done
  cp extension/js/loader.js extension/js/frames.js extension/js/page_io.js extension/js/looks.js extension/js/panel.js "$DIST/content/"
  served_paths "$DIST/content/loader.js"
  cp extension/js/frame.js "$DIST/"

  # Frame mode (DESIGN.md §2): the content script's module again, with the frame entry points,
  # for pages whose CSP refuses WebAssembly. A separate build keeps it out of every tab.
  step "build: content module for frame mode (--features frame)"
  cargo build --locked --release --target "$WASM_TARGET" -p talent-bridge-content --features frame
  wasm-bindgen --target web --no-typescript --out-dir "$DIST/frame" \
    "target/$WASM_TARGET/release/talent_bridge_content.wasm"
  wasm_opt "$DIST/frame/talent_bridge_content_bg.wasm" -o "$DIST/frame/talent_bridge_content_bg.wasm"

  step "build: zip"
  local zip="$DIST/talent-bridge-$(version).zip"
  python3 - "$DIST" "$zip" <<'PY'
import os, sys, zipfile
dist, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for base, _, files in os.walk(dist):
        for f in sorted(files):
            path = os.path.join(base, f)
            if path != out and not f.endswith(".zip"):
                z.write(path, os.path.relpath(path, dist))
PY

  step "build: sizes"
  sizes
}

sizes() {
  printf '%-52s %10s %10s\n' "file" "bytes" "gzip"
  find "$DIST" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.zip' \) | sort | while read -r f; do
    printf '%-52s %10d %10d\n' "${f#"$DIST"/}" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
  done
}

native_bins() {
  step "build: reference CRM, fixture site and tb (native)"
  cargo build --locked -p talent-bridge-crm -p talent-bridge-site
  # The real-pages e2e tests compare the browser with what `tb page` reads.
  cargo build --locked --bin tb
}

test_all() {
  setup
  # Lints first: a formatting or clippy finding fails in seconds, not after the long builds.
  step "test: cargo fmt --check"
  cargo fmt --all -- --check
  step "test: clippy -D warnings (native, all targets)"
  cargo clippy --locked --workspace --all-targets -- -D warnings
  step "test: clippy -D warnings (wasm crates)"
  cargo clippy --locked --target "$WASM_TARGET" -p talent-bridge-web \
    -p talent-bridge-content -p talent-bridge-ui -p talent-bridge-background -p talent-bridge-pages -p talent-bridge-pdf -- -D warnings
  cargo clippy --locked --target "$WASM_TARGET" -p talent-bridge-content --features frame -- -D warnings
  build
  native_bins
  step "test: cargo test --workspace (core, corpus, CRM on SQLite and PostgreSQL, fixture site)"
  cargo test --locked --workspace
  # The bench's own rules (issue #20): how a trace is counted, which figures fail a run.
  step "test: the bench's rules (node --test tests/bench/lib, no browser)"
  (cd "$ROOT/tests/bench" && node --test lib/bench.test.mjs)
  # Playwright (tests/e2e/playwright.config.js, README "Tests"): the whole suite as the site is
  # and in the strict-CSP fallback, the tagged scenarios against the site's other design, two
  # browsers at a time; then, alone, the specs that change the machine's Chromium policy. Both
  # invocations run, and either failing fails the step.
  local failed=()
  step "test: Playwright end-to-end: page, strict-csp, design-next, hostile, site-fr/de (real Chromium, built extension, CRM, fixture site)"
  e2e --project=page --project=strict-csp --project=design-next --project=hostile --project=hostile-strict-csp --project=site-fr --project=site-de --output=test-results/suite || failed+=("suite")
  step "test: Playwright end-to-end: machine-policy (alone: it writes /etc/chromium/policies)"
  e2e --project=machine-policy --output=test-results/machine-policy || failed+=("machine-policy")
  # The README's other front door: the demo's headless tour (every badge state it shows).
  step "test: ./build.sh demo's headless tour"
  (cd "$E2E" && env -u DISPLAY TB_ROOT="$ROOT" node demo.mjs) || failed+=("demo")
  step "test: done in ${SECONDS}s"
  if [ ${#failed[@]} -gt 0 ]; then
    STEP="failed: ${failed[*]} (Playwright reports under tests/e2e/test-results/)"
    return 1
  fi
}

# Playwright with the given arguments (projects, output folder).
e2e() {
  (cd "$E2E" && env TB_ROOT="$ROOT" npx playwright test "$@")
}

demo() {
  setup
  build
  native_bins
  step "demo: CRM + fixture site + Chromium with the extension"
  (cd "$E2E" && TB_ROOT="$ROOT" node demo.mjs)
}

bench() {
  setup
  build
  step "bench: release builds of the CRM and the fixture site"
  cargo build --locked --release -p talent-bridge-crm -p talent-bridge-site
  step "bench: run (tables on stdout, target/bench/report.json)"
  (cd "$E2E" && TB_ROOT="$ROOT" node ../bench/run.mjs)
}

package() {
  local key=${1:-}
  if [ -z "$key" ] || [ ! -f "$key" ]; then
    # package.mjs explains how to make a key and keep the extension id.
    (cd "$E2E" && node package.mjs "$key")
    return 2
  fi
  build
  step "package: signed CRX + update manifest"
  (cd "$E2E" && TB_ROOT="$ROOT" node package.mjs "$key" "${2:-}")
}

case "${1:-}" in
  setup) setup ;;
  build) build ;;
  test) test_all ;;
  demo) demo ;;
  bench) bench ;;
  package) shift; package "$@" ;;
  *)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
