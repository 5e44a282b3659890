import Foundation
import Testing

/// A real catalogue's size (2,000 products, 4,000 sales over two years, 25 stores): a terminal
/// shows a screenful per analysis and says where the rest is; `--all`, pipes and the machine
/// formats get every row; note.md stays short.
@Suite("Outputs at a real catalogue's size")
struct LargeCatalogueOutputTests {
    static let products = 2_000
    static let cities = [
        "Paris", "Marseille", "Lyon", "Toulouse", "Nice", "Nantes", "Strasbourg", "Montpellier", "Bordeaux", "Lille",
        "Rennes", "Reims", "Dijon", "Brest", "Tours", "Limoges", "Rouen", "Caen", "Metz", "Orléans", "Ajaccio",
        "Besançon", "Poitiers", "Amiens", "Grenoble",
    ]

    /// A project whose csv/ holds the generated catalogue, imported.
    static func importedProject(_ backend: Backend) throws -> Project {
        let project = try Project(backend: backend)
        var stores = "ID Magasin,Ville,Nombre de salariés\n"
        for (index, city) in cities.enumerated() { stores += "\(index + 1),\(city),\(index % 9 + 2)\n" }
        var products = "Nom,ID Référence produit,Prix,Stock\n"
        for index in 1...Self.products {
            products += "Produit \(index),P\(String(format: "%04d", index)),\(index % 150 + 1).\(String(format: "%02d", index % 100)),\(index % 300)\n"
        }
        // Every product sells twice, on 730 days of 2022 and 2023, in every store.
        var sales = "Date,ID Référence produit,Quantité,ID Magasin\n"
        let start = Date(timeIntervalSince1970: 1_640_995_200)  // 2022-01-01
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = TimeZone(identifier: "UTC")
        day.dateFormat = "yyyy-MM-dd"
        for index in 0..<(2 * Self.products) {
            let date = day.string(from: start.addingTimeInterval(Double(index * 7 % 730) * 86_400))
            sales += "\(date),P\(String(format: "%04d", index % Self.products + 1)),\(index % 9 + 1),\(index % cities.count + 1)\n"
        }
        try project.directory.write(stores, to: "csv/magasins.csv")
        try project.directory.write(products, to: "csv/produits.csv")
        try project.directory.write(sales, to: "csv/ventes.csv")
        try project.importBrief()
        return project
    }

    /// The table output's sections, by analysis name: each section's lines after its `== name` line.
    static func sections(_ output: String) -> [String: [String]] {
        var sections: [String: [String]] = [:]
        for block in output.components(separatedBy: "\n== ").dropFirst() {
            let lines = block.components(separatedBy: "\n").filter { !$0.isEmpty }
            let name = String(lines[0].prefix { $0 != ":" })
            sections[name] = Array(lines.dropFirst())
        }
        return sections
    }

    @Test("on a terminal, analyze shows at most a screenful per analysis and says how many more and where (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func terminalShowsAScreenful(backend: Backend) throws {
        let project = try Self.importedProject(backend)
        let shown = try project.ventesOnTerminal("analyze")
        try #require(shown.succeeded, "\(shown.transcript)")
        let sections = Self.sections(shown.stdout)
        #expect(sections.count == 13)
        for (name, lines) in sections {
            // A header, a rule, at most 20 rows and the line that says where the rest is.
            #expect(lines.count <= 23, "\(name): \(lines.count) lines")
        }
        let products = try #require(sections["sales_by_product"])
        #expect(products.count == 23)
        #expect(products.last == "… 1,980 more rows (2,000 in all): ventes results --analysis sales_by_product --all")
        #expect(sections["sales_by_day"]?.last == "… 710 more rows (730 in all): ventes results --analysis sales_by_day --all")
        // Short tables are shown whole, with no such line.
        #expect(sections["total_revenue"]?.count == 3)
        #expect(sections["sales_by_weekday"]?.count == 2 + 7)
        #expect(sections["sales_by_month"]?.last == "… 4 more rows (24 in all): ventes results --analysis sales_by_month --all")
        #expect(shown.stdout.components(separatedBy: "\n").count < 300)

        // The same command into a pipe prints every row.
        let piped = try project.ventes("analyze")
        let full = Self.sections(piped.stdout)
        #expect(full["sales_by_product"]?.count == 2 + Self.products)
        #expect(full["stock_cover"]?.count == 2 + Self.products)
        #expect(!piped.stdout.contains("more rows"))
        #expect(piped.stdout.components(separatedBy: "\n").count > 6_000)
    }

    @Test("--all prints every row on a terminal; json, csv and markdown are complete on a terminal too (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func allAndMachineFormatsAreComplete(backend: Backend) throws {
        let project = try Self.importedProject(backend)
        try #require(try project.ventes("analyze", "--format", "json").succeeded)
        let every = try project.ventesOnTerminal("results", "--all")
        try #require(every.succeeded, "\(every.transcript)")
        #expect(every.stdout == (try project.ventes("results")).stdout)
        #expect(Self.sections(every.stdout)["sales_by_product"]?.count == 2 + Self.products)

        for format in ["json", "csv", "markdown"] {
            let onTerminal = try project.ventesOnTerminal("results", "--format", format)
            let piped = try project.ventes("results", "--format", format)
            #expect(onTerminal.succeeded && piped.succeeded)
            #expect(onTerminal.stdout == piped.stdout, "\(format)")
            #expect(!onTerminal.stdout.contains("more rows"), "\(format)")
        }
        let csv = try project.ventesOnTerminal("results", "--format", "csv", "--analysis", "sales_by_product")
        #expect(csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + Self.products)

        // A run chosen with --run is named again in the line under a cut table.
        let chosen = try project.ventesOnTerminal("results", "--run", "1", "--analysis", "product_ranking")
        #expect(chosen.stdout.hasSuffix("… 1,980 more rows (2,000 in all): ventes results --run 1 --analysis product_ranking --all\n"))
    }

    @Test("on a terminal, run points to each cut table's CSV file; note.md stays short and names the rest's share (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func runNamesTheFilesAndTheNoteStaysShort(backend: Backend) throws {
        let project = try Self.importedProject(backend)
        let run = try project.ventesOnTerminal("run")
        try #require(run.succeeded, "\(run.transcript)")
        let sections = Self.sections(run.stdout)
        #expect(sections["sales_by_product"]?.last == "… 1,980 more rows (2,000 in all): results/sales_by_product.csv")
        let csv = try String(contentsOfFile: project.directory.path("results/sales_by_product.csv"), encoding: .utf8)
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + Self.products)
        #expect(run.stdout.contains("Total revenue: "))

        let note = try String(contentsOfFile: project.directory.path("results/note.md"), encoding: .utf8)
        let lines = note.components(separatedBy: "\n")
        #expect(lines.count <= 100, "note.md has \(lines.count) lines")
        #expect(lines.filter { $0.hasPrefix("| Produit ") && !$0.hasPrefix("| Produit |") }.count == 12)
        let others = try #require(lines.first { $0.hasPrefix("_Les 1\u{202F}988 autres ne sont pas montrés\u{00A0}: ensemble ") })
        #expect(others.hasSuffix("\u{00A0}%)._"), "\(others)")
        #expect(note.contains("1\u{202F}988"))
    }
}
