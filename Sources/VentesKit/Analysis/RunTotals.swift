/// A run's total revenue, units and number of sales, read from its `total_revenue` analysis.
public struct RunTotals: Sendable, Equatable {
    public var revenue: Cents
    public var units: Int64
    public var sales: Int64

    /// The totals of `run`; nil when its total analysis is missing, failed or has no row.
    public init?(_ run: AnalysisRun) {
        typealias Column = ReportedAnalyses.Column
        guard let result = ReportedAnalyses.usable(ReportedAnalyses.totalRevenue, in: run), !result.rows.isEmpty,
              let revenue = result.value(row: 0, sqlName: Column.revenue)?.integer,
              let units = result.value(row: 0, sqlName: Column.units)?.integer,
              let sales = result.value(row: 0, sqlName: Column.salesCount)?.integer else { return nil }
        self.revenue = Cents(revenue)
        self.units = units
        self.sales = sales
    }
}
