import Foundation
import Testing
@testable import VentesKit

@Suite("Schema diagram")
struct SchemaDiagramTests {
    @Test("the Mermaid ER diagram is read from the live schema: tables, keys and relations")
    func mermaidFromLiveSchema() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ventes-schema-\(UUID().uuidString).db").path
        let database = try SQLiteStore(path: path)

        let diagram = SchemaDiagram.mermaid(try database.schemaDescription())

        #expect(diagram.hasPrefix("erDiagram\n"))
        #expect(diagram.contains("    sale {\n        TEXT store_id PK, FK\n        TEXT date PK\n        TEXT product_id PK, FK\n"))
        #expect(diagram.contains("    sale }o--|| product : \"product_id\"\n"))
        #expect(diagram.contains("    http_source {\n"))
        #expect(!diagram.contains("grdb_migrations"))
    }
}
