/// What changed between two stored runs: revenue and units, in total, per product, per region.
///
/// Built from each run's stored total, per-product and per-region results (named in
/// `ReportedAnalyses`; nothing is recomputed). The changes are themselves analysis results, so they print
/// in every output format.
public struct RunComparison: Equatable, Sendable {
    /// The earlier run (`--compare N`).
    public var base: AnalysisRun
    /// The run shown (`--run M`, the latest by default).
    public var current: AnalysisRun
    /// `total_change`, `product_changes`, `region_changes`; one fails when a run lacks its source.
    public var results: [AnalysisResult]

    /// Compares `current` with `base`.
    public init(base: AnalysisRun, current: AnalysisRun) {
        self.base = base
        self.current = current
        typealias Column = ReportedAnalyses.Column
        results = [
            Self.changes(name: "total_change", question: "How did total revenue and units change?",
                         source: ReportedAnalyses.totalRevenue.name, keys: [], base: base, current: current),
            Self.changes(name: "product_changes", question: "How did each product's revenue and units change?",
                         source: ReportedAnalyses.salesByProduct.name, keys: [Column.productID, Column.productName],
                         base: base, current: current),
            Self.changes(name: "region_changes", question: "How did each region's revenue and units change?",
                         source: ReportedAnalyses.salesByRegion.name, keys: [Column.region], base: base, current: current),
        ]
    }

    /// `Changes from analysis run #1 to run #2`.
    public var title: String { "Changes from analysis run #\(base.id) (\(base.salesCount) sales) to run #\(current.id) (\(current.salesCount) sales)" }

    /// One row per key found in either run: its units and revenue before, after, and the change.
    ///
    /// The first key column identifies a row (a product by id); the others are shown as the
    /// current run has them. A key missing from one run counts as zero there.
    private static func changes(
        name: String, question: String, source: String, keys: [String], base: AnalysisRun, current: AnalysisRun
    ) -> AnalysisResult {
        let units = ReportedAnalyses.Column.units, revenue = ReportedAnalyses.Column.revenue
        func failure(_ message: String) -> AnalysisResult {
            AnalysisResult(name: name, question: question, columns: [], rows: [], error: message)
        }
        guard let before = base.result(source), before.error == nil else {
            return failure("run #\(base.id) has no \(source) result to compare")
        }
        guard let after = current.result(source), after.error == nil else {
            return failure("run #\(current.id) has no \(source) result to compare")
        }
        for (run, result) in [(base, before), (current, after)] {
            let missing = (keys + [units, revenue]).filter { key in !result.columns.contains { $0.sqlName == key } }
            if !missing.isEmpty {
                return failure("run #\(run.id): \(source) has no column \(missing.joined(separator: ", "))")
            }
        }
        struct Figures { var units: Int64 = 0, revenue: Int64 = 0 }
        func figures(_ result: AnalysisResult) -> (order: [ResultValue], labels: [ResultValue: [ResultValue]], values: [ResultValue: Figures]) {
            var order: [ResultValue] = [], labels: [ResultValue: [ResultValue]] = [:], values: [ResultValue: Figures] = [:]
            for row in result.rows.indices {
                let key = keys.first.flatMap { result.value(row: row, sqlName: $0) } ?? .null
                if values[key] == nil { order.append(key) }
                labels[key] = keys.map { result.value(row: row, sqlName: $0) ?? .null }
                values[key, default: Figures()].units += result.value(row: row, sqlName: units)?.integer ?? 0
                values[key, default: Figures()].revenue += result.value(row: row, sqlName: revenue)?.integer ?? 0
            }
            return (order, labels, values)
        }
        let old = figures(before), new = figures(after)
        var rows: [[ResultValue]] = []
        for key in new.order + old.order.filter({ new.values[$0] == nil }) {
            let was = old.values[key] ?? Figures(), now = new.values[key] ?? Figures()
            let label = new.labels[key] ?? old.labels[key] ?? []
            rows.append(label + [
                .integer(was.units), .integer(now.units), .integer(now.units - was.units),
                .integer(was.revenue), .integer(now.revenue), .integer(now.revenue - was.revenue),
            ])
        }
        let columns = (keys + ["units_before", "units_after", "units_change",
                               "revenue_before_cents", "revenue_after_cents", "revenue_change_cents"])
            .map(ResultColumn.init(sqlName:))
        return AnalysisResult(name: name, question: question, columns: columns, rows: rows)
    }
}

extension ResultValue {
    /// The integer value, or nil for any other type.
    public var integer: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }
}
