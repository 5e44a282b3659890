import Foundation
import Testing

@Suite("Progress on a terminal, and the line-length limit")
struct ProgressAndLimitsTests {
    /// A sales file big enough for several progress reports.
    static func bigSales(rows: Int) -> String {
        var text = "Date,ID Référence produit,Quantité,ID Magasin\n"
        for index in 0..<rows {
            text += "2023-\(index % 12 + 1 < 10 ? "0" : "")\(index % 12 + 1)-\(index % 19 + 10),REF00\(index % 5 + 1),\(index % 97 + 1),\(index % 7 + 1)\n"
        }
        return text
    }

    @Test("a progress bar is drawn on stderr when it is a terminal, and nothing when it is not (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func progressOnlyOnATerminal(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        try project.directory.write(Self.bigSales(rows: 40_000), to: "in/ventes.csv")
        let command = "\(try VentesCommand.binary().path) import --sales in/ventes.csv --format json > out.json"
        // `script` runs the command with a pseudo-terminal as its stdin, stdout and stderr.
        let terminal = try runProcess("/usr/bin/script", ["-qec", command, "/dev/null"], in: project.directory.url,
                                      environment: project.storeEnvironment)
        #expect(terminal.status == 0, "\(terminal.output)")
        #expect(terminal.output.contains("rows/s"))
        #expect(terminal.output.contains("sales in/ventes.csv: 40,000 rows"))
        let json = try String(contentsOf: project.directory.url.appendingPathComponent("out.json"), encoding: .utf8)
        let first = try #require(try ImportReport.parse(json).sales)
        #expect((first.read, first.inserted + (first.duplicates ?? 0), first.rejected) == (40_000, 40_000, 0))

        let pipe = try project.ventes("import", "--sales", "in/ventes.csv", "--format", "json")
        #expect(pipe.succeeded)
        #expect(pipe.stderr.isEmpty)
        #expect(try ImportReport.parse(pipe.stdout).sales?.duplicates == 40_000)
    }

    @Test("a line longer than --max-line-bytes is quarantined with its line number; the next rows land (PostgreSQL when VENTES_TEST_POSTGRESQL_URL is set)",
          arguments: Backend.available)
    func longLineQuarantined(backend: Backend) throws {
        let project = try Project(backend: backend)
        try project.importBrief()
        let long = String(repeating: "x", count: 1_000)
        try project.directory.write("Date,ID Référence produit,Quantité,ID Magasin\n2023-07-01,REF001,1,1\n2023-07-02,REF001,1,\(long)\n2023-07-03,REF001,1,1\n", to: "in/ventes.csv")
        let result = try project.ventes("import", "--sales", "in/ventes.csv", "--max-line-bytes", "300", "--format", "json")
        try #require(result.succeeded, "\(result.transcript)")
        let sales = try #require(try ImportReport.parse(result.stdout).sales)
        #expect((sales.read, sales.inserted, sales.rejected) == (3, 2, 1))
        #expect(sales.rejections.map(\.line) == [3])
        #expect(sales.rejections.first?.reason == "line is longer than 300 bytes")
        #expect(sales.rejections.first?.raw.hasPrefix("2023-07-02,REF001,1,xxx") == true)

        let tooSmall = try project.ventes("import", "--sales", "in/ventes.csv", "--max-line-bytes", "10")
        #expect(!tooSmall.succeeded)
        #expect(tooSmall.stderr.contains("--max-line-bytes must be at least 256"))
    }

    /// `executable arguments…`, with what it wrote to stdout and stderr together (`script` writes the terminal to stdout).
    private func runProcess(_ executable: String, _ arguments: [String], in directory: URL,
                            environment: [String: String]) throws -> (status: Int32, output: String) {
        let result = try Launcher.run(URL(fileURLWithPath: executable), arguments, in: directory, environment: .inherited(adding: environment))
        return (result.status, result.stdout + result.stderr)
    }
}
