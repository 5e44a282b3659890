import ArgumentParser

/// How an import summary is printed.
enum ImportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// How analysis results are printed.
enum ResultFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// How the schema is printed.
enum SchemaFormat: String, ExpressibleByArgument, CaseIterable {
    case mermaid
}
