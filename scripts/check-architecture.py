#!/usr/bin/env python3
"""Checks the library's layering and writes its dependency diagram.

    scripts/check-architecture.py            check the rules and that docs/architecture.md shows the current graph
    scripts/check-architecture.py --write    rewrite the graph in docs/architecture.md

Who depends on whom is read off the code: a folder of Sources/VentesKit depends on another when
it names a type declared there (comments and string literals left out). The rules:
- the folder graph has no cycle (layers depend one way);
- Database/ (the seam and its SQLite implementation) names no type of Import/, Rows/ or CSV/;
- `import GRDB` appears only under Database/SQLite/, `import PostgresNIO` (and SwiftNIO's modules) only
  under Database/PostgreSQL/;
- no folder outside Database/ names a type of an engine's folder (Database/SQLite, Database/PostgreSQL),
  and the two engines name none of each other's: only the executable chooses an engine;
- no string literal in the library holds a command-line flag ("--name") or a VENTES_ variable;
- no file in Sources/ is over 350 lines, and Import/Importer.swift is under 250.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "Sources" / "VentesKit"
DOC = ROOT / "docs" / "architecture.md"
BEGIN, END = "<!-- layers:begin (scripts/check-architecture.py --write) -->", "<!-- layers:end -->"
# Top-level declarations only: a nested type is named through its outer one.
DECLARATION = re.compile(r"^(?:public |internal |private |fileprivate |final |indirect )*(?:struct|class|enum|protocol|actor|typealias)\s+([A-Z]\w*)", re.M)
STRING = re.compile(r'"""[\s\S]*?"""|"(?:\\\((?:[^()"]|"[^"]*"|\([^()]*\))*\)|\\.|[^"\\\n])*"')


def folder(path):
    relative = path.relative_to(LIBRARY)
    parts = relative.parts[:-1]
    if parts[:2] in (("Database", "SQLite"), ("Database", "PostgreSQL")):
        return "/".join(parts[:2])
    return parts[0] if parts else "."


def code_without_comments(text):
    text = re.sub(r"/\*[\s\S]*?\*/", "", text)
    return "\n".join(line.split("//")[0] if "//" in line and '"' not in line.split("//")[0] else line for line in text.splitlines())


def main():
    files = sorted(LIBRARY.rglob("*.swift"))
    declared = {}
    texts = {}
    for path in files:
        text = path.read_text()
        texts[path] = text
        for name in DECLARATION.findall(text):
            declared.setdefault(name, folder(path))
    edges = {}
    problems = []
    for path, text in texts.items():
        source = folder(path)
        code = STRING.sub('""', code_without_comments(text))
        for name in set(re.findall(r"\b[A-Z]\w*\b", code)):
            target = declared.get(name)
            if target and target != source:
                edges.setdefault((source, target), set()).add(name)
        if "import GRDB" in text and source != "Database/SQLite":
            problems.append(f"{path.relative_to(ROOT)}: imports GRDB outside Database/SQLite")
        if re.search(r"^import (PostgresNIO|NIO\w*)\b", text, re.M) and source != "Database/PostgreSQL":
            problems.append(f"{path.relative_to(ROOT)}: imports PostgresNIO or SwiftNIO outside Database/PostgreSQL")
        for literal in STRING.findall(code_without_comments(text)):
            # A flag: "--name" not followed by ":" (CSS custom properties, `--ink: #1a202c`, are not flags).
            if re.search(r"(?<![\w(-])--[a-z][\w-]*(?![\w-]*:)", literal) or "VENTES_" in literal:
                problems.append(f"{path.relative_to(ROOT)}: string literal {literal[:60]} names a command-line flag or variable")
    for (source, target), names in sorted(edges.items()):
        if source.startswith("Database") and target in ("Import", "Rows", "CSV"):
            problems.append(f"{source} names {target}'s {', '.join(sorted(names))}")
        engines = ("Database/SQLite", "Database/PostgreSQL")
        if target in engines and source != target and (source in engines or not source.startswith("Database")):
            problems.append(f"{source} names {target}'s {', '.join(sorted(names))}: only the executable chooses an engine")
    for path in sorted((ROOT / "Sources").rglob("*.swift")):
        lines = len(path.read_text().splitlines())
        if lines > 350:
            problems.append(f"{path.relative_to(ROOT)}: {lines} lines (at most 350)")
    importer = LIBRARY / "Import" / "Importer.swift"
    if importer.exists() and len(importer.read_text().splitlines()) >= 250:
        problems.append("Sources/VentesKit/Import/Importer.swift: 250 lines or more")
    # Cycles: folders that reach each other.
    graph = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)

    def reaches(start, goal, seen=()):
        return any(n == goal or (n not in seen and reaches(n, goal, seen + (n,))) for n in graph.get(start, ()))

    for source, target in sorted(edges):
        if reaches(target, source):
            problems.append(f"cycle: {source} -> {target} -> ... -> {source} ({', '.join(sorted(edges[(source, target)]))})")
    # The diagram: a folder above the folders it depends on.
    lines = ["```mermaid", "flowchart TD"]
    for source, target in sorted(edges):
        lines.append(f"    {source.replace('/', '_')}[{source}] --> {target.replace('/', '_')}[{target}]")
    lines.append("```")
    diagram = "\n".join(lines)
    doc = DOC.read_text()
    if BEGIN not in doc or END not in doc:
        problems.append(f"{DOC.relative_to(ROOT)}: no {BEGIN} ... {END} section for the diagram")
    else:
        start, end = doc.index(BEGIN) + len(BEGIN), doc.index(END)
        current = doc[start:end].strip()
        if "--write" in sys.argv:
            DOC.write_text(doc[:start] + "\n" + diagram + "\n" + doc[end:])
        elif current != diagram:
            problems.append(f"{DOC.relative_to(ROOT)}: the layer diagram is not the code's; run scripts/check-architecture.py --write")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"architecture: {len(edges)} dependencies between {len({f for e in edges for f in e})} folders, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
