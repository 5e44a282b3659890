import Foundation
import Testing
@testable import VentesKit

/// Every analysis of results/analyses.sql on the brief's data, against values computed here
/// from the CSV files with plain Swift.
@Suite struct AnalysesOnBriefDataTests {
    let data: BriefDataFixture
    let run: AnalysisRun

    init() throws {
        data = try BriefDataFixture()
        run = try BriefDataFixture.analyzedDatabase().run
    }

    private func expectEqualDouble(_ value: ResultValue?, _ expected: Double?, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        switch (value, expected) {
        case (.real(let actual)?, let expected?): #expect(abs(actual - expected) < 1e-9, "\(actual) != \(expected)", sourceLocation: sourceLocation)
        case (.integer(let actual)?, let expected?): #expect(Double(actual) == expected, sourceLocation: sourceLocation)
        case (.null?, nil): break
        default: Issue.record("\(String(describing: value)) is not \(String(describing: expected))", sourceLocation: sourceLocation)
        }
    }

    @Test func everyAnalysisSucceeds() {
        #expect(run.failures.isEmpty)
        #expect(run.results.map(\.name) == [
            "total_revenue", "sales_by_product", "sales_by_city", "sales_by_region", "sales_period", "sales_by_month",
            "sales_by_day", "sales_by_store", "product_ranking", "stock_cover", "average_sale", "average_sale_by_store",
            "sales_by_weekday",
        ])
        #expect(run.results.allSatisfy { !$0.question.isEmpty })
    }

    @Test func requiredAnalysesKeepTheirColumns() {
        func columns(_ name: String) -> [String] { run.result(name)?.columns.map(\.sqlName) ?? [] }
        #expect(columns("total_revenue") == ["revenue_cents", "units", "sales_count"])
        #expect(columns("sales_by_product") == ["product_id", "product_name", "units", "revenue_cents"])
        #expect(columns("sales_by_city") == ["city", "units", "revenue_cents"])
        #expect(columns("sales_by_region") == ["region", "units", "revenue_cents"])
    }

    @Test func totalRevenue() {
        let total = data.sales.map(data.revenue).reduce(0, +)
        #expect(total == 526_878)
        #expect(run.rows("total_revenue") == [[
            "revenue": .integer(total), "units": .integer(data.sales.map(\.quantity).reduce(0, +)),
            "sales_count": .integer(Int64(data.sales.count)),
        ]])
    }

    @Test func salesByProductCityAndRegion() {
        func grouped(_ key: (BriefDataFixture.Sale) -> String) -> [(key: String, units: Int64, revenue: Int64)] {
            var units: [String: Int64] = [:], revenue: [String: Int64] = [:]
            for sale in data.sales {
                units[key(sale), default: 0] += sale.quantity
                revenue[key(sale), default: 0] += data.revenue(sale)
            }
            return revenue.keys.map { ($0, units[$0]!, revenue[$0]!) }
                .sorted { $0.revenue != $1.revenue ? $0.revenue > $1.revenue : $0.key < $1.key }
        }
        #expect(run.rows("sales_by_product") == grouped(\.productID).map {
            ["product_id": .text($0.key), "product_name": .text(data.product($0.key).name), "units": .integer($0.units), "revenue": .integer($0.revenue)]
        })
        #expect(run.rows("sales_by_city") == grouped { data.store($0.storeID).city }.map {
            ["city": .text($0.key), "units": .integer($0.units), "revenue": .integer($0.revenue)]
        })
        #expect(run.rows("sales_by_region") == grouped { BriefDataFixture.regionOfCity[data.store($0.storeID).city]! }.map {
            ["region": .text($0.key), "units": .integer($0.units), "revenue": .integer($0.revenue)]
        })
    }

    @Test func salesPeriod() {
        let dates = data.sales.map(\.date).sorted()
        #expect(run.rows("sales_period") == [[
            "first_day": .text(dates.first!), "last_day": .text(dates.last!), "days": .integer(30),
            "days_with_sales": .integer(Int64(Set(dates).count)),
        ]])
    }

    /// Groups sales by `period` and checks sums and the change against the previous period.
    private func checkTrend(_ name: String, column: String, period: (String) -> String) {
        let periods = Set(data.sales.map { period($0.date) }).sorted()
        let rows = run.rows(name)
        #expect(rows.count == periods.count)
        var previous: (units: Int64, revenue: Int64)?
        for (row, key) in zip(rows, periods) {
            let sales = data.sales.filter { period($0.date) == key }
            let units = sales.map(\.quantity).reduce(0, +), revenue = sales.map(data.revenue).reduce(0, +)
            #expect(row[column] == .text(key))
            #expect(row["sales_count"] == .integer(Int64(sales.count)))
            #expect(row["units"] == .integer(units))
            #expect(row["revenue"] == .integer(revenue))
            #expect(row["revenue_change"] == previous.map { .integer(revenue - $0.revenue) } ?? .null)
            #expect(row["units_change"] == previous.map { .integer(units - $0.units) } ?? .null)
            expectEqualDouble(row["revenue_change_pct"], previous.map {
                roundedLikeSQLite(100 * Double(revenue - $0.revenue) / Double($0.revenue), 1)
            })
            previous = (units, revenue)
        }
    }

    @Test func salesByMonthWithChange() {
        checkTrend("sales_by_month", column: "month") { String($0.prefix(7)) }
        // May: 5 sales for 969.79; June: 25 sales for 4298.99, +3329.20.
        #expect(run.rows("sales_by_month").map { $0["revenue"] } == [.integer(96_979), .integer(429_899)])
        #expect(run.rows("sales_by_month").last?["revenue_change"] == .integer(332_920))
    }

    @Test func salesByDayWithChange() {
        checkTrend("sales_by_day", column: "day") { $0 }
    }

    @Test func salesByStore() {
        let total = data.sales.map(data.revenue).reduce(0, +)
        typealias Expected = (store: BriefDataFixture.Store, sales: [BriefDataFixture.Sale], revenue: Int64)
        let unsorted: [Expected] = data.stores.map { store in
            let sales: [BriefDataFixture.Sale] = data.sales.filter { $0.storeID == store.id }
            let revenue: Int64 = sales.map(data.revenue).reduce(0, +)
            return (store, sales, revenue)
        }
        let expected = unsorted.sorted { $0.revenue != $1.revenue ? $0.revenue > $1.revenue : $0.store.id < $1.store.id }
        let rows = run.rows("sales_by_store")
        #expect(rows.count == data.stores.count)
        for (row, (store, sales, revenue)) in zip(rows, expected) {
            #expect(row["store_id"] == .text(store.id))
            #expect(row["city"] == .text(store.city))
            #expect(row["region"] == .text(BriefDataFixture.regionOfCity[store.city]!))
            #expect(row["employees"] == .integer(store.employees))
            #expect(row["sales_count"] == .integer(Int64(sales.count)))
            #expect(row["units"] == .integer(sales.map(\.quantity).reduce(0, +)))
            #expect(row["revenue"] == .integer(revenue))
            #expect(row["revenue_per_employee"] == .integer(roundedDivision(revenue, store.employees)))
            expectEqualDouble(row["revenue_share_pct"], roundedLikeSQLite(100 * Double(revenue) / Double(total), 1))
        }
        // Marseille: 1009.73 with 5 employees is 201.95 per employee (201.946 rounded).
        #expect(rows.first { $0["city"] == .text("Marseille") }?["revenue_per_employee"] == .integer(20_195))
    }

    @Test func productRankingWithCumulativeShare() {
        let total = Double(data.sales.map(data.revenue).reduce(0, +))
        let ranked = data.products.map { product in
            let sales = data.sales.filter { $0.productID == product.id }
            return (product, sales.map(\.quantity).reduce(0, +), sales.map(data.revenue).reduce(0, +))
        }.sorted { $0.2 > $1.2 }
        let rows = run.rows("product_ranking")
        #expect(rows.count == ranked.count)
        var running: Int64 = 0
        for (index, (row, (product, units, revenue))) in zip(rows, ranked).enumerated() {
            let before = running
            running += revenue
            #expect(row["rank"] == .integer(Int64(index + 1)))
            #expect(row["product_id"] == .text(product.id))
            #expect(row["units"] == .integer(units))
            #expect(row["revenue"] == .integer(revenue))
            expectEqualDouble(row["revenue_share_pct"], roundedLikeSQLite(100 * Double(revenue) / total, 1))
            expectEqualDouble(row["cumulative_share_pct"], roundedLikeSQLite(100 * Double(running) / total, 1))
            #expect(row["makes_first_80_pct"] == .integer(Double(before) < 0.8 * total ? 1 : 0))
        }
        // D, E and A make 81.2% of revenue: three products of five.
        #expect(rows.map { $0["makes_first_80_pct"] } == [.integer(1), .integer(1), .integer(1), .integer(0), .integer(0)])
    }

    @Test func stockCover() {
        let days = 30.0
        let rows = run.rows("stock_cover")
        #expect(rows.count == data.products.count)
        for product in data.products {
            let units = data.sales.filter { $0.productID == product.id }.map(\.quantity).reduce(0, +)
            guard let row = rows.first(where: { $0["product_id"] == .text(product.id) }) else {
                Issue.record("no stock_cover row for \(product.id)")
                continue
            }
            #expect(row["stock"] == .integer(product.stock))
            #expect(row["units_sold"] == .integer(units))
            expectEqualDouble(row["units_per_day"], roundedLikeSQLite(Double(units) / days, 2))
            expectEqualDouble(row["days_of_stock_left"], roundedLikeSQLite(Double(product.stock) * days / Double(units), 1))
        }
        // Produit B runs out first: 50 in stock, 27 sold in 30 days, 55.6 days left.
        #expect(rows.first?["product_id"] == .text("REF002"))
    }

    @Test func averageSaleOverallAndByStore() {
        let revenues = data.sales.map(data.revenue)
        let units = data.sales.map(\.quantity).reduce(0, +)
        let overall = run.rows("average_sale")
        #expect(overall.count == 1)
        #expect(overall.first?["sales_count"] == .integer(30))
        #expect(overall.first?["average_sale"] == .integer(roundedDivision(revenues.reduce(0, +), 30)))
        #expect(overall.first?["average_sale"] == .integer(17_563))
        expectEqualDouble(overall.first?["average_units_per_sale"], roundedLikeSQLite(Double(units) / 30, 2))

        let byStore = run.rows("average_sale_by_store")
        #expect(byStore.count == Set(data.sales.map(\.storeID)).count)
        for row in byStore {
            guard case .text(let id)? = row["store_id"] else { Issue.record("no store id"); continue }
            let sales = data.sales.filter { $0.storeID == id }
            #expect(row["sales_count"] == .integer(Int64(sales.count)))
            #expect(row["average_sale"] == .integer(roundedDivision(sales.map(data.revenue).reduce(0, +), Int64(sales.count))))
            expectEqualDouble(row["average_units_per_sale"],
                              roundedLikeSQLite(Double(sales.map(\.quantity).reduce(0, +)) / Double(sales.count), 2))
        }
    }

    @Test func dayOfWeekPattern() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        func mondayFirst(_ date: String) -> Int {
            let parts = date.split(separator: "-").map { Int($0)! }
            let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
            return (calendar.component(.weekday, from: day) + 5) % 7  // Sunday is 1 in Foundation.
        }
        let rows = run.rows("sales_by_weekday")
        let weekdays = Set(data.sales.map { mondayFirst($0.date) }).sorted()
        #expect(rows.count == weekdays.count)
        for (row, weekday) in zip(rows, weekdays) {
            let sales = data.sales.filter { mondayFirst($0.date) == weekday }
            let revenue = sales.map(data.revenue).reduce(0, +)
            #expect(row["weekday_number"] == .integer(Int64(weekday + 1)))
            #expect(row["weekday"] == .text(names[weekday]))
            #expect(row["sales_count"] == .integer(Int64(sales.count)))
            #expect(row["units"] == .integer(sales.map(\.quantity).reduce(0, +)))
            #expect(row["revenue"] == .integer(revenue))
            #expect(row["average_sale"] == .integer(roundedDivision(revenue, Int64(sales.count))))
        }
        // 2023-05-27 was a Saturday.
        #expect(mondayFirst("2023-05-27") == 5)
    }

    @Test func storedRunReadsBackIdentical() throws {
        let (database, run, _) = try BriefDataFixture.analyzedDatabase()
        #expect(try database.analysisRun(id: nil) == run)
        #expect(try database.analysisRun(id: run.id) == run)
    }
}
