import ArgumentParser
import VentesKit

extension Ventes {
    /// `ventes schema`: the tables, keys and relations of the database, as a diagram.
    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the database schema (tables, keys, relations) read from the live database.",
            discussion: "docs/schema.md holds this output for a new database; scripts/check-schema-doc.sh compares them.")

        @OptionGroup var common: CommonOptions

        @Option(help: "Output format.")
        var format: SchemaFormat = .mermaid

        func run() throws {
            let store = try common.openStore(try common.settings())
            let schema = try store.schemaDescription()
            switch format {
            case .mermaid: print(SchemaDiagram.mermaid(schema), terminator: "")
            }
        }
    }
}
