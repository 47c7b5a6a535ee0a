#!/usr/bin/env python3
"""Groups a `perf record -g` profile of `tiengnoi serve` under ingest load into the parts issue 19 names.

    perf script -F tid,ip,sym,dso -i perf.data | swift demangle \
        | python3 scripts/bench-lib/ingest_profile.py REQUESTS CPU_SECONDS

Each sample's call chain is read from the leaf towards the root and the sample goes to the first
part one of its frames belongs to, so a part holds what it calls (inclusive) and nothing is counted
twice: a sample in sqlite3 under the writer is the writer's, one in the kernel under the writer (its
pwrite and fsync, CPU time only, not the wait) too. SQLite has no frame pointers, so its samples often
have no callers: any frame in libsqlite3 is the writer's. Samples no part claims are the kernel's when
the leaf is in the kernel (socket reads and writes, scheduling) and otherwise the rest, split by the
module of the innermost frame that is not an allocation, reference-count or C library helper (NIO,
Hummingbird, TiengNoi's own code outside the parts, the async runtime, the standard library); glibc has
no frame pointers either, so a malloc or free whose caller is lost has a line of its own.

These are CPU-time samples (cpu-clock: this virtual machine has no hardware counters, and valgrind 3.19
cannot run the Swift 6.3 binary), not instruction counts: they move with the machine's load.
"""
import re
import sys
from collections import Counter

# Patterns on fully demangled names (module-qualified), searched anywhere in the frame's name.
PARTS = [
    ("JSON parse (Forms.JSONParser)", r"Forms\.JSONParser\."),
    ("form validation (Form.validate)", r"Forms\.Form\.validate\(answers:"),
    ("safeguarding screening", r"Analysis\.SafeguardingDetector\.|WebApp\.SafeguardingScreen\."),
    ("metrics (the metrics middleware's bookkeeping, swift-metrics, Prometheus)",
     r"Prometheus\.|CoreMetrics\.|Hummingbird\.MetricsCache|closure #\d+ in Hummingbird\.MetricsMiddleware|"
     r"WebApp\.RequestMetricsCache\."),
    ("group-commit writer (SubmissionWriter, GRDB, SQLite and its syscalls)",
     r"Storage\.SubmissionWriter\.|GRDB\.|sqlite3"),
    ("rest of preparing an entry (canonical JSON and hash, id, school, roles)",
     r"WebApp\.SubmissionIntake\.prepare\(|Storage\.NewSubmission\.init\("),
]
COMPILED = [(label, re.compile(pattern)) for label, pattern in PARTS]
WRITER = PARTS[4][0]
KERNEL = "kernel: socket reads and writes, scheduling (not under a part above)"
REST = "rest: NIO, Hummingbird, middleware, routing, async runtime, allocation"


# The rest, split by the module of the innermost frame that is not an allocation or reference-count
# helper (those are charged to their caller): self time by module, the parts above taken out.
HELPERS = re.compile(r"^(swift_(retain|release|bridgeObject|allocObject|deallocClassInstance|beginAccess|endAccess|"
                     r"isUniquelyReferenced|dynamicCast|getGenericMetadata|arrayInit|arrayDestroy)\w*|_?_?(int_)?malloc|"
                     r"_?_?(int_)?free|cfree|__mem\w+|_swift_release_dealloc|swift::RefCounts|\[unknown\]|"
                     r"outlined \w+|.*value witness)")
MODULE = re.compile(r"\b(NIO\w*|_NIO\w*|HummingbirdCore|Hummingbird\w*|WebApp|Forms|Storage|Analysis|Swift|"
                    r"FoundationEssentials|Foundation|Logging|Metrics|ServiceLifecycle|AsyncAlgorithms)\.")
REST_GROUPS = [
    ("NIO: event loops, channels, HTTP/1 parsing and encoding", lambda m: m.startswith(("NIO", "_NIO")) or m == "llhttp"),
    ("Hummingbird: server, router, request and response types", lambda m: m.startswith("Hummingbird")),
    ("TiengNoi outside the parts: middleware, handler, gate, response JSON", lambda m: m in ("WebApp", "Forms", "Storage", "Analysis")),
    ("Swift concurrency runtime and dispatch (task switches, continuations)", lambda m: m == "runtime"),
    ("malloc, free and other C library code whose callers are lost (no frame pointers)", lambda m: m == "lost"),
    ("Swift standard library, Foundation, other", lambda m: True),
]


def strip_generics(name):
    out, depth = [], 0
    for ch in name:
        if ch == "<":
            depth += 1
        elif ch == ">" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def module_of(chain):
    for symbol, dso in chain:
        # C library frames are charged to their caller too; glibc has no frame pointers, so often the
        # caller is lost and the sample lands in "callers lost".
        if "kernel" in dso or HELPERS.match(symbol) or re.search(r"/(libc|libm|ld-linux[\w-]*)\.so", dso):
            continue
        if "llhttp" in symbol:
            return "llhttp"
        if re.match(r"(swift::|swift_task|swift_job|swift_continuation|_dispatch|dispatch_)", symbol) \
                or "libswift_Concurrency" in dso or "libdispatch" in dso:
            return "runtime"
        name = strip_generics(symbol)
        conformance = re.search(r" in conformance (\w+)\.", name)
        if conformance:
            return conformance.group(1)
        found = MODULE.search(name)
        if found:
            return found.group(1)
        return "other"
    return "lost"


def samples(lines):
    chain = None
    for line in lines:
        if not line.strip():
            if chain is not None:
                yield chain
            chain = None
        elif not line.startswith("\t"):  # a sample's header: "tid" (right-aligned, so maybe spaces first)
            chain = []
        elif chain is not None:
            # "\t  ip symbol (dso)"
            parts = line.strip().split(" ", 1)
            rest = parts[1] if len(parts) > 1 else ""
            dso_at = rest.rfind(" (")
            chain.append((rest[:dso_at], rest[dso_at + 2:-1] if dso_at >= 0 else ""))
    if chain:
        yield chain


def main():
    entries, cpu_seconds = int(sys.argv[1]), float(sys.argv[2])
    counts = Counter()
    rest_counts = Counter()
    examples = {}
    total = 0
    for chain in samples(sys.stdin):
        total += 1
        part = None
        for symbol, dso in chain:
            for label, pattern in COMPILED:
                if pattern.search(symbol) or (label == WRITER and "libsqlite3" in dso):
                    part = label
                    break
            if part:
                break
        if part is None:
            part = KERNEL if chain and "kernel" in chain[0][1] else REST
        if part == REST:
            module = module_of(chain)
            rest_counts[next(label for label, test in REST_GROUPS if test(module))] += 1
        counts[part] += 1
        examples.setdefault(part, Counter())[chain[0][0][:70]] += 1
    per_entry_us = cpu_seconds / entries * 1e6
    print(f"{total} samples; {entries} requests in the window (rows stored, for ingest); server CPU "
          f"{cpu_seconds:.2f} s = {per_entry_us:.1f} µs per request")
    print(f"{'part':<80} {'share':>6} {'µs/req':>9}")
    for label in [label for label, _ in PARTS] + [KERNEL, REST]:
        share = counts[label] / total if total else 0
        print(f"{label:<80} {share:6.1%} {share * per_entry_us:9.1f}")
        if label == REST:
            for sub, _ in REST_GROUPS:
                share = rest_counts[sub] / total if total else 0
                print(f"  of which {sub:<71} {share:6.1%} {share * per_entry_us:9.1f}")
    if "-v" in sys.argv:
        for label, leaves in examples.items():
            print(f"\n{label}: commonest leaves")
            for leaf, n in leaves.most_common(8):
                print(f"  {n:6d}  {leaf}")


if __name__ == "__main__":
    main()
