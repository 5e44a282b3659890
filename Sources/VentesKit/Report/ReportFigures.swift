/// The figures the report and note are built on, read from a stored run's results.
///
/// Each figure is optional: an analyses file without `sales_by_store` (or where it failed)
/// gives a report without the store chart, never a crash.
struct ReportFigures: Sendable {
    /// One bar of a chart: a label and its revenue, with its units and share of the total.
    struct Item: Sendable {
        var label: String
        var revenue: Cents
        var units: Int64
        var share: Double?
    }

    /// One point of a trend: a period (`2023-05` or `2023-05-27`) and its revenue.
    struct Point: Sendable {
        var period: String
        var revenue: Cents
    }

    var revenue: Cents?
    var units: Int64?
    var salesCount: Int64?
    var firstDay: String?
    var lastDay: String?
    var days: Int64?
    var averageSale: Cents?
    var averageUnits: Double?
    var products: [Item] = []
    var regions: [Item] = []
    var stores: [Item] = []
    var months: [Point] = []
    var dailyRevenue: [Point] = []
    /// How many of the best-selling products make the first 80% of revenue, and of how many.
    var productsFor80Percent: (count: Int, of: Int)?
    /// The store with the highest revenue per employee, and that revenue.
    var bestStorePerEmployee: (label: String, revenue: Cents)?
    /// The months of the trend that the sales period covers only in part (`2023-05`).
    var partialMonths: [String] {
        guard let first = firstDay, let last = lastDay, first.count == 10, last.count == 10 else { return [] }
        var partial: [String] = []
        if !first.hasSuffix("-01") { partial.append(String(first.prefix(7))) }
        if let year = Int(last.prefix(4)), let month = Int(last.dropFirst(5).prefix(2)), let day = Int(last.suffix(2)),
           day < Self.daysIn(month: month, year: year), !partial.contains(String(last.prefix(7))) {
            partial.append(String(last.prefix(7)))
        }
        return partial.filter { month in months.contains { $0.period == month } }
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The product whose stock runs out first at the period's pace, in days.
    var shortestStockCover: (label: String, days: Double)?

    init(run: AnalysisRun, unknownRegion: String) {
        typealias Column = ReportedAnalyses.Column
        if let total = Self.table(run, ReportedAnalyses.totalRevenue), let row = total.rows.first {
            revenue = total.money(row, Column.revenue)
            units = total.integer(row, Column.units)
            salesCount = total.integer(row, Column.salesCount)
        }
        if let period = Self.table(run, ReportedAnalyses.salesPeriod), let row = period.rows.first {
            firstDay = period.text(row, Column.firstDay)
            lastDay = period.text(row, Column.lastDay)
            days = period.integer(row, Column.days)
        }
        if let average = Self.table(run, ReportedAnalyses.averageSale), let row = average.rows.first {
            averageSale = average.money(row, Column.averageSale)
            averageUnits = average.real(row, Column.averageUnitsPerSale)
        }
        products = Self.items(run, ReportedAnalyses.salesByProduct, label: { table, row in
            table.text(row, Column.productName) ?? table.text(row, Column.productID)
        })
        regions = Self.items(run, ReportedAnalyses.salesByRegion, label: { table, row in
            table.text(row, Column.region).map { $0 == ReportedAnalyses.unknownRegion ? unknownRegion : $0 }
        })
        stores = Self.items(run, ReportedAnalyses.salesByStore, label: { table, row in
            let city = table.text(row, Column.city), id = table.text(row, Column.storeID)
            return city.map { name in id.map { "\(name) (\($0))" } ?? name } ?? id
        })
        months = Self.points(run, ReportedAnalyses.salesByMonth, period: Column.month)
        dailyRevenue = Self.points(run, ReportedAnalyses.salesByDay, period: Column.day)
        if let ranking = Self.table(run, ReportedAnalyses.productRanking), !ranking.result.rows.isEmpty {
            let inside = ranking.rows.filter { ranking.integer($0, Column.inFirst80Percent) == 1 }.count
            if inside > 0 { productsFor80Percent = (inside, ranking.rows.count) }
        }
        if let byStore = Self.table(run, ReportedAnalyses.salesByStore) {
            let best = byStore.rows.compactMap { row -> (String, Cents)? in
                guard let city = byStore.text(row, Column.city),
                      let perEmployee = byStore.money(row, Column.revenuePerEmployee) else { return nil }
                return (city, perEmployee)
            }.max { $0.1 < $1.1 }
            bestStorePerEmployee = best.map { (label: $0.0, revenue: $0.1) }
        }
        if let cover = Self.table(run, ReportedAnalyses.stockCover) {
            let shortest = cover.rows.compactMap { row -> (String, Double)? in
                guard let name = cover.text(row, Column.productName),
                      let days = cover.real(row, Column.daysOfStockLeft) else { return nil }
                return (name, days)
            }.min { $0.1 < $1.1 }
            shortestStockCover = shortest.map { (label: $0.0, days: $0.1) }
        }
    }

    // MARK: - Reading results by column name

    /// A result the outputs can use, with lookups by the column names of `ReportedAnalyses.Column`.
    struct Table {
        var result: AnalysisResult
        var rows: Range<Int> { result.rows.indices }

        func text(_ row: Int, _ column: String) -> String? {
            switch result.value(row: row, sqlName: column) {
            case .text(let text): return text
            case .integer(let int): return String(int)
            default: return nil
            }
        }

        func integer(_ row: Int, _ column: String) -> Int64? { result.value(row: row, sqlName: column)?.integer }

        func money(_ row: Int, _ column: String) -> Cents? {
            guard let index = result.columns.firstIndex(where: { $0.sqlName == column }), result.columns[index].isMoney,
                  case .integer(let cents) = result.rows[row][index] else { return nil }
            return Cents(cents)
        }

        func real(_ row: Int, _ column: String) -> Double? {
            switch result.value(row: row, sqlName: column) {
            case .real(let value): return value
            case .integer(let value): return Double(value)
            default: return nil
            }
        }
    }

    /// The result of `analysis` when the outputs can use it (see `ReportedAnalyses.usable`).
    static func table(_ run: AnalysisRun, _ analysis: ReportedAnalysis) -> Table? {
        ReportedAnalyses.usable(analysis, in: run).map(Table.init(result:))
    }

    private static func items(_ run: AnalysisRun, _ analysis: ReportedAnalysis, label: (Table, Int) -> String?) -> [Item] {
        guard let table = table(run, analysis) else { return [] }
        let items = table.rows.compactMap { row -> Item? in
            guard let label = label(table, row), let revenue = table.money(row, ReportedAnalyses.Column.revenue) else { return nil }
            return Item(label: label, revenue: revenue, units: table.integer(row, ReportedAnalyses.Column.units) ?? 0)
        }
        let total = items.reduce(Int64(0)) { $0 + $1.revenue.value }
        return items.map { item in
            var item = item
            item.share = total > 0 ? 100 * Double(item.revenue.value) / Double(total) : nil
            return item
        }
    }

    private static func points(_ run: AnalysisRun, _ analysis: ReportedAnalysis, period: String) -> [Point] {
        guard let table = table(run, analysis) else { return [] }
        return table.rows.compactMap { row in
            guard let label = table.text(row, period), let revenue = table.money(row, ReportedAnalyses.Column.revenue) else { return nil }
            return Point(period: label, revenue: revenue)
        }
    }
}
