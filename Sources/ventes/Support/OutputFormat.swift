import ArgumentParser
import VentesKit

/// How an import summary is printed.
enum ImportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// How analysis results are printed: `table`, `json`, `csv` or `markdown`.
typealias ResultFormat = ResultRenderer.Format

extension ResultRenderer.Format: ExpressibleByArgument {}

extension CSVOutputDialect: ExpressibleByArgument {}

extension ReportLanguage: ExpressibleByArgument {}

/// How the schema is printed.
enum SchemaFormat: String, ExpressibleByArgument, CaseIterable {
    case mermaid
}
