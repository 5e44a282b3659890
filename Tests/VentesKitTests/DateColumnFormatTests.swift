import Testing
@testable import VentesKit

@Suite("Date column format") struct DateColumnFormatTests {
    func verdict(_ values: [String]) -> DateColumnSurvey.Verdict {
        var survey = DateColumnSurvey()
        for (index, value) in values.enumerated() { survey.observe(value, line: index + 2) }
        return survey.verdict
    }

    @Test("a day above 12 settles the order; none leaves it ambiguous; both conflict")
    func verdicts() {
        #expect(verdict(["2023-05-27", "2023-06-01T10:00:00"]) == .iso)
        #expect(verdict(["05/06/2023", "27/05/2023"]) == .settled(.dayMonthYear))
        #expect(verdict(["5/6/2023", "5/27/2023 10:30"]) == .settled(.monthDayYear))
        #expect(verdict(["2023-05-27", "05/06/2023", "06/07/2023"]) == .ambiguous(example: "05/06/2023", line: 3))
        #expect(verdict(["27/05/2023", "5/28/2023"])
                == .conflicting(dayFirst: "27/05/2023", dayFirstLine: 2, monthFirst: "5/28/2023", monthFirstLine: 3))
        // Not dates at all: no evidence either way.
        #expect(verdict(["32/13/2023", "abc", "", "1/2/3/4"]) == .iso)
    }

    @Test("slash dates read in the column's order; ISO always reads")
    func parsing() throws {
        #expect(try SaleDate.parse("27/05/2023", format: .dayMonthYear).get().description == "2023-05-27")
        #expect(try SaleDate.parse("5/27/2023", format: .monthDayYear).get().description == "2023-05-27")
        #expect(try SaleDate.parse("05/06/2023", format: .monthDayYear).get().description == "2023-05-06")
        #expect(try SaleDate.parse("2023-05-27 14:30:00", format: .monthDayYear).get().description == "2023-05-27")
        #expect(try SaleDate.parse("2024-02-29T00:00", format: .iso).get().description == "2024-02-29")
        #expect(SaleDate.parse("5/27/2023", format: .dayMonthYear)
                == .failure(DateProblem(description: "5/27/2023 is not a date (read as dd/mm/yyyy)")))
        #expect(SaleDate.parse("2023-02-30") == .failure(DateProblem(description: "2023-02-30 is not a date")))
        #expect(SaleDate.parse("27/05/2023", format: .iso)
                == .failure(DateProblem(description: #"date "27/05/2023" is not in the yyyy-mm-dd format the column was given"#)))
        #expect(SaleDate.parse("123/05/2023", format: .dayMonthYear)
                == .failure(DateProblem(description: #"date "123/05/2023" is not in a known format (yyyy-mm-dd, dd/mm/yyyy or mm/dd/yyyy)"#)))
    }

    @Test("formats are named the way people type them")
    func names() {
        #expect(DateColumnFormat(name: "d/m/yyyy") == .dayMonthYear)
        #expect(DateColumnFormat(name: "MM/DD/YYYY") == .monthDayYear)
        #expect(DateColumnFormat(name: "iso") == .iso)
        #expect(DateColumnFormat(name: "yyyy/mm/dd") == nil)
    }
}
