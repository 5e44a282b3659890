/// An analysis of the analyses file that the outputs know by name.
public struct ReportedAnalysis: Sendable, Equatable {
    /// The query's name in the analyses file (`sales_by_region`).
    public let name: String
    /// The columns the outputs read, as the query names them (`revenue_cents`). Without one of
    /// them the outputs leave the analysis out, as when the query is missing.
    public let columns: [String]
    /// What the outputs build from it, in words ("the revenue by region chart, …"); nil when
    /// they only title its table.
    public let feeds: String?
}

/// The one place that names the analyses and the columns the report, the note, the run summary
/// and run comparisons are built on.
///
/// Every other file reads these names from here. `check(_:)` compares them with a run of the
/// loaded analyses file: a query renamed or removed there, or a column renamed, gives one warning
/// saying what the report leaves out, and the report still renders without it.
public enum ReportedAnalyses {
    /// The columns the outputs read or show in a special way, as the queries name them.
    public enum Column {
        public static let revenue = "revenue_cents"
        public static let units = "units"
        public static let salesCount = "sales_count"
        public static let firstDay = "first_day"
        public static let lastDay = "last_day"
        public static let days = "days"
        public static let averageSale = "average_sale_cents"
        public static let averageUnitsPerSale = "average_units_per_sale"
        public static let productID = "product_id"
        public static let productName = "product_name"
        public static let region = "region"
        public static let storeID = "store_id"
        public static let city = "city"
        public static let revenuePerEmployee = "revenue_per_employee_cents"
        public static let month = "month"
        public static let day = "day"
        public static let inFirst80Percent = "makes_first_80_pct"
        public static let daysOfStockLeft = "days_of_stock_left"
        public static let weekday = "weekday"
        /// Whole numbers shown without a thousands separator (a rank, a weekday number, a year).
        public static let plainNumbers: Set<String> = ["rank", "weekday_number", "run_id", "year"]
        /// Yes/no flags stored as 0 or 1.
        public static let flags: Set<String> = [inFirst80Percent]
    }

    /// The value the queries give a store whose city has no known region.
    public static let unknownRegion = "unknown"

    public static let totalRevenue = ReportedAnalysis(
        name: "total_revenue", columns: [Column.revenue, Column.units, Column.salesCount],
        feeds: "the revenue, units and sales key figures, the note's total, the run's total line and the total change between runs")
    public static let salesPeriod = ReportedAnalysis(
        name: "sales_period", columns: [Column.firstDay, Column.lastDay, Column.days],
        feeds: "the period in the titles, key figures and highlights, and the partial-month warning")
    public static let averageSale = ReportedAnalysis(
        name: "average_sale", columns: [Column.averageSale, Column.averageUnitsPerSale],
        feeds: "the average sale key figure and sentence")
    public static let salesByProduct = ReportedAnalysis(
        name: "sales_by_product", columns: [Column.productID, Column.productName, Column.units, Column.revenue],
        feeds: "the revenue by product chart, the note's product table and the product changes between runs")
    public static let salesByRegion = ReportedAnalysis(
        name: "sales_by_region", columns: [Column.region, Column.units, Column.revenue],
        feeds: "the revenue by region chart, the note's region table and the region changes between runs")
    public static let salesByStore = ReportedAnalysis(
        name: "sales_by_store", columns: [Column.storeID, Column.city, Column.units, Column.revenue, Column.revenuePerEmployee],
        feeds: "the revenue by store chart and the revenue per employee sentence")
    public static let salesByMonth = ReportedAnalysis(
        name: "sales_by_month", columns: [Column.month, Column.revenue], feeds: "the monthly revenue chart")
    public static let salesByDay = ReportedAnalysis(
        name: "sales_by_day", columns: [Column.day, Column.revenue], feeds: "the daily revenue chart")
    public static let productRanking = ReportedAnalysis(
        name: "product_ranking", columns: [Column.inFirst80Percent],
        feeds: "the sentence on the products that make 80% of revenue")
    public static let stockCover = ReportedAnalysis(
        name: "stock_cover", columns: [Column.productName, Column.daysOfStockLeft], feeds: "the stock cover sentence")
    public static let salesByCity = ReportedAnalysis(name: "sales_by_city", columns: [], feeds: nil)
    public static let averageSaleByStore = ReportedAnalysis(name: "average_sale_by_store", columns: [], feeds: nil)
    public static let salesByWeekday = ReportedAnalysis(name: "sales_by_weekday", columns: [], feeds: nil)

    /// Every analysis the outputs know, in the order of the shipped analyses file.
    public static let all: [ReportedAnalysis] = [
        totalRevenue, salesByProduct, salesByCity, salesByRegion, salesPeriod, salesByMonth, salesByDay, salesByStore,
        productRanking, stockCover, averageSale, averageSaleByStore, salesByWeekday,
    ]

    /// The analyses the outputs build figures from.
    public static var relied: [ReportedAnalysis] { all.filter { $0.feeds != nil } }

    /// The result of `analysis` in `run` when the outputs can use it: present, succeeded, with
    /// every column they read; nil otherwise.
    public static func usable(_ analysis: ReportedAnalysis, in run: AnalysisRun) -> AnalysisResult? {
        guard let result = run.result(analysis.name), result.error == nil,
              missingColumns(analysis, in: result).isEmpty else { return nil }
        return result
    }

    static func missingColumns(_ analysis: ReportedAnalysis, in result: AnalysisResult) -> [String] {
        analysis.columns.filter { column in !result.columns.contains { $0.sqlName == column } }
    }
}
